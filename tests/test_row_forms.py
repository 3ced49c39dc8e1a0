"""The row forms refuse what cannot be right, with the message next to the field."""

from decimal import Decimal

import pytest

from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.forms import (
    AdPlanForm,
    AdSlotForm,
    GiveawayForm,
    ProductForm,
    SegmentForm,
    WarmupForm,
)
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem
from stage.plan import load_plan
from tests.factories import make_broadcast

pytestmark = pytest.mark.django_db

D = Decimal
PERCENT = "A percentage is between 0 and 100."

SEGMENT = {"title": "爆款 · 玻尿酸精华", "kind": "hero", "minutes": "35", "hard_start": ""}
AD_PLAN = {
    "budget": "40000",
    "tool": "jinniu",
    "objective": "room",
    "target_roi": "3.0",
    "conversion_pct": "5",
    "aov": "100",
    "mix_old": "40",
    "mix_new": "35",
    "mix_paid": "25",
}
AD_SLOT = {"start": "20:00", "end": "21:00", "share": "40", "emphasis": "all"}
PRODUCT = {
    "link_number": "2",
    "name": "玻尿酸精华",
    "role": "hero",
    "audience": "all",
    "list_price": "299",
    "live_price": "159",
    "unit_cost": "52",
    "stock": "1200",
    "planned_units": "1000",
}
COUPON = {
    "kind": "coupon",
    "entry_rule": "none",
    "quantity": "1000",
    "unit_value": "0",
    "coupon_threshold": "150",
    "coupon_discount": "10",
}
WARMUP = {
    "channel": "short_video",
    "title": "预热短视频：精华 159 剧透",
    "publish": "D-1 20:00",
    "status": "scheduled",
    "expected_reservations": "3000",
}


def errors(form_class, broadcast, data, **kwargs):
    form = form_class(data, broadcast=broadcast, **kwargs)
    assert not form.is_valid()
    return form.errors


# Segment


@pytest.mark.parametrize("minutes", ["0", "-5"])
def test_segment_lasts_at_least_a_minute(broadcast, minutes):
    found = errors(SegmentForm, broadcast, {**SEGMENT, "minutes": minutes})
    assert found == {"minutes": ["A segment lasts at least one minute."]}


def test_segment_form_saves(broadcast):
    form = SegmentForm({**SEGMENT, "hard_start": "19:25"}, broadcast=broadcast)
    assert form.is_valid(), form.errors
    row = form.save()
    assert row.broadcast == broadcast
    assert Segment.objects.get().minutes == 35
    assert str(Segment.objects.get().hard_start) == "19:25:00"


# Product


def test_live_price_above_list_price(broadcast):
    found = errors(ProductForm, broadcast, {**PRODUCT, "live_price": "299.01"})
    assert found == {"live_price": ["The live price is above the list price."]}


def test_live_price_equal_to_list_price_is_fine(broadcast):
    form = ProductForm({**PRODUCT, "live_price": "299"}, broadcast=broadcast)
    assert form.is_valid(), form.errors


def test_planned_units_above_stock(broadcast):
    found = errors(ProductForm, broadcast, {**PRODUCT, "planned_units": "1201"})
    assert found == {"planned_units": ["Planned units are more than the stock."]}


def test_both_product_errors_at_once(broadcast):
    found = errors(
        ProductForm, broadcast, {**PRODUCT, "live_price": "300", "planned_units": "5000"}
    )
    assert set(found) == {"live_price", "planned_units"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stock", "-1", "Cannot be negative."),
        ("planned_units", "-1", "Cannot be negative."),
        ("link_number", "0", "Cart links start at 1."),
        ("list_price", "-1", "Amounts cannot be negative."),
    ],
)
def test_product_field_validators(broadcast, field, value, message):
    found = errors(ProductForm, broadcast, {**PRODUCT, field: value})
    assert message in found[field]


def test_product_form_saves_with_its_segments(broadcast):
    hero = Segment.objects.create(broadcast=broadcast, position=1, title="爆款", minutes=35)
    rerun = Segment.objects.create(broadcast=broadcast, position=2, title="返场", minutes=20)
    form = ProductForm({**PRODUCT, "segments": [hero.pk, rerun.pk]}, broadcast=broadcast)
    assert form.is_valid(), form.errors
    form.save()
    saved = Product.objects.get()
    assert saved.broadcast == broadcast
    assert saved.planned_sales == D("159000")
    assert set(saved.segments.all()) == {hero, rerun}


def test_product_segments_are_the_shows_own(broadcast, team):
    other = make_broadcast(team=team, title="Other show")
    elsewhere = Segment.objects.create(broadcast=other, position=1, title="x", minutes=5)
    found = errors(ProductForm, broadcast, {**PRODUCT, "segments": [elsewhere.pk]})
    assert list(found) == ["segments"]


# Ad plan


@pytest.mark.parametrize("field", ["mix_old", "mix_new", "mix_paid", "conversion_pct"])
@pytest.mark.parametrize("value", ["101", "-1"])
def test_ad_plan_percentages_are_between_0_and_100(broadcast, field, value):
    found = errors(AdPlanForm, broadcast, {**AD_PLAN, field: value})
    assert found == {field: [PERCENT]}


def test_ad_plan_form_saves(broadcast):
    form = AdPlanForm(AD_PLAN, broadcast=broadcast)
    assert form.is_valid(), form.errors
    form.save()
    saved = AdPlan.objects.get(broadcast=broadcast)
    assert saved.mix_total == 100
    assert saved.expected_ad_gmv == D("120000.00")


def test_ad_plan_mix_not_summing_to_100_is_accepted_and_warned_later(broadcast):
    # The form takes 40 + 35 + 20; the check warns about the sum.
    form = AdPlanForm({**AD_PLAN, "mix_paid": "20"}, broadcast=broadcast)
    assert form.is_valid(), form.errors
    form.save()
    assert [f.letter for f in load_plan(broadcast).findings_for("A")] == ["A"]


# Ad slot


@pytest.mark.parametrize("share", ["101", "-1"])
def test_ad_slot_share_is_between_0_and_100(broadcast, share):
    found = errors(AdSlotForm, broadcast, {**AD_SLOT, "share": share})
    assert found == {"share": [PERCENT]}


@pytest.mark.parametrize("end", ["19:30", "20:00"], ids=["before", "equal"])
def test_ad_slot_ends_after_it_starts(broadcast, end):
    found = errors(AdSlotForm, broadcast, {**AD_SLOT, "end": end})
    assert found == {"end": ["The slot ends before it starts."]}


def test_ad_slot_form_saves_as_minutes_from_the_start(broadcast):
    form = AdSlotForm({**AD_SLOT, "start": "18:30", "end": "19:00"}, broadcast=broadcast)
    assert form.is_valid(), form.errors
    form.save()
    saved = AdSlot.objects.get()
    assert (saved.start_offset, saved.end_offset) == (-30, 0)
    assert saved.share == D("40")
    edit = AdSlotForm(instance=saved, broadcast=broadcast)
    assert (str(edit.initial["start"]), str(edit.initial["end"])) == ("18:30:00", "19:00:00")


# Giveaway


@pytest.mark.parametrize("discount", ["150", "200"], ids=["equal", "above"])
def test_coupon_discount_below_its_threshold(broadcast, discount):
    found = errors(GiveawayForm, broadcast, {**COUPON, "coupon_discount": discount})
    assert found == {"coupon_discount": ["The discount must be below the threshold."]}


def test_coupon_needs_a_threshold(broadcast):
    found = errors(GiveawayForm, broadcast, {**COUPON, "coupon_threshold": ""})
    assert found == {"coupon_threshold": ["A coupon needs a threshold."]}


def test_coupon_needs_a_discount(broadcast):
    found = errors(GiveawayForm, broadcast, {**COUPON, "coupon_discount": ""})
    assert found == {"coupon_discount": ["A coupon needs a discount."]}


def test_coupon_needs_both(broadcast):
    data = {**COUPON, "coupon_threshold": "", "coupon_discount": ""}
    found = errors(GiveawayForm, broadcast, data)
    assert found == {
        "coupon_threshold": ["A coupon needs a threshold."],
        "coupon_discount": ["A coupon needs a discount."],
    }


def test_coupon_with_a_negative_threshold_gets_one_message(broadcast):
    found = errors(GiveawayForm, broadcast, {**COUPON, "coupon_threshold": "-1"})
    assert found["coupon_threshold"] == ["Amounts cannot be negative."]


def test_a_lucky_bag_needs_no_coupon_fields(broadcast):
    data = {**COUPON, "kind": "lucky_bag", "coupon_threshold": "", "coupon_discount": ""}
    form = GiveawayForm({**data, "unit_value": "89", "quantity": "10"}, broadcast=broadcast)
    assert form.is_valid(), form.errors


def test_giveaway_form_saves(broadcast):
    form = GiveawayForm(COUPON, broadcast=broadcast)
    assert form.is_valid(), form.errors
    form.save()
    saved = Giveaway.objects.get()
    assert saved.broadcast == broadcast
    # 1,000 coupons × ¥10
    assert saved.cost == D("10000")


# Warm-up


@pytest.mark.parametrize("publish", ["tomorrow", "D-1 25:00", "H-1 20:00", "2030-13-01 18:00"])
def test_warmup_publish_must_be_readable(broadcast, publish):
    found = errors(WarmupForm, broadcast, {**WARMUP, "publish": publish})
    assert found == {"publish": ["Write D-1 20:00, H-1, or a date such as 2026-12-01 18:00."]}


@pytest.mark.parametrize(
    ("publish", "minutes", "label"),
    [
        ("D-1 20:00", 23 * 60, "D-1 20:00"),
        ("H-1", 60, "H-1"),
        ("D-3", 3 * 24 * 60, "D-3 19:00"),
        ("2030-12-01 18:30", 30, "H-0:30"),
        ("2030-11-30T19:00", 24 * 60, "D-1 19:00"),
    ],
)
def test_warmup_form_saves_minutes_before_the_start(broadcast, publish, minutes, label):
    form = WarmupForm({**WARMUP, "publish": publish}, broadcast=broadcast)
    assert form.is_valid(), form.errors
    form.save()
    saved = WarmupItem.objects.get()
    assert saved.offset_minutes == minutes
    assert saved.offset_label == label
    assert WarmupForm(instance=saved, broadcast=broadcast).initial["publish"] == label


@pytest.mark.parametrize("minutes", [23 * 60, 60, 3 * 24 * 60])
def test_editing_a_warmup_item_keeps_its_publish_label(broadcast, minutes):
    item = WarmupItem.objects.create(broadcast=broadcast, title="预告", offset_minutes=minutes)
    shown = WarmupForm(instance=item, broadcast=broadcast).initial["publish"]
    data = {**WARMUP, "publish": shown, "version": item.version}
    form = WarmupForm(data, instance=item, broadcast=broadcast)
    assert form.is_valid(), form.errors
    assert form.save().offset_minutes == minutes


@pytest.mark.parametrize("minutes", [90, 30, -75], ids=["H-1:30", "H-0:30", "H+1:15"])
def test_editing_a_warmup_item_keeps_a_label_with_minutes(broadcast, minutes):
    item = WarmupItem.objects.create(broadcast=broadcast, title="预告", offset_minutes=minutes)
    shown = WarmupForm(instance=item, broadcast=broadcast).initial["publish"]
    data = {**WARMUP, "publish": shown, "version": item.version}
    form = WarmupForm(data, instance=item, broadcast=broadcast)
    assert form.is_valid(), form.errors
    assert form.save().offset_minutes == minutes
