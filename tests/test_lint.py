"""The show lint: rules that read one checklist against another."""

from decimal import Decimal

import pytest

from stage import checks
from stage.checklists.giveaways import GiveawayKind
from tests.test_checks import giveaway, product, run, segment, slot

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["放单：7 号链接", "上 链接7", "push link #7 now", "Link 7"])
def test_a_cue_naming_a_link_missing_from_the_lineup(broadcast, text):
    product(broadcast)  # link 1 only
    row = segment(broadcast, cues=text)
    [finding] = run(checks.cued_links_in_lineup, broadcast)
    assert (finding.letter, finding.level, finding.rows) == ("T", "warning", (row.pk,))
    assert "#7" in finding.message


def test_host_lines_are_read_too_and_known_links_are_quiet(broadcast):
    product(broadcast)
    segment(broadcast, cues="1 号链接放 500 单", host_lines="看 1号链接")
    assert run(checks.cued_links_in_lineup, broadcast) == []
    segment(broadcast, host_lines="2号链接 和 3 号链接")
    [finding] = run(checks.cued_links_in_lineup, broadcast)
    assert "#2, #3" in finding.message


def test_ad_slots_may_start_half_an_hour_early_and_end_with_the_show(broadcast):
    segment(broadcast, minutes=180)
    slot(broadcast, -30, 180)
    assert run(checks.slots_within_show, broadcast) == []


@pytest.mark.parametrize(("start", "end"), [(-45, 0), (150, 195)])
def test_an_ad_slot_outside_the_show_and_its_warmup(broadcast, start, end):
    segment(broadcast, minutes=180)
    row = slot(broadcast, start, end)
    [finding] = run(checks.slots_within_show, broadcast)
    assert (finding.letter, finding.rows) == ("A", (row.pk,))


def test_an_overrunning_timeline_extends_the_window(broadcast):
    segment(broadcast, minutes=200)  # 20 minutes over the planned 180
    slot(broadcast, 180, 200)
    assert run(checks.slots_within_show, broadcast) == []


def test_units_released_above_stock(broadcast):
    a, b = segment(broadcast), segment(broadcast)
    row = product(broadcast, shown_in=[a, b], stock=900, release_units=450)
    assert run(checks.releases_within_stock, broadcast) == []
    row.release_units = 451
    row.save()
    [finding] = run(checks.releases_within_stock, broadcast)
    assert (finding.letter, finding.rows) == ("S", (row.pk,))
    assert "902" in finding.message and "900" in finding.message


def test_a_product_without_units_per_showing_is_not_checked(broadcast):
    product(broadcast, shown_in=[segment(broadcast)], stock=0)
    assert run(checks.releases_within_stock, broadcast) == []


def test_a_lineup_that_cannot_reach_the_target(broadcast):
    # 80 × 3,750 = 300,000: exactly the target.
    row = product(broadcast, planned_units=3750, stock=5000)
    assert run(checks.lineup_reaches_target, broadcast) == []
    row.planned_units = 3749
    row.save()
    [finding] = run(checks.lineup_reaches_target, broadcast)
    assert finding.letter == "S"
    assert "¥299,920.00" in finding.message and "¥300,000.00" in finding.message


def test_an_empty_lineup_is_left_to_its_own_rule(broadcast):
    assert run(checks.lineup_reaches_target, broadcast) == []


def test_a_giveaway_after_the_show(broadcast):
    segment(broadcast, minutes=180)
    giveaway(broadcast, GiveawayKind.LUCKY_BAG, at_minute=175, countdown_minutes=5)
    assert run(checks.giveaways_within_show, broadcast) == []
    late = giveaway(broadcast, GiveawayKind.LUCKY_BAG, at_minute=176, countdown_minutes=5)
    [finding] = run(checks.giveaways_within_show, broadcast)
    assert (finding.letter, finding.rows) == ("G", (late.pk,))


def test_a_giveaway_whose_segment_was_deleted(broadcast):
    tied = segment(broadcast)
    row = giveaway(broadcast, GiveawayKind.COUPON, segment=tied, coupon_discount=Decimal("10"))
    assert run(checks.giveaways_within_show, broadcast) == []
    tied.delete()
    [finding] = run(checks.giveaways_within_show, broadcast)
    assert (finding.letter, finding.rows) == ("G", (row.pk,))
    assert "no time" in finding.message
