"""The warm-up rules of stage.checks (E) fire when they should and stay quiet when they should
not: items overdue, teasers missing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from stage import checks
from stage.checklists.warmup import WarmupItem, WarmupStatus
from stage.demo import fill_example_show
from tests.check_helpers import run
from tests.factories import SHANGHAI, make_broadcast

pytestmark = pytest.mark.django_db


def warmup(broadcast, offset, status=WarmupStatus.SCHEDULED, title="Teaser"):
    return WarmupItem.objects.create(
        broadcast=broadcast, title=title, offset_minutes=offset, status=status
    )


@pytest.fixture
def soon(team):
    """A show starting in 30 minutes: its H-1 teaser is half an hour late."""
    return make_broadcast(team=team, start=timezone.now() + timedelta(minutes=30))


def test_unpublished_warmup_past_its_time_is_overdue(soon):
    late = warmup(soon, 60, title="倒计时视频", status=WarmupStatus.DRAFTED)
    warmup(soon, 15, title="开播提醒", status=WarmupStatus.SCHEDULED)  # still 15 min ahead
    [finding] = run(checks.warmup_not_overdue, soon)
    assert finding.rows == (late.pk,)
    # Within an hour after midnight in the team's zone, H-1 falls on the day before: it then
    # reads as that day's clock time (the run of the suite decides which).
    zone = ZoneInfo(soon.team.time_zone)
    start = soon.scheduled_start.astimezone(zone)
    due = (soon.scheduled_start - timedelta(minutes=60)).astimezone(zone)
    label = "H-1" if due.date() == start.date() else f"D-1 {due:%H:%M}"
    assert finding.message == f"“倒计时视频” was due {label} and is not published."


def test_published_warmup_is_never_overdue(soon):
    warmup(soon, 60, status=WarmupStatus.PUBLISHED)
    warmup(soon, 24 * 60, status=WarmupStatus.PUBLISHED)
    assert run(checks.warmup_not_overdue, soon) == []


def test_warmup_of_a_past_show_left_unpublished(team):
    past = make_broadcast(team=team, start=datetime(2020, 12, 1, 19, 0, tzinfo=SHANGHAI))
    fill_example_show(past)
    findings = run(checks.warmup_not_overdue, past)
    # Four items, one published.
    assert len(findings) == 3
    assert [f.message.split(" was due ")[1] for f in findings] == [
        "D-1 20:00 and is not published.",
        "H-1 and is not published.",
        "H-1 and is not published.",
    ]


def test_warmup_of_a_future_show_is_not_overdue(broadcast):
    fill_example_show(broadcast)
    assert run(checks.warmup_not_overdue, broadcast) == []


def test_warmup_has_teasers(broadcast):
    # Nothing planned yet: nothing to say.
    assert run(checks.warmup_has_teasers, broadcast) == []
    warmup(broadcast, 24 * 60)
    [finding] = run(checks.warmup_has_teasers, broadcast)
    assert finding.letter == "E"
    assert finding.level == checks.WARNING
    warmup(broadcast, 60)
    assert run(checks.warmup_has_teasers, broadcast) == []
