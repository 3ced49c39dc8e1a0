"""G — Giveaways: the perks that keep viewers in the room, and when each fires."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast
from stage.checklists.fields import AT_MOST_A_BILLION, WITHIN_A_DAY, ZERO, money_field
from stage.checklists.lineup import Product, in_chinese
from stage.checklists.signoff import PlanRow
from stage.checklists.timing import Segment


class GiveawayKind(models.TextChoices):
    LUCKY_BAG = "lucky_bag", _("Lucky bag")
    COUPON = "coupon", _("Coupon")
    RED_PACKET = "red_packet", _("Red packet")
    FLASH_SALE = "flash_sale", _("Flash sale")
    LOTTERY = "lottery", _("Lottery")
    FAN_CLUB = "fan_club", _("Fan-club perk")


class EntryRule(models.TextChoices):
    NONE = "none", _("Anyone watching")
    KEYWORD = "keyword", _("Comment keyword")
    FOLLOW = "follow", _("Follow the account")
    FAN_CLUB = "fan_club", _("Fan club only")
    WATCH = "watch", _("Minimum watch minutes")


class Giveaway(PlanRow):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="giveaways")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(
        _("kind"), max_length=12, choices=GiveawayKind, default=GiveawayKind.LUCKY_BAG
    )
    segment = models.ForeignKey(
        Segment,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="giveaways",
        verbose_name=_("in segment"),
    )
    at_minute = models.IntegerField(
        _("or minutes from start"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(0, _("Minutes from the start cannot be negative.")),
            WITHIN_A_DAY,
        ],
    )
    entry_rule = models.CharField(
        _("entry rule"), max_length=10, choices=EntryRule, default=EntryRule.NONE
    )
    entry_detail = models.CharField(_("keyword / minutes"), max_length=100, blank=True)
    quantity = models.IntegerField(
        _("winners / quantity"),
        default=1,
        validators=[MinValueValidator(1, _("At least one winner or item.")), AT_MOST_A_BILLION],
    )
    prize_product = models.ForeignKey(
        Product,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="giveaways",
        verbose_name=_("prize from the lineup"),
    )
    prize = models.CharField(_("or prize"), max_length=200, blank=True)
    unit_value = money_field(_("unit value"), default=ZERO)
    countdown_minutes = models.IntegerField(
        _("countdown / duration (min)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("A countdown lasts at least one minute.")),
            WITHIN_A_DAY,
        ],
    )
    flash_price = money_field(
        _("flash price"),
        null=True,
        blank=True,
        help_text=_("A flash sale's price for its product; winners / quantity are its units."),
    )
    coupon_threshold = money_field(_("coupon threshold"), null=True, blank=True)
    coupon_discount = money_field(_("coupon discount"), null=True, blank=True)
    per_person_limit = models.IntegerField(
        _("limit per person"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("A limit is at least 1.")), AT_MOST_A_BILLION],
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("giveaway")
        verbose_name_plural = _("giveaways")

    def __str__(self):
        return f"{self.get_kind_display()} {self.prize_label}"

    @property
    def prize_label(self) -> str:
        return self.prize_product.name if self.prize_product_id else self.prize

    @property
    def cost(self) -> Decimal:
        """What it costs if all are given: a coupon costs its discount, a flash sale what it
        takes off its product's live price, others their value."""
        if self.kind == GiveawayKind.COUPON:
            each = self.coupon_discount
        elif self.flash_markdown is not None:
            each = self.flash_markdown
        else:
            each = self.unit_value
        return (each or ZERO) * self.quantity

    @property
    def flash_markdown(self) -> Decimal | None:
        """Live price − flash price, for a flash sale of a lineup product."""
        if self.kind != GiveawayKind.FLASH_SALE or self.flash_price is None:
            return None
        if self.prize_product is None:
            return None
        return max(self.prize_product.live_price - self.flash_price, ZERO)

    @property
    def terms(self) -> str:
        """The deal as a host says it: 满150减10, flash price ¥149 (empty when there is none)."""
        symbol = self.broadcast.currency_symbol
        if self.kind == GiveawayKind.COUPON and self.coupon_discount is not None:
            threshold, discount = self.coupon_threshold, self.coupon_discount
            if in_chinese():  # 满150减10: how every coupon is written, without the symbol
                return f"满{said_amount(threshold)}减{said_amount(discount)}"
            return gettext("spend %(threshold)s save %(discount)s") % {
                "threshold": said_amount(threshold, symbol),
                "discount": said_amount(discount, symbol),
            }
        if self.kind == GiveawayKind.FLASH_SALE and self.flash_price is not None:
            return gettext("flash price %(price)s") % {
                "price": said_amount(self.flash_price, symbol)
            }
        return ""

    @property
    def fires_at(self) -> int | None:
        """Minutes from the show's start; a segment's start when tied to one (set by the plan)."""
        if self.segment_id and self.segment is not None:
            return self.segment.start_offset
        return self.at_minute


def said_amount(value: Decimal | None, symbol: str = "") -> str:
    """A price as it is said, without needless zeros: ¥150, ¥9.9."""
    return "" if value is None else f"{symbol}{value.normalize():f}"
