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
    # A large page is deflated now, once, for every gzip answer of it (kept_page).
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


# Kept HTML holds this in place of each CSRF token, which differs per user and request. It is
# marked safe so it goes out unescaped; escaped user text can never contain it.
CSRF_HOLE = mark_safe("<csrf-token>")
KEPT_PART = "<!-- kept part -->"
SHELL = "kept_page_shell"  # in the context: {% keep %} leaves KEPT_PART for the kept bytes


def kept_page(
    request,
    broadcast,
    template: str,
    ctx: dict,
    part_ctx: Callable[[], tuple[dict, datetime | None]],
    *vary,
    part: str = "page",
) -> HttpResponse:
    """`template` for this request. What its {% keep %} holds, the partial `part`, is rendered
    from `ctx` and part_ctx() (its own context and the moment it goes out of date) once per
    version of the broadcast and `vary` (kept_html), with a placeholder for each CSRF token;
    the rest of the page, and this request's token, are added around it as bytes, so a large
    kept part is neither decoded nor copied through the template engine."""

    def render():
        more, stale_at = part_ctx()
        html = render_to_string(
            f"{template}#{part}", {**ctx, **more, "csrf_token": CSRF_HOLE}, request=request
        )
        return html, stale_at

    kept = kept_html(broadcast, f"{template}#{part}", render, *vary)
    shell = render_to_string(template, {**ctx, SHELL: True}, request=request)
    head, tail = shell.encode().split(KEPT_PART.encode(), 1)
    token = get_token(request).encode()
    pieces = getattr(kept, "pieces", None)
    if pieces and accepts_gzip(request) and len(token) == CSRF_TOKEN_LENGTH:
        return _spliced(head, kept, pieces, token, tail)
    return HttpResponse(b"".join((head, kept.replace(CSRF_HOLE.encode(), token), tail)))


def kept_part(request, broadcast, name: str, render, *vary, store=cache, moment=None) -> bytes:
    """A partial kept like a page's (kept_html), with this request's CSRF token in it."""
    kept = kept_html(broadcast, name, render, *vary, store=store, moment=moment)
    return kept.replace(CSRF_HOLE.encode(), get_token(request).encode())


def _spliced(head, part, pieces, token, tail) -> HttpResponse:
    """The gzip answer from the page's pieces deflated when it was kept: the shell and the
    token at each split are deflated now; every other token is a copy the reader makes."""
    chunks = part.split(CSRF_HOLE.encode())
    plain, deflate = [head, chunks[0]], [None, pieces[0]]
    for (start, end), piece in zip(spans(chunks, len(token)), pieces[1:], strict=True):
        plain += [token, token.join(chunks[start:end])]
        deflate += [None, piece]
    response = HttpResponse()
    gzip_response(response, spliced([*plain, tail], [*deflate, None]))
    return response
