"""Rendered HTML of a broadcast's sheets, kept per version of the broadcast.

Every change to a broadcast or its checklists moves `Broadcast.live_version` (Broadcast.touch),
and every request reads the version with the broadcast, so a key holding it never serves an
outdated sheet, whichever app server holds the entry. The one change that time makes on its own,
a warm-up item turning overdue, ends the entry's life.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from stage.gzipped import SMALLEST, accepts_gzip, gzip_response, pieces_of, spans, spliced

LIFETIME = 24 * 3600  # seconds


def kept_html(
    broadcast,
    name: str,
    render: Callable[[], tuple[str, datetime | None]],
    *vary,
    store=cache,
    moment=None,
):
    """The HTML (or bytes) `render()` returns, with the moment it goes out of date if any, as
    UTF-8, rendered once per version of the broadcast (and `moment`, e.g. the minute of a live
    view) for each language, team time zone and whatever else is in `vary`. One entry per
    those: a new version replaces the old one, so what is kept does not grow with the edits.
    Kept as bytes: a cache hit then costs a copy, not the decoding of a megabyte."""
    key = ":".join(
        map(str, ("html", name, broadcast.pk, get_language(), broadcast.team.time_zone, *vary))
    )
    version = (broadcast.created.timestamp(), broadcast.live_version, moment)
    kept = store.get(key)
    if kept is not None and kept[0] == version:
        return Kept.of(*kept[1:])
    text, stale_at = render()
    html = text.encode() if isinstance(text, str) else text
    # A large page is deflated now, once, for every gzip answer of it (render_around).
    pieces = None
    if len(html) >= SMALLEST:
        pieces = pieces_of(html, CSRF_HOLE.encode(), CSRF_TOKEN_LENGTH)
    seconds = LIFETIME
    if stale_at is not None:
        seconds = min(seconds, (stale_at - timezone.now()).total_seconds())
    if seconds >= 1:
        store.set(key, (version, html, pieces), int(seconds))
    else:
        store.delete(key)
    return Kept.of(html, pieces)


class Kept(bytes):
    """Kept UTF-8 HTML, with its deflated pieces (split at the CSRF holes) when it is large."""

    pieces: tuple[bytes, ...] | None = None

    @classmethod
    def of(cls, html: bytes, pieces) -> "Kept":
        kept = cls(html)
        kept.pieces = pieces
        return kept


KEPT_PART = "<!-- kept part -->"
# Kept HTML holds this in place of each CSRF token, which differs per user and request. It is
# marked safe so it goes out unescaped; escaped user text can never contain it.
CSRF_HOLE = mark_safe("<csrf-token>")


def csrf_input_with(token: str) -> str:
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def render_around(request, template: str, ctx: dict, part: bytes, status=200) -> HttpResponse:
    """`template` rendered with `part` (kept UTF-8 HTML) in place of {{ body }}, joined as bytes:
    a large kept part is neither decoded nor copied through the template engine. The part's
    CSRF placeholders get this request's token."""
    shell = render_to_string(template, {**ctx, "body": mark_safe(KEPT_PART)}, request=request)  # noqa: S308
    head, tail = shell.encode().split(KEPT_PART.encode(), 1)
    token = get_token(request).encode()
    pieces = getattr(part, "pieces", None)
    if pieces and accepts_gzip(request) and len(token) == CSRF_TOKEN_LENGTH:
        return _spliced(head, part, pieces, token, tail, status)
    part = part.replace(CSRF_HOLE.encode(), token)
    return HttpResponse(b"".join((head, part, tail)), status=status)


def _spliced(head, part, pieces, token, tail, status) -> HttpResponse:
    """The gzip answer from the page's pieces deflated when it was kept: the shell and the
    token at each split are deflated now; every other token is a copy the reader makes."""
    chunks = part.split(CSRF_HOLE.encode())
    plain, deflate = [head, chunks[0]], [None, pieces[0]]
    for (start, end), piece in zip(spans(chunks, len(token)), pieces[1:], strict=True):
        plain += [token, token.join(chunks[start:end])]
        deflate += [None, piece]
    response = HttpResponse(status=status)
    gzip_response(response, spliced([*plain, tail], [*deflate, None]))
    return response
