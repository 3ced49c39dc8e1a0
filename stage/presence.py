"""Who is on a broadcast now, on which page, editing which row: one row per person and page,
refreshed by the page's pulse (stage/views/together.py) and fading when the pulses stop. Kept
in the database, so every app server sees everyone."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast

# Someone whose page has not pulsed for this long has left; a pulse rewrites the row at most
# this often unless the page or the row being edited changed.
FADE = timedelta(seconds=25)
REFRESH = timedelta(seconds=5)

PAGES = {
    "hub": _("Overview"),
    "T": _("Timing script"),
    "A": _("Ad-spend plan"),
    "S": _("Product lineup"),
    "G": _("Giveaways"),
    "E": _("Warm-up content"),
    "run-sheet": _("Run-sheet"),
    "review": _("Review"),
    "comments": _("Comments"),
}


class Presence(models.Model):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    page = models.CharField(max_length=10)
    # A row's id on that page; 0 is the hub's details card (static/js/together.js).
    editing = models.PositiveIntegerField(null=True)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "user", "page"], name="one_presence")
        ]
        indexes = [models.Index(fields=["broadcast", "seen_at"])]

    def __str__(self):
        return f"{self.user} on {self.broadcast_id} {self.page}"

    @property
    def page_name(self) -> str:
        return PAGES.get(self.page, self.page)


def here_now(broadcast, now) -> list[Presence]:
    """Everyone on the broadcast now, with their names, in one query."""
    recent = Presence.objects.filter(broadcast=broadcast, seen_at__gte=now - FADE)
    return list(recent.select_related("user").order_by("user__first_name", "user_id", "page"))


def record(broadcast, user, page: str, editing: int | None, now, present: list[Presence]):
    """The person is on `page`, editing `editing`: written only when that changed or the last
    write is about to fade, so a page left open costs a read per pulse, not a write."""
    mine = next((p for p in present if p.user_id == user.pk and p.page == page), None)
    if mine and mine.editing == editing and mine.seen_at >= now - REFRESH:
        return
    Presence.objects.bulk_create(
        [Presence(broadcast=broadcast, user=user, page=page, editing=editing, seen_at=now)],
        update_conflicts=True,
        unique_fields=["broadcast", "user", "page"],
        update_fields=["editing", "seen_at"],
    )
    if mine is None:  # arriving: the long-gone go
        Presence.objects.filter(seen_at__lt=now - timedelta(hours=1)).delete()


def leave(broadcast, user, page: str) -> None:
    Presence.objects.filter(broadcast=broadcast, user=user, page=page).delete()
