"""The figures of the example show (T, A, S, G), checked against numbers worked out by hand.

The example show (stage.demo): Kuaishou, 19:00 Asia/Shanghai, 180 minutes, GMV target ¥300,000.
"""

from datetime import datetime, time

import pytest

from stage.checklists.giveaways import GiveawayKind
from stage.checklists.timing import Segment
from stage.clock import clock
from stage.demo import fill_example_show
from stage.plan import load_plan
from tests import figure_helpers
from tests.factories import SHANGHAI, make_broadcast
from tests.figure_helpers import D

pytestmark = pytest.mark.django_db

# The shared fixture, bound by assignment: imported, it would read as unused (F401, F811).
plan = figure_helpers.plan


def spans(plan):
    start = plan.broadcast.local_start
    return [
        (clock(start, s.start_offset), clock(start, s.start_offset + s.minutes))
        for s in plan.segments
    ]


# T — Timing script


def test_the_example_show_has_nine_segments_at_these_clock_times(plan):
    assert spans(plan) == [
        ("19:00", "19:10"),
        ("19:10", "19:25"),
        ("19:25", "20:00"),
        ("20:00", "20:15"),
        ("20:15", "20:50"),
        ("20:50", "21:05"),
        ("21:05", "21:30"),
        ("21:30", "21:50"),
        ("21:50", "22:00"),
    ]
    assert [s.start_offset for s in plan.segments] == [0, 10, 25, 60, 75, 110, 125, 150, 170]
    # No hard start anywhere: no gap is computed.
    assert all(s.gap is None for s in plan.segments)


def test_the_example_timeline_fills_the_planned_180_minutes(plan):
    # 10 + 15 + 35 + 15 + 35 + 15 + 25 + 20 + 10
    assert plan.timeline_minutes == 180
    assert plan.over_under == 0


def test_lengthening_one_segment_by_five_minutes_runs_five_over(broadcast):
    fill_example_show(broadcast)
    Segment.objects.filter(broadcast=broadcast, position=3).update(minutes=40)
    plan = load_plan(broadcast)
    assert plan.timeline_minutes == 185
    assert plan.over_under == 5
    assert spans(plan)[3] == ("20:05", "20:20")
    assert spans(plan)[-1] == ("21:55", "22:05")


def test_shortening_runs_under(broadcast):
    fill_example_show(broadcast)
    Segment.objects.filter(broadcast=broadcast, position=9).update(minutes=3)
    assert load_plan(broadcast).over_under == -7


def test_an_empty_timing_script_is_zero_minutes(broadcast):
    plan = load_plan(broadcast)
    assert plan.timeline_minutes == 0
    assert plan.over_under == -180


@pytest.mark.parametrize(
    ("hard_start", "gap", "clock_start"),
    [(time(20, 5), 5, "20:05"), (time(19, 55), -5, "19:55"), (time(20, 0), 0, "20:00")],
)
def test_a_hard_start_after_the_row_ending_at_20_00(broadcast, hard_start, gap, clock_start):
    fill_example_show(broadcast)
    # Row 4 (互动) follows 爆款, which ends at 20:00.
    Segment.objects.filter(broadcast=broadcast, position=4).update(hard_start=hard_start)
    plan = load_plan(broadcast)
    fourth = plan.segments[3]
    assert fourth.gap == gap
    assert clock(plan.broadcast.local_start, fourth.start_offset) == clock_start
    # The rows after it move with it, so the show runs over or under by the gap.
    assert plan.over_under == gap
    assert [s.gap for s in plan.segments if s is not fourth] == [None] * 8


def test_a_hard_start_after_midnight_is_read_forward(team):
    late = make_broadcast(team=team, start=datetime(2030, 12, 1, 23, 0, tzinfo=SHANGHAI))
    Segment.objects.create(broadcast=late, position=1, title="a", minutes=60)
    Segment.objects.create(
        broadcast=late, position=2, title="b", minutes=30, hard_start=time(0, 30)
    )
    plan = load_plan(late)
    assert plan.segments[1].start_offset == 90
    assert plan.segments[1].gap == 30


# A — Ad-spend plan


def test_ad_slots_split_the_40000_budget(plan):
    assert plan.ad_plan.budget == D("40000")
    assert [s.share for s in plan.ad_slots] == [D("10"), D("35"), D("40"), D("15")]
    # 10 %, 35 %, 40 %, 15 % of ¥40,000
    assert [s.money for s in plan.ad_slots] == [D("4000"), D("14000"), D("16000"), D("6000")]
    assert plan.slot_share_total == 100
    assert sum(s.money for s in plan.ad_slots) == D("40000")


def test_ad_slot_times_and_emphasis(plan):
    start = plan.broadcast.local_start
    assert [(clock(start, s.start_offset), clock(start, s.end_offset)) for s in plan.ad_slots] == [
        ("18:30", "19:00"),
        ("19:00", "20:00"),
        ("20:00", "21:00"),
        ("21:00", "22:00"),
    ]
    assert [s.emphasis for s in plan.ad_slots] == ["paid", "all", "all", "all"]


def test_expected_ad_gmv_is_budget_times_target_roi(plan):
    # ¥40,000 × 3.0
    assert plan.ad_plan.expected_ad_gmv == D("120000.00")


def test_gmv_target_split_by_audience(plan):
    split = plan.ad_plan.target_by_audience(plan.broadcast.gmv_target)
    assert [(label, pct, amount) for label, pct, amount in split] == [
        ("Old fans", D("40"), D("120000.00")),
        ("New organic", D("35"), D("105000.00")),
        ("Paid", D("25"), D("75000.00")),
    ]
    assert sum(amount for _label, _pct, amount in split) == D("300000")
    assert plan.ad_plan.mix_total == 100


def test_uv_needed_for_the_target(plan):
    # 300,000 / (5 % × ¥100) = 300,000 / 5
    assert plan.uv_needed == 60000


def test_uv_needed_rounds_up(plan):
    plan.ad_plan.aov = D("70")
    # 300,000 / 3.5 = 85,714.28… → a whole viewer more
    assert plan.uv_needed == 85715


def test_uv_needed_without_an_ad_plan_is_unknown(broadcast):
    plan = load_plan(broadcast)
    assert plan.ad_plan.pk is None
    assert plan.uv_needed is None


# S — Product lineup


def test_serum_discount_and_every_margin(plan):
    by_link = {p.link_number: p for p in plan.products}
    # 1 − 159 / 299 = 140 / 299 = 0.46822…
    assert by_link[2].discount_pct == D("46.8")
    # 1 − 9.9/89 = 0.88876…, 1 − 99/168 = 0.41071…, 1 − 399/598 = 0.33277…, 1 − 39.9/69 = 0.42173…
    assert by_link[1].discount_pct == D("88.9")
    assert by_link[3].discount_pct == D("41.1")
    assert by_link[4].discount_pct == D("33.3")
    assert by_link[5].discount_pct == D("42.2")
    # (live − cost) / live: 3.9/9.9, 107/159, 51/99, 189/399, 21.9/39.9
    assert [by_link[n].margin_pct for n in range(1, 6)] == [
        D("39.4"),
        D("67.3"),
        D("51.5"),
        D("47.4"),
        D("54.9"),
    ]


def test_margin_and_discount_are_unknown_without_cost_or_prices(plan):
    product = plan.products[0]
    product.unit_cost = None
    assert product.margin_pct is None
    product.list_price = D("0")
    assert product.discount_pct is None


def test_planned_sales_and_lineup_total(plan):
    # 9.9×1500, 159×1000, 99×600, 399×120, 39.9×500
    assert [p.planned_sales for p in plan.products] == [
        D("14850"),
        D("159000"),
        D("59400"),
        D("47880"),
        D("19950"),
    ]
    assert plan.lineup_total == D("301080")
    # 301,080 / 300,000 = 100.36 %
    assert plan.lineup_vs_target == D("100.4")


def test_lineup_vs_a_zero_target_is_unknown(plan):
    plan.broadcast.gmv_target = D("0")
    assert plan.lineup_vs_target is None


def test_role_mix_has_one_of_five_roles_each(plan):
    assert plan.role_mix == [
        ("Traffic driver", 1, D("20.0")),
        ("Profit", 1, D("20.0")),
        ("Image / premium", 1, D("20.0")),
        ("Hero", 1, D("20.0")),
        ("Fan-exclusive", 1, D("20.0")),
    ]


def test_products_know_their_segments(plan):
    by_link = {p.link_number: p for p in plan.products}
    assert [s.position for s in by_link[1].shown_in] == [2, 8]
    assert [s.position for s in by_link[2].shown_in] == [3, 6, 8]
    assert [s.position for s in by_link[5].shown_in] == [7]
    rerun = plan.segments[7]
    assert [p.link_number for p in rerun.shown_products] == [1, 2]


# G — Giveaways


def test_giveaway_costs_and_total(plan):
    costs = [(g.kind, g.cost) for g in plan.giveaways]
    assert costs == [
        (GiveawayKind.LUCKY_BAG, D("890")),  # 10 × 89
        (GiveawayKind.COUPON, D("10000")),  # 1,000 × ¥10 discount
        (GiveawayKind.LUCKY_BAG, D("3180")),  # 20 × 159
        (GiveawayKind.FLASH_SALE, D("2000")),  # 200 × (159 live − 149 flash)
        (GiveawayKind.LUCKY_BAG, D("690")),  # 10 × 69
    ]
    assert plan.giveaway_cost == D("16760")
    # 16,760 / 300,000 = 5.59 %
    assert plan.giveaway_cost_vs_target == D("5.6")


def test_lucky_bags_fire_at_their_segment_starts(plan):
    assert [g.fires_at for g in plan.lucky_bags] == [0, 60, 170]
    assert plan.lucky_bag_spacing == [60, 110]
    assert [g.prize_label for g in plan.lucky_bags] == ["洁面慕斯", "玻尿酸精华", "螺蛳粉五连包"]


def test_a_lucky_bag_at_a_minute_counts_between_the_others(plan):
    bag = plan.lucky_bags[0]
    bag.segment = None
    bag.at_minute = 30
    assert [g.fires_at for g in plan.lucky_bags] == [30, 60, 170]
    assert plan.lucky_bag_spacing == [30, 110]
