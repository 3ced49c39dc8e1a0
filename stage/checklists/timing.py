"""T — Timing script: the ordered segments of the show."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast
from stage.checklists.fields import WITHIN_A_DAY, count_field, money_field, verdict_field
from stage.checklists.signoff import PlanRow


class SegmentKind(models.TextChoices):
    WARMUP = "warmup", _("Warm-up")
    TRAFFIC = "traffic", _("Traffic driver")
    HERO = "hero", _("Hero product")
    PROFIT = "profit", _("Profit items")
    FLASH = "flash", _("Flash sale")
    INTERACTION = "interaction", _("Interaction / lottery")
    FAN = "fan", _("Fan perks")
    QA = "qa", _("Q&A")
    RERUN = "rerun", _("Re-run")
    CLOSING = "closing", _("Closing + preview")


class Segment(PlanRow):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SegmentKind, default=SegmentKind.HERO)
    minutes = models.IntegerField(
        _("length (minutes)"),
        validators=[MinValueValidator(1, _("A segment lasts at least one minute.")), WITHIN_A_DAY],
    )
    hard_start = models.TimeField(
        _("hard start"), null=True, blank=True, help_text=_("A fixed clock time, e.g. 20:00.")
    )
    host_lines = models.TextField(_("host lines"), blank=True, max_length=10_000)
    cues = models.TextField(_("control-room cues"), blank=True, max_length=5_000)
    notes = models.TextField(_("notes"), blank=True, max_length=5_000)
    # On air: when the operator started and ended it; after the show, what it sold.
    actual_start = models.DateTimeField(_("actual start"), null=True, blank=True)
    actual_end = models.DateTimeField(_("actual end"), null=True, blank=True)
    actual_gmv = money_field(_("actual GMV"), null=True, blank=True)
    actual_orders = count_field(_("actual orders"), null=True, blank=True)
    actual_uv = count_field(_("actual UV"), null=True, blank=True)
    actual_new_followers = count_field(_("actual new followers"), null=True, blank=True)
    # The review's conclusion on it, and the one carried here from the show this was planned from.
    verdict = verdict_field()
    conclusion = models.CharField(_("conclusion"), max_length=500, blank=True)
    carried = models.CharField(_("from the last review"), max_length=600, blank=True)

    # Set by the plan loader: minutes from the show's start, and the gap to the row before.
    start_offset: int = 0
    gap: int | None = None

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1), name="segment_minutes_positive"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def played(self) -> bool:
        """Started in a show that is on air (done or running): kept as it runs, not edited,
        moved or deleted until the show is over."""
        return self.actual_start is not None and self.broadcast.status == "live"

    @property
    def end_offset(self) -> int:
        return self.start_offset + self.minutes
