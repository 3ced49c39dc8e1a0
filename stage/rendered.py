"""Rendered HTML of a broadcast's sheets, kept per version of the broadcast.

Every change to a broadcast or its checklists moves `Broadcast.live_version` (Broadcast.touch),
and every request reads the version with the broadcast, so a key holding it never serves an
outdated sheet, whichever app server holds the entry. The one change that time makes on its own,
a warm-up item turning overdue, ends the entry's life.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

LIFETIME = 24 * 3600  # seconds


def cached_html(broadcast, name: str, render: Callable[[], tuple[str, datetime | None]], *vary):
    """The HTML `render()` returns (with the moment it goes out of date, if any), rendered once
    per version of the broadcast, language, team time zone and whatever else is in `vary`."""
    parts = ("html", name, broadcast.pk, broadcast.created.timestamp(), broadcast.live_version)
    key = ":".join(map(str, (*parts, get_language(), broadcast.team.time_zone, *vary)))
    html = cache.get(key)
    if html is None:
        html, stale_at = render()
        seconds = LIFETIME
        if stale_at is not None:
            seconds = min(seconds, (stale_at - timezone.now()).total_seconds())
        if seconds >= 1:
            cache.set(key, html, int(seconds))
    return html
