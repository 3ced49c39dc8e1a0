"""The team's product library: the catalogue lineups draw from, and each product's record
across the shows it was in (times shown, units sold, GMV, sell-through)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stage.checklists.fields import count_field, money_field
from stage.checklists.lineup import Product
from stage.teams import Team


class CatalogueItem(models.Model):
    team = models.ForeignKey(Team, models.CASCADE, related_name="catalogue")
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    name = models.CharField(_("name"), max_length=200)
    spec = models.CharField(_("spec"), max_length=100, blank=True, help_text=_("e.g. 30ml, 6 瓶装"))
    list_price = money_field(_("list price"))
    unit_cost = money_field(_("unit cost"), null=True, blank=True)
    stock = count_field(_("stock"), default=0)
    selling_points = models.TextField(_("selling points"), blank=True, max_length=2_000)
    image_url = models.URLField(_("image link"), blank=True, max_length=500)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("library product")
        verbose_name_plural = _("product library")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "sku"],
                condition=~Q(sku=""),
                name="one_library_product_per_sku",
                violation_error_message=_("The library already has a product with this SKU."),
            )
        ]

    def __str__(self):
        return f"{self.name} {self.spec}".strip()


@dataclass
class Record:
    """A library product across the team's shows."""

    shows: int = 0
    planned_units: int = 0
    units_sold: int = 0
    gmv: Decimal = Decimal("0")
    stock_offered: int = 0  # the stock of the lineups that report units sold

    @property
    def sell_through(self) -> Decimal | None:
        if not self.stock_offered:
            return None
        return (Decimal(self.units_sold) * 100 / self.stock_offered).quantize(Decimal("0.1"))


def records(team, items) -> dict[int, Record]:
    """Item pk -> its record, from the lineups that drew it from the library or share its SKU;
    one query whatever the number of items and shows."""
    by_sku = {item.sku: item.pk for item in items if item.sku}
    found = {item.pk: Record() for item in items}
    rows = Product.objects.filter(
        Q(catalogue_item__in=[i.pk for i in items]) | Q(sku__in=list(by_sku)),
        broadcast__team=team,
        broadcast__deleted_at__isnull=True,
    ).values_list(
        "catalogue_item_id", "sku", "planned_units", "actual_units", "actual_gmv", "stock"
    )
    for item_id, sku, planned, sold, gmv, stock in rows:
        record = found.get(item_id) or found.get(by_sku.get(sku))
        if record is None:
            continue
        record.shows += 1
        record.planned_units += planned
        if sold is not None:
            record.units_sold += sold
            record.stock_offered += stock
        record.gmv += gmv or 0
    return found
