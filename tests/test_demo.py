"""The demo that `make run` seeds: tomorrow's evening show as a Kuaishou team writes it, with a
clean lint, and the same show run four days ago with a populated review."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from stage.actuals import ShowActuals
from stage.broadcasts import Broadcast, Status
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway, GiveawayKind
from stage.checklists.lineup import Product, ProductRole
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment, SegmentKind
from stage.checklists.warmup import WarmupItem, WarmupStatus
from stage.control import Cue
from stage.management.commands.seed_demo import PAST_TITLE, SHOW_TITLE
from stage.plan import LETTERS, load_plan
from stage.teams import Membership

pytestmark = pytest.mark.django_db
ROW_MODELS = [Segment, AdPlan, AdSlot, Product, Giveaway, WarmupItem]


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


@pytest.fixture
def upcoming(seeded):
    return Broadcast.objects.get(title=SHOW_TITLE)


@pytest.fixture
def past(seeded):
    return Broadcast.objects.get(title=PAST_TITLE)


@pytest.fixture
def demo_client(client, seeded):
    client.force_login(get_user_model().objects.get(username="demo"))
    return client


def counts() -> dict:
    models = [Broadcast, Membership, Cue, ShowActuals, SignOff, *ROW_MODELS]
    return {
        **{model.__name__: model.objects.count() for model in models},
        **{f"history of {m.__name__}": m.history.count() for m in ROW_MODELS},
        "products shown": Product.segments.through.objects.count(),
    }


def test_seed_demo_run_twice_creates_nothing_new(seeded):
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert first["Broadcast"] == 2 and first["Membership"] == 1


def test_every_demo_row_has_its_history_record(seeded):
    for model in ROW_MODELS:
        assert model.history.count() == model.objects.count() > 0, model.__name__


def test_the_upcoming_show_is_tomorrows_draft_on_kuaishou(upcoming):
    start = upcoming.local_start
    assert (start.hour, start.minute, upcoming.planned_minutes) == (19, 0, 180)
    assert start.date() - upcoming.created.astimezone(start.tzinfo).date() == timedelta(days=1)
    assert (upcoming.platform, upcoming.status) == ("kuaishou", Status.DRAFT)
    assert (upcoming.account, upcoming.hosts) == ("星选好物直播间", "小鹿, 阿杰")
    assert upcoming.gmv_target == D("300000")
    assert "6 万 UV × 5%" in upcoming.notes
    assert not upcoming.signoffs.exists()  # the user learns to sign off


def test_the_upcoming_show_has_30_segments_filling_exactly_180_minutes(upcoming):
    plan = load_plan(upcoming)
    assert len(plan.segments) >= 30
    assert sum(s.minutes for s in plan.segments) == plan.timeline_minutes == 180
    assert all(3 <= s.minutes <= 10 for s in plan.segments)
    kinds = {s.kind for s in plan.segments}
    assert {SegmentKind.WARMUP, SegmentKind.QA, SegmentKind.FLASH, SegmentKind.RERUN} <= kinds
    assert plan.segments[0].kind == SegmentKind.WARMUP
    assert plan.segments[-1].kind == SegmentKind.CLOSING and "预告" in plan.segments[-1].title
    assert all(s.host_lines and s.cues for s in plan.segments)
    assert sum(bool(s.notes) for s in plan.segments) >= 5


def test_each_product_runs_build_up_link_and_push(upcoming):
    titles = [s.title for s in load_plan(upcoming).segments]
    for name in ["洁面慕斯", "精华", "面膜", "坚果礼盒", "防晒"]:
        beats = [t.split(" · ")[0] for t in titles if name in t.split(" · ")[-1]]
        assert beats[:3] == ["憋单", "上链接", "逼单"], name


def test_lucky_bags_fire_every_15_to_20_minutes_or_so(upcoming):
    plan = load_plan(upcoming)
    assert len(plan.lucky_bags) >= 9
    assert max(plan.lucky_bag_spacing) <= 20
    assert plan.lucky_bags[-1].fires_at >= 165  # one keeps them to the end


def test_the_giveaways_cover_every_kind_within_the_caps(upcoming):
    plan = load_plan(upcoming)
    kinds = Counter(g.kind for g in plan.giveaways)
    assert set(kinds) == set(GiveawayKind)
    [coupon] = [g for g in plan.giveaways if g.kind == GiveawayKind.COUPON]
    assert (coupon.coupon_threshold, coupon.coupon_discount) == (D("150"), D("10"))
    for packet in (g for g in plan.giveaways if g.kind == GiveawayKind.RED_PACKET):
        assert packet.quantity <= 2000 and packet.cost <= D("20000")
    [lottery] = [g for g in plan.giveaways if g.kind == GiveawayKind.LOTTERY]
    assert lottery.unit_value <= D("50000")
    [flash] = [g for g in plan.giveaways if g.kind == GiveawayKind.FLASH_SALE]
    assert (flash.prize_product.name, flash.flash_price, flash.quantity) == (
        "玻尿酸精华",
        D("149"),
        200,
    )
    assert (flash.countdown_minutes, flash.per_person_limit) == (3, 1)
    assert flash.segment.hard_start.strftime("%H:%M") == "20:30"
    keyworded = [g for g in plan.giveaways if g.entry_rule == "keyword"]
    assert keyworded and all(g.entry_detail for g in keyworded)


def test_the_lineup_has_unique_links_selling_points_and_reaches_the_target(upcoming):
    plan = load_plan(upcoming)
    links = [p.link_number for p in plan.products]
    assert sorted(links) == list(range(1, len(links) + 1)) and len(links) >= 7
    for p in plan.products:
        assert 1 <= len(p.selling_point_lines) <= 3, p.name
        assert p.sku and p.unit_cost is not None and p.release_units
        assert p.live_price <= p.list_price and p.planned_units <= p.stock
        assert 1 <= len(p.shown_in) <= 3, p.name
    assert plan.lineup_total >= upcoming.gmv_target
    roles = Counter(p.role for p in plan.products)
    assert roles[ProductRole.TRAFFIC] + roles[ProductRole.WELFARE] == 2  # ~20%
    assert roles[ProductRole.PROFIT] + roles[ProductRole.HERO] == len(links) // 2  # ~50%
    serum = next(p for p in plan.products if p.name == "玻尿酸精华")
    assert (serum.role, serum.list_price, serum.live_price, serum.stock) == (
        ProductRole.HERO,
        D("299"),
        D("159"),
        1200,
    )


def test_the_ad_slots_sit_on_kuaishous_hourly_grid(upcoming):
    plan = load_plan(upcoming)
    assert (plan.ad_plan.budget, plan.ad_plan.target_roi) == (D("40000"), D("3"))
    assert plan.ad_plan.mix_total == plan.slot_share_total == 100
    assert [(s.start_offset, s.end_offset) for s in plan.ad_slots] == [
        (0, 60),
        (60, 120),
        (120, 180),
    ]


def test_warmup_items_already_due_are_published_and_the_rest_are_not_yet(upcoming):
    plan = load_plan(upcoming)
    assert plan.expected_reservations > 0
    assert all(i.owner for i in plan.warmup_items)
    labels = [i.offset_label for i in plan.warmup_items]
    assert "D-1 20:00" in labels and "H-1" in labels
    assert not any(i.is_overdue() for i in plan.warmup_items)
    assert any(i.status != WarmupStatus.PUBLISHED for i in plan.warmup_items)


def test_the_upcoming_show_lints_clean(upcoming):
    plan = load_plan(upcoming)
    assert [(f.letter, f.level, f.message) for f in plan.findings] == []
    assert plan.cues  # the control room's cues, from the plan


def test_the_past_show_is_reviewed_with_every_actual(past):
    assert past.status == Status.REVIEWED
    assert past.local_start.strftime("%H:%M") == "19:00"
    actuals = past.actuals
    plan = load_plan(past)
    assert all(s.actual_start and s.actual_end > s.actual_start for s in plan.segments)
    for before, after in zip(plan.segments, plan.segments[1:], strict=False):
        assert after.actual_start == before.actual_end
    lengths = [(s.actual_end - s.actual_start).seconds // 60 - s.minutes for s in plan.segments]
    assert min(lengths) < 0 < max(lengths)  # some ran over, some under
    assert actuals.gmv == sum(s.actual_gmv for s in plan.segments)
    assert actuals.orders == sum(s.actual_orders for s in plan.segments)
    assert actuals.ad_spend == sum(s.actual_spend for s in plan.ad_slots)
    assert actuals.ad_gmv == sum(s.actual_gmv for s in plan.ad_slots)
    assert actuals.buyers <= actuals.orders and actuals.buyers <= actuals.uv
    assert D("4") <= D(actuals.buyers * 100) / actuals.uv <= D("6")  # conversion
    assert D("80") <= actuals.gmv / actuals.buyers <= D("120")  # AOV
    assert actuals.pv > actuals.uv and actuals.avg_watch_seconds and actuals.new_followers
    assert all(c.done_at for c in plan.cues)
    assert [(f.letter, f.level, f.message) for f in plan.findings] == []
    # Per segment and per product, and the review's conclusions for the next show.
    assert all(s.actual_uv and s.actual_new_followers is not None for s in plan.segments)
    sold = [p for p in plan.products if p.actual_units]
    assert len(sold) == len(plan.products)
    assert sum(p.actual_gmv for p in sold) <= actuals.gmv
    assert all(p.actual_refunds < p.actual_gmv for p in sold)
    assert sum((actuals.uv_natural, actuals.uv_followers, actuals.uv_paid, actuals.uv_video,
                actuals.uv_other)) == actuals.uv  # fmt: skip
    decided = [r for r in [*plan.segments, *plan.products] if r.verdict]
    assert len(decided) == 4 and all(r.conclusion for r in decided)


def test_the_past_show_was_signed_off_before_air_and_not_changed_since(past):
    signoffs = {s.letter: s for s in past.signoffs.all()}
    assert sorted(signoffs) == sorted(LETTERS)
    for signoff in signoffs.values():
        assert signoff.at < past.scheduled_start
        for model in ROW_MODELS:
            assert not model.history.filter(broadcast_id=past.pk, history_date__gt=signoff.at)


def test_the_demo_user_sees_the_past_shows_review(demo_client, past):
    response = demo_client.get(reverse("review", args=[past.pk]))
    assert response.status_code == 200
    assert f"¥{past.actuals.gmv:,.2f}" in response.text  # ¥281,877.00
    assert "秒杀 · 精华 149 限量 200 单" in response.text


@pytest.mark.parametrize(
    "name", ["broadcast_detail", "runsheet", "cue_list", "broadcast_history", "review"]
)
@pytest.mark.parametrize("title", [SHOW_TITLE, PAST_TITLE])
def test_the_demo_shows_pages_answer(demo_client, name, title):
    broadcast = Broadcast.objects.get(title=title)
    assert demo_client.get(reverse(name, args=[broadcast.pk])).status_code == 200


@pytest.mark.parametrize("letter", LETTERS)
def test_the_upcoming_shows_checklists_answer(demo_client, upcoming, letter):
    url = reverse("checklist", args=[upcoming.pk, letter])
    assert demo_client.get(url).status_code == 200
