"""The pulse of a broadcast's page: who else is here, and whether the show moved; an unchanged
answer is a 304 without a body at the same cost whatever the size of the show."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stage.checklists.timing import Segment
from stage.presence import Presence

pytestmark = pytest.mark.django_db


def pulse_url(broadcast, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("broadcast_pulse", args=[broadcast.pk]) + (f"?{query}" if query else "")


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_unchanged_pulse_is_a_304_without_a_body(alice, broadcast):
    client = client_of(alice)
    first = client.get(pulse_url(broadcast, page="T"))
    assert first.status_code == 200
    assert f'data-show-version="{broadcast.live_version}"' in first.text
    again = client.get(pulse_url(broadcast, page="T"), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""

    Segment.objects.create(broadcast=broadcast, title="开场", minutes=5)
    broadcast.touch()
    moved = client.get(pulse_url(broadcast, page="T"), headers={"if-none-match": first["ETag"]})
    assert moved.status_code == 200
    assert f'data-show-version="{broadcast.live_version}"' in moved.text


def test_each_sees_the_others_page_and_the_row_they_edit(alice, bob, broadcast):
    bob.first_name = "小鹿"
    bob.save()
    client_of(bob).get(pulse_url(broadcast, page="T", editing=42))
    same_page = client_of(alice).get(pulse_url(broadcast, page="T")).text
    assert "小鹿" in same_page and "Timing script" in same_page
    assert 'data-editing="42"' in same_page and 'data-editing-label="小鹿 is editing"' in same_page
    assert "alice" not in same_page  # not yourself

    other_page = client_of(alice).get(pulse_url(broadcast, page="S")).text
    assert "小鹿" in other_page and "data-editing=" not in other_page


def test_the_pulse_carries_the_bell(alice, bob, broadcast):
    from stage.comments import Anchor, add_comment

    add_comment(broadcast, Anchor(), bob, "@alice 请看开场", [alice, bob], site="http://x")
    text = client_of(alice).get(pulse_url(broadcast)).text
    assert '<span class="bell-count">1<' in text


def test_presence_fades_and_leaving_ends_it(alice, bob, broadcast):
    client_of(bob).get(pulse_url(broadcast, page="G"))
    Presence.objects.update(seen_at=timezone.now() - timedelta(seconds=26))
    assert "bob" not in client_of(alice).get(pulse_url(broadcast)).text

    bob_client = client_of(bob)
    bob_client.get(pulse_url(broadcast, page="G"))
    assert "bob" in client_of(alice).get(pulse_url(broadcast)).text
    assert bob_client.post(pulse_url(broadcast, page="G")).status_code == 204
    assert "bob" not in client_of(alice).get(pulse_url(broadcast)).text


def test_a_page_left_open_writes_at_most_every_few_seconds(alice, broadcast):
    client = client_of(alice)
    client.get(pulse_url(broadcast, page="T"))
    seen = Presence.objects.get().seen_at
    client.get(pulse_url(broadcast, page="T"))
    assert Presence.objects.get().seen_at == seen
    client.get(pulse_url(broadcast, page="T", editing=7))  # opening a form is news at once
    assert Presence.objects.get().editing == 7


def test_odd_parameters_are_read_safely(alice, broadcast):
    client = client_of(alice)
    for params in ({"page": "<x>"}, {"editing": "9" * 40}, {"editing": "-1"}):
        assert client.get(pulse_url(broadcast, **params)).status_code == 200
    assert set(Presence.objects.values_list("page", "editing")) == {("hub", None)}


@pytest.mark.parametrize("segments", [10, 1000])
def test_an_idle_pulse_costs_the_same_at_any_size(
    alice, bob, broadcast, segments, django_assert_num_queries
):
    Segment.objects.bulk_create(
        Segment(broadcast=broadcast, position=i, title=f"环节 {i}", minutes=5)
        for i in range(segments)
    )
    client_of(bob).get(pulse_url(broadcast, page="T"))
    client = client_of(alice)
    etag = client.get(pulse_url(broadcast, page="T"))["ETag"]
    # session, user, memberships, broadcast, presence, unread notifications
    with django_assert_num_queries(6):
        response = client.get(pulse_url(broadcast, page="T"), headers={"if-none-match": etag})
    assert response.status_code == 304


def test_a_page_refreshes_itself_with_its_own_query(alice, broadcast, serum):
    """A row's thread refetches that thread, not the broadcast's."""
    url = reverse("comments", args=[broadcast.pk]) + f"?on=S-{serum.pk}"
    assert f'data-refresh="{url}"' in client_of(alice).get(url).text
