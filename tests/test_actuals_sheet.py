"""Actuals read from data sheets written by others (issue 19): a Kuaishou GBK export, a Douyin
workbook with rows above its header, a team's own 复盘 sheet per segment, cells pasted from WPS.

The files and their expected figures in tests/data/actuals/ were written by hand by someone who
had not seen the reader (expected.json), from the example show's lineup and segments."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from stage.broadcasts import Status
from stage.plan import load_plan
from stage.review_forms import PRODUCT, SEGMENT
from stage.sheets.actuals import read_actuals
from stage.sheets.files import read_book
from tests.test_review import example, url  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "actuals"
EXPECTED = json.loads((DATA / "expected.json").read_text())
FIGURES = {PRODUCT: ("units", "gmv", "refunds"), SEGMENT: ("gmv", "orders", "uv", "followers")}


def rows_of(show, kind):
    if kind == PRODUCT:
        return {str(p.link_number): p for p in show.products.all()}
    return {str(n): s for n, s in enumerate(show.segments.order_by("position", "pk"), start=1)}


def same(read: str | None, expected):
    if expected is None:
        return read is None
    return read is not None and Decimal(read) == Decimal(str(expected))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_foreign_data_sheet_is_read_as_its_author_meant(example, name):  # noqa: F811
    expected = EXPECTED[name]
    grids = read_book((DATA / name).read_bytes(), name)
    reading = read_actuals(grids, load_plan(example))
    kind = PRODUCT if expected["kind"] == "products" else SEGMENT
    assert reading.kind == kind
    rows = rows_of(example, kind)
    for key, row in rows.items():
        for figure in FIGURES[kind]:
            read = reading.values.get(f"{kind}-{row.pk}-{figure}")
            want = expected["rows"].get(key, {}).get(figure)
            assert same(read, want), f"{name}: row {key} {figure}: read {read}, expected {want}"
    assert reading.unmatched == expected["unmatched_rows"]
    assert [list(cell) for cell in reading.unreadable] == expected["not_numbers"]


def test_reading_fills_the_form_and_saves_nothing(login, alice, example):  # noqa: F811
    example.status = Status.DONE
    example.save()
    client = login(alice)
    with open(DATA / "kuaishou_products.csv", "rb") as sheet:
        response = client.post(url("actuals_edit", example), {"read": "1", "sheet": sheet})
    assert response.status_code == 200
    page = response.content.decode()
    serum = example.products.get(link_number=2)
    assert f'name="prod-{serum.pk}-gmv" value="95708.00"' in page
    assert "4 rows read into the form below." in page
    assert "matches no row of this show" in page
    assert "商品点击率" in page  # a column left out, said so
    serum.refresh_from_db()
    assert serum.actual_gmv is None


def test_a_sheet_with_no_recognisable_header_says_what_it_looks_for(login, alice, example):  # noqa: F811
    example.status = Status.DONE
    example.save()
    response = login(alice).post(
        url("actuals_edit", example), {"read": "1", "pasted": "日期\t天气\n12-01\t晴"}
    )
    assert response.status_code == 200
    assert "No header row names a product" in response.content.decode()


def test_an_unreadable_file_is_refused_with_the_reason(login, alice, example):  # noqa: F811
    example.status = Status.DONE
    example.save()
    from django.core.files.uploadedfile import SimpleUploadedFile

    junk = SimpleUploadedFile("data.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    response = login(alice).post(url("actuals_edit", example), {"read": "1", "sheet": junk})
    assert response.status_code == 200
    assert "old .xls file" in response.content.decode()


def test_a_wrong_guess_is_corrected_and_read_again(login, alice, example):  # noqa: F811
    """A team's own words: 成交 (the GMV) and 卖了 (units) are not ones the reader knows."""
    example.status = Status.DONE
    example.save()
    client = login(alice)
    pasted = "商品\t卖了\t成交\n玻尿酸精华 30ml\t612\t95708\n"
    first = client.post(url("actuals_edit", example), {"read": "1", "pasted": pasted})
    assert "No header row names a product" in first.content.decode()
    assert 'name="col-1"' in first.content.decode()  # each column offered to be read by hand
    serum = example.products.get(link_number=2)
    mapped = {"col-0": "name", "col-1": "units", "col-2": "gmv", "header_row": "0"}
    again = client.post(
        url("actuals_edit", example), {"read": "mapped", "pasted": pasted, **mapped}
    )
    page = again.content.decode()
    assert f'name="prod-{serum.pk}-units" value="612"' in page
    assert f'name="prod-{serum.pk}-gmv" value="95708"' in page


def test_a_file_read_once_can_be_read_again_with_corrected_columns(login, alice, example):  # noqa: F811
    example.status = Status.DONE
    example.save()
    client = login(alice)
    with open(DATA / "team_review_segments.xlsx", "rb") as sheet:
        page = client.post(
            url("actuals_edit", example), {"read": "1", "sheet": sheet}
        ).content.decode()
    assert "场观\t平均在线" in page  # its cells, now in the box, to read again
    assert 'name="col-3"' in page and '<option value="uv" selected>' in page
    pasted = page.split('name="pasted"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    from html import unescape

    hero = example.segments.get(position=3)
    mapped = {"col-0": "number", "col-4": "uv", "col-8": "gmv", "header_row": "1"}  # 平均在线 as UV
    again = client.post(
        url("actuals_edit", example), {"read": "mapped", "pasted": unescape(pasted), **mapped}
    ).content.decode()
    assert f'name="seg-{hero.pk}-uv" value="' in again
    assert (
        f'name="seg-{hero.pk}-followers"' in again
        and f'name="seg-{hero.pk}-followers" value' not in again
    )
