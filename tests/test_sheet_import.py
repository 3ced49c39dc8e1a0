"""The 直播脚本 import over HTTP: upload, preview, corrections, import; refusals."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage.broadcasts import Broadcast, Status
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from tests.factories import make_broadcast
from tests.foreign_sheets import SAMPLES

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "直播脚本-example.csv"
HEADER = ["环节", "类型", "时长", "话术", "场控", "产品", "备注"]


def csv_bytes(rows, *, encoding="utf-8-sig", delimiter=","):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return text.getvalue().encode(encoding)


def make_product(broadcast, link, name, *, price="9.9"):
    price = Decimal(price)
    fields = {"position": link, "link_number": link, "list_price": price, "live_price": price}
    return Product.objects.create(broadcast=broadcast, name=name, **fields)


def counts():
    models = (Broadcast, Segment, Product, Product.segments.through, Giveaway)
    return tuple(m.objects.count() for m in models)


def url(broadcast=None):
    return reverse("segments_import", args=[broadcast.pk]) if broadcast else reverse("shows_import")


def upload(client, broadcast, content: bytes, name="直播脚本.csv"):
    return client.post(url(broadcast), {"file": SimpleUploadedFile(name, content)})


def again(client, broadcast, preview, action="import", **fields):
    """The preview form posted back: its payload, its selects as shown, and any changes."""
    assert preview.status_code == 200, preview.content.decode()[:2000]
    html = preview.content.decode()
    data = {"payload": preview.context["payload"], "action": action}
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = chosen.group(1) if chosen else ""
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]* checked', html):
        data[name] = "on"
    data.update(fields)
    return client.post(url(broadcast), {k: v for k, v in data.items() if v is not None})


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


def test_the_preview_writes_nothing_and_import_appends_links_and_creates(login, bob, planned):
    client = login(bob)
    before = counts()
    preview = upload(client, planned, EXAMPLE.read_bytes(), EXAMPLE.name)
    assert preview.status_code == 200 and counts() == before
    (item,) = preview.context["book"].imports
    assert [(p.link_number, p.name) for p in item.products] == [
        (3, "坚果礼盒"), (4, "燕窝六连装"), (5, "螺蛳粉五连包"),
    ]  # fmt: skip
    assert [p.link_number for p in item.linked] == [1, 2]
    assert 'value="import"' in preview.content.decode()

    response = again(client, planned, preview)
    assert response.status_code == 302
    assert response.url == reverse("checklist", args=[planned.pk, "T"])
    segments = list(planned.segments.all())
    assert [s.title for s in segments[:3]] == ["Opening", "Q&A", "暖场 · 开播福袋"]
    assert sum(s.minutes for s in segments[2:]) == 180 and len(segments) == 11
    assert Product.objects.get(link_number=1).segments.count() == 2
    assert Product.objects.count() == 5
    # A ready show stays ready; the letters the import changed are marked for the operator.
    changed = SignOff.objects.filter(broadcast=planned, changed_at__isnull=False)
    assert sorted(changed.values_list("letter", flat=True)) == ["S", "T"]
    planned.refresh_from_db()
    assert planned.status == Status.READY
    assert "imported 9 segments, 3 new products" in client.get(response.url).content.decode()


def test_a_workbook_of_three_shows_becomes_three_broadcasts(login, bob, team):
    sample = next(s for s in SAMPLES if s.name == "kuaishou_three_shows_xlsx")
    client = login(bob)
    preview = upload(client, None, sample.content, sample.filename)
    assert len(preview.context["book"].imports) == 3
    response = again(client, None, preview)
    assert response.status_code == 302 and response.url == reverse("broadcast_list")
    titles = list(Broadcast.objects.filter(team=team).order_by("scheduled_start"))
    assert [b.title for b in titles] == ["12.10 晚场", "12.11 早场", "12.12 大促"]
    assert all(b.status == Status.DRAFT for b in titles)


def test_the_reader_changes_a_column_skips_a_row_and_imports_the_good_rows(login, bob, broadcast):
    rows = [
        ["时间", "环节", "讲解", "产品", "备注"],
        ["19:00-19:10", "开场", "欢迎", "", ""],
        ["19:10-19:25", "引流款", "9.9 一瓶", "1号链接 洁面慕斯 ¥9.9", ""],
        ["19:25-19:40", "彩排（不上）", "", "", "内部"],
        ["19:40-19:40", "坏行", "", "", ""],  # a zero-minute row: refused, the rest come in
        ["19:40-20:00", "爆款", "精华 159", "2号链接 精华 ¥159", ""],
    ]
    client = login(bob)
    preview = upload(client, broadcast, csv_bytes(rows))
    (item,) = preview.context["book"].imports
    assert [r.line.number for r in item.bad_rows] == [5]
    updated = again(
        client, broadcast, preview, action="preview", **{"col-0-2": "notes", "skip-0-4": "on"}
    )
    assert updated.status_code == 200
    (item,) = updated.context["book"].imports
    assert [s.title for _r, s in item.segments] == ["开场", "引流款", "爆款"]
    assert 'name="skip-0-4" aria-label="Skip row 4" checked' in updated.content.decode()
    assert again(client, broadcast, updated).status_code == 302
    segments = list(broadcast.segments.all())
    assert [(s.title, s.minutes) for s in segments] == [("开场", 10), ("引流款", 15), ("爆款", 20)]
    assert segments[1].notes == "9.9 一瓶" and segments[1].host_lines == ""
    assert segments[2].hard_start is not None  # 19:40 after the skipped rehearsal row


# fmt: off
REFUSALS = {
    "not a spreadsheet": (b"\x89PNG\r\n\x1a\n\x00", "photo.png", "This is not a spreadsheet"),
    "binary named csv": (b"\x00\x01\x02garbage", "script.csv", "This is not a spreadsheet"),
    "broken xlsx": (b"PK\x03\x04 not really a zip", "script.xlsx", "This is not a spreadsheet"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "script.xls", "old .xls"),
    "empty": (b" \r\n,,,\r\n\r\n", "script.csv", "No sheet has a script"),
    "no header": (b"foo,bar\r\n1,2\r\n", "script.csv", "No sheet has a script"),
    "huge cell": (b"title,min\r\n" + b"x" * 200_000, "script.csv", "could not be read"),
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
    assert 'value="import"' not in response.content.decode()
    assert counts() == before


def test_every_bad_row_is_listed_with_its_reason(login, bob, broadcast):
    rows = [HEADER, ["收尾", "收尾", "10", "", "", "", ""]]
    rows += [
        ["暖场", "暖场", "0", "", "", "", ""],
        ["暖场", "暖场", "十分钟", "", "", "", ""],
        ["", "暖场", "10", "", "", "", ""],
        ["合计", "", "=SUM(C2:C5)", "", "", "", ""],
        ["爆款", "爆款", "=B3*2", "", "", "", ""],
    ]
    response = upload(login(bob), broadcast, csv_bytes(rows))
    (item,) = response.context["book"].imports
    problems = {r.line.number: r.problems for r in item.bad_rows}
    assert sorted(problems) == [3, 4, 5, 7]  # the 合计 row is a total, not a bad row
    assert "A segment lasts at least one minute." in problems[3][0]
    assert "十分钟" in problems[4][0] and "No segment title" in problems[5][0]
    assert "is a formula" in problems[7][0]
    assert len(item.segments) == 1 and 'value="import"' in response.content.decode()


def test_a_tampered_or_foreign_or_old_preview_is_refused(login, bob, broadcast, team, monkeypatch):
    client = login(bob)
    preview = upload(client, broadcast, csv_bytes([["环节", "时长"], ["暖场", "10"]]))
    payload = preview.context["payload"]
    tampered = payload[:10] + ("A" if payload[10] != "A" else "B") + payload[11:]
    other = make_broadcast(team=team, title="Other show")
    before = counts()
    for target, data in [(broadcast, tampered), (other, payload), (None, payload)]:
        response = client.post(url(target), {"payload": data, "action": "import"})
        assert response.status_code == 422
        assert "could not be verified" in response.context["problems"][0]
    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 2 * 60 * 60)
    response = client.post(url(broadcast), {"payload": payload, "action": "import"})
    assert "more than an hour old" in response.context["problems"][0]
    assert counts() == before


def script(n):
    """n segments, each showing one product and a lucky bag: links 1-5 in the lineup."""
    rows = [["环节", "类型", "时长", "产品", "福利"]]
    rows += [
        [f"环节 {i}", "爆款", "5", f"#{i % 40 + 1} 产品 {i % 40 + 1} ¥9.9", "福袋 10个"]
        for i in range(n)
    ]
    return csv_bytes(rows)


def queries_to_import(client, broadcast, n) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as preview_queries:
        preview = upload(client, broadcast, script(n))
    with CaptureQueriesContext(connection) as import_queries:
        assert again(client, broadcast, preview).status_code == 302
    return len(preview_queries), len(import_queries)


def test_importing_100_rows_takes_as_many_queries_as_10(login, bob, broadcast, team):
    client = login(bob)
    small, big = broadcast, make_broadcast(team=team, title="Big show")
    for show in (small, big):
        for link in range(1, 6):
            make_product(show, link, f"产品 {link}")
    ten = queries_to_import(client, small, 10)
    hundred = queries_to_import(client, big, 100)
    assert ten == hundred
    assert hundred[0] <= 10 and hundred[1] <= 24
    assert big.segments.count() == 100 and big.products.count() == 40
    assert big.giveaways.count() == 100


def test_importing_new_shows_takes_as_many_queries_for_100_rows_as_for_10(login, bob, team):
    client = login(bob)
    ten, hundred = (queries_to_import(client, None, n) for n in (10, 100))
    assert ten == hundred
    assert hundred[0] <= 10 and hundred[1] <= 24
    shows = Broadcast.objects.filter(team=team).order_by("pk")
    assert [s.segments.count() for s in shows] == [10, 100]
