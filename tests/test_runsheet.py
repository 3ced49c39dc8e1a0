"""The run-sheet composition of the example show, checked by hand against DOMAIN.md."""

from decimal import Decimal

import pytest

from stage.demo import fill_example_show
from stage.plan import load_plan
from stage.runsheet import compose
from stage.timeline import picture

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def sheet(broadcast):
    fill_example_show(broadcast)
    return compose(load_plan(broadcast))


def test_nine_segments_from_seven_to_ten(sheet):
    assert [(r.number, r.start, r.end, r.minutes) for r in sheet.rows] == [
        (1, "19:00", "19:10", 10),
        (2, "19:10", "19:25", 15),
        (3, "19:25", "20:00", 35),
        (4, "20:00", "20:15", 15),
        (5, "20:15", "20:50", 35),
        (6, "20:50", "21:05", 15),
        (7, "21:05", "21:30", 25),
        (8, "21:30", "21:50", 20),
        (9, "21:50", "22:00", 10),
    ]
    assert [r.kind for r in sheet.rows] == [
        "warmup", "traffic", "hero", "interaction", "profit", "flash", "fan", "rerun", "closing",
    ]  # fmt: skip
    assert (sheet.start, sheet.end, sheet.over_under_label) == ("19:00", "22:00", "±0")


def test_each_row_carries_its_host_lines_and_cues(sheet):
    traffic = sheet.rows[1]
    assert traffic.host_lines == "9.9 元一瓶，三轮放单，手慢无。"
    assert traffic.cues == "1 号链接放 500 单 ×3"


def test_the_products_shown_with_link_live_price_and_units(sheet):
    shown = [[(p.link_number, p.live_price, p.units) for p in r.products] for r in sheet.rows]
    assert shown == [
        [],
        [(1, D("9.90"), 500)],
        [(2, D("159.00"), 200)],
        [],
        [(3, D("99.00"), 300)],
        [(2, D("159.00"), 200)],
        [(4, D("399.00"), 60), (5, D("39.90"), 250)],
        [(1, D("9.90"), 500), (2, D("159.00"), 200)],
        [],
    ]
    assert sheet.rows[1].products[0].name == "氨基酸洁面慕斯"


def test_the_giveaways_fire_in_their_segments(sheet):
    fired = [[(g.at, g.quantity) for g in r.giveaways] for r in sheet.rows]
    assert fired == [
        [("19:00", 10)],  # lucky bag 1
        [],
        [("19:25", 1000)],  # coupon, spend 150 save 10
        [("20:00", 20)],  # lucky bag 2, fan club only
        [],
        [("20:50", 200)],  # flash sale of the serum
        [],
        [],
        [("21:50", 10)],  # lucky bag 3
    ]
    assert sheet.rows[3].giveaways[0].entry == "Fan club only"


def test_the_ad_slot_running_in_each_segment_with_its_budget(sheet):
    slots = [(r.slot.start, r.slot.end, r.slot.share, r.slot.money) for r in sheet.rows]
    first, second, third = ("19:00", "20:00", D("35"), D("14000")), None, None
    second = ("20:00", "21:00", D("40"), D("16000"))
    third = ("21:00", "22:00", D("15"), D("6000"))
    # The flash sale (20:50–21:05) runs mostly in the 20:00 slot.
    assert slots == [first] * 3 + [second] * 3 + [third] * 3


def test_a_segment_without_any_slot_has_none(broadcast):
    from stage.checklists.timing import Segment

    Segment.objects.create(broadcast=broadcast, title="Solo", minutes=30)
    [row] = compose(load_plan(broadcast)).rows
    assert row.slot is None and row.products == [] and row.giveaways == []


def test_the_appendix_tables(sheet):
    lineup, giveaways, ad_plan, warmup = sheet.printed_appendix  # as printed
    assert [t.key for t in sheet.appendix] == ["lineup", "giveaways", "ad_plan", "warmup"]
    assert [row[0] for row in lineup.rows] == [1, 2, 3, 4, 5]
    serum = lineup.rows[1]
    assert serum[1:6] == ("玻尿酸精华", "Hero", D("299.00"), D("159.00"), D("46.8"))
    assert serum[-1] == "19:25 20:50 21:30"
    assert [(row[0], row[-1]) for row in giveaways.rows] == [
        ("19:00", D("890.00")),
        ("19:25", D("10000.00")),
        ("20:00", D("3180.00")),
        ("20:50", D("2000.00")),  # (159 − 149) × 200 units
        ("21:50", D("690.00")),
    ]
    assert [(row[0], row[1], row[3]) for row in ad_plan.rows] == [
        ("18:30", "19:00", D("4000.00")),
        ("19:00", "20:00", D("14000.00")),
        ("20:00", "21:00", D("16000.00")),
        ("21:00", "22:00", D("6000.00")),
    ]
    assert [row[1] for row in warmup.rows] == ["D-1 19:00", "D-1 20:00", "H-1", "H-1"]
    assert all(len(row) == len(t.columns) for t in sheet.appendix for row in t.rows)
    full = sheet.appendix[0]  # spreadsheets carry the whole product, SKU to selling points
    assert [str(c.label) for c in full.columns][len(lineup.columns) :] == [
        "SKU", "Audience", "Unit cost", "Limit per buyer", "Selling points",
    ]  # fmt: skip


def test_the_lint_names_its_rows(sheet):
    [grid, bags_1, bags_2] = sheet.lint
    assert grid.rows[0][1] == "18:30"
    assert [label for _pk, label in bags_1.rows] == ["Lucky bag 洁面慕斯", "Lucky bag 玻尿酸精华"]


def test_the_header(sheet):
    facts = dict(sheet.facts)
    assert facts["Platform"] == "Kuaishou"
    assert facts["GMV target"] == "¥300,000.00"
    assert [s["letter"] for s in sheet.readiness] == list("TASGE")


def test_the_timeline_picture_spans_the_paid_warmup_and_the_show(sheet):
    p = picture(sheet)
    assert len(p["bars"]) == 9 and len(p["slots"]) == 4 and len(p["marks"]) == 5
    assert p["ticks"][0]["label"] == "18:30" and p["ticks"][-1]["label"] == "22:00"
    # Bars follow each other on the axis; the slot of 40% is the tallest.
    xs = [b["x"] for b in p["bars"]]
    assert xs == sorted(xs)
    assert max(p["slots"], key=lambda s: s["h"])["share"] == "40%"
    assert p["planned_end"] == p["ticks"][-1]["x"]
