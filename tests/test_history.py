"""History: who changed what and when, with restore of a row's earlier version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage.checklists.giveaways import Giveaway, GiveawayKind
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment

pytestmark = pytest.mark.django_db
HTMX = {"headers": {"HX-Request": "true"}}


def edit_segment(client, segment, **changes):
    data = {"title": segment.title, "kind": segment.kind, "minutes": segment.minutes}
    data.update(version=segment.version, **changes)
    url = reverse("row_update", args=[segment.broadcast_id, "T", segment.pk])
    return client.post(url, {f"edit-{k}": v for k, v in data.items()}, **HTMX)


@pytest.fixture
def segment(login, alice, broadcast):
    url = reverse("row_create", args=[broadcast.pk, "T"])
    data = {"add-title": "暖场", "add-kind": "warmup", "add-minutes": "10"}
    login(alice).post(url, data, **HTMX)
    return Segment.objects.get()


def test_the_history_names_who_changed_what(login, alice, bob, broadcast, segment):
    edit_segment(login(bob), segment, title="暖场 · 福袋", minutes=12)
    page = login(alice).get(reverse("broadcast_history", args=[broadcast.pk])).text
    rows = page.split("<tbody>")[1]
    assert rows.index("<td>bob</td>") < rows.index("<td>alice</td>")  # newest first
    assert "<s>暖场</s> → 暖场 · 福袋" in page
    assert "<s>10</s> → 12" in page
    assert "created" in page


def test_restore_brings_a_row_back_to_an_earlier_version(login, alice, bob, broadcast, segment):
    edit_segment(login(bob), segment, title="Bob's title")
    SignOff.objects.create(broadcast=broadcast, letter="T", user=alice)
    first = Segment.history.filter(id=segment.pk).order_by("history_date").first()
    url = reverse("history_restore", args=[broadcast.pk, "segment", first.history_id])
    assert login(alice).post(url).status_code == 302
    restored = Segment.objects.get(pk=segment.pk)
    assert (restored.title, restored.version) == ("暖场", 3)
    assert not SignOff.objects.filter(letter="T").exists()  # a restore is an edit
    latest = Segment.history.filter(id=segment.pk).latest("history_date")
    assert (latest.history_user.username, latest.history_change_reason) == ("alice", "restored")


def test_a_deleted_row_can_be_restored(login, alice, broadcast, segment):
    client = login(alice)
    client.post(reverse("row_delete", args=[broadcast.pk, "T", segment.pk]), **HTMX)
    assert not Segment.objects.exists()
    deleted = Segment.history.get(id=segment.pk, history_type="-")
    client.post(reverse("history_restore", args=[broadcast.pk, "segment", deleted.history_id]))
    assert Segment.objects.get(pk=segment.pk).title == "暖场"


def test_a_restored_giveaway_drops_its_link_to_a_deleted_segment(login, alice, broadcast, segment):
    giveaway = Giveaway.objects.create(
        broadcast=broadcast, kind=GiveawayKind.LUCKY_BAG, segment=segment
    )
    record = giveaway.history.first()
    segment.delete()
    url = reverse("history_restore", args=[broadcast.pk, "giveaway", record.history_id])
    login(alice).post(url)
    assert Giveaway.objects.get(pk=giveaway.pk).segment_id is None


def test_a_viewer_reads_the_history_without_restore(login, vera, broadcast, segment):
    response = login(vera).get(reverse("broadcast_history", args=[broadcast.pk]))
    assert response.status_code == 200
    assert "暖场" in response.text
    assert "Restore this version" not in response.text


def test_a_record_of_another_broadcast_is_not_found(login, alice, team, broadcast, segment):
    from tests.factories import make_broadcast

    other = make_broadcast(team=team)
    record = Segment.history.first()
    url = reverse("history_restore", args=[other.pk, "segment", record.history_id])
    assert login(alice).post(url).status_code == 404
    bad = reverse("history_restore", args=[broadcast.pk, "team", record.history_id])
    assert login(alice).post(bad).status_code == 404


def test_the_history_page_costs_the_same_queries_for_more_changes(login, alice, broadcast, segment):
    client = login(alice)
    url = reverse("broadcast_history", args=[broadcast.pk])
    counts = []
    for _round in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
        for minutes in range(11, 31):
            segment.refresh_from_db()
            edit_segment(client, segment, minutes=minutes)
    assert counts[0] == counts[1], counts
