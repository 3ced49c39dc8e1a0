"""A — Ad-spend plan: budget, tool, audience mix, and the budget's time slots."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast
from stage.checklists.fields import ZERO, money_field, percent_field
from stage.checklists.signoff import PlanRow


class AdTool(models.TextChoices):
    JINNIU = "jinniu", _("磁力金牛 (Kuaishou)")
    QIANCHUAN = "qianchuan", _("巨量千川 (Douyin)")
    OTHER = "other", _("Other")


class AdObjective(models.TextChoices):
    ROOM = "room", _("Room traffic")
    PRODUCT = "product", _("Product promotion")


class AudienceGroup(models.TextChoices):
    OLD = "old", _("Old fans")
    NEW = "new", _("New organic")
    PAID = "paid", _("Paid")
    ALL = "all", _("All")


class AdPlan(PlanRow):
    letter = "A"  # the plan above the time slots of A
    broadcast = models.OneToOneField(Broadcast, models.CASCADE, related_name="ad_plan")
    budget = money_field(_("ad budget"), default=ZERO)
    tool = models.CharField(_("tool"), max_length=20, choices=AdTool, default=AdTool.JINNIU)
    objective = models.CharField(
        _("objective"), max_length=20, choices=AdObjective, default=AdObjective.ROOM
    )
    target_roi = models.DecimalField(
        _("target ROI"),
        max_digits=6,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO, _("ROI cannot be negative."))],
    )
    # The GMV planner's assumptions, used for the UV needed.
    conversion_pct = percent_field(_("conversion %"))
    aov = money_field(_("average order value"), default=ZERO)
    mix_old = percent_field(_("old fans %"))
    mix_new = percent_field(_("new organic %"))
    mix_paid = percent_field(_("paid %"))

    class Meta:
        verbose_name = _("ad-spend plan")
        verbose_name_plural = _("ad-spend plans")

    def __str__(self):
        return f"{self.broadcast} ad plan"

    @property
    def mix_total(self) -> Decimal:
        return self.mix_old + self.mix_new + self.mix_paid

    @property
    def expected_ad_gmv(self) -> Decimal:
        return (self.budget * self.target_roi).quantize(Decimal("0.01"))

    def target_by_audience(self, target: Decimal) -> list[tuple[str, Decimal, Decimal]]:
        """The GMV target split by audience mix: (label, percent, amount)."""
        return [
            (label, pct, (target * pct / 100).quantize(Decimal("0.01")))
            for label, pct in [
                (AudienceGroup.OLD.label, self.mix_old),
                (AudienceGroup.NEW.label, self.mix_new),
                (AudienceGroup.PAID.label, self.mix_paid),
            ]
        ]


class AdSlot(PlanRow):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="ad_slots")
    position = models.PositiveIntegerField(default=0)
    # Minutes from the show's start; negative for paid warm-up before it.
    start_offset = models.IntegerField(_("start"))
    end_offset = models.IntegerField(_("end"))
    share = percent_field(_("share of budget %"))
    emphasis = models.CharField(
        _("audience emphasis"), max_length=10, choices=AudienceGroup, default=AudienceGroup.ALL
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    # After the show: what the slot really spent and the GMV the platform credits to its ads.
    actual_spend = money_field(_("actual spend"), null=True, blank=True)
    actual_gmv = money_field(_("actual ad GMV"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("ad slot")
        verbose_name_plural = _("ad slots")

    def __str__(self):
        return f"{self.start_offset}–{self.end_offset} ({self.share}%)"

    def amount(self, budget: Decimal) -> Decimal:
        return (budget * self.share / 100).quantize(Decimal("0.01"))
