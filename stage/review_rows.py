"""The review's rows: each segment, ad slot and product planned against what it did, and the
arithmetic they share with the show's figures."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import pgettext

from stage.clock import clock
from stage.plan import Plan
from stage.tables import MONEY, PCT

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
    actual_uv: int | None
    actual_new_followers: int | None
    verdict: str
    conclusion: str

    @property
    def uv_value(self) -> Decimal | None:
        """GMV / UV."""
        return ratio(self.actual_gmv, self.actual_uv)

    @property
    def gpm(self) -> Decimal | None:
        """GMV × 1000 / UV: a segment's views are the UV it held."""
        return ratio(self.actual_gmv, self.actual_uv, 1000)

    @property
    def conversion(self) -> Decimal | None:
        """Orders / UV in percent (the platform counts a segment's orders, not its buyers)."""
        return ratio(self.actual_orders, self.actual_uv, 100)

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


@dataclass(frozen=True)
class ProductReview:
    product_id: int
    link: int
    name: str
    role_label: str
    stock: int
    planned_units: int
    planned_sales: Decimal
    actual_units: int | None
    actual_gmv: Decimal | None
    actual_refunds: Decimal | None
    verdict: str
    conclusion: str

    @property
    def units_difference_pct(self) -> Decimal | None:
        return ratio(_minus(self.actual_units, self.planned_units), self.planned_units, 100, TENTH)

    @property
    def units_difference_pct_text(self) -> str:
        return signed_pct(self.units_difference_pct)

    @property
    def gmv_difference_pct(self) -> Decimal | None:
        return ratio(_minus(self.actual_gmv, self.planned_sales), self.planned_sales, 100, TENTH)

    @property
    def gmv_difference_pct_text(self) -> str:
        return signed_pct(self.gmv_difference_pct)

    @property
    def net_gmv(self) -> Decimal | None:
        """GMV less refunds (no refunds entered counts as none)."""
        return _minus(self.actual_gmv, self.actual_refunds or 0)

    @property
    def refund_rate(self) -> Decimal | None:
        return ratio(self.actual_refunds, self.actual_gmv, 100, TENTH)

    @property
    def sell_through(self) -> Decimal | None:
        """Units sold / stock, in percent."""
        return ratio(self.actual_units, self.stock, 100, TENTH)


def _minus(a, b):
    return None if a is None or b is None else a - b


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


def segments(plan: Plan) -> list[SegmentReview]:
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
            sales[s.pk], s.actual_gmv, s.actual_orders, s.actual_uv, s.actual_new_followers,
            s.get_verdict_display() if s.verdict else "", s.conclusion,
        ))  # fmt: skip
    return rows


def products(plan: Plan) -> list[ProductReview]:
    return [
        ProductReview(
            p.pk, p.link_number, p.name, p.get_role_display(), p.stock, p.planned_units,
            p.planned_sales, p.actual_units, p.actual_gmv, p.actual_refunds,
            p.get_verdict_display() if p.verdict else "", p.conclusion,
        )
        for p in plan.products
    ]  # fmt: skip


def slots(plan: Plan) -> list[SlotReview]:
    start = plan.broadcast.local_start
    return [
        SlotReview(s.pk, clock(start, s.start_offset), clock(start, s.end_offset), s.share,
                   s.money, s.actual_spend, s.actual_gmv, plan.ad_plan.target_roi)
        for s in plan.ad_slots
    ]  # fmt: skip
