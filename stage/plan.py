"""A broadcast with its five checklists loaded at once, with the figures computed from them.

`load_plan` reads everything in a fixed number of queries, whatever the number of rows;
pages, checks and exports work on the Plan and never query per row.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from types import SimpleNamespace

from django.utils import timezone

from stage.broadcasts import Broadcast
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway, GiveawayKind
from stage.checklists.lineup import Product, ProductRole
from stage.checklists.registry import CHECKLIST_BY_LETTER, LETTERS
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem, WarmupStatus
from stage.clock import clock_offset


def schedule(local_start, segments: list) -> None:
    """Sets each segment's start (minutes from the show's start) and, for a hard start,
    its gap to the end of the row before (negative: overlap)."""
    cursor = 0
    for segment in segments:
        segment.gap = None
        if segment.hard_start is not None:
            hard = clock_offset(local_start, segment.hard_start)
            segment.gap = hard - cursor
            cursor = hard
        segment.start_offset = cursor
        cursor += segment.minutes


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Readiness:
    """The show at a glance: 4 / 5 signed off, 1 changed since, 1 error, 3 warnings."""

    signed: int
    changed: int
    errors: int
    warnings: int
    holding: int  # letters signed off, unchanged since, without an error
    letters: int = len(LETTERS)

    @property
    def percent(self) -> int:
        return 100 * self.holding // self.letters


@dataclass
class Plan:
    broadcast: Broadcast
    segments: list[Segment]
    ad_plan: AdPlan
    ad_slots: list[AdSlot]
    products: list[Product]
    giveaways: list[Giveaway]
    warmup_items: list[WarmupItem]
    cues: list = field(default_factory=list)  # the control room's (stage.control.Cue)
    signoffs: dict[str, SignOff] = field(default_factory=dict)

    def rows(self, letter: str) -> list:
        return getattr(self, CHECKLIST_BY_LETTER[letter].rows)

    # T
    @property
    def timeline_minutes(self) -> int:
        return self.segments[-1].end_offset if self.segments else 0

    @property
    def over_under(self) -> int:
        """Minutes the timeline runs past (+) or short of (−) the planned length."""
        return self.timeline_minutes - self.broadcast.planned_minutes

    # A
    @property
    def slot_share_total(self) -> Decimal:
        return sum((s.share for s in self.ad_slots), Decimal("0"))

    @property
    def uv_needed(self) -> int | None:
        """UV to reach the GMV target at the plan's conversion and AOV (classic formula)."""
        per_uv = self.ad_plan.conversion_pct / 100 * self.ad_plan.aov
        if not per_uv:
            return None
        return int((self.broadcast.gmv_target / per_uv).to_integral_value(rounding="ROUND_CEILING"))

    # S
    @property
    def lineup_total(self) -> Decimal:
        return sum((p.planned_sales for p in self.products), Decimal("0"))

    @property
    def lineup_vs_target(self) -> Decimal | None:
        return percent(self.lineup_total, self.broadcast.gmv_target)

    @property
    def role_mix(self) -> list[tuple[str, int, Decimal]]:
        """(role, products, percent of the lineup) for each role present."""
        counts = Counter(p.role for p in self.products)
        total = len(self.products)
        return [
            (role.label, counts[role], percent(counts[role], total))
            for role in ProductRole
            if counts[role]
        ]

    # G
    @property
    def giveaway_cost(self) -> Decimal:
        return sum((g.cost for g in self.giveaways), Decimal("0"))

    @property
    def giveaway_cost_vs_target(self) -> Decimal | None:
        return percent(self.giveaway_cost, self.broadcast.gmv_target)

    @property
    def lucky_bags(self) -> list[Giveaway]:
        bags = [g for g in self.giveaways if g.kind == GiveawayKind.LUCKY_BAG]
        return sorted((g for g in bags if g.fires_at is not None), key=lambda g: g.fires_at)

    @property
    def lucky_bag_spacing(self) -> list[int]:
        times = [g.fires_at for g in self.lucky_bags]
        return [b - a for a, b in zip(times, times[1:], strict=False)]

    # E
    @property
    def expected_reservations(self) -> int:
        return sum(item.expected_reservations for item in self.warmup_items)

    @property
    def next_overdue_at(self) -> datetime | None:
        """When the next unpublished warm-up item turns overdue: the one change time makes."""
        now = timezone.now()
        waiting = (i.publish_at for i in self.warmup_items if i.status != WarmupStatus.PUBLISHED)
        return min((at for at in waiting if at >= now), default=None)

    @property
    def warmup_calendar(self) -> list[tuple[object, list[WarmupItem]]]:
        """Items by local publish date, earliest first, with the show's own day among them."""
        days = defaultdict(list, {self.broadcast.local_start.date(): []})
        for item in self.warmup_items:
            days[item.publish_at.date()].append(item)
        return [(day, sorted(days[day], key=lambda i: i.publish_at)) for day in sorted(days)]

    # Readiness
    @cached_property
    def findings(self):
        from stage.checks import run_checks

        return run_checks(self)

    def findings_for(self, letter: str):
        return [f for f in self.findings if f.letter == letter]

    def has_errors(self, letter: str | None = None) -> bool:
        return any(f.is_error for f in self.findings if letter in (None, f.letter))

    def state(self, letter: str) -> dict:
        findings = self.findings_for(letter)
        started = bool(self.rows(letter)) or (letter == "A" and self.ad_plan.pk is not None)
        signoff = self.signoffs.get(letter)
        return {
            "letter": letter,
            "started": started,
            "signoff": signoff,
            "changed": bool(signoff and signoff.changed_at),
            "errors": sum(f.is_error for f in findings),
            "warnings": sum(not f.is_error for f in findings),
        }

    @property
    def states(self) -> list[dict]:
        return [self.state(letter) for letter in LETTERS]

    @property
    def readiness(self) -> "Readiness":
        return Readiness(
            signed=len(self.signoffs),
            changed=sum(bool(s.changed_at) for s in self.signoffs.values()),
            errors=sum(f.is_error for f in self.findings),
            warnings=sum(not f.is_error for f in self.findings),
            holding=sum(
                s["signoff"] is not None and not s["changed"] and not s["errors"]
                for s in self.states
            ),
        )

    @property
    def changed_letters(self) -> list[str]:
        """Letters edited since their sign-off, on a show that stayed ready or live."""
        return [letter for letter in LETTERS if self.state(letter)["changed"]]

    @property
    def can_be_ready(self) -> bool:
        return all(letter in self.signoffs for letter in LETTERS) and not self.has_errors()


def ad_plan_of(broadcast: Broadcast) -> AdPlan:
    try:
        return broadcast.ad_plan
    except AdPlan.DoesNotExist:
        return AdPlan(broadcast=broadcast)


def by_link(products) -> list[Product]:
    return sorted(products, key=lambda p: (p.link_number, p.pk))


def load_plan(broadcast: Broadcast) -> Plan:
    segments = list(broadcast.segments.all())
    schedule(broadcast.local_start, segments)
    by_segment = {s.pk: s for s in segments}
    ad_plan = ad_plan_of(broadcast)
    ad_slots = list(broadcast.ad_slots.all())
    for slot in ad_slots:
        slot.money = slot.amount(ad_plan.budget)
    products = list(broadcast.products.all())
    by_product = {p.pk: p for p in products}
    for row in products + segments:
        row.shown_in, row.shown_products = [], []
    links = Product.segments.through.objects.filter(product__broadcast=broadcast)
    for product_id, segment_id in links.order_by("pk").values_list("product_id", "segment_id"):
        by_product[product_id].shown_in.append(by_segment[segment_id])
        by_segment[segment_id].shown_products.append(by_product[product_id])
    order = {s.pk: i for i, s in enumerate(segments)}
    for product in products:
        product.shown_in.sort(key=lambda s: order[s.pk])
    for segment in segments:
        segment.shown_products = by_link(segment.shown_products)
    giveaways = list(broadcast.giveaways.all())
    for giveaway in giveaways:
        # Attach the already loaded rows so no giveaway queries its segment or prize.
        giveaway.segment = by_segment.get(giveaway.segment_id)
        giveaway.prize_product = by_product.get(giveaway.prize_product_id)
    giveaways.sort(key=lambda g: (g.fires_at is None, g.fires_at or 0, g.position, g.pk))
    cues = list(broadcast.cues.select_related("done_by"))
    by_giveaway = {g.pk: g for g in giveaways}
    for cue in cues:
        cue.broadcast = broadcast
        cue.segment = by_segment[cue.segment_id]
        cue.product = by_product.get(cue.product_id)
        cue.giveaway = by_giveaway.get(cue.giveaway_id)
    return Plan(
        broadcast=broadcast,
        cues=cues,
        segments=segments,
        ad_plan=ad_plan,
        ad_slots=ad_slots,
        products=products,
        giveaways=giveaways,
        warmup_items=sorted(broadcast.warmup_items.all(), key=lambda i: -i.offset_minutes),
        signoffs={s.letter: s for s in broadcast.signoffs.select_related("user")},
    )


def clock_times(broadcast: Broadcast) -> list[SimpleNamespace]:
    """Every segment's start, end and gap, in order, from its length and hard start alone."""
    columns = broadcast.segments.values_list("pk", "minutes", "hard_start")
    timings = [SimpleNamespace(pk=pk, minutes=m, hard_start=h) for pk, m, h in columns]
    schedule(broadcast.local_start, timings)
    for t in timings:
        t.end_offset = t.start_offset + t.minutes
    return timings


def load_row(broadcast: Broadcast, letter: str, row):
    """One checklist row with what its line in the table shows (clock times, products, slot
    money), as load_plan gives it, in a fixed number of queries and without reading the other
    rows' text: the answer to an inline edit stays small and fast on a long show."""
    row.broadcast = broadcast
    if letter in ("T", "G"):
        timed = {t.pk: t for t in clock_times(broadcast)}
    if letter == "T":
        row.start_offset, row.gap = timed[row.pk].start_offset, timed[row.pk].gap
        row.shown_products = by_link(row.products.all())
    elif letter == "G" and row.segment_id:
        row.segment.start_offset = timed[row.segment_id].start_offset
    elif letter == "S":
        row.shown_in = list(row.segments.only("title"))
    elif letter == "A":
        row.money = row.amount(ad_plan_of(broadcast).budget)
    return row
