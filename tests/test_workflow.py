"""Duplicate, templates, trash and lock."""

from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stage.broadcasts import Broadcast, Status
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.sharing import ShareLink
from stage.showtemplates import ShowTemplate
from stage.transfer import export_broadcast
from tests.factories import SHANGHAI

pytestmark = pytest.mark.django_db


@pytest.fixture
def show(broadcast):
    fill_example_show(broadcast)
    Segment.objects.filter(broadcast=broadcast, position=4).update(hard_start=time(20, 0))
    return broadcast


def plan_of(broadcast):
    """The export without the title and start: what a copy must keep."""
    document = export_broadcast(broadcast)
    del document["broadcast"]["title"], document["broadcast"]["scheduled_start"]
    return document


def test_duplicate_copies_every_checklist_to_the_new_start(login, bob, show):
    client = login(bob)
    url = reverse("broadcast_duplicate", args=[show.pk])
    form = client.get(url).text
    assert "(copy)" in form and "2030-12-08T19:00" in form  # a week later by default
    response = client.post(url, {"title": "Next week", "scheduled_start": "2030-12-08T19:00"})
    copy = Broadcast.objects.get(title="Next week")
    assert response["Location"] == reverse("broadcast_detail", args=[copy.pk])
    assert copy.status == Status.DRAFT and copy.team == show.team
    assert plan_of(copy) == plan_of(show)
    # Warm-up keeps its offsets, so its publish times move with the show.
    first = ("-offset_minutes", "position")
    teaser, copied = show.warmup_items.order_by(*first)[0], copy.warmup_items.order_by(*first)[0]
    assert copied.publish_at - teaser.publish_at == timedelta(days=7)


def test_a_new_clock_time_moves_the_hard_starts(login, bob, show):
    url = reverse("broadcast_duplicate", args=[show.pk])
    login(bob).post(url, {"title": "Earlier", "scheduled_start": "2030-12-08T18:30"})
    copy = Broadcast.objects.get(title="Earlier")
    assert copy.segments.get(position=4).hard_start == time(19, 30)
    assert copy.local_start == datetime(2030, 12, 8, 18, 30, tzinfo=SHANGHAI)


def test_a_template_starts_next_weeks_show(login, bob, show):
    client = login(bob)
    client.post(reverse("template_save", args=[show.pk]), {"name": "Evening beauty × food"})
    template = ShowTemplate.objects.get()
    assert (template.name, template.team, template.created_by) == (
        "Evening beauty × food", show.team, bob,
    )  # fmt: skip
    assert "Evening beauty × food" in client.get(reverse("template_list")).text
    use = reverse("template_use", args=[template.pk])
    assert "19:00" in client.get(use).text  # the template's clock time by default
    client.post(use, {"title": "双十二 晚间专场", "scheduled_start": "2030-12-12T19:00"})
    made = Broadcast.objects.get(title="双十二 晚间专场")
    assert plan_of(made) == plan_of(show)
    # Editing the show afterwards does not change the template.
    show.segments.update(title="changed")
    assert ShowTemplate.objects.get().document["segments"][0]["title"] == "暖场 · 开播福袋"


def test_a_bad_start_is_refused_next_to_the_field(login, bob, show):
    template = ShowTemplate.objects.create(
        team=show.team, name="T", document=export_broadcast(show)
    )
    response = login(bob).post(reverse("template_use", args=[template.pk]), {"title": "X"})
    assert response.status_code == 422 and 'id="id_scheduled_start_error"' in response.text
    assert not Broadcast.objects.filter(title="X").exists()


def test_another_teams_template_is_not_listed(login, charlie, show):
    from tests.factories import make_team

    ShowTemplate.objects.create(team=make_team(name="X"), name="X", document={})
    assert login(charlie).get(reverse("template_list")).text.count("New show from it") == 0


def test_deleted_broadcasts_wait_in_the_trash_and_come_back(login, bob, show, alice):
    link = ShareLink.objects.create(
        broadcast=show, created_by=alice, expires_at=timezone.now() + timedelta(days=1)
    )
    client = login(bob)
    client.post(reverse("broadcast_delete", args=[show.pk]))
    hub = reverse("broadcast_detail", args=[show.pk])
    assert f'href="{hub}"' not in client.get(reverse("broadcast_list")).text
    assert client.get(reverse("broadcast_detail", args=[show.pk])).status_code == 404
    assert client.get(reverse("shared_runsheet", args=[link.token])).status_code == 404
    assert show.title in client.get(reverse("trash")).text
    assert show.segments.count() == 9  # nothing is lost while it waits

    client.post(reverse("trash_restore", args=[show.pk]))
    assert client.get(reverse("broadcast_detail", args=[show.pk])).status_code == 200
    assert show.title not in client.get(reverse("trash")).text


def test_the_purge_takes_only_what_is_older_than_30_days(team, show):
    from tests.factories import make_broadcast

    recent = make_broadcast(team=team, title="Recent")
    now = timezone.now()
    Broadcast.objects.filter(pk=show.pk).update(deleted_at=now - timedelta(days=31))
    Broadcast.objects.filter(pk=recent.pk).update(deleted_at=now - timedelta(days=29))
    call_command("purge_trash")
    assert not Broadcast.objects.filter(pk=show.pk).exists()
    assert not Segment.objects.filter(broadcast_id=show.pk).exists()
    assert Broadcast.objects.filter(pk=recent.pk).exists()


def test_a_past_show_can_be_locked_read_only(login, bob, show):
    client = login(bob)
    lock = reverse("broadcast_lock", args=[show.pk])
    client.post(lock, {"locked": "1"})
    assert not Broadcast.objects.get(pk=show.pk).locked  # a draft cannot be locked
    Broadcast.objects.filter(pk=show.pk).update(status=Status.REVIEWED)
    client.post(lock, {"locked": "1"})
    assert Broadcast.objects.get(pk=show.pk).locked

    page = client.get(reverse("checklist", args=[show.pk, "T"])).text
    assert "add-title" not in page and "Unlock" not in page
    assert "Unlock" in client.get(reverse("broadcast_detail", args=[show.pk])).text

    client.post(lock, {"locked": "0"})
    row = reverse("row_create", args=[show.pk, "T"])
    assert (
        client.post(row, {"add-title": "x", "add-kind": "hero", "add-minutes": "5"}).status_code
        == 302
    )
