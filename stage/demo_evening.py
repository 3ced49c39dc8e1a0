"""The demo's evening show: a Kuaishou beauty and food show as a real team plans it, and the
same plan run four days ago with its actuals, for a populated review (复盘).

The data is in stage/demo_evening_data.py. Every row is made with its history record (the merge
of concurrent edits and the "changed since sign-off" list read the history). stage/demo.py
keeps DOMAIN.md's small example, which the tests check by hand.
"""

from datetime import datetime, timedelta
from decimal import Decimal as D

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from stage.actuals import ShowActuals
from stage.broadcasts import Status
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem, WarmupStatus
from stage.control import Cue, generate_cues
from stage.demo_evening_data import (
    AD_PLAN,
    AD_SLOTS,
    GIVEAWAYS,
    HARD_STARTS,
    PAST_CONCLUSIONS,
    PAST_LATE_START,
    PAST_NOTES,
    PAST_SEGMENTS,
    PAST_SHOW,
    PAST_SLOTS,
    PRODUCTS,
    SEGMENTS,
    WARMUP,
)
from stage.plan import LETTERS, load_plan

MONEY_FIELDS = ("unit_value", "flash_price", "coupon_threshold", "coupon_discount")


def fill_evening_show(broadcast, *, user=None, made_at: datetime | None = None) -> None:
    """Adds the five checklists of the evening show to an empty broadcast.

    `user` and `made_at` are who made the rows and when, as their history records them
    (default: nobody, now). Warm-up items already due are published: a team posts on time.
    """
    now = timezone.now()
    made_at = made_at or now
    history = {"default_user": user, "default_date": made_at}
    segments = bulk_create_with_history(
        [
            Segment(
                broadcast=broadcast,
                position=i,
                title=title,
                kind=kind,
                minutes=minutes,
                hard_start=HARD_STARTS.get(key),
                host_lines=lines,
                cues=cues,
                notes=notes,
            )
            for i, (key, title, kind, minutes, lines, cues, notes, _links) in enumerate(
                SEGMENTS, start=1
            )
        ],
        Segment,
        **history,
    )
    by_key = {row[0]: segment for row, segment in zip(SEGMENTS, segments, strict=True)}
    bulk_create_with_history(
        [AdPlan(broadcast=broadcast, **{name: D(v) for name, v in AD_PLAN.items()})],
        AdPlan,
        **history,
    )
    bulk_create_with_history(
        [
            AdSlot(
                broadcast=broadcast,
                position=i,
                start_offset=start,
                end_offset=end,
                share=D(share),
                emphasis=emphasis,
                note=note,
            )
            for i, (start, end, share, emphasis, note) in enumerate(AD_SLOTS, start=1)
        ],
        AdSlot,
        **history,
    )
    products = bulk_create_with_history(
        [product(broadcast, i, row) for i, row in enumerate(PRODUCTS, start=1)],
        Product,
        **history,
    )
    by_link = {p.link_number: p for p in products}
    for key, *_row, links in SEGMENTS:
        for link in links:
            by_link[link].segments.add(by_key[key])
    bulk_create_with_history(
        [
            giveaway(broadcast, i, spec, by_key, by_link)
            for i, spec in enumerate(GIVEAWAYS, start=1)
        ],
        Giveaway,
        **history,
    )
    start = broadcast.local_start
    bulk_create_with_history(
        [
            WarmupItem(
                broadcast=broadcast,
                position=i,
                channel=channel,
                title=title,
                offset_minutes=before,
                owner=owner,
                # Due already: the team posted it on time.
                status=WarmupStatus.PUBLISHED
                if start - timedelta(minutes=before) <= now
                else status,
                expected_reservations=reservations,
            )
            for i, (channel, title, before, owner, status, reservations) in enumerate(
                WARMUP, start=1
            )
        ],
        WarmupItem,
        **history,
    )


def product(broadcast, position: int, row: tuple) -> Product:
    link, sku, name, role, audience, listed, live, cost, stock, limit, release, planned, points = (
        row
    )
    return Product(
        broadcast=broadcast,
        position=position,
        link_number=link,
        sku=sku,
        name=name,
        role=role,
        audience=audience,
        list_price=D(listed),
        live_price=D(live),
        unit_cost=D(cost),
        stock=stock,
        per_buyer_limit=limit,
        release_units=release,
        planned_units=planned,
        selling_points=points,
    )


def giveaway(broadcast, position: int, spec: dict, by_key: dict, by_link: dict) -> Giveaway:
    spec = dict(spec)
    segment, link = by_key.get(spec.pop("seg", None)), spec.pop("link", None)
    at_minute = spec.pop("at", None)
    for name in MONEY_FIELDS:
        if name in spec:
            spec[name] = D(spec[name])
    return Giveaway(
        broadcast=broadcast,
        position=position,
        segment=segment,
        at_minute=at_minute,
        prize_product=by_link.get(link),
        **spec,
    )


def add_evening_cues(broadcast) -> list[Cue]:
    """The control room's cues, made from the plan."""
    return Cue.objects.bulk_create(generate_cues(load_plan(broadcast)))


def _past_rows(plan) -> None:
    """Per segment its UV (held viewers by its length, plus its buyers) and new followers;
    per product the units and GMV of the segments that showed it, 2% refunded; conclusions."""
    for segment in plan.segments:
        segment.actual_uv = (segment.actual_end - segment.actual_start).seconds // 60 * 420
        segment.actual_uv += segment.actual_orders * 3
        segment.actual_new_followers = segment.actual_uv // 30
        key = SEGMENTS[segment.position - 1][0]
        segment.verdict, segment.conclusion = PAST_CONCLUSIONS.get(key, ("", ""))
    for product in plan.products:
        shows = [(s, len(s.shown_products)) for s in product.shown_in]
        product.actual_units = sum(s.actual_orders // n for s, n in shows)
        product.actual_gmv = sum((s.actual_gmv / n for s, n in shows), D("0")).quantize(D("0.01"))
        product.actual_refunds = (product.actual_gmv * D("0.02")).quantize(D("0.01"))
        product.verdict, product.conclusion = PAST_CONCLUSIONS.get(product.link_number, ("", ""))
    Segment.objects.bulk_update(
        plan.segments, ["actual_uv", "actual_new_followers", "verdict", "conclusion"]
    )
    Product.objects.bulk_update(
        plan.products, ["actual_units", "actual_gmv", "actual_refunds", "verdict", "conclusion"]
    )


def fill_past_show(broadcast, *, user) -> None:
    """The evening show as it ran: planned the day before, signed off an hour before air, run
    with every cue ticked, reviewed with show, segment and ad-slot actuals."""
    start = broadcast.scheduled_start
    fill_evening_show(broadcast, user=user, made_at=start - timedelta(days=1))
    for letter in LETTERS:
        SignOff.objects.create(broadcast=broadcast, letter=letter, user=user)
    # An hour before air; made with the moment of the call, so set by an update.
    SignOff.objects.filter(broadcast=broadcast).update(at=start - timedelta(hours=1))
    plan = load_plan(broadcast)
    began = start + timedelta(minutes=PAST_LATE_START)
    for segment in plan.segments:
        minutes, gmv, orders = PAST_SEGMENTS[SEGMENTS[segment.position - 1][0]]
        segment.actual_start, segment.actual_end = began, began + timedelta(minutes=minutes)
        segment.actual_gmv, segment.actual_orders = D(gmv), orders
        began = segment.actual_end
    Segment.objects.bulk_update(
        plan.segments, ["actual_start", "actual_end", "actual_gmv", "actual_orders"]
    )
    for slot, (spend, gmv) in zip(plan.ad_slots, PAST_SLOTS, strict=True):
        slot.actual_spend, slot.actual_gmv = D(spend), D(gmv)
    AdSlot.objects.bulk_update(plan.ad_slots, ["actual_spend", "actual_gmv"])
    _past_rows(plan)
    cues = generate_cues(plan)
    for cue in cues:
        cue.done_at, cue.done_by = cue.segment.actual_start + timedelta(minutes=cue.offset), user
    Cue.objects.bulk_create(cues)
    ShowActuals.objects.create(
        broadcast=broadcast,
        gmv=sum((s.actual_gmv for s in plan.segments), D("0")),
        orders=sum(s.actual_orders for s in plan.segments),
        ad_spend=sum((s.actual_spend for s in plan.ad_slots), D("0")),
        ad_gmv=sum((s.actual_gmv for s in plan.ad_slots), D("0")),
        notes=PAST_NOTES,
        entered_by=user,
        **PAST_SHOW,
    )
    broadcast.touch(status=Status.REVIEWED)
    broadcast.status = Status.REVIEWED
