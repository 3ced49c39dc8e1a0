"""The review (复盘) of the example show, figures checked by hand, and its pages and exports."""

import io
from datetime import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from stage.actuals import ShowActuals
from stage.broadcasts import Status
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.plan import load_plan
from stage.review import compose_review
from stage.review_chart import MIN_W, chart
from stage.review_rows import minutes_between, ratio
from tests.factories import SHANGHAI, make_broadcast
from tests.test_exports import POPPLER, pdf_info, pdf_text

pytestmark = pytest.mark.django_db

# The evening show fell a little short: ¥288,000 of ¥300,000 from more viewers who bought less.
ACTUALS = {
    "gmv": "288000", "uv": "64000", "pv": "120000", "avg_watch_seconds": "95", "orders": "3100",
    "buyers": "2880", "new_followers": "1920", "ad_spend": "42000", "ad_gmv": "117600",
    "notes": "主播状态好，精华库存不够",
}  # fmt: skip
PAGES = ["review", "review_pdf", "review_xlsx"]


def url(name, broadcast):
    return reverse(name, args=[broadcast.pk])


@pytest.fixture
def example(broadcast):
    fill_example_show(broadcast)
    broadcast.status = Status.DONE
    broadcast.save()
    return broadcast


@pytest.fixture
def actuals(example):
    return ShowActuals.objects.create(broadcast=example, **ACTUALS)


def review_of(broadcast):
    actuals = ShowActuals.objects.filter(broadcast=broadcast).first()
    return compose_review(load_plan(broadcast), actuals)


def test_every_show_figure_against_the_plan_by_hand(actuals):
    review = review_of(actuals.broadcast)
    rows = {f.key: (f.planned, f.actual, f.difference, f.difference_pct) for f in review.figures}
    assert rows == {
        "gmv": (D("300000"), D("288000"), D("-12000"), D("-4.0")),
        "uv": (60000, 64000, 4000, D("6.7")),  # 300,000 / (5% × ¥100)
        "pv": (None, 120000, None, None),
        "orders": (None, 3100, None, None),
        "buyers": (3000, 2880, -120, D("-4.0")),  # 300,000 / ¥100 AOV
        "conversion": (D("5"), D("4.5"), D("-0.5"), D("-10.0")),  # 2,880 / 64,000
        "aov": (D("100"), D("100"), D("0"), D("0")),  # 288,000 / 2,880
        "gpm": (None, D("2400"), None, None),  # 288,000 × 1000 / 120,000
        "uv_value": (D("5"), D("4.5"), D("-0.5"), D("-10.0")),  # 288,000 / 64,000
        "new_followers": (None, 1920, None, None),
        "follower_conversion": (None, D("3"), None, None),  # 1,920 / 64,000
        "avg_watch": (None, 95, None, None),
        "ad_spend": (D("40000"), D("42000"), D("2000"), D("5.0")),
        "ad_gmv": (D("120000"), D("117600"), D("-2400"), D("-2.0")),  # 40,000 × 3.0
        "roi": (D("3"), D("2.8"), D("-0.2"), D("-6.7")),  # 117,600 / 42,000
    }
    gmv, conversion = review.figure("gmv"), review.figure("conversion")
    assert (gmv.planned_text, gmv.actual_text) == ("¥300,000.00", "¥288,000.00")
    assert (gmv.difference_text, gmv.difference_pct_text) == ("−¥12,000.00", "−4.0%")
    assert (conversion.actual_text, conversion.difference_text) == ("4.5%", "−0.5 pp")
    assert review.figure("uv").difference_text == "+4,000"
    assert review.figure("roi").actual_text == "2.80"
    assert review.figure("gpm").actual_text == "¥2,400.00"


def test_a_zero_divisor_gives_no_figure_rather_than_an_error(broadcast):
    counts = dict.fromkeys(
        ["uv", "pv", "avg_watch_seconds", "orders", "buyers", "new_followers"], 0
    )
    empty = ShowActuals(broadcast=broadcast, gmv=D("500"), ad_spend=D("0"), ad_gmv=D("0"), **counts)
    review = compose_review(load_plan(broadcast), empty)  # and no ad plan at all
    for key in ("conversion", "aov", "gpm", "uv_value", "follower_conversion", "roi"):
        assert review.figure(key).actual is None, key
    assert review.figure("uv").planned is None  # no conversion or AOV planned: no UV needed
    assert review.figure("ad_spend").difference_pct is None  # a budget of 0
    assert ratio(D("1"), 0) is None and ratio(None, 5) is None
    assert ratio(D("2"), 3, 100) == D("66.67")


def test_the_largest_misses_are_the_three_furthest_behind_plan(actuals):
    misses = review_of(actuals.broadcast).misses
    # −10.0% and −10.0% keep the table's order; overspending the ad budget (+5%) also misses.
    assert [f.key for f in misses] == ["conversion", "uv_value", "roi"]


def test_figures_ahead_of_plan_are_no_misses(example):
    ShowActuals.objects.create(broadcast=example, **{**ACTUALS, "gmv": "400000", "uv": "50000",
        "orders": "4100", "buyers": "4000", "ad_spend": "40000", "ad_gmv": "160000"})  # fmt: skip
    misses = review_of(example).misses
    assert [f.key for f in misses] == ["uv"]  # 50,000 of 60,000; everything else beat the plan


def test_planned_sales_are_split_evenly_across_the_segments_showing_a_product(example):
    review = review_of(example)
    # Serum 159 × 1,000 shown three times: 53,000 each; cleanser 9.9 × 1,500 twice: 7,425 each.
    assert [s.planned_sales for s in review.segments] == [
        0, D("7425"), D("53000"), 0, D("59400"), D("53000"), D("67830"), D("60425"), 0,
    ]  # fmt: skip
    assert review.totals["planned_sales"] == load_plan(example).lineup_total == D("301080")


def test_a_third_of_a_product_is_rounded_to_the_cent(broadcast):
    segments = Segment.objects.bulk_create(
        Segment(broadcast=broadcast, position=i, title=f"S{i}", minutes=10) for i in range(3)
    )
    price = {"list_price": D("100"), "live_price": D("100")}
    product = Product.objects.create(
        broadcast=broadcast, link_number=1, name="礼盒", planned_units=1, **price
    )
    product.segments.set(segments)
    assert [s.planned_sales for s in review_of(broadcast).segments] == [D("33.33")] * 3


def test_actual_minutes_and_start_come_from_the_show_control(example):
    traffic, hero = Segment.objects.filter(broadcast=example).order_by("position")[1:3]
    traffic.actual_start = datetime(2030, 12, 1, 19, 12, 0, tzinfo=SHANGHAI)  # planned 19:10
    traffic.actual_end = datetime(2030, 12, 1, 19, 30, 29, tzinfo=SHANGHAI)  # 18 min 29 s
    traffic.actual_gmv, traffic.actual_orders = D("8910"), 900
    traffic.save()
    hero.actual_start = traffic.actual_end  # still running: no length yet
    hero.save()
    rows = review_of(example).segments
    assert (rows[1].actual_start, rows[1].start_delay, rows[1].actual_minutes) == ("19:12", 2, 18)
    assert (rows[1].minutes_difference, rows[1].gmv_difference_pct) == (3, D("20.0"))
    assert (rows[2].actual_start, rows[2].actual_minutes, rows[2].minutes_difference) == (
        "19:30", None, None)  # fmt: skip
    assert rows[0].actual_start == "" and rows[0].start_delay is None
    start = datetime(2030, 12, 1, 19, 0, tzinfo=SHANGHAI)
    assert minutes_between(start, start.replace(second=30)) == 1  # a half minute rounds up


def test_each_ad_slot_against_its_share_of_the_budget(example):
    slot = AdSlot.objects.get(broadcast=example, start_offset=0)
    slot.actual_spend, slot.actual_gmv = D("15000"), D("45000")
    slot.save()
    slots = review_of(example).slots
    assert [s.planned for s in slots] == [D("4000"), D("14000"), D("16000"), D("6000")]
    assert (slots[1].spend_difference_pct, slots[1].roi, slots[1].target_roi) == (
        D("7.1"), D("3.00"), D("3.0"))  # fmt: skip
    assert slots[0].roi is None and slots[0].spend_difference_pct is None


def test_the_chart_pairs_planned_and_actual_bars_per_segment(example):
    hero = Segment.objects.get(broadcast=example, position=3)
    hero.actual_start = datetime(2030, 12, 1, 19, 25, tzinfo=SHANGHAI)
    hero.actual_end = datetime(2030, 12, 1, 20, 5, tzinfo=SHANGHAI)  # 40 of 35 planned
    hero.actual_gmv = D("48000")
    hero.save()
    picture = chart(review_of(example))
    assert len(picture["rows"]) == 9 and picture["show_gmv"]
    planned, actual = picture["rows"][2]["minutes"]
    assert (actual["w"], actual["label"]) == (MIN_W, 40)  # the longest bar: scaled to 40
    assert (planned["w"], planned["label"]) == (round(35 / 40 * MIN_W, 1), 35)
    unknown = picture["rows"][0]["minutes"][1]
    assert (unknown["w"], unknown["label"]) == (0, "—")  # not timed: no bar, a dash
    assert [b["label"] for b in picture["rows"][2]["gmv"]] == ["¥53,000", "¥48,000"]
    assert picture["rows"][6]["label"] == "7 形象款 · 燕窝 + 宠粉螺蛳…"  # clipped to fit


# Pages


def post_actuals(client, broadcast, **changes):
    return client.post(url("actuals_edit", broadcast), {**ACTUALS, **changes})


def test_saving_actuals_marks_the_show_reviewed_and_opens_the_review(login, bob, example):
    serum = Segment.objects.get(broadcast=example, position=3)
    slot = AdSlot.objects.get(broadcast=example, start_offset=0)
    response = post_actuals(login(bob), example, **{
        f"seg-{serum.pk}-gmv": "48000", f"seg-{serum.pk}-orders": "310",
        f"slot-{slot.pk}-spend": "15000", f"slot-{slot.pk}-gmv": "45000",
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url("review", example)
    example.refresh_from_db()
    assert example.status == Status.REVIEWED
    saved = ShowActuals.objects.get(broadcast=example)
    assert (saved.gmv, saved.buyers, saved.entered_by) == (D("288000"), 2880, bob)
    serum.refresh_from_db()
    slot.refresh_from_db()
    assert (serum.actual_gmv, serum.actual_orders) == (D("48000"), 310)
    assert (slot.actual_spend, slot.actual_gmv) == (D("15000"), D("45000"))
    page = login(bob).get(response["Location"]).content.decode()
    assert "Actuals saved." in page and "¥288,000.00" in page and "−4.0%" in page


def test_correcting_actuals_keeps_one_record_and_the_reviewed_status(login, bob, actuals):
    example = actuals.broadcast
    example.status = Status.REVIEWED
    example.save()
    assert post_actuals(login(bob), example, gmv="290000").status_code == 302
    assert ShowActuals.objects.get(broadcast=example).gmv == D("290000")
    example.refresh_from_db()
    assert example.status == Status.REVIEWED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"gmv": "-5"}, "gmv", "Amounts cannot be negative."),
        ({"uv": "-1"}, "uv", "Cannot be negative."),
        ({"buyers": "3200"}, "buyers", "Buyers cannot exceed orders"),
        ({"uv": "2000", "pv": "9000"}, "buyers", "Buyers cannot exceed UV"),
        ({"gmv": "lots"}, "gmv", "Enter a number."),
    ],
)
def test_refused_input_is_shown_next_to_its_field_and_nothing_is_saved(
    login, bob, example, changes, field, message
):
    response = post_actuals(login(bob), example, **changes)
    assert response.status_code == 422
    page = response.content.decode()
    block = page[page.index(f'id="id_{field}"') :]
    assert message in block[: block.index("</div>")]  # the error follows the input
    assert "Nothing has been saved yet." in page
    assert not ShowActuals.objects.exists()
    example.refresh_from_db()
    assert example.status == Status.DONE


def test_a_negative_segment_gmv_is_refused_next_to_it(login, bob, example):
    serum = Segment.objects.get(broadcast=example, position=3)
    response = post_actuals(login(bob), example, **{f"seg-{serum.pk}-gmv": "-1"})
    assert response.status_code == 422
    page = response.content.decode()
    block = page[page.index(f'id="id_seg-{serum.pk}-gmv"') :]
    assert "Amounts cannot be negative." in block[: block.index("</div>")]
    serum.refresh_from_db()
    assert serum.actual_gmv is None and not ShowActuals.objects.exists()


@pytest.mark.parametrize("status", [Status.DRAFT, Status.READY, Status.LIVE])
def test_a_show_that_is_not_over_cannot_take_actuals(login, bob, broadcast, status):
    broadcast.status = status
    broadcast.save()
    client = login(bob)
    response = client.get(url("actuals_edit", broadcast))
    assert response.status_code == 409
    assert "Actuals can be entered once the show is done." in response.content.decode()
    assert post_actuals(client, broadcast).status_code == 409
    assert not ShowActuals.objects.exists()
    page = client.get(url("review", broadcast)).content.decode()
    assert "No actuals yet" in page and url("actuals_edit", broadcast) not in page


def test_the_review_without_actuals_invites_an_editor_to_enter_them(login, bob, vera, example):
    page = login(bob).get(url("review", example)).content.decode()
    assert "No actuals yet" in page and url("actuals_edit", example) in page
    assert "<svg" in page  # the plan side of the chart is already there
    page = login(vera).get(url("review", example)).content.decode()
    assert "No actuals yet" in page and url("actuals_edit", example) not in page


def test_the_review_page_shows_figures_misses_chart_and_downloads(login, vera, actuals):
    page = login(vera).get(url("review", actuals.broadcast)).content.decode()
    for text in ("¥288,000.00", "−4.0%", "64,000", "4.5%", "¥2,400.00", "2.80", "3.0%",
                 "Largest misses", 'class="review-chart"', "精华库存不够"):  # fmt: skip
        assert text in page, text
    assert url("review_pdf", actuals.broadcast) in page
    assert url("review_xlsx", actuals.broadcast) in page
    assert url("actuals_edit", actuals.broadcast) not in page  # a viewer reads only
    assert "style=" not in page  # the CSP allows no inline styles


@POPPLER
def test_the_pdf_holds_the_figures(login, alice, actuals, tmp_path):
    response = login(alice).get(url("review_pdf", actuals.broadcast))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith("review.pdf")
    text = pdf_text(response.content, tmp_path)
    expected = [
        "¥300,000.00 ¥288,000.00 −¥12,000.00 −4.0%",
        "60,000 64,000 +4,000 +6.7%",
        "¥2,400.00",
        "2.80",
        "3.0%",
        "Largest misses",
        "玻尿酸精华",
        "¥53,000.00",
    ]
    for figure in expected:
        assert figure in text, figure
    assert "841.89 x 595.276 pts (A4)" in pdf_info(response.content, tmp_path)


def test_the_xlsx_has_show_segments_products_and_ad_slot_sheets(login, alice, actuals):
    response = login(alice).get(url("review_xlsx", actuals.broadcast))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Show", "Segments", "Products", "Ad slots"]
    show = book["Show"]
    assert [c.value for c in show[1]] == [
        "Figure", "Unit", "Plan", "Actual", "Difference", "Difference %"]  # fmt: skip
    assert [c.value for c in show[2]] == ["GMV", "¥", 300000, 288000, -12000, pytest.approx(-0.04)]
    assert show.cell(2, 6).number_format == "0.0%"
    roi = next(row for row in show.iter_rows(values_only=True) if row[0].startswith("Ad ROI"))
    assert roi[2:5] == (3, 2.8, pytest.approx(-0.2))
    segments = book["Segments"]
    assert segments.max_row == 10
    assert segments.cell(4, 2).value == "爆款 · 玻尿酸精华" and segments.cell(4, 9).value == 53000
    assert segments.cell(4, 9).number_format == '"¥"#,##0.00'
    assert [book["Ad slots"].cell(r, 4).value for r in range(2, 6)] == [4000, 14000, 16000, 6000]


def fill(broadcast, segments: int) -> None:
    """A finished show of any size, with actuals for the show, each segment and each slot."""
    start = datetime(2030, 12, 1, 19, 0, tzinfo=SHANGHAI)
    rows = Segment.objects.bulk_create(
        Segment(broadcast=broadcast, position=i, title=f"段落 {i}", minutes=3,
                actual_start=start, actual_end=start, actual_gmv=D("100"), actual_orders=1)
        for i in range(segments)
    )  # fmt: skip
    products = Product.objects.bulk_create(
        Product(broadcast=broadcast, position=i, link_number=i + 1, name=f"商品 {i}",
                list_price=D("99"), live_price=D("59"), planned_units=10)
        for i in range(segments // 2)
    )  # fmt: skip
    Product.segments.through.objects.bulk_create(
        Product.segments.through(product=p, segment=rows[2 * i + j])
        for i, p in enumerate(products)
        for j in (0, 1)
    )
    AdPlan.objects.create(broadcast=broadcast, budget=D("1000"), target_roi=D("3"))
    AdSlot.objects.bulk_create(
        AdSlot(broadcast=broadcast, start_offset=60 * i, end_offset=60 * (i + 1), share=10,
               actual_spend=D("100"), actual_gmv=D("300"))
        for i in range(segments // 10)
    )  # fmt: skip
    ShowActuals.objects.create(broadcast=broadcast, **ACTUALS)


@pytest.mark.parametrize("name", [*PAGES, "actuals_edit"])
def test_queries_do_not_grow_with_the_show(login, alice, team, name):
    small = make_broadcast(team=team, status=Status.DONE)
    large = make_broadcast(team=team, status=Status.DONE)
    fill(small, 10)
    fill(large, 200)
    client = login(alice)
    counts = []
    for broadcast in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, broadcast)).status_code == 200
        counts.append(len(queries))
    # The bell's count included; a PDF is also looked for and kept in the database.
    assert counts[0] == counts[1] <= (20 if name.endswith("pdf") else 15), counts


def test_saving_actuals_takes_the_same_queries_for_any_size(login, alice, team):
    client, counts = login(alice), []
    for size in (10, 200):
        broadcast = make_broadcast(team=team, status=Status.DONE)
        fill(broadcast, size)
        rows = {f"seg-{s.pk}-gmv": "5" for s in broadcast.segments.all()}
        rows |= {f"slot-{s.pk}-spend": "5" for s in broadcast.ad_slots.all()}
        with CaptureQueriesContext(connection) as queries:
            assert post_actuals(client, broadcast, **rows).status_code == 302
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
