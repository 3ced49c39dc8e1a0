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
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

LIFETIME = 24 * 3600  # seconds


def kept_html(
    broadcast, name: str, render: Callable[[], tuple[str, datetime | None]], *vary, store=cache
):
    """The HTML (or bytes) `render()` returns, with the moment it goes out of date if any, as
    UTF-8, rendered once per version of the broadcast, language, team time zone and whatever
    else is in `vary`. Kept as bytes: a cache hit then costs a copy, not the decoding of a
    megabyte."""
    parts = ("html", name, broadcast.pk, broadcast.created.timestamp(), broadcast.live_version)
    key = ":".join(map(str, (*parts, get_language(), broadcast.team.time_zone, *vary)))
    html = store.get(key)
    if html is None:
        text, stale_at = render()
        html = text.encode() if isinstance(text, str) else text
        seconds = LIFETIME
        if stale_at is not None:
            seconds = min(seconds, (stale_at - timezone.now()).total_seconds())
        if seconds >= 1:
            store.set(key, html, int(seconds))
    return html


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
    part = part.replace(CSRF_HOLE.encode(), get_token(request).encode())
    return HttpResponse(b"".join((head, part, tail)), status=status)
