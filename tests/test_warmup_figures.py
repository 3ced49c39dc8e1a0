"""The warm-up figures of the example show (E), checked against numbers worked out by hand, and
the D-1 / H-1 labels of a publish time, read and written against the 19:00 start."""

from datetime import date, datetime

import pytest

from stage.checklists.warmup import offset_label, parse_publish
from tests import figure_helpers
from tests.factories import SHANGHAI

pytestmark = pytest.mark.django_db

# The shared fixture, bound by assignment: imported, it would read as unused (F401, F811).
plan = figure_helpers.plan

START = datetime(2030, 12, 1, 19, 0, tzinfo=SHANGHAI)


def test_warmup_reservations_add_up(plan):
    # 3,000 + 5,000 + 1,500 + 2,000
    assert plan.expected_reservations == 11500


def test_warmup_offset_labels(plan):
    # In time order, whatever order they were entered in.
    assert [i.offset_label for i in plan.warmup_items] == ["D-1 19:00", "D-1 20:00", "H-1", "H-1"]
    assert plan.warmup_items[1].publish_at == datetime(2030, 11, 30, 20, 0, tzinfo=SHANGHAI)


def test_warmup_calendar_groups_by_day(plan):
    calendar = plan.warmup_calendar
    assert [day for day, _items in calendar] == [date(2030, 11, 30), date(2030, 12, 1)]
    assert [i.title for i in calendar[0][1]] == ["直播预告：明晚 7 点", "预热短视频：精华 159 剧透"]
    assert len(calendar[1][1]) == 2


@pytest.mark.parametrize(
    ("publish", "label"),
    [
        (datetime(2030, 11, 30, 20, 0), "D-1 20:00"),  # 23 × 60 min before
        (datetime(2030, 11, 28, 9, 30), "D-3 09:30"),
        (datetime(2030, 12, 1, 18, 0), "H-1"),
        (datetime(2030, 12, 1, 17, 30), "H-1:30"),
        (datetime(2030, 12, 1, 18, 45), "H-0:15"),
        (datetime(2030, 12, 1, 19, 0), "H-0"),
        (datetime(2030, 12, 1, 20, 15), "H+1:15"),
    ],
)
def test_offset_label(publish, label):
    assert offset_label(publish.replace(tzinfo=SHANGHAI), START) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D-1 20:00", datetime(2030, 11, 30, 20, 0)),
        ("d-1 08:05", datetime(2030, 11, 30, 8, 5)),
        ("D-3", datetime(2030, 11, 28, 19, 0)),
        ("H-1", datetime(2030, 12, 1, 18, 0)),
        (" H - 2 ", datetime(2030, 12, 1, 17, 0)),
        ("D-0 12:00", datetime(2030, 12, 1, 12, 0)),
    ],
)
def test_parse_publish(text, expected):
    assert parse_publish(text, START) == expected.replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "text",
    ["", "tomorrow", "D1", "D-", "X-1", "H-1 20:00", "D-1 24:00", "D-1 20:60", "D-1 8pm", "D-1234"],
)
def test_parse_publish_rejects_garbage(text):
    assert parse_publish(text, START) is None


def test_parse_publish_round_trips_through_the_label():
    for text in ["D-1 20:00", "D-3 19:00", "H-1", "H-2"]:
        assert offset_label(parse_publish(text, START), START) == text
