"""The review per segment and per product (issue 19): figures checked by hand, the funnel and the
traffic sources, conclusions carried into the next show."""

from decimal import Decimal as D

import pytest
from django.test import Client
from django.urls import reverse

from stage.actuals import ShowActuals
from stage.broadcasts import Broadcast, Status
from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from tests.test_exports import POPPLER, pdf_text
from tests.test_review import ACTUALS, example, review_of, url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def segment(show, number) -> Segment:
    return show.segments.order_by("position", "pk")[number - 1]


def product(show, link) -> Product:
    return show.products.get(link_number=link)


@pytest.fixture
def reviewed(example):  # noqa: F811
    ShowActuals.objects.create(
        broadcast=example, reservations=9000, uv_natural=24000, uv_followers=25600,
        uv_paid=12800, uv_video=1600, **ACTUALS,
    )  # fmt: skip
    Segment.objects.filter(pk=segment(example, 2).pk).update(
        actual_gmv=D("12000"), actual_orders=150, actual_uv=3000, actual_new_followers=45
    )
    Product.objects.filter(pk=product(example, 1).pk).update(
        actual_units=620, actual_gmv=D("6138"), actual_refunds=D("138")
    )
    return example


def test_a_segment_s_uv_value_gpm_and_conversion_by_hand(reviewed):
    row = review_of(reviewed).segments[1]
    assert (row.actual_uv, row.actual_new_followers) == (3000, 45)
    assert row.uv_value == D("4.00")  # 12,000 / 3,000
    assert row.gpm == D("4000.00")  # 12,000 × 1000 / 3,000
    assert row.conversion == D("5.00")  # 150 orders / 3,000 UV, in %


def test_a_segment_without_its_figures_shows_none_rather_than_zero(reviewed):
    row = review_of(reviewed).segments[0]
    assert (row.actual_uv, row.uv_value, row.gpm, row.conversion) == (None, None, None, None)


def test_a_product_s_sales_refunds_and_sell_through_by_hand(reviewed):
    rows = {p.link: p for p in review_of(reviewed).products}
    mousse = rows[1]
    assert mousse.planned_units == 1500 and mousse.planned_sales == D("14850.0")  # 9.9 × 1500
    assert mousse.units_difference_pct == D("-58.7")  # (620 − 1500) / 1500
    assert mousse.gmv_difference_pct == D("-58.7")  # (6138 − 14850) / 14850
    assert mousse.net_gmv == D("6000")  # 6,138 − 138
    assert mousse.refund_rate == D("2.2")  # 138 / 6,138, in %
    assert mousse.sell_through == D("31.0")  # 620 / 2,000 stock
    assert rows[2].actual_units is None and rows[2].net_gmv is None


def test_the_funnel_from_reservations_to_buyers_by_hand(reviewed):
    funnel = review_of(reviewed).funnel
    assert [(s["planned"], s["actual"]) for s in funnel] == [
        (11500, 9000),  # the warm-up's expected reservations: 3,000 + 5,000 + 1,500 + 2,000
        (60000, 64000),
        (3000, 2880),
    ]
    assert funnel[1]["actual_step"] == D("711.11")  # 64,000 UV / 9,000 reservations
    assert funnel[2]["actual_step"] == D("4.50")  # 2,880 buyers / 64,000 UV
    assert funnel[2]["planned_step"] == D("5.00")


def test_traffic_sources_as_shares_beside_the_audience_mix(reviewed):
    traffic = {str(t["label"]): t for t in review_of(reviewed).traffic}
    assert traffic["natural (recommended) UV"]["share"] == D("37.5")  # 24,000 / 64,000
    assert traffic["follower UV"]["share"] == D("40.0")
    assert traffic["follower UV"]["planned_share"] == D("40")  # old fans 40%
    assert traffic["other UV"]["uv"] is None


def test_the_review_page_shows_products_funnel_and_segment_figures(login, alice, reviewed):
    page = login(alice).get(url("review", reviewed)).content.decode()
    assert 'id="products-title"' in page and 'id="funnel-title"' in page
    assert "¥4,000.00" in page  # segment 2's GPM
    assert "31%" in page  # the mousse's sell-through


@pytest.mark.parametrize("page", ["review", "actuals_edit"])
def test_the_review_and_its_form_read_in_a_constant_number_of_queries(
    login, alice, reviewed, django_assert_max_num_queries, page
):
    client = login(alice)
    client.get(url(page, reviewed))
    with django_assert_max_num_queries(25) as few:
        client.get(url(page, reviewed))
    for n in range(3):
        Product.objects.create(
            broadcast=reviewed, link_number=10 + n, name=f"加购 {n}", list_price=9, live_price=5
        )
        Segment.objects.create(broadcast=reviewed, position=20 + n, title=f"加段 {n}", minutes=5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(page, reviewed))


def conclusions_post(show, **rows) -> dict:
    data = {}
    for key, (verdict, text) in rows.items():
        kind, number = key.split("_")
        row = segment(show, int(number)) if kind == "seg" else product(show, int(number))
        data[f"{kind}-{row.pk}-verdict"] = verdict
        data[f"{kind}-{row.pk}-conclusion"] = text
    return data


def test_conclusions_are_saved_and_give_the_misses_their_reasons(login, alice, reviewed):
    client = login(alice)
    data = conclusions_post(
        reviewed, seg_2=("move", "放到 19:30 之后，人还没进来"), prod_1=("cut", "引流效果差")
    )
    response = client.post(url("review_conclusions", reviewed), data)
    assert response.status_code == 302
    assert segment(reviewed, 2).verdict == "move"
    apart = review_of(reviewed).rows_apart
    assert ("Link 1 氨基酸洁面慕斯", "−58.7%", "miss", "引流效果差") in apart


def test_a_too_long_conclusion_is_refused_next_to_it_and_nothing_is_saved(login, alice, reviewed):
    data = conclusions_post(reviewed, seg_2=("keep", "好"), seg_3=("keep", "长" * 501))
    response = login(alice).post(url("review_conclusions", reviewed), data)
    assert response.status_code == 422
    assert "at most 500 characters" in response.content.decode()
    assert segment(reviewed, 2).verdict == ""


def test_the_next_show_carries_the_conclusions_onto_its_rows(login, alice, reviewed):
    client = login(alice)
    data = conclusions_post(reviewed, seg_2=("move", "放到 19:30 之后"), prod_2=("keep", ""))
    client.post(url("review_conclusions", reviewed), data)
    response = client.post(
        url("next_show", reviewed), {"title": "下周三晚场", "scheduled_start": "2026-12-09T19:00"}
    )
    assert response.status_code == 302
    new = Broadcast.objects.get(title="下周三晚场")
    assert new.status == Status.DRAFT
    assert segment(new, 2).carried == "Move: 放到 19:30 之后"
    assert product(new, 2).carried == "Keep"
    assert segment(new, 1).carried == "" and product(new, 1).carried == ""
    assert segment(new, 2).actual_gmv is None and product(new, 1).actual_units is None
    page = client.get(reverse("checklist", args=[new.pk, "T"])).content.decode()
    assert "放到 19:30 之后" in page and "Done with the review note" in page


def test_marking_a_carried_note_done_keeps_the_sign_off(login, alice, example):  # noqa: F811
    row = segment(example, 3)
    Segment.objects.filter(pk=row.pk).update(carried="Change: 讲解太长")
    client = login(alice)
    client.post(reverse("signoff", args=[example.pk, "T"]))
    assert SignOff.objects.filter(broadcast=example, letter="T").exists()
    response = client.post(reverse("carried_dismiss", args=[example.pk, "T", row.pk]))
    assert response.status_code == 302
    assert segment(example, 3).carried == ""
    assert SignOff.objects.filter(broadcast=example, letter="T").exists()
    page = client.get(reverse("checklist", args=[example.pk, "T"])).content.decode()
    assert "讲解太长" not in page


def test_only_segments_and_products_carry_notes(login, alice, example):  # noqa: F811
    slot = example.ad_slots.first()
    response = login(alice).post(reverse("carried_dismiss", args=[example.pk, "A", slot.pk]))
    assert response.status_code == 404


@POPPLER
def test_the_review_pdf_has_the_products_and_the_conclusions(login, alice, reviewed, tmp_path):
    Segment.objects.filter(pk=segment(reviewed, 2).pk).update(verdict="move", conclusion="挪后")
    response = login(alice).get(url("review_pdf", reviewed))
    words = pdf_text(
        b"".join(response.streaming_content) if response.streaming else response.content, tmp_path
    )
    flat = "".join(words.split())
    for name in (
        "氨基酸洁面慕斯",
        "螺蛳粉五连包",
        "Sell-through",
        "Conclusionsforthenextshow",
        "挪后",
    ):
        assert name in flat, name
    assert "¥4,000.00" in flat  # segment 2's GPM


def test_watch_time_carries_its_unit_and_the_wins_are_named(login, alice, reviewed):
    review = review_of(reviewed)
    assert review.figure("avg_watch").actual_text == "95 s"
    assert [f.key for f in review.wins][:1] == ["uv"]  # 64,000 against 60,000: +6.7%
    client = login(alice)
    page = client.get(url("review", reviewed)).content.decode()
    assert "95 s" in page and "Ahead of the plan" in page
    client.cookies["django_language"] = "zh-hans"
    assert "95 秒" in client.get(url("review", reviewed)).content.decode()


def test_the_review_workbook_charts_minutes_gmv_and_uv_from_its_own_cells(login, alice, reviewed):
    import io
    import zipfile

    content = login(alice).get(url("review_xlsx", reviewed)).content
    archive = zipfile.ZipFile(io.BytesIO(content))
    charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
    assert len(charts) == 3
    xml = [archive.read(name).decode() for name in charts]
    # Planned and actual minutes (F, G), planned sales and actual GMV (I, J), UV (M): rows 2-10,
    # each series named by its header cell.
    for chart, columns in zip(xml, ["FG", "IJ", "M"], strict=True):
        for c in columns:
            assert f"'Segments'!${c}$2:${c}$10" in chart and f"'Segments'!{c}1<" in chart
    assert all("'Segments'!$B$2:$B$10" in chart for chart in xml)  # the segments' names


def seen_form(client, path) -> dict:
    """What a browser would post back untouched: every input of the page's form as rendered."""
    import re
    from html import unescape

    page = client.get(path).content.decode()
    found = {}
    for tag in re.findall(r"<input[^>]+>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and name.group(1) != "csrfmiddlewaretoken":
            found[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        found[name] = chosen.group(1) if chosen else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        found[name] = unescape(text.lstrip("\n"))
    return found


def test_two_people_entering_actuals_at_once_keep_both_entries(login, alice, bob, reviewed):
    """Bob and Alice open the form; Bob saves the mousse's units, then Alice the hero's GMV:
    her form still shows the mousse blank, and her save must not blank his entry."""
    path = url("actuals_edit", reviewed)
    mousse, hero = product(reviewed, 1), segment(reviewed, 3)
    Product.objects.filter(pk=mousse.pk).update(actual_units=None)
    alices, bobs = login(alice), Client()
    bobs.force_login(bob)
    hers, his = seen_form(alices, path), seen_form(bobs, path)
    his[f"prod-{mousse.pk}-units"] = "620"
    assert bobs.post(path, his).status_code == 302
    hers[f"seg-{hero.pk}-gmv"] = "48000"
    assert alices.post(path, hers).status_code == 302
    assert product(reviewed, 1).actual_units == 620
    assert segment(reviewed, 3).actual_gmv == D("48000")


def test_the_same_figure_changed_by_two_takes_the_later_save(login, alice, bob, reviewed):
    path = url("actuals_edit", reviewed)
    alices, bobs = login(alice), Client()
    bobs.force_login(bob)
    hers, his = seen_form(alices, path), seen_form(bobs, path)
    his["gmv"], hers["gmv"] = "290000", "291000"
    bobs.post(path, his)
    alices.post(path, hers)
    assert ShowActuals.objects.get(broadcast=reviewed).gmv == D("291000")


def test_two_people_concluding_at_once_keep_both_verdicts(login, alice, bob, reviewed):
    path = url("review", reviewed)
    alices, bobs = login(alice), Client()
    bobs.force_login(bob)
    hers, his = seen_form(alices, path), seen_form(bobs, path)
    first, second = segment(reviewed, 2), segment(reviewed, 5)
    his[f"seg-{second.pk}-verdict"] = "cut"
    assert bobs.post(url("review_conclusions", reviewed), his).status_code == 302
    hers[f"seg-{first.pk}-verdict"] = "keep"
    hers[f"seg-{first.pk}-conclusion"] = "保留"
    assert alices.post(url("review_conclusions", reviewed), hers).status_code == 302
    assert (segment(reviewed, 2).verdict, segment(reviewed, 5).verdict) == ("keep", "cut")
