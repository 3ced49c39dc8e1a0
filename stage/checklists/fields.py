"""Field helpers shared by the checklists: exact money, percentages, counts."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

ZERO = Decimal("0")
# Upper bounds: beyond them a value is a typing slip, and dates and pages could not be drawn.
AT_MOST_A_BILLION = MaxValueValidator(10**9, _("At most 1,000,000,000."))
WITHIN_A_DAY = MaxValueValidator(24 * 60, _("At most 24 hours (1,440 minutes)."))


def percent_field(label):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=ZERO,
        validators=[
            MinValueValidator(ZERO, _("A percentage is between 0 and 100.")),
            MaxValueValidator(Decimal("100"), _("A percentage is between 0 and 100.")),
        ],
    )


def money_field(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(ZERO, _("Amounts cannot be negative."))],
        **kwargs,
    )


def count_field(label, **kwargs):
    return models.IntegerField(
        label,
        validators=[MinValueValidator(0, _("Cannot be negative.")), AT_MOST_A_BILLION],
        **kwargs,
    )


class Verdict(models.TextChoices):
    """What the review (复盘) decided about a segment or product for the next show."""

    KEEP = "keep", _("Keep")
    CHANGE = "change", _("Change")
    MOVE = "move", _("Move")
    CUT = "cut", _("Cut")


def verdict_field():
    return models.CharField(_("verdict"), max_length=10, choices=Verdict, blank=True)
