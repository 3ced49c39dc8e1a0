"""The rules of thumb STAGE checks. Each rule is one function of a Plan that returns findings.

Errors block readiness; warnings are shown and the team decides.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from stage.broadcasts import Platform
from stage.checklists.giveaways import GiveawayKind, said_amount
from stage.checklists.lineup import ProductRole
from stage.claims import SayablePrices, absolute_claims, spoken_prices
from stage.clock import clock, signed_minutes

ERROR, WARNING = "error", "warning"
LOTTERY_PRIZE_CAP = Decimal("50000")
RED_PACKET_POOL_CAP = Decimal("20000")
RED_PACKET_COUNT_CAP = 2000
LUCKY_BAG_MAX_GAP = 20
MAX_SEGMENTS_PER_PRODUCT = 3
SLOT_GRID = {Platform.KUAISHOU: 60, Platform.DOUYIN: 30}
PAID_WARMUP_MINUTES = 30
# "1 号链接", "链接 1", "link 1", "link #1": how cues and host lines name a cart link.
LINK_MENTION = re.compile(r"(\d{1,3})\s*号\s*链接|链接\s*(\d{1,3})|\blink\s*#?\s*(\d{1,3})", re.I)


@dataclass(frozen=True)
class Finding:
    letter: str
    level: str
    message: str
    rows: tuple[int, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


# T — Timing script


def timing_has_segments(plan):
    if not plan.segments:
        return [Finding("T", ERROR, _("The timing script has no segments yet."))]
    return []


def timing_fits_planned_length(plan):
    if not plan.segments or plan.over_under == 0:
        return []
    message = _("The segments run %(total)s min against %(planned)s planned (%(diff)s min).") % {
        "total": plan.timeline_minutes,
        "planned": plan.broadcast.planned_minutes,
        "diff": signed_minutes(plan.over_under),
    }
    return [Finding("T", WARNING, message)]


def hard_starts_in_order(plan):
    findings, last = [], None
    for segment in plan.segments:
        if segment.hard_start is None:
            continue
        if last is not None and segment.start_offset < last.start_offset:
            message = _("Hard start of “%(title)s” is before the hard start of “%(before)s”.") % {
                "title": segment.title,
                "before": last.title,
            }
            findings.append(Finding("T", ERROR, message, (last.pk, segment.pk)))
        elif segment.gap:
            message = _("“%(title)s” has a hard start: %(diff)s min against the row before.") % {
                "title": segment.title,
                "diff": signed_minutes(segment.gap),
            }
            findings.append(Finding("T", WARNING, message, (segment.pk,)))
        last = segment
    return findings


def host_lines_without_absolute_claims(plan):
    message = _(
        "Host lines of “%(name)s” make an absolute claim (Advertising Law, Art. 9): %(phrases)s."
    )
    return absolute_claims_in("T", plan.segments, "host_lines", "title", message)


def absolute_claims_in(letter, rows, text: str, name: str, message: str) -> list[Finding]:
    findings = []
    for row in rows:
        if phrases := absolute_claims(getattr(row, text)):
            said = message % {"name": getattr(row, name), "phrases": quoted(phrases)}
            findings.append(Finding(letter, WARNING, said, (row.pk,)))
    return findings


def quoted(phrases: list[str]) -> str:
    return "、".join(f"“{phrase}”" for phrase in phrases)


def spoken_prices_match_lineup(plan):
    """A price said in host lines or cues is one of the segment's products (or, where it shows
    none, of the lineup): live, flash or list, or a giveaway's amount."""
    findings = []
    sayable = SayablePrices(plan.products, plan.giveaways)
    for segment in plan.segments:
        said = spoken_prices(f"{segment.host_lines}\n{segment.cues}")
        if not said:
            continue
        products = segment.shown_products or plan.products
        known = sayable.of(products) if segment.shown_products else sayable.lineup_prices
        for price, phrase in said:
            if price in known or price in sayable.amounts:
                continue
            message = _(
                "“%(title)s” says “%(phrase)s”, which is not a price of its products (%(prices)s)."
            ) % {
                "title": segment.title,
                "phrase": phrase,
                "prices": ", ".join(
                    f"#{p.link_number} {said_amount(p.live_price)}" for p in products[:5]
                ),
            }
            findings.append(Finding("T", WARNING, message, (segment.pk,)))
    return findings


def cued_links_in_lineup(plan):
    links = {p.link_number for p in plan.products}
    findings = []
    for segment in plan.segments:
        text = f"{segment.cues}\n{segment.host_lines}"
        named = {int(next(g for g in m.groups() if g)) for m in LINK_MENTION.finditer(text)}
        missing = sorted(named - links)
        if missing:
            message = _("“%(title)s” names link %(links)s, which is not in the lineup.") % {
                "title": segment.title,
                "links": ", ".join(f"#{n}" for n in missing),
            }
            findings.append(Finding("T", WARNING, message, (segment.pk,)))
    return findings


def show_end(plan) -> int:
    return max(plan.timeline_minutes, plan.broadcast.planned_minutes)


# A — Ad-spend plan


def audience_mix_sums_to_100(plan):
    total = plan.ad_plan.mix_total
    if plan.ad_plan.pk is None or total == 100:
        return []
    return [
        Finding(
            "A",
            WARNING,
            _("The audience mix adds up to %(total)s%%, not 100%%.") % {"total": total},
        )
    ]


def slot_shares_sum_to_100(plan):
    if not plan.ad_slots or plan.slot_share_total == 100:
        return []
    message = _("The time slots share %(total)s%% of the budget, not 100%%.") % {
        "total": plan.slot_share_total
    }
    return [Finding("A", WARNING, message)]


def slots_on_platform_grid(plan):
    grid = SLOT_GRID.get(plan.broadcast.platform)
    if not grid:
        return []
    start = plan.broadcast.local_start
    base = start.hour * 60 + start.minute
    findings = []
    for slot in plan.ad_slots:
        if (base + slot.start_offset) % grid or (base + slot.end_offset) % grid:
            message = _("The slot %(start)s–%(end)s is off the platform's %(grid)s-minute grid.")
            message %= {
                "start": clock(start, slot.start_offset),
                "end": clock(start, slot.end_offset),
                "grid": grid,
            }
            findings.append(Finding("A", WARNING, message, (slot.pk,)))
    return findings


def slots_within_show(plan):
    """Paid warm-up may start half an hour early; nothing should run past the show."""
    start, end = plan.broadcast.local_start, show_end(plan)
    findings = []
    for slot in plan.ad_slots:
        if slot.start_offset < -PAID_WARMUP_MINUTES or slot.end_offset > end:
            message = _("The slot %(start)s–%(end)s runs outside the show and its warm-up.") % {
                "start": clock(start, slot.start_offset),
                "end": clock(start, slot.end_offset),
            }
            findings.append(Finding("A", WARNING, message, (slot.pk,)))
    return findings


# S — Product lineup


def lineup_has_products(plan):
    if not plan.products:
        return [Finding("S", ERROR, _("The lineup has no products yet."))]
    return []


def lineup_has_a_hero(plan):
    if plan.products and not any(p.role == ProductRole.HERO for p in plan.products):
        return [Finding("S", WARNING, _("The lineup has no hero product."))]
    return []


def products_not_overexposed(plan):
    findings = []
    for product in plan.products:
        if len(product.shown_in) > MAX_SEGMENTS_PER_PRODUCT:
            message = _("“%(name)s” is shown in %(count)s segments (buying fatigue above 3).") % {
                "name": product.name,
                "count": len(product.shown_in),
            }
            findings.append(Finding("S", WARNING, message, (product.pk,)))
    return findings


def releases_within_stock(plan):
    findings = []
    for p in plan.products:
        released = (p.release_units or 0) * len(p.shown_in)
        if released > p.stock:
            message = _(
                "“%(name)s” releases %(released)s units in %(times)s showings; stock is %(stock)s."
            ) % {
                "name": p.name,
                "released": released,
                "times": len(p.shown_in),
                "stock": p.stock,
            }
            findings.append(Finding("S", WARNING, message, (p.pk,)))
    return findings


def selling_points_without_absolute_claims(plan):
    message = _(
        "Selling points of “%(name)s” make an absolute claim (Advertising Law, Art. 9): "
        "%(phrases)s."
    )
    return absolute_claims_in("S", plan.products, "selling_points", "name", message)


def lineup_reaches_target(plan):
    if not plan.products or plan.lineup_total >= plan.broadcast.gmv_target:
        return []
    message = _("At planned units the lineup sells %(total)s of the %(target)s target.") % {
        "total": f"{plan.broadcast.currency_symbol}{plan.lineup_total:,.2f}",
        "target": f"{plan.broadcast.currency_symbol}{plan.broadcast.gmv_target:,.2f}",
    }
    return [Finding("S", WARNING, message)]


# G — Giveaways


def lucky_bags_spaced(plan):
    findings = []
    bags = plan.lucky_bags
    for before, after in zip(bags, bags[1:], strict=False):
        gap = after.fires_at - before.fires_at
        if gap > LUCKY_BAG_MAX_GAP:
            message = _("%(gap)s minutes between two lucky bags (aim for 15–20).") % {"gap": gap}
            findings.append(Finding("G", WARNING, message, (before.pk, after.pk)))
    return findings


def lottery_prize_within_cap(plan):
    return [
        Finding(
            "G",
            WARNING,
            _("A lottery prize above ¥50,000 breaks the Anti-Unfair Competition Law (Art. 10)."),
            (g.pk,),
        )
        for g in plan.giveaways
        if g.kind == GiveawayKind.LOTTERY and g.unit_value > LOTTERY_PRIZE_CAP
    ]


def red_packets_within_caps(plan):
    return [
        Finding(
            "G",
            WARNING,
            _("A red-packet pool above ¥20,000 or 2,000 packets exceeds common platform caps."),
            (g.pk,),
        )
        for g in plan.giveaways
        if g.kind == GiveawayKind.RED_PACKET
        and (g.cost > RED_PACKET_POOL_CAP or g.quantity > RED_PACKET_COUNT_CAP)
    ]


def flash_sales_priced(plan):
    """A flash sale names its lineup product and its price, or its cost and the run-sheet's
    price are wrong."""
    findings = []
    for g in plan.giveaways:
        if g.kind != GiveawayKind.FLASH_SALE:
            continue
        if g.prize_product is None:
            message = _("The flash sale at %(at)s names no product of the lineup.")
        elif g.flash_price is None:
            message = _("The flash sale of “%(name)s” at %(at)s has no flash price.")
        else:
            continue
        at = clock(plan.broadcast.local_start, g.fires_at) if g.fires_at is not None else "—"
        name = g.prize_product.name if g.prize_product else ""
        findings.append(Finding("G", WARNING, message % {"at": at, "name": name}, (g.pk,)))
    return findings


def giveaways_within_show(plan):
    end = show_end(plan)
    findings = []
    for g in plan.giveaways:
        if g.fires_at is None:
            message = _("“%(giveaway)s” has no time: its segment was deleted or none was set.")
        elif g.fires_at + (g.countdown_minutes or 0) > end:
            message = _("“%(giveaway)s” fires after the show has ended.")
        else:
            continue
        findings.append(Finding("G", WARNING, message % {"giveaway": g}, (g.pk,)))
    return findings


# E — Warm-up content


def warmup_not_overdue(plan):
    findings = []
    for item in plan.warmup_items:
        if item.is_overdue():
            message = _("“%(title)s” was due %(when)s and is not published.") % {
                "title": item.title,
                "when": item.offset_label,
            }
            findings.append(Finding("E", WARNING, message, (item.pk,)))
    return findings


def warmup_has_teasers(plan):
    if plan.warmup_items and len(plan.warmup_items) < 2:
        return [
            Finding(
                "E", WARNING, _("Plan at least two teasers: the day before and the hour before.")
            )
        ]
    return []


RULES = [
    timing_has_segments,
    timing_fits_planned_length,
    hard_starts_in_order,
    host_lines_without_absolute_claims,
    spoken_prices_match_lineup,
    cued_links_in_lineup,
    audience_mix_sums_to_100,
    slot_shares_sum_to_100,
    slots_on_platform_grid,
    slots_within_show,
    lineup_has_products,
    lineup_has_a_hero,
    products_not_overexposed,
    releases_within_stock,
    selling_points_without_absolute_claims,
    lineup_reaches_target,
    lucky_bags_spaced,
    lottery_prize_within_cap,
    red_packets_within_caps,
    flash_sales_priced,
    giveaways_within_show,
    warmup_not_overdue,
    warmup_has_teasers,
]


def run_checks(plan) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(plan)]
