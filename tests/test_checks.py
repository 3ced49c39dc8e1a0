"""Each rule of stage.checks fires when it should and stays quiet when it should not: T, A, S and
G here, E in tests/test_warmup_checks.py; readiness in tests/test_readiness.py."""

from datetime import datetime, time

import pytest

from stage import checks
from stage.broadcasts import Platform
from stage.checklists.adspend import AdPlan
from stage.checklists.giveaways import GiveawayKind
from stage.checklists.lineup import ProductRole
from stage.demo import fill_example_show
from stage.plan import load_plan
from tests.check_helpers import D, giveaway, product, run, segment, slot
from tests.factories import SHANGHAI, make_broadcast

pytestmark = pytest.mark.django_db


def test_every_rule_is_tested_here():
    tested = {
        "timing_has_segments",
        "timing_fits_planned_length",
        "hard_starts_in_order",
        # Absolute claims, spoken prices and flash sales: tests/test_claims.py
        "host_lines_without_absolute_claims",
        "spoken_prices_match_lineup",
        "selling_points_without_absolute_claims",
        "flash_sales_priced",
        "audience_mix_sums_to_100",
        "slot_shares_sum_to_100",
        "slots_on_platform_grid",
        "lineup_has_products",
        "lineup_has_a_hero",
        "products_not_overexposed",
        "lucky_bags_spaced",
        "lottery_prize_within_cap",
        "red_packets_within_caps",
        # Warm-up: tests/test_warmup_checks.py
        "warmup_not_overdue",
        "warmup_has_teasers",
        # Across checklists: tests/test_lint.py
        "cued_links_in_lineup",
        "slots_within_show",
        "releases_within_stock",
        "lineup_reaches_target",
        "giveaways_within_show",
    }
    assert {rule.__name__ for rule in checks.RULES} == tested


def test_the_example_show_has_these_findings_and_no_error(broadcast):
    fill_example_show(broadcast)
    plan = load_plan(broadcast)
    warmup_slot = plan.ad_slots[0]
    first, second, third = plan.lucky_bags
    # “最后一轮福袋” in the closing lines is about order, not a claim: no warning.
    assert [(f.letter, f.level, f.rows) for f in plan.findings] == [
        # The paid warm-up slot 18:30–19:00 is off Kuaishou's hourly grid.
        ("A", "warning", (warmup_slot.pk,)),
        # Lucky bags at 0, 60 and 170 minutes.
        ("G", "warning", (first.pk, second.pk)),
        ("G", "warning", (second.pk, third.pk)),
    ]
    messages = [f.message for f in plan.findings]
    assert "60-minute grid" in messages[0]
    assert messages[1].startswith("60 minutes")
    assert messages[2].startswith("110 minutes")
    assert not plan.has_errors()


# T — Timing script


def test_timing_has_segments(broadcast):
    [finding] = run(checks.timing_has_segments, broadcast)
    assert finding.letter == "T"
    assert finding.is_error
    segment(broadcast)
    assert run(checks.timing_has_segments, broadcast) == []


def test_timing_fits_planned_length(broadcast):
    # Nothing to compare before there is a segment.
    assert run(checks.timing_fits_planned_length, broadcast) == []
    segment(broadcast, minutes=120)
    row = segment(broadcast, minutes=60)
    assert run(checks.timing_fits_planned_length, broadcast) == []
    row.minutes = 65
    row.save()
    [over] = run(checks.timing_fits_planned_length, broadcast)
    assert over.level == checks.WARNING
    assert over.message == "The segments run 185 min against 180 planned (+5 min)."
    row.minutes = 50
    row.save()
    [under] = run(checks.timing_fits_planned_length, broadcast)
    assert under.message == "The segments run 170 min against 180 planned (−10 min)."


@pytest.mark.parametrize(
    ("hard_start", "diff"), [(time(20, 5), "+5"), (time(19, 55), "−5")], ids=["gap", "overlap"]
)
def test_hard_start_off_the_row_before_is_a_warning(broadcast, hard_start, diff):
    segment(broadcast, minutes=60)
    row = segment(broadcast, minutes=60, title="Hero", hard_start=hard_start)
    [finding] = run(checks.hard_starts_in_order, broadcast)
    assert finding.level == checks.WARNING
    assert finding.message == f"“Hero” has a hard start: {diff} min against the row before."
    assert finding.rows == (row.pk,)


def test_hard_start_on_time_is_quiet(broadcast):
    segment(broadcast, minutes=60, hard_start=time(19, 0))
    segment(broadcast, minutes=60, hard_start=time(20, 0))
    segment(broadcast, minutes=60)
    assert run(checks.hard_starts_in_order, broadcast) == []


def test_hard_starts_out_of_order_are_an_error(broadcast):
    first = segment(broadcast, minutes=30, title="Flash", hard_start=time(20, 0))
    second = segment(broadcast, minutes=30, title="Hero", hard_start=time(19, 30))
    findings = run(checks.hard_starts_in_order, broadcast)
    errors = [f for f in findings if f.is_error]
    assert len(errors) == 1
    assert errors[0].rows == (first.pk, second.pk)
    assert errors[0].message == "Hard start of “Hero” is before the hard start of “Flash”."
    assert load_plan(broadcast).has_errors("T")


# A — Ad-spend plan


def test_audience_mix_only_checked_once_the_ad_plan_is_saved(broadcast):
    # An unsaved plan has a mix of 0 %: not a finding.
    assert run(checks.audience_mix_sums_to_100, broadcast) == []
    ad_plan = AdPlan.objects.create(
        broadcast=broadcast, mix_old=D("40"), mix_new=D("35"), mix_paid=D("20")
    )
    [finding] = run(checks.audience_mix_sums_to_100, broadcast)
    assert finding.level == checks.WARNING
    assert finding.message == "The audience mix adds up to 95.00%, not 100%."
    ad_plan.mix_paid = D("25")
    ad_plan.save()
    assert run(checks.audience_mix_sums_to_100, broadcast) == []


def test_slot_shares_sum_to_100(broadcast):
    assert run(checks.slot_shares_sum_to_100, broadcast) == []
    slot(broadcast, 0, 60, "60")
    [finding] = run(checks.slot_shares_sum_to_100, broadcast)
    assert finding.message == "The time slots share 60.00% of the budget, not 100%."
    slot(broadcast, 60, 120, "40")
    assert run(checks.slot_shares_sum_to_100, broadcast) == []
    slot(broadcast, 120, 180, "0.5")
    assert len(run(checks.slot_shares_sum_to_100, broadcast)) == 1


def test_kuaishou_slots_on_the_hour(broadcast):
    slot(broadcast, 0, 60)
    slot(broadcast, -60, 120)
    assert run(checks.slots_on_platform_grid, broadcast) == []


@pytest.mark.parametrize(("start", "end"), [(0, 30), (30, 60), (-30, 0), (5, 60)])
def test_kuaishou_slot_off_the_hourly_grid_is_a_warning(broadcast, start, end):
    row = slot(broadcast, start, end)
    [finding] = run(checks.slots_on_platform_grid, broadcast)
    assert finding.level == checks.WARNING
    assert finding.rows == (row.pk,)
    assert "60-minute grid" in finding.message


def test_the_grid_is_read_on_the_clock_not_from_the_start(team):
    # A Kuaishou show at 19:30: its first half hour ends on the hour.
    show = make_broadcast(team=team, start=datetime(2030, 12, 1, 19, 30, tzinfo=SHANGHAI))
    slot(show, 30, 90)
    assert run(checks.slots_on_platform_grid, show) == []
    slot(show, 0, 60)
    assert len(run(checks.slots_on_platform_grid, show)) == 1


def test_douyin_accepts_the_half_hour(team):
    show = make_broadcast(team=team, platform=Platform.DOUYIN)
    slot(show, -30, 0)
    slot(show, 30, 90)
    assert run(checks.slots_on_platform_grid, show) == []
    slot(show, 15, 30)
    [finding] = run(checks.slots_on_platform_grid, show)
    assert "30-minute grid" in finding.message


def test_platforms_without_a_grid_are_quiet(team):
    show = make_broadcast(team=team, platform=Platform.TAOBAO)
    slot(show, 7, 13)
    assert run(checks.slots_on_platform_grid, show) == []


# S — Product lineup


def test_lineup_has_products(broadcast):
    [finding] = run(checks.lineup_has_products, broadcast)
    assert (finding.letter, finding.level) == ("S", checks.ERROR)
    product(broadcast)
    assert run(checks.lineup_has_products, broadcast) == []


def test_lineup_has_a_hero(broadcast):
    # An empty lineup is the other rule's error, not this warning.
    assert run(checks.lineup_has_a_hero, broadcast) == []
    product(broadcast, role=ProductRole.TRAFFIC)
    product(broadcast, role=ProductRole.PROFIT)
    [finding] = run(checks.lineup_has_a_hero, broadcast)
    assert finding.level == checks.WARNING
    assert finding.message == "The lineup has no hero product."
    product(broadcast, role=ProductRole.HERO)
    assert run(checks.lineup_has_a_hero, broadcast) == []


def test_a_product_in_three_segments_is_fine_in_four_overexposed(broadcast):
    rows = [segment(broadcast, minutes=20) for _ in range(4)]
    product(broadcast, name="精华", shown_in=rows[:3])
    assert run(checks.products_not_overexposed, broadcast) == []
    busy = product(broadcast, name="洁面", shown_in=rows)
    [finding] = run(checks.products_not_overexposed, broadcast)
    assert finding.rows == (busy.pk,)
    assert finding.message == "“洁面” is shown in 4 segments (buying fatigue above 3)."


# G — Giveaways


def test_lucky_bags_25_minutes_apart_are_a_warning(broadcast):
    first = giveaway(broadcast, GiveawayKind.LUCKY_BAG, at_minute=0)
    second = giveaway(broadcast, GiveawayKind.LUCKY_BAG, at_minute=25)
    [finding] = run(checks.lucky_bags_spaced, broadcast)
    assert finding.rows == (first.pk, second.pk)
    assert finding.message == "25 minutes between two lucky bags (aim for 15–20)."


def test_lucky_bags_20_minutes_apart_are_fine(broadcast):
    giveaway(broadcast, GiveawayKind.LUCKY_BAG, at_minute=40)
    giveaway(broadcast, GiveawayKind.LUCKY_BAG, at_minute=0)
    giveaway(broadcast, GiveawayKind.LUCKY_BAG, at_minute=20)
    # Other kinds between them do not count as lucky bags.
    giveaway(broadcast, GiveawayKind.LOTTERY, at_minute=100)
    assert run(checks.lucky_bags_spaced, broadcast) == []


def test_lucky_bags_are_spaced_by_their_segments_start(broadcast):
    first = segment(broadcast, minutes=25)
    second = segment(broadcast, minutes=25)
    giveaway(broadcast, GiveawayKind.LUCKY_BAG, segment=first)
    giveaway(broadcast, GiveawayKind.LUCKY_BAG, segment=second)
    [finding] = run(checks.lucky_bags_spaced, broadcast)
    assert finding.message.startswith("25 minutes")
    first.minutes = 20
    first.save()
    assert run(checks.lucky_bags_spaced, broadcast) == []


def test_lottery_prize_cap(broadcast):
    giveaway(broadcast, GiveawayKind.LOTTERY, unit_value=D("50000"))
    # The cap is per prize: a lucky bag worth more is not a lottery.
    giveaway(broadcast, GiveawayKind.LUCKY_BAG, unit_value=D("60000"))
    assert run(checks.lottery_prize_within_cap, broadcast) == []
    big = giveaway(broadcast, GiveawayKind.LOTTERY, unit_value=D("50001"))
    [finding] = run(checks.lottery_prize_within_cap, broadcast)
    assert finding.rows == (big.pk,)
    assert finding.level == checks.WARNING


@pytest.mark.parametrize(
    ("quantity", "unit_value"),
    [(1000, "20.01"), (1, "20000.01"), (2001, "1"), (4000, "10")],
    ids=["pool", "one-packet-pool", "count", "both"],
)
def test_red_packet_over_a_cap_is_a_warning(broadcast, quantity, unit_value):
    row = giveaway(broadcast, GiveawayKind.RED_PACKET, quantity=quantity, unit_value=D(unit_value))
    [finding] = run(checks.red_packets_within_caps, broadcast)
    assert finding.rows == (row.pk,)


def test_red_packets_at_the_caps_are_quiet(broadcast):
    giveaway(broadcast, GiveawayKind.RED_PACKET, quantity=2000, unit_value=D("10"))  # ¥20,000
    giveaway(broadcast, GiveawayKind.RED_PACKET, quantity=1, unit_value=D("20000"))
    giveaway(broadcast, GiveawayKind.LUCKY_BAG, quantity=5000, unit_value=D("10"))
    assert run(checks.red_packets_within_caps, broadcast) == []
