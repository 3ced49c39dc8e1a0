"""The review (复盘): what the show really did against what was planned.

`compose_review(plan, actuals)` is pure, like stage.runsheet.compose: it reads a loaded Plan and
the show's ShowActuals (or None before they are entered) and returns a Review value. The page,
the PDF and the XLSX only format it; `chart` turns it into the geometry of the SVG picture.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from stage.plan import Plan
from stage.review_rows import (
    NUMBER,
    TENTH,
    ProductReview,
    SegmentReview,
    SlotReview,
    products,
    ratio,
    segments,
    shown,
    signed_pct,
    slots,
)
from stage.tables import INT, MONEY, PCT, TEXT, Column, Table

TOP_MISSES = 3
TRAFFIC = "uv_natural", "uv_followers", "uv_paid", "uv_video", "uv_other"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    kind: str  # MONEY, INT, PCT (in percent) or NUMBER
    unit: str
    planned: Decimal | int | None
    actual: Decimal | int | None
    currency: str
    lower_is_better: bool = False  # spending more than the budget is the miss

    @property
    def difference(self):
        if self.planned is None or self.actual is None:
            return None
        return self.actual - self.planned

    @property
    def difference_pct(self) -> Decimal | None:
        """The difference relative to the plan, in percent with one decimal."""
        return ratio(self.difference, self.planned, 100, TENTH)

    @property
    def miss(self) -> Decimal | None:
        """How far the figure fell behind its plan, relative to it: positive is a miss."""
        if self.difference is None or not self.planned:
            return None
        relative = Decimal(self.difference) / Decimal(self.planned)
        return relative if self.lower_is_better else -relative

    def _text(self, value) -> str:
        """A count with a unit of its own says it: an average watch time of 95 s, 95 秒."""
        text = shown(value, self.kind, self.currency)
        return (
            f"{text} {self.unit}" if self.kind == INT and self.unit and value is not None else text
        )

    @property
    def planned_text(self) -> str:
        return self._text(self.planned)

    @property
    def actual_text(self) -> str:
        return self._text(self.actual)

    @property
    def difference_text(self) -> str:
        return shown(self.difference, self.kind, self.currency, signed=True)

    @property
    def difference_pct_text(self) -> str:
        return signed_pct(self.difference_pct)


@dataclass
class Review:
    broadcast: object
    actuals: object | None
    currency: str
    figures: list[Figure]
    segments: list[SegmentReview]
    slots: list[SlotReview]
    products: list[ProductReview]
    funnel: list[dict]  # reservations → UV → buyers, each with its step's conversion
    traffic: list[dict]  # where the UV came from, with the plan's audience mix beside it

    @property
    def wins(self) -> list[Figure]:
        """The figures furthest ahead of their plan, best first."""
        ahead = [f for f in self.figures if f.miss is not None and f.miss < 0]
        return sorted(ahead, key=lambda f: f.miss)[:TOP_MISSES]

    @property
    def rows_apart(self) -> list[tuple[str, str, str, str]]:
        """The segments and products furthest from their planned sales, both ways, with the
        review's conclusion on each as its reason: (name, ±%, "miss"/"win", conclusion)."""
        rows = [
            (f"{s.number} {s.title}", s.gmv_difference_pct, s.conclusion) for s in self.segments
        ] + [
            (f"{_('Link %(n)s') % {'n': p.link}} {p.name}", p.gmv_difference_pct, p.conclusion)
            for p in self.products
        ]
        rows = [r for r in rows if r[1] is not None and r[1] != 0]
        worst = sorted((r for r in rows if r[1] < 0), key=lambda r: r[1])[:TOP_MISSES]
        best = sorted((r for r in rows if r[1] > 0), key=lambda r: -r[1])[:TOP_MISSES]
        return [(name, signed_pct(pct), "miss", why) for name, pct, why in worst] + [
            (name, signed_pct(pct), "win", why) for name, pct, why in best
        ]

    @property
    def misses(self) -> list[Figure]:
        """The figures furthest behind their plan, worst first (ties keep the table's order)."""
        behind = [f for f in self.figures if f.miss is not None and f.miss > 0]
        return sorted(behind, key=lambda f: f.miss, reverse=True)[:TOP_MISSES]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    @property
    def totals(self) -> dict:
        """The segments table's foot; an actual total adds up only the segments that have one."""
        minutes = [s.actual_minutes for s in self.segments if s.actual_minutes is not None]
        gmv = [s.actual_gmv for s in self.segments if s.actual_gmv is not None]
        return {
            "planned_minutes": sum(s.planned_minutes for s in self.segments),
            "actual_minutes": sum(minutes) if minutes else None,
            "planned_sales": sum((s.planned_sales for s in self.segments), Decimal("0")),
            "actual_gmv": sum(gmv, Decimal("0")) if gmv else None,
        }

    @property
    def tables(self) -> list[Table]:
        """Show, Segments and Ad slots, for the spreadsheet."""
        # fmt: off
        show = [
            (_("Figure"), TEXT, 34), (_("Unit"), TEXT, 6), (_("Plan"), NUMBER, 14),
            (_("Actual"), NUMBER, 14), (_("Difference"), NUMBER, 14),
            (_("Difference %"), PCT, 12),
        ]
        segments = [
            (_("No."), INT, 5), (_("Segment"), TEXT, 28), (_("Kind"), TEXT, 14),
            (_("Planned start"), TEXT, 9), (_("Actual start"), TEXT, 9),
            (_("Planned min"), INT, 9), (_("Actual min"), INT, 9), (_("Difference min"), INT, 10),
            (_("Planned sales"), MONEY, 14), (_("Actual GMV"), MONEY, 14),
            (_("GMV difference %"), PCT, 11), (_("Actual orders"), INT, 10),
            (_("UV"), INT, 9), (_("UV value"), MONEY, 9), (_("GPM"), MONEY, 10),
            (_("Conversion (orders / UV) %"), PCT, 10), (_("New followers"), INT, 9),
            (_("Verdict"), TEXT, 8), (_("Conclusion"), TEXT, 30),
        ]
        lineup = [
            (_("Link"), INT, 5), (_("Product"), TEXT, 28), (_("Role"), TEXT, 12),
            (_("Planned units"), INT, 9), (_("Units sold"), INT, 9),
            (_("Units difference %"), PCT, 10),
            (_("Planned sales"), MONEY, 14), (_("Actual GMV"), MONEY, 14),
            (_("GMV difference %"), PCT, 11), (_("Refunds"), MONEY, 12), (_("Net GMV"), MONEY, 14),
            (_("Sell-through %"), PCT, 10), (_("Verdict"), TEXT, 8), (_("Conclusion"), TEXT, 30),
        ]
        slots = [
            (_("Start"), TEXT, 7), (_("End"), TEXT, 7), (_("Share of budget"), PCT, 10),
            (_("Budget"), MONEY, 12), (_("Actual spend"), MONEY, 12),
            (_("Spend difference %"), PCT, 11), (_("Actual ad GMV"), MONEY, 14),
            (_("Target ROI"), NUMBER, 9), (_("ROI"), NUMBER, 9),
        ]
        return [
            Table("show", _("Show"), [Column(*c) for c in show], [
                (f.label, f.unit, f.planned, f.actual, f.difference, f.difference_pct)
                for f in self.figures
            ]),
            Table("segments", _("Segments"), [Column(*c) for c in segments], [
                (s.number, s.title, s.kind_label, s.planned_start, s.actual_start,
                 s.planned_minutes, s.actual_minutes, s.minutes_difference, s.planned_sales,
                 s.actual_gmv, s.gmv_difference_pct, s.actual_orders, s.actual_uv, s.uv_value,
                 s.gpm, s.conversion, s.actual_new_followers, s.verdict, s.conclusion)
                for s in self.segments
            ]),
            Table("products", _("Products"), [Column(*c) for c in lineup], [
                (p.link, p.name, p.role_label, p.planned_units, p.actual_units,
                 p.units_difference_pct, p.planned_sales, p.actual_gmv, p.gmv_difference_pct,
                 p.actual_refunds, p.net_gmv, p.sell_through, p.verdict, p.conclusion)
                for p in self.products
            ]),
            Table("slots", _("Ad slots"), [Column(*c) for c in slots], [
                (s.start, s.end, s.share, s.planned, s.actual_spend, s.spend_difference_pct,
                 s.actual_gmv, s.target_roi, s.roi)
                for s in self.slots
            ]),
        ]
        # fmt: on


def _figures(plan: Plan, a, currency: str) -> list[Figure]:
    """The show's figures with DOMAIN.md's formulas; `a` is the ShowActuals or None."""
    ad = plan.ad_plan
    target = plan.broadcast.gmv_target

    def actual(name):
        return getattr(a, name) if a is not None else None

    gmv, uv, buyers = actual("gmv"), actual("uv"), actual("buyers")
    rows = [
        ("gmv", _("GMV"), MONEY, currency, target, gmv),
        ("uv", _("UV (unique viewers)"), INT, "", plan.uv_needed, uv),
        ("pv", _("PV (views)"), INT, "", None, actual("pv")),
        ("orders", _("Orders"), INT, "", None, actual("orders")),
        # Planned buyers from the classic formula: GMV target = buyers × AOV.
        ("buyers", _("Buyers"), INT, "", ratio(target, ad.aov, places=Decimal("1")), buyers),
        ("conversion", _("Conversion (buyers / UV)"), PCT, "%", ad.conversion_pct,
         ratio(buyers, uv, 100)),
        ("aov", _("AOV (GMV / buyers)"), MONEY, currency, ad.aov, ratio(gmv, buyers)),
        ("gpm", _("GPM (GMV × 1000 / PV)"), MONEY, currency, None,
         ratio(gmv, actual("pv"), 1000)),
        ("uv_value", _("UV value (GMV / UV)"), MONEY, currency,
         ratio(ad.conversion_pct * ad.aov, 100), ratio(gmv, uv)),
        ("new_followers", _("New followers"), INT, "", None, actual("new_followers")),
        ("follower_conversion", _("Follower conversion (new followers / UV)"), PCT, "%", None,
         ratio(actual("new_followers"), uv, 100)),
        ("avg_watch", _("Average watch time"), INT, pgettext("unit", "s"), None,
         actual("avg_watch_seconds")),
        ("ad_spend", _("Ad spend"), MONEY, currency, ad.budget, actual("ad_spend")),
        ("ad_gmv", _("GMV from ads"), MONEY, currency, ad.expected_ad_gmv, actual("ad_gmv")),
        ("roi", _("Ad ROI (GMV from ads / ad spend)"), NUMBER, "×", ad.target_roi,
         ratio(actual("ad_gmv"), actual("ad_spend"))),
    ]  # fmt: skip
    return [
        Figure(key, label, kind, unit, planned, value, currency, lower_is_better=key == "ad_spend")
        for key, label, kind, unit, planned, value in rows
    ]


def _count(value) -> str:
    return shown(value, INT, "")


def _share(value) -> str:
    return "" if value is None else f"{value:,.1f}%"


def _funnel(plan: Plan, a) -> list[dict]:
    """Reservations → UV → buyers: planned (warm-up's expected reservations, the UV and buyers the
    target needs) and actual, each step's conversion from the one before."""
    ad, target = plan.ad_plan, plan.broadcast.gmv_target
    expected = sum(w.expected_reservations or 0 for w in plan.warmup_items) or None
    steps = [
        (_("Reservations"), expected, a.reservations if a else None),
        (_("UV (unique viewers)"), plan.uv_needed, a.uv if a else None),
        (_("Buyers"), ratio(target, ad.aov, places=Decimal("1")), a.buyers if a else None),
    ]
    rows, before = [], (None, None)
    for label, planned, actual in steps:
        rows.append({
            "label": label, "planned": planned, "actual": actual,
            "planned_text": _count(planned), "actual_text": _count(actual),
            "planned_step": ratio(planned, before[0], 100),
            "actual_step": ratio(actual, before[1], 100),
        })  # fmt: skip
        rows[-1]["planned_step_text"] = _share(ratio(planned, before[0], 100, TENTH))
        rows[-1]["actual_step_text"] = _share(ratio(actual, before[1], 100, TENTH))
        before = (planned, actual)
    return rows


def _traffic(plan: Plan, a) -> list[dict]:
    """Each source's UV and share, beside the share the ad plan's audience mix expected."""
    if a is None or not any(getattr(a, name) for name in TRAFFIC):
        return []
    ad = plan.ad_plan
    expected = {"uv_natural": ad.mix_new, "uv_followers": ad.mix_old, "uv_paid": ad.mix_paid}
    total = sum(getattr(a, name) or 0 for name in TRAFFIC)
    rows = []
    for name in TRAFFIC:
        uv, share = getattr(a, name), ratio(getattr(a, name), total, 100, TENTH)
        rows.append({
            "label": type(a)._meta.get_field(name).verbose_name,
            "uv": uv, "uv_text": _count(uv), "share": share, "share_text": _share(share),
            "planned_share": expected.get(name), "planned_share_text": _share(expected.get(name)),
        })  # fmt: skip
    return rows


def compose_review(plan: Plan, actuals) -> Review:
    b = plan.broadcast
    return Review(
        broadcast=b,
        actuals=actuals,
        currency=b.currency_symbol,
        figures=_figures(plan, actuals, b.currency_symbol),
        segments=segments(plan),
        slots=slots(plan),
        products=products(plan),
        funnel=_funnel(plan, actuals),
        traffic=_traffic(plan, actuals),
    )
