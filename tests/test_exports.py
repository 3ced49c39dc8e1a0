"""The run-sheet page and its PDF, XLSX and CSV exports: same content, any size, safe cells."""

import csv
import io
import os
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway, GiveawayKind
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem
from stage.demo import SEGMENTS, fill_example_show
from stage.exports import neutralise
from tests.factories import make_broadcast

pytestmark = pytest.mark.django_db

EXPORTS = ["runsheet", "runsheet_pdf", "runsheet_xlsx", "runsheet_csv"]
# CI installs poppler-utils (.ci/system-packages) and must run these.
POPPLER = pytest.mark.skipif(
    not shutil.which("pdftotext") and not os.environ.get("CI"), reason="needs poppler-utils"
)


def url(name, broadcast):
    from django.urls import reverse

    return reverse(name, args=[broadcast.pk])


@pytest.fixture
def example(broadcast):
    fill_example_show(broadcast)
    return broadcast


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_info(content: bytes, tmp_path, tool="pdfinfo") -> str:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(content)
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


@POPPLER
def test_the_pdf_holds_every_segment_and_the_chinese_host_lines(login, alice, example, tmp_path):
    response = login(alice).get(url("runsheet_pdf", example))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''2030-12-01-")
    # Table cells wrap their text: compare without any whitespace.
    text = "".join(pdf_text(response.content, tmp_path).split())
    for title, _kind, _minutes, lines, _cues in SEGMENTS:
        assert "".join(title.split()) in text
        assert "".join(lines.split()) in text
    assert "19:00" in text and "22:00" in text
    info = pdf_info(response.content, tmp_path)
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert 2 <= pages <= 6
    assert "841.89 x 595.276 pts (A4)" in info  # landscape
    fonts = pdf_info(response.content, tmp_path, "pdffonts").splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts  # every font embedded
    assert any("WenQuanYi" in line or "CJK" in line for line in fonts)


@POPPLER
def test_letter_paper_on_request(login, alice, example, tmp_path):
    response = login(alice).get(url("runsheet_pdf", example) + "?paper=letter")
    assert "792 x 612 pts (letter)" in pdf_info(response.content, tmp_path)


def test_the_xlsx_has_a_sheet_per_table_with_formats(login, alice, example):
    response = login(alice).get(url("runsheet_xlsx", example))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Run-sheet",
        "Product lineup",
        "Giveaways",
        "Ad-spend plan",
        "Warm-up calendar",
    ]
    sheet = book["Run-sheet"]
    assert sheet.cell(1, 1).value == example.title
    facts = [c.value for row in sheet.iter_rows(min_row=2, max_row=3) for c in row]
    assert facts[:4] == ["Date", "2030-12-01", "Time", "19:00-22:00"]
    assert "GMV target" in facts and "Kuaishou" in facts
    head = header_row(sheet, "No.")  # under the title and the show's facts, as a 直播脚本
    assert sheet.freeze_panes == f"A{head + 1}"
    assert [c.value for c in sheet[head]][:6] == ["No.", "Start", "End", "Min", "Kind", "Segment"]
    assert sheet.max_row == head + 9
    assert [sheet.cell(head + n, 2).value for n in (1, 9)] == ["19:00", "21:50"]
    assert sheet.cell(head + 2, 9).value == "#1 氨基酸洁面慕斯 9.90 ×500"
    assert sheet.cell(head + 1, 13).value == 14000  # after the products and their details
    assert sheet.cell(head + 1, 13).number_format == '"¥"#,##0.00'
    lineup = book["Product lineup"]
    assert lineup.cell(3, 2).value == "玻尿酸精华"
    assert lineup.cell(3, 6).value == pytest.approx(0.468)
    assert lineup.cell(3, 6).number_format == '0%" off"'
    assert lineup.cell(3, 10).value == 159000
    ads = book["Ad-spend plan"]
    assert ads.cell(1, 1).value == "Ad budget"  # the ad plan's own values above its slots
    assert ads.cell(header_row(ads, "Start") + 2, 4).value == 14000
    assert lineup.column_dimensions["B"].width == 24


def header_row(sheet, first: str) -> int:
    return next(r for r in range(1, 10) if sheet.cell(r, 1).value == first)


def test_the_csv_is_utf8_with_a_bom_and_parses(login, alice, example):
    response = login(alice).get(url("runsheet_csv", example))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["No.", "Start", "End", "Min"]
    assert len(rows) == 10
    assert [r[5] for r in rows[1:]] == [s[0] for s in SEGMENTS]
    assert rows[2][7] == "1 号链接放 500 单 ×3"
    assert rows[1][12] == "14000.00"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x")'])
def test_formula_looking_text_is_neutralised(value):
    assert neutralise(value) == "'" + value
    assert neutralise("19:00") == "19:00"
    assert neutralise(Decimal("-5")) == Decimal("-5")


def test_formulas_are_neutralised_in_csv_and_xlsx(login, alice, broadcast):
    Segment.objects.create(broadcast=broadcast, title='=HYPERLINK("http://x","y")', minutes=5,
                           host_lines="-2+3", cues="@SUM(A1:A2)")  # fmt: skip
    client = login(alice)
    text = client.get(url("runsheet_csv", broadcast)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][5:8] == ['\'=HYPERLINK("http://x","y")', "'-2+3", "'@SUM(A1:A2)"]
    book = load_workbook(io.BytesIO(client.get(url("runsheet_xlsx", broadcast)).content))
    sheet = book["Run-sheet"]
    row = header_row(sheet, "No.") + 1
    cells = [c.value for c in sheet[row]][5:8]
    assert cells == ['\'=HYPERLINK("http://x","y")', "'-2+3", "'@SUM(A1:A2)"]
    assert all(c.data_type == "s" for c in sheet[row][5:8])


def test_markup_in_text_is_shown_as_text(login, alice, broadcast):
    Segment.objects.create(broadcast=broadcast, title="<script>alert(1)</script>", minutes=5)
    body = login(alice).get(url("runsheet", broadcast)).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def fill(broadcast, segments: int) -> None:
    """A show of any size: products, giveaways and warm-up in proportion to its segments."""
    rows = Segment.objects.bulk_create(
        Segment(broadcast=broadcast, position=i, title=f"段落 {i}", minutes=3, host_lines="话术")
        for i in range(segments)
    )
    products = Product.objects.bulk_create(
        Product(broadcast=broadcast, position=i, link_number=i + 1, name=f"商品 {i}",
                list_price=Decimal("99"), live_price=Decimal("59"), stock=100, release_units=10)
        for i in range(segments // 2)
    )  # fmt: skip
    Product.segments.through.objects.bulk_create(
        Product.segments.through(product=p, segment=rows[2 * i + j])
        for i, p in enumerate(products)
        for j in (0, 1)
    )
    Giveaway.objects.bulk_create(
        Giveaway(broadcast=broadcast, kind=GiveawayKind.LUCKY_BAG, segment=rows[i], prize="礼")
        for i in range(0, segments, 3)
    )
    AdPlan.objects.create(broadcast=broadcast, budget=Decimal("1000"))
    AdSlot.objects.bulk_create(
        AdSlot(broadcast=broadcast, start_offset=60 * i, end_offset=60 * (i + 1), share=10)
        for i in range(segments // 10)
    )
    WarmupItem.objects.bulk_create(
        WarmupItem(broadcast=broadcast, title=f"预热 {i}", offset_minutes=60 * (i + 1))
        for i in range(segments // 5)
    )


@pytest.mark.parametrize("name", EXPORTS + ["broadcast_detail"])
def test_queries_do_not_grow_with_the_show(login, alice, team, name):
    small, large = make_broadcast(team=team), make_broadcast(team=team)
    fill(small, 10)
    fill(large, 200)
    client = login(alice)
    counts = []
    for broadcast in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, broadcast)).status_code == 200
        counts.append(len(queries))
    # The bell and the open comments included; a PDF is also looked for and kept in the database.
    assert counts[0] == counts[1] <= (20 if name.endswith("pdf") else 15), counts


def test_the_page_offers_every_export_and_the_hub_links_it(login, vera, example):
    client = login(vera)
    page = client.get(url("runsheet", example)).content.decode()
    for name in EXPORTS[1:]:
        assert url(name, example) in page
    assert "data-print" in page
    hub = client.get(url("broadcast_detail", example)).content.decode()
    assert url("runsheet", example) in hub
    assert "<svg" in hub and "Show lint" in hub


@POPPLER
def test_markup_in_text_is_text_in_the_pdf_and_the_xlsx(login, alice, broadcast, tmp_path):
    Segment.objects.create(broadcast=broadcast, title="<b>粗体</b><script>x()</script>", minutes=5)
    client = login(alice)
    text = "".join(pdf_text(client.get(url("runsheet_pdf", broadcast)).content, tmp_path).split())
    assert "<b>粗体</b><script>x()</script>" in text
    book = load_workbook(io.BytesIO(client.get(url("runsheet_xlsx", broadcast)).content))
    sheet = book["Run-sheet"]
    assert sheet.cell(header_row(sheet, "No.") + 1, 6).value == "<b>粗体</b><script>x()</script>"
