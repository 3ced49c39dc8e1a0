"""Control characters typed or pasted into any text field never reach a page or an export
(issue 18: one in a segment title made the show's XLSX answer 500 from then on)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stage.checklists.forms import ProductForm, SegmentForm
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.forms import BroadcastForm
from stage.versioning import plain_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("暖场\x01开场", "暖场开场"),
        ("第一行\x0b第二行", "第一行\n第二行"),  # Word's line break
        ("a\x08b\x7fc\x1fd", "abcd"),
        ("tab\tand\nlines\r\n", "tab\tand\nlines\r\n"),
    ],
)
def test_plain_text(typed, kept):
    assert plain_text(typed) == kept


def test_row_and_broadcast_forms_save_no_control_characters(broadcast, serum):
    data = {"title": "暖场\x01", "kind": "warmup", "minutes": "10", "host_lines": "欢迎\x0b关注",
            "cues": "开福袋\x08", "notes": ""}  # fmt: skip
    form = SegmentForm(data, broadcast=broadcast)
    assert form.is_valid(), form.errors
    row = form.save()
    assert (row.title, row.host_lines, row.cues) == ("暖场", "欢迎\n关注", "开福袋")
    data = {"link_number": "3", "name": "坚果\x00礼盒", "role": "profit", "audience": "all",
            "list_price": "168", "live_price": "99", "stock": "10", "planned_units": "1",
            "selling_points": "送礼\x0c有面子"}  # fmt: skip
    form = ProductForm(data, broadcast=broadcast)
    assert not form.is_valid() and "name" in form.errors  # Django refuses NUL, next to the field
    form = ProductForm({**data, "name": "坚果\x07礼盒"}, broadcast=broadcast)
    assert form.is_valid(), form.errors
    assert (form.save().name, form.instance.selling_points) == ("坚果礼盒", "送礼\n有面子")
    form = BroadcastForm(
        {"title": "双\x1b十二", "platform": "kuaishou", "scheduled_start": "2030-12-01 19:00",
         "planned_minutes": "60", "gmv_target": "0", "currency": "CNY", "notes": "",
         "version": broadcast.version},
        instance=broadcast,
    )  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.save().title == "双十二"


def test_a_show_already_holding_control_characters_still_exports(login, bob, broadcast):
    fill_example_show(broadcast)
    Segment.objects.filter(broadcast=broadcast, position=1).update(
        title="暖场\x01", cues="\x0b放单"
    )
    broadcast.title = "双十二\x08专场"
    broadcast.save()
    client = login(bob)
    for name in ("runsheet_xlsx", "runsheet_csv", "runsheet", "broadcast_json"):
        assert client.get(reverse(name, args=[broadcast.pk])).status_code == 200, name
    book = load_workbook(
        io.BytesIO(client.get(reverse("runsheet_xlsx", args=[broadcast.pk])).content)
    )
    cells = [c.value for row in book["Run-sheet"].iter_rows() for c in row if c.value]
    assert "暖场" in cells and "放单" in cells
