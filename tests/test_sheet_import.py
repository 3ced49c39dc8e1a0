"""Importing a 直播脚本 spreadsheet into the Timing script: parsing, refusals, confirm, access."""

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from stage import sheet_import
from stage.broadcasts import Status
from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from tests.factories import make_broadcast

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "直播脚本-example.csv"
HEADER = ["环节", "类型", "时长", "话术", "场控", "产品", "备注"]


def csv_bytes(rows, *, encoding="utf-8-sig", delimiter=","):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_cached_value(xlsx: bytes, formula: str, value: str) -> bytes:
    """What Excel saves: a formula and its last computed value (openpyxl writes no value)."""
    source, out = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    f"<f>{formula}</f><v />".encode(), f"<f>{formula}</f><v>{value}</v>".encode()
                )
            target.writestr(item, data)
    return out.getvalue()


def make_product(broadcast, link, name, *, price="9.9"):
    price = Decimal(price)
    fields = {"position": link, "link_number": link, "list_price": price, "live_price": price}
    return Product.objects.create(broadcast=broadcast, name=name, **fields)


def counts():
    return tuple(m.objects.count() for m in (Segment, Product, Product.segments.through))


def url(broadcast):
    return reverse("segments_import", args=[broadcast.pk])


def upload(client, broadcast, content: bytes, name="直播脚本.csv"):
    return client.post(url(broadcast), {"file": SimpleUploadedFile(name, content)})


def confirm(client, broadcast, preview):
    assert preview.status_code == 200, preview.content.decode()
    return client.post(url(broadcast), {"payload": preview.context["payload"]})


# Parsing -------------------------------------------------------------------------------------


def test_it_reads_the_example_csv_with_its_bom():
    sheet = sheet_import.read(EXAMPLE.read_bytes(), EXAMPLE.name)
    assert sheet.problems == [] and sheet.bad_rows == []
    assert [row.number for row in sheet.rows] == list(range(2, 11))
    assert [row.data["kind"] for row in sheet.rows] == [
        "warmup", "traffic", "hero", "interaction", "profit", "flash", "fan", "rerun", "closing",
    ]  # fmt: skip
    assert sum(int(row.data["minutes"]) for row in sheet.rows) == 180
    assert sheet.rows[0].data["title"] == "暖场 · 开播福袋"
    assert sheet.ignored == ["时间"]  # a length column wins; start times are computed
    fan = [(m.link, m.name, m.price) for m in sheet.rows[6].mentions]
    assert fan == [(4, "燕窝六连装", "399"), (5, "螺蛳粉五连包", "39.9")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_it_reads_csv_in_the_encodings_excel_saves(encoding):
    cells = ["暖场 · 开播福袋", "暖场", "10", "欢迎来到直播间！", "开福袋 1", "", "口令“美美”"]
    sheet = sheet_import.read(csv_bytes([HEADER, cells], encoding=encoding), "script.csv")
    assert sheet.problems == []
    fields = ["title", "kind", "minutes", "host_lines", "cues", "notes"]
    assert [sheet.rows[0].data[f] for f in fields] == [*cells[:1], "warmup", *cells[2:5], cells[6]]


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_it_sniffs_the_delimiter(delimiter):
    rows = [HEADER, ["爆款 · 精华", "爆款", "35", "原价 299, 今天 159", "", "", ""]]
    sheet = sheet_import.read(csv_bytes(rows, delimiter=delimiter), "script.csv")
    assert sheet.problems == []
    assert sheet.rows[0].data["host_lines"] == "原价 299, 今天 159"


def test_it_reads_an_xlsx_and_takes_formulas_as_their_values():
    rows = [
        HEADER,
        ["暖场", "暖场", 10, "欢迎", None, None, None],
        ["爆款 · 精华", "hero", "=30+5", "精华 159", "价格揭晓", "2号链接 玻尿酸精华 ¥159", None],
        ["收尾", "closing", 10.0, None, None, None, "明晚见"],
    ]
    content = with_cached_value(xlsx_bytes(rows), "30+5", "35")
    sheet = sheet_import.read(content, "script.xlsx")
    assert sheet.problems == []
    assert [r.data["minutes"] for r in sheet.rows] == ["10", "35", "10"]
    assert [r.data["kind"] for r in sheet.rows] == ["warmup", "hero", "closing"]
    assert sheet.rows[1].mentions[0].link == 2


@pytest.mark.parametrize(
    "header",
    [
        ["Title", "KIND", "Minutes", "Host lines", "Cues", "Products", "Notes", "Owner"],
        ["标题", "环节类型", "时长（分钟）", "主播话术", "中控", "商品", "说明", "负责人"],
        ["环节名称", "Type", "时长(min)", "口播", "场控", "链接", "remarks", "负责人"],
    ],
)
def test_it_matches_header_aliases_case_insensitively(header):
    sheet = sheet_import.read(
        csv_bytes([header, ["Hero serum", "Hero product", "35", "a", "b", "#2 Serum", "c", "x"]]),
        "script.csv",
    )
    assert sheet.problems == []
    assert sheet.ignored == [header[-1]]
    data = sheet.rows[0].data
    assert (data["title"], data["kind"], data["minutes"]) == ("Hero serum", "hero", "35")
    assert (data["host_lines"], data["cues"], data["notes"]) == ("a", "b", "c")
    assert sheet.rows[0].mentions[0].link == 2


def test_title_rows_above_the_header_are_skipped():
    rows = [["双12 美妆专场直播脚本"], ["2030-12-12", "主播：小鹿"]]
    rows += [["环节", "时长"], ["暖场", "10"]]
    sheet = sheet_import.read(csv_bytes(rows), "script.csv")
    assert sheet.problems == []
    assert [(r.number, r.data["title"]) for r in sheet.rows] == [(4, "暖场")]
    too_deep = [[f"说明 {i}"] for i in range(6)] + rows[2:]
    assert "No header row found" in sheet_import.read(csv_bytes(too_deep), "s.csv").problems[0]


def test_it_derives_minutes_from_time_ranges_when_there_is_no_length_column():
    rows = [
        ["时间", "环节"],
        ["19:00-19:10", "暖场"],
        ["19:10～19:25", "引流"],
        ["19：25—20：00", "爆款"],
        ["23:50 至 00:10", "深夜返场"],
        ["19:00", "收尾"],
    ]
    sheet = sheet_import.read(csv_bytes(rows), "script.csv")
    assert [r.data["minutes"] for r in sheet.rows] == ["10", "15", "35", "20", ""]
    assert sheet.rows[-1].problems == ["Time “19:00” is not a range like 19:00-19:10."]


def test_a_blank_kind_is_taken_from_the_title():
    rows = [
        ["环节", "类型", "时长"],
        ["引流款 · 洁面", "", "15"],
        ["开场白", "", "5"],
        ["讲解", "", "5"],
    ]
    sheet = sheet_import.read(csv_bytes(rows), "script.csv")
    assert [r.data["kind"] for r in sheet.rows] == ["traffic", "warmup", "hero"]


# fmt: off
@pytest.mark.parametrize(("cell", "expected"), [
    ("1号链接 洁面慕斯", [(1, "洁面慕斯", None)]),
    ("#1 洁面慕斯 ¥9.9", [(1, "洁面慕斯", "9.9")]),
    ("1# 洁面慕斯（9.9元）", [(1, "洁面慕斯", "9.9")]),
    ("洁面慕斯 ￥9.9、2号 精华，坚果礼盒",
     [(None, "洁面慕斯", "9.9"), (2, "精华", None), (None, "坚果礼盒", None)]),
    ("链接3;link 4: Serum ¥159\n螺蛳粉",
     [(3, "", None), (4, "Serum", "159"), (None, "螺蛳粉", None)]),
])
# fmt: on
def test_it_reads_products_with_link_numbers_and_prices(cell, expected):
    sheet = sheet_import.read(csv_bytes([["环节", "时长", "产品"], ["爆款", "10", cell]]), "s.csv")
    assert [(m.link, m.name, m.price) for m in sheet.rows[0].mentions] == expected


# Refusals: a clear message next to the file field, and nothing written ----------------------


def many_rows(n):
    return csv_bytes([HEADER] + [[f"环节 {i}", "爆款", "5", "", "", "", ""] for i in range(n)])


NOT_A_SHEET = "This is not a spreadsheet"
# fmt: off
REFUSALS = {
    "not a spreadsheet": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "photo.png", NOT_A_SHEET),
    "binary named csv": (b"\x00\x01\x02garbage", "script.csv", NOT_A_SHEET),
    "broken xlsx": (b"PK\x03\x04 not really a zip", "script.xlsx", NOT_A_SHEET),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "script.xls", "old .xls"),
    "empty": (b" \r\n,,,\r\n\r\n", "script.csv", "The file is empty."),
    "empty upload": (b"", "script.csv", "The submitted file is empty."),
    "no header": (b"foo,bar\r\n1,2\r\n", "script.csv", "No header row found"),
    "no title column": ("类型,时长\r\n暖场,10\r\n".encode(), "script.csv", "No title column"),
    "no length column": ("环节,话术\r\n暖场,欢迎\r\n".encode(), "script.csv", "No length column"),
    "header only": ("环节,时长\r\n".encode(), "script.csv", "There are no rows below the header"),
    "too many rows": (many_rows(501), "script.csv", "The file has more than 500 rows."),
    "huge cell": (b"title,min\r\n" + b"x" * 200_000, "script.csv", "could not be read"),
    "too big": (many_rows(3) + b" " * (2 * 1024 * 1024), "script.csv", "larger than 2 MB"),
}
ROW_REFUSALS = {
    "minutes 0": (["暖场", "暖场", "0"], "Length (minutes): A segment lasts at least one minute."),
    "minutes text": (["暖场", "暖场", "十分钟"], "Length (minutes): Enter a whole number."),
    "minutes fraction": (["暖场", "暖场", "7.5"], "Length (minutes): Enter a whole number."),
    "unknown kind": (["暖场", "抽风", "10"], "Unknown kind “抽风”: use 暖场、引流、爆款"),
    "no title": (["", "暖场", "10"], "Title: This field is required."),
    "bad price": (["爆款", "爆款", "10", "", "", "精华 ¥1.999"], "Product “精华”: List price:"),
    "unknown link": (["爆款", "爆款", "10", "", "", "7号链接"], "Link 7 is not in the lineup"),
}
# fmt: on


@pytest.mark.parametrize("case", REFUSALS)
def test_a_refused_file_says_why_next_to_the_field_and_writes_nothing(login, bob, broadcast, case):
    content, name, message = REFUSALS[case]
    before = counts()
    response = upload(login(bob), broadcast, content, name)
    assert response.status_code == 422
    assert any(message in error for error in response.context["form"].errors["file"])
    assert 'id="id_file_error"' in response.content.decode()
    assert "confirm-form" not in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("case", ROW_REFUSALS)
def test_a_bad_row_is_shown_with_its_problem_and_nothing_is_written(login, bob, broadcast, case):
    cells, message = ROW_REFUSALS[case]
    good = ["收尾", "收尾", "10", "", "", "", ""]
    content = csv_bytes([HEADER, good, cells + [""] * (7 - len(cells))])
    before = counts()
    response = upload(login(bob), broadcast, content)
    assert response.status_code == 422
    assert response.context["form"].errors["file"] == [
        "1 row has a problem: correct the file and upload it again."
    ]
    bad = response.context["sheet"].bad_rows
    assert [row.number for row in bad] == [3]
    assert any(problem.startswith(message) for problem in bad[0].problems), bad[0].problems
    assert "confirm-form" not in response.content.decode()
    assert counts() == before


# Preview and confirm ------------------------------------------------------------------------


@pytest.fixture
def planned(broadcast, alice):
    """A show with two segments, two products, T and S signed off and marked ready."""
    for position, title in enumerate(["Opening", "Q&A"], start=1):
        Segment.objects.create(broadcast=broadcast, position=position, title=title, minutes=10)
    make_product(broadcast, 1, "氨基酸洁面慕斯")
    make_product(broadcast, 2, "玻尿酸精华", price="159")
    for letter in "TS":
        SignOff.objects.create(broadcast=broadcast, letter=letter, user=alice)
    broadcast.status = Status.READY
    broadcast.save()
    return broadcast


def test_the_preview_lists_what_will_be_created_and_linked_and_writes_nothing(login, bob, planned):
    before = counts()
    response = upload(login(bob), planned, EXAMPLE.read_bytes(), EXAMPLE.name)
    assert response.status_code == 200
    sheet = response.context["sheet"]
    new = [(p.link_number, p.name, str(p.live_price)) for p in sheet.new_products]
    assert new == [(3, "坚果礼盒", "99"), (4, "燕窝六连装", "399"), (5, "螺蛳粉五连包", "39.9")]
    assert [p.link_number for p in sheet.linked_products] == [1, 2]
    html = response.content.decode()
    assert "9 segments, after the 2 already in the script" in html
    assert 'id="confirm-form"' in html and "Import 9 segments" in html
    assert counts() == before


def test_confirm_appends_segments_links_existing_products_and_creates_new_ones(login, bob, planned):
    client = login(bob)
    preview = upload(client, planned, EXAMPLE.read_bytes(), EXAMPLE.name)
    response = confirm(client, planned, preview)
    assert response.status_code == 302
    assert response.url == reverse("checklist", args=[planned.pk, "T"])

    segments = list(planned.segments.all())
    assert [s.position for s in segments] == list(range(1, 12))
    assert [s.title for s in segments[:3]] == ["Opening", "Q&A", "暖场 · 开播福袋"]
    assert segments[-1].title == "收尾 · 下播预告" and segments[-1].kind == "closing"
    assert sum(s.minutes for s in segments[2:]) == 180
    mousse, serum = Product.objects.get(link_number=1), Product.objects.get(link_number=2)
    assert Product.objects.count() == 5
    assert [s.title for s in mousse.segments.order_by("position")] == [
        "引流款 · 氨基酸洁面慕斯",
        "返场 · 精华 + 洁面",
    ]
    assert serum.segments.count() == 3
    nuts = Product.objects.get(name="坚果礼盒")
    assert (nuts.link_number, nuts.list_price, nuts.live_price) == (3, Decimal("99"), Decimal("99"))
    assert [p.position for p in Product.objects.order_by("link_number")] == [1, 2, 3, 4, 5]
    assert not SignOff.objects.filter(broadcast=planned).exists()
    planned.refresh_from_db()
    assert planned.status == Status.DRAFT

    page = client.get(response.url)
    assert "Imported 9 segments and 3 new products." in page.content.decode()


def test_segments_without_products_leave_the_lineup_sign_off(login, bob, alice, broadcast):
    for letter in "TS":
        SignOff.objects.create(broadcast=broadcast, letter=letter, user=alice)
    client = login(bob)
    preview = upload(client, broadcast, csv_bytes([["环节", "时长"], ["暖场", "10"]]))
    assert confirm(client, broadcast, preview).status_code == 302
    assert list(SignOff.objects.values_list("letter", flat=True)) == ["S"]


def test_new_products_without_a_link_number_get_the_next_numbers(login, bob, broadcast):
    make_product(broadcast, 4, "Lip balm")
    rows = [
        ["环节", "时长", "产品"],
        ["A", "10", "Mousse ¥9.9、7# Serum"],
        ["B", "5", "mousse、Nuts"],
    ]
    client = login(bob)
    assert confirm(client, broadcast, upload(client, broadcast, csv_bytes(rows))).status_code == 302
    products = Product.objects.order_by("link_number").values_list("link_number", "name")
    assert list(products) == [(4, "Lip balm"), (7, "Serum"), (8, "Mousse"), (9, "Nuts")]
    assert Product.objects.get(name="Mousse").segments.count() == 2  # names match any case


def test_confirm_checks_the_lineup_again(login, bob, broadcast):
    client = login(bob)
    preview = upload(
        client, broadcast, csv_bytes([["环节", "时长", "产品"], ["A", "10", "#3 Nuts"]])
    )
    assert [p.name for p in preview.context["sheet"].new_products] == ["Nuts"]
    nuts = make_product(broadcast, 3, "Nuts")  # someone added it meanwhile
    assert confirm(client, broadcast, preview).status_code == 302
    assert Product.objects.count() == 1
    assert list(nuts.segments.values_list("title", flat=True)) == ["A"]


def tampered(payload: str) -> str:
    return payload[:10] + ("A" if payload[10] != "A" else "B") + payload[11:]


def test_a_tampered_or_foreign_or_old_preview_is_refused(login, bob, broadcast, team, monkeypatch):
    client = login(bob)
    preview = upload(client, broadcast, csv_bytes([["环节", "时长"], ["暖场", "10"]]))
    payload = preview.context["payload"]
    other = make_broadcast(team=team, title="Other show")
    before = counts()
    for target, data in [(broadcast, tampered(payload)), (other, payload), (broadcast, "")]:
        response = client.post(url(target), {"payload": data})
        assert response.status_code == 422
        assert response.context["form"].errors["file"]
    response = client.post(url(broadcast), {"payload": tampered(payload)})
    assert response.context["form"].errors["file"] == [
        "This preview could not be verified: upload the file again."
    ]
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 2 * 60 * 60)
    response = client.post(url(broadcast), {"payload": payload})
    assert response.status_code == 422
    assert "more than an hour old" in response.context["form"].errors["file"][0]
    assert counts() == before


# Access and queries ---------------------------------------------------------------------------


def test_it_checks_access(client, login, alice, bob, charlie, vera, broadcast):
    content = EXAMPLE.read_bytes()
    response = client.get(url(broadcast))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    response = upload(client, broadcast, content)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    for user, status in [(charlie, 404), (vera, 403)]:
        client = login(user)
        assert client.get(url(broadcast)).status_code == status
        assert upload(client, broadcast, content).status_code == status
        assert client.post(url(broadcast), {"payload": "x"}).status_code == status
    assert counts() == (0, 0, 0)
    for user in (alice, bob):
        response = login(user).get(url(broadcast))
        assert response.status_code == 200 and 'type="file"' in response.content.decode()


def script(n):
    """n segments, each showing one product: links 1-5 are in the lineup, the others new."""
    rows = [["环节", "类型", "时长", "产品"]]
    rows += [[f"环节 {i}", "爆款", "5", f"#{i % 40 + 1} 产品 {i % 40 + 1} ¥9.9"] for i in range(n)]
    return csv_bytes(rows)


def queries_to_import(client, broadcast, n) -> tuple[int, int]:
    """Queries for the preview and for the confirm of an n-row script."""
    with CaptureQueriesContext(connection) as preview_queries:
        preview = upload(client, broadcast, script(n))
    with CaptureQueriesContext(connection) as confirm_queries:
        assert confirm(client, broadcast, preview).status_code == 302
    return len(preview_queries), len(confirm_queries)


def test_importing_100_rows_takes_as_many_queries_as_10(login, bob, broadcast, team):
    client = login(bob)
    small, big = broadcast, make_broadcast(team=team, title="Big show")
    for show in (small, big):
        for link in range(1, 6):
            make_product(show, link, f"产品 {link}")
    ten = queries_to_import(client, small, 10)
    hundred = queries_to_import(client, big, 100)
    assert ten == hundred
    # session, user, team, broadcast, lineup, the writes and their history records
    assert hundred[0] <= 8 and hundred[1] <= 18
    assert big.segments.count() == 100 and big.products.count() == 40


@pytest.mark.parametrize("cell", ["-", "（）", "—"])
def test_a_products_cell_of_punctuation_means_no_products(cell):
    sheet = sheet_import.read(csv_bytes([["环节", "时长", "产品"], ["开场", "10", cell]]), "s.csv")
    assert sheet.problems == [] and sheet.rows[0].mentions == []
