"""Readiness: each letter's manual sign-off. An edit to a letter of a draft clears its
sign-off; on a ready or live show the sign-off stays, marked changed since it was given."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stage.accounts import display_name
from stage.broadcasts import Broadcast, Status
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.versioning import ShowRow


class SignOff(models.Model):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="signoffs")
    letter = models.CharField(max_length=1)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # The first edit to the letter after the sign-off, on a show that stayed ready or live.
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "letter"], name="one_signoff_per_letter")
        ]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")

    def __str__(self):
        return f"{self.broadcast} {self.letter} by {self.user}"


class PlanRow(ShowRow):
    """A row of one of the five checklists. Saving or deleting one is an edit of its letter
    (record_edit). Writes in bulk (reordering, imports, the library's draw) skip save() and
    delete(), so they record their edit themselves."""

    class Meta:
        abstract = True

    @property
    def letter(self) -> str:
        name = type(self).__name__
        return next(c.letter for c in CHECKLIST_BY_LETTER.values() if c.model_name == name)

    def edited(self) -> None:
        record_edit(self.broadcast, self.letter)


def record_edit(broadcast, *letters: str) -> None:
    """After any edit to the letters' rows. A draft's sign-offs go: they no longer hold. A
    ready or live show stays so (a fix minutes before air must not block the start); its
    sign-offs are marked changed, for the operator to see and confirm or sign again."""
    if broadcast.status not in (Status.READY, Status.LIVE):
        withdraw_signoff(broadcast, *letters)
        return
    signoffs = SignOff.objects.filter(broadcast=broadcast, letter__in=letters)
    signoffs.filter(changed_at__isnull=True).update(changed_at=timezone.now())
    broadcast.touch()


def withdraw_signoff(broadcast, *letters: str) -> None:
    """On request, or after an edit to a draft: the letters' sign-offs no longer hold, nor
    does ready."""
    SignOff.objects.filter(broadcast=broadcast, letter__in=letters).delete()
    if broadcast.status == Status.READY:
        broadcast.status = Status.DRAFT
    broadcast.touch(status=broadcast.status)


def sign_off(broadcast, letter: str, user) -> None:
    """Signs a letter off, or signs it again after a change."""
    SignOff.objects.update_or_create(
        broadcast=broadcast,
        letter=letter,
        defaults={"user": user, "at": timezone.now(), "changed_at": None},
    )
    broadcast.touch()


IGNORED_FIELDS = {"version", "position", "id", "broadcast"}


def changes_since(signoff, model, limit: int = 8) -> list[str]:
    """What was added, edited or deleted in a letter since its sign-off, newest first."""
    records = (
        model.history.filter(broadcast_id=signoff.broadcast_id, history_date__gt=signoff.at)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
    return [change_line(record) for record in records]


def change_line(record) -> str:
    who = display_name(record.history_user) if record.history_user else "—"
    values = {"who": who, "row": str(record.instance)}
    if record.history_type == "+":
        return gettext("%(who)s added “%(row)s”") % values
    if record.history_type == "-":
        return gettext("%(who)s deleted “%(row)s”") % values
    previous = record.prev_record
    if previous is None:  # made without history (an import): what it was is not known
        return gettext("%(who)s changed “%(row)s”") % values
    names = record.diff_against(previous).changed_fields
    fields = [
        str(record.instance._meta.get_field(name).verbose_name)
        for name in names
        if name not in IGNORED_FIELDS
    ]
    if not fields:
        return gettext("%(who)s moved “%(row)s”") % values
    values["fields"] = ", ".join(fields)
    return gettext("%(who)s changed “%(row)s”: %(fields)s") % values
