"""The review (复盘): what the show really did against what was planned.

`compose_review(plan, actuals)` is pure, like stage.runsheet.compose: it reads a loaded Plan and
the show's ShowActuals (or None before they are entered) and returns a Review value. The page,
the PDF and the XLSX only format it; `chart` turns it into the geometry of the SVG picture.
"""

import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from stage.clock import clock
from stage.plan import Plan
from stage.tables import INT, MONEY, PCT, TEXT, Column, Table

NUMBER = "number"  # a plain decimal such as an ROI of 2.80; no unit of its own
CENT, TENTH = Decimal("0.01"), Decimal("0.1")
TOP_MISSES = 3


def ratio(part, whole, scale=1, places=CENT) -> Decimal | None:
    """part × scale / whole, rounded half up; None when there is nothing to divide by."""
    if part is None or not whole:
        return None
    return (Decimal(part) * scale / Decimal(whole)).quantize(places, ROUND_HALF_UP)


def shown(value, kind: str, currency: str, signed: bool = False) -> str:
    """A figure as the page and the PDF print it: ¥288,000.00, 64,000, 4.5%, 2.80."""
    if value is None:
        return "—"
    sign = ""
    if signed and value:
        sign = "+" if value > 0 else "−"
        value = abs(value)
    if kind == MONEY:
        return f"{sign}{currency}{value:,.2f}"
    if kind == PCT:
        text = f"{value:,.2f}"
        text = text[:-1] if text.endswith("0") else text  # 4.50 → 4.5, 4.56 stays
        return f"{sign}{text}" + (" " + pgettext("percentage points", "pp") if signed else "%")
    if kind == NUMBER:
        return f"{sign}{value:,.2f}"
    return f"{sign}{value:,}"


def signed_pct(value) -> str:
    """A relative difference with its sign and one decimal: +6.7%, −4.0%."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{abs(value):,.1f}%"


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

    @property
    def planned_text(self) -> str:
        return shown(self.planned, self.kind, self.currency)

    @property
    def actual_text(self) -> str:
        return shown(self.actual, self.kind, self.currency)

    @property
    def difference_text(self) -> str:
        return shown(self.difference, self.kind, self.currency, signed=True)

    @property
    def difference_pct_text(self) -> str:
        return signed_pct(self.difference_pct)


@dataclass(frozen=True)
class SegmentReview:
    number: int
    segment_id: int
    title: str
    kind_label: str
    planned_start: str
    actual_start: str
    start_delay: int | None  # minutes late (+) or early (−) against the planned start
    planned_minutes: int
    actual_minutes: int | None
    planned_sales: Decimal
    actual_gmv: Decimal | None
    actual_orders: int | None

    @property
    def minutes_difference(self) -> int | None:
        if self.actual_minutes is None:
            return None
        return self.actual_minutes - self.planned_minutes

    @property
    def gmv_difference_pct(self) -> Decimal | None:
        if self.actual_gmv is None:
            return None
        return ratio(self.actual_gmv - self.planned_sales, self.planned_sales, 100, TENTH)

    @property
    def gmv_difference_pct_text(self) -> str:
        return signed_pct(self.gmv_difference_pct)


@dataclass(frozen=True)
class SlotReview:
    slot_id: int
    start: str
    end: str
    share: Decimal
    planned: Decimal
    actual_spend: Decimal | None
    actual_gmv: Decimal | None
    target_roi: Decimal

    @property
    def spend_difference_pct(self) -> Decimal | None:
        if self.actual_spend is None:
            return None
        return ratio(self.actual_spend - self.planned, self.planned, 100, TENTH)

    @property
    def spend_difference_pct_text(self) -> str:
        return signed_pct(self.spend_difference_pct)

    @property
    def roi(self) -> Decimal | None:
        return ratio(self.actual_gmv, self.actual_spend)


@dataclass
class Review:
    broadcast: object
    actuals: object | None
    currency: str
    figures: list[Figure]
    segments: list[SegmentReview]
    slots: list[SlotReview]

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
                 s.actual_gmv, s.gmv_difference_pct, s.actual_orders)
                for s in self.segments
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


def minutes_between(start, end) -> int:
    """Whole minutes from one moment to another, to the nearest minute (halves up)."""
    return (int((end - start).total_seconds()) + 30) // 60


def _planned_sales(plan: Plan) -> dict[int, Decimal]:
    """Each segment's share of the lineup's planned sales.

    A product's planned sales (live price × planned units) are split evenly across the segments
    it is shown in: three showings of the serum carry a third each. A product shown in no
    segment is left out, so the segments may add up to less than the lineup total.
    """
    sales = {s.pk: Decimal("0") for s in plan.segments}
    for product in plan.products:
        for segment in product.shown_in:
            sales[segment.pk] += product.planned_sales / len(product.shown_in)
    return {pk: amount.quantize(CENT, ROUND_HALF_UP) for pk, amount in sales.items()}


def _segments(plan: Plan) -> list[SegmentReview]:
    b, sales = plan.broadcast, _planned_sales(plan)
    rows = []
    for number, s in enumerate(plan.segments, start=1):
        began, ended = s.actual_start, s.actual_end
        rows.append(SegmentReview(
            number, s.pk, s.title, s.get_kind_display(), clock(b.local_start, s.start_offset),
            began.astimezone(b.local_start.tzinfo).strftime("%H:%M") if began else "",
            minutes_between(b.scheduled_start, began) - s.start_offset if began else None,
            s.minutes,
            minutes_between(began, ended) if began and ended and ended >= began else None,
            sales[s.pk], s.actual_gmv, s.actual_orders,
        ))  # fmt: skip
    return rows


def compose_review(plan: Plan, actuals) -> Review:
    b = plan.broadcast
    start = b.local_start
    currency = b.currency_symbol
    slots = [
        SlotReview(s.pk, clock(start, s.start_offset), clock(start, s.end_offset), s.share,
                   s.money, s.actual_spend, s.actual_gmv, plan.ad_plan.target_roi)
        for s in plan.ad_slots
    ]  # fmt: skip
    return Review(
        broadcast=b,
        actuals=actuals,
        currency=currency,
        figures=_figures(plan, actuals, currency),
        segments=_segments(plan),
        slots=slots,
    )


# The "plan vs actual per segment" picture: paired bars, drawn by includes/review_chart.html.

WIDTH, LABEL_UNITS = 760, 24
MIN_X, MIN_W = 180, 190
GMV_X, GMV_W = 440, 230
TOP, ROW, BAR = 32, 24, 9


def _clip(text: str, units: int = LABEL_UNITS) -> str:
    """Text cut to about `units` half-width characters (a Chinese character counts two)."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > units:
            return text[:i] + "…"
    return text


def _pair(x0: int, width: int, top: int, scale, values, labels) -> list[dict]:
    """A planned bar above an actual one; an unknown value has no bar, only its dash."""
    bars = []
    for offset, value, label in zip((2, 3 + BAR), values, labels, strict=True):
        w = 0 if value is None else round(float(Decimal(value) / scale) * width, 1)
        y = top + offset
        bars.append({"x": x0, "y": y, "w": w, "text_x": x0 + w + 4, "text_y": y + BAR - 1,
                     "label": label})  # fmt: skip
    return bars


def chart(review: Review) -> dict:
    rows = review.segments
    top_minutes = max(
        [1, *(s.planned_minutes for s in rows), *(s.actual_minutes or 0 for s in rows)]
    )
    top_gmv = max([0, *(s.planned_sales for s in rows), *(s.actual_gmv or 0 for s in rows)])

    def whole(amount) -> str:
        if amount is None:
            return "—"
        return f"{review.currency}{amount.quantize(Decimal('1'), ROUND_HALF_UP):,}"

    drawn = []
    for i, s in enumerate(rows):
        y = TOP + i * ROW
        minutes = (s.planned_minutes, s.actual_minutes)
        row = {
            "y": y,
            "text_y": y + 16,
            "rule_y": y + ROW,
            "label": f"{s.number} {_clip(s.title)}",
            "title": f"{s.number} {s.title}",
            "minutes": _pair(MIN_X, MIN_W, y, top_minutes, minutes,
                             ["—" if m is None else m for m in minutes]),
        }  # fmt: skip
        if top_gmv:
            gmv = (s.planned_sales, s.actual_gmv)
            row["gmv"] = _pair(GMV_X, GMV_W, y, top_gmv, gmv, [whole(g) for g in gmv])
        drawn.append(row)
    return {
        "width": WIDTH,
        "height": TOP + len(rows) * ROW + 6,
        "rows": drawn,
        "show_gmv": bool(top_gmv),
        "min_x": MIN_X,
        "gmv_x": GMV_X,
        "bar": BAR,
        "head_y": TOP - 12,
        "legend_y": TOP - 21,
        "bottom": TOP + len(rows) * ROW,
    }
