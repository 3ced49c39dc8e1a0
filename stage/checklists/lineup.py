"""S — Product lineup: the cart, its prices, stock and roles."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast
from stage.checklists.fields import AT_MOST_A_BILLION, count_field, money_field, verdict_field
from stage.checklists.signoff import PlanRow
from stage.checklists.timing import Segment


class ProductRole(models.TextChoices):
    TRAFFIC = "traffic", _("Traffic driver")
    WELFARE = "welfare", _("Welfare")
    PROFIT = "profit", _("Profit")
    IMAGE = "image", _("Image / premium")
    HERO = "hero", _("Hero")
    FAN = "fan", _("Fan-exclusive")


class ProductAudience(models.TextChoices):
    NEW = "new", _("New fans")
    OLD = "old", _("Old fans")
    ALL = "all", _("All")


class Product(PlanRow):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="products")
    position = models.PositiveIntegerField(default=0)
    link_number = models.IntegerField(
        _("link no."),
        validators=[MinValueValidator(1, _("Cart links start at 1.")), AT_MOST_A_BILLION],
        help_text=_("Position in the shopping cart (小黄车)."),
    )
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=10, choices=ProductRole, default=ProductRole.PROFIT
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=ProductAudience, default=ProductAudience.ALL
    )
    list_price = money_field(_("list price"))
    live_price = money_field(_("live price"))
    unit_cost = money_field(_("unit cost"), null=True, blank=True)
    stock = count_field(_("stock"), default=0)
    per_buyer_limit = models.IntegerField(
        _("limit per buyer"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("A limit is at least 1.")), AT_MOST_A_BILLION],
    )
    planned_units = count_field(_("planned units"), default=0)
    release_units = models.IntegerField(
        _("units per showing"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("A release is at least 1 unit.")), AT_MOST_A_BILLION],
        help_text=_("Units the control room releases each time a segment shows it."),
    )
    selling_points = models.TextField(
        _("selling points"), blank=True, max_length=2_000, help_text=_("1–3 short lines.")
    )
    catalogue_item = models.ForeignKey(
        "stage.CatalogueItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("library product"),
    )
    # After the show: what it sold, from the platform's per-product data.
    actual_units = count_field(_("units sold"), null=True, blank=True)
    actual_gmv = money_field(_("actual GMV"), null=True, blank=True)
    actual_refunds = money_field(_("refunds"), null=True, blank=True)
    verdict = verdict_field()
    conclusion = models.CharField(_("conclusion"), max_length=500, blank=True)
    carried = models.CharField(_("from the last review"), max_length=600, blank=True)
    segments = models.ManyToManyField(
        Segment, blank=True, related_name="products", verbose_name=_("shown in segments")
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            # Hosts call products by link number: two on one link is an on-air error.
            models.UniqueConstraint(
                fields=["broadcast", "link_number"],
                name="one_product_per_link",
                violation_error_message=_("Another product of this show is on this link."),
            )
        ]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return f"#{self.link_number} {self.name}"

    @property
    def discount_pct(self) -> Decimal | None:
        """1 − live / list, in percent with one decimal: 299 → 159 is 46.8."""
        if not self.list_price:
            return None
        return ((1 - self.live_price / self.list_price) * 100).quantize(Decimal("0.1"))

    @property
    def discount_label(self) -> str:
        return discount_text(self.discount_pct)

    @property
    def margin_pct(self) -> Decimal | None:
        if self.unit_cost is None or not self.live_price:
            return None
        return ((self.live_price - self.unit_cost) / self.live_price * 100).quantize(Decimal("0.1"))

    @property
    def planned_sales(self) -> Decimal:
        return self.live_price * self.planned_units

    @property
    def selling_point_lines(self) -> list[str]:
        return [line.strip() for line in self.selling_points.splitlines() if line.strip()]


def discount_label(listed: Decimal | None, price: Decimal | None) -> str:
    """The discount from a list price to a price, as the reader's market writes it."""
    if not listed or price is None:
        return ""
    return discount_text(((1 - price / listed) * 100).quantize(Decimal("0.1")))


def discount_text(percent_off: Decimal | None) -> str:
    """1.1折 in Chinese, "89% off" in English (from 88.9% off); "" when there is none."""
    if percent_off is None or percent_off <= 0:
        return ""
    if in_chinese():
        tenths = ((100 - percent_off) / 10).quantize(Decimal("0.1"))
        return f"{max(tenths, Decimal('0.1')).normalize():f}折"
    return gettext("%(pct)s%% off") % {"pct": percent_off.quantize(Decimal("1"))}


def in_chinese() -> bool:
    return (get_language() or "").startswith("zh")


def link_label(number: int) -> str:
    """A cart link as hosts say it: 1号链接, "Link 1"."""
    return gettext("Link %(n)s") % {"n": number}
