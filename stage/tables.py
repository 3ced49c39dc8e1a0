"""The run-sheet's tables: the appendix (lineup, giveaways, ad plan, warm-up) as printed and as
spreadsheets carry it. Columns marked `paper=False` are for spreadsheets only: together they carry
the whole plan, so STAGE's own XLSX imports back into the same show."""

from dataclasses import dataclass, replace

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from stage.checklists.adspend import AdPlan

# Column kinds tell exporters how to format a value; the value itself stays exact.
TEXT, MONEY, PCT, INT = "text", "money", "pct", "int"
DISCOUNT = "discount"  # percent off, shown as the market writes it: 47% off, 5.3折


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT
    width: int = 12  # characters, for spreadsheets
    figure: bool = False  # the team's own money (budget, cost, target): not for crew links
    paper: bool = True  # printed; False: in spreadsheets only


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[tuple]
    facts: tuple = ()  # (label, value) pairs a spreadsheet writes above the table

    @property
    def cells(self) -> list[list[tuple[object, str]]]:
        """Each row as (value, column kind) pairs, for templates."""
        kinds = [c.kind for c in self.columns]
        return [list(zip(row, kinds, strict=True)) for row in self.rows]

    @property
    def printed(self) -> "Table":
        return self.keeping(lambda c: c.paper)

    def keeping(self, keep) -> "Table":
        index = [i for i, c in enumerate(self.columns) if keep(c)]
        columns = [self.columns[i] for i in index]
        return replace(self, columns=columns, rows=[tuple(r[i] for i in index) for r in self.rows])


def without_figures(table: Table) -> Table:
    return replace(table.keeping(lambda c: not c.figure), facts=())


def appendix(plan, at) -> list[Table]:
    number = {s.pk: i for i, s in enumerate(plan.segments, start=1)}
    link = {p.pk: p.link_number for p in plan.products}
    lineup = Table(
        "lineup",
        _("Product lineup"),
        [
            Column(_("Link"), INT, 6),
            Column(_("Product"), TEXT, 24),
            Column(_("Role"), TEXT, 14),
            Column(_("List price"), MONEY, 11),
            Column(_("Live price"), MONEY, 11),
            Column(_("Discount"), DISCOUNT, 9),
            Column(_("Stock"), INT, 8),
            Column(_("Planned"), INT, 8),
            Column(_("Per showing"), INT, 9),
            Column(_("Planned sales"), MONEY, 14, figure=True),
            Column(_("Shown at"), TEXT, 20),
            Column(_("SKU"), TEXT, 12, paper=False),
            Column(_("Audience"), TEXT, 10, paper=False),
            Column(_("Unit cost"), MONEY, 11, figure=True, paper=False),
            Column(_("Limit per buyer"), INT, 9, paper=False),
            Column(_("Selling points"), TEXT, 30, paper=False),
        ],
        [
            (
                p.link_number,
                p.name,
                p.get_role_display(),
                p.list_price,
                p.live_price,
                p.discount_pct,
                p.stock,
                p.planned_units,
                p.release_units,
                p.planned_sales,
                " ".join(at(s.start_offset) for s in p.shown_in),
                p.sku,
                p.get_audience_display(),
                p.unit_cost,
                p.per_buyer_limit,
                p.selling_points,
            )
            for p in plan.products
        ],
    )
    giveaways = Table(
        "giveaways",
        _("Giveaways"),
        [
            Column(_("At"), TEXT, 7),
            Column(_("Kind"), TEXT, 12),
            Column(_("Prize"), TEXT, 22),
            Column(_("Deal"), TEXT, 16),
            Column(_("Quantity"), INT, 9),
            Column(_("Entry rule"), TEXT, 22),
            Column(_("Unit value"), MONEY, 11, figure=True),
            Column(_("Cost"), MONEY, 12, figure=True),
            Column(_("Segment"), INT, 8, paper=False),
            Column(_("Prize link"), INT, 8, paper=False),
            Column(capfirst(_("keyword / minutes")), TEXT, 14, paper=False),
            Column(capfirst(_("countdown / duration (min)")), INT, 10, paper=False),
            Column(capfirst(_("coupon threshold")), MONEY, 10, paper=False),
            Column(capfirst(_("coupon discount")), MONEY, 10, paper=False),
            Column(capfirst(_("limit per person")), INT, 9, paper=False),
            Column(capfirst(_("flash price")), MONEY, 10, paper=False),
        ],
        [
            (
                at(g.fires_at),
                g.get_kind_display(),
                g.prize_label,
                g.terms,
                g.quantity,
                g.get_entry_rule_display() + (f": {g.entry_detail}" if g.entry_detail else ""),
                g.unit_value,
                g.cost,
                number.get(g.segment_id),
                link.get(g.prize_product_id),
                g.entry_detail,
                g.countdown_minutes,
                g.coupon_threshold,
                g.coupon_discount,
                g.per_person_limit,
                g.flash_price,
            )
            for g in sorted(plan.giveaways, key=lambda g: (g.fires_at is None, g.fires_at or 0))
        ],
    )
    ad_plan = plan.ad_plan
    ad_slots = Table(
        "ad_plan",
        _("Ad-spend plan"),
        [
            Column(_("Start"), TEXT, 7),
            Column(_("End"), TEXT, 7),
            Column(_("Share of budget"), PCT, 10),
            Column(_("Budget"), MONEY, 12, figure=True),
            Column(_("Audience emphasis"), TEXT, 14),
            Column(_("Note"), TEXT, 30),
        ],
        [
            (
                at(s.start_offset),
                at(s.end_offset),
                s.share,
                s.money,
                s.get_emphasis_display(),
                s.note,
            )
            for s in plan.ad_slots
        ],
        facts=ad_plan_facts(ad_plan) if ad_plan.pk else (),
    )
    warmup = Table(
        "warmup",
        _("Warm-up calendar"),
        [
            Column(_("Publish"), TEXT, 16),
            Column(_("When"), TEXT, 12),
            Column(_("Channel"), TEXT, 14),
            Column(_("Title"), TEXT, 30),
            Column(_("Owner"), TEXT, 12),
            Column(_("Status"), TEXT, 10),
            Column(_("Reservations"), INT, 12),
            Column(_("Link"), TEXT, 24, paper=False),
        ],
        [
            (
                date_format(item.publish_at, "SHORT_DATE_FORMAT")
                + item.publish_at.strftime(" %H:%M"),
                item.offset_label,
                item.get_channel_display(),
                item.title,
                item.owner,
                item.get_status_display(),
                item.expected_reservations,
                item.link,
            )
            for _day, items in plan.warmup_calendar
            for item in items
        ],
    )
    return [lineup, giveaways, ad_slots, warmup]


AD_PLAN_FACTS = ["budget", "tool", "objective", "target_roi", "conversion_pct", "aov"]
AD_PLAN_FACTS += ["mix_old", "mix_new", "mix_paid"]


def ad_plan_facts(ad_plan) -> tuple:
    """The ad plan's own values, by their field names, above the slots."""
    facts = []
    for name in AD_PLAN_FACTS:
        field = AdPlan._meta.get_field(name)
        value = getattr(ad_plan, name)
        if field.choices:
            value = getattr(ad_plan, f"get_{name}_display")()
        facts.append((capfirst(field.verbose_name), value))
    return tuple(facts)
