"""A press names the segment it was made on: a double press of Next, or two operators pressing
at the same moment, is one step (issue 18)."""

from threading import Barrier, Thread

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from stage.broadcasts import Broadcast, Status
from stage.demo import fill_example_show
from stage.onair import ShowControlError, step
from stage.teams import Role
from tests.factories import make_broadcast, make_member, make_user
from tests.test_onair import SEVEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_air(broadcast):
    fill_example_show(broadcast)
    broadcast.status = Status.READY
    broadcast.save()
    step(broadcast, "start", SEVEN)
    return broadcast


def current(broadcast):
    return next(s for s in broadcast.segments.all() if s.actual_start and not s.actual_end)


def test_a_second_next_on_the_same_segment_is_refused(on_air):
    first = current(on_air)
    step(on_air, "next", SEVEN, at=first.pk)
    with pytest.raises(ShowControlError, match="already moved on"):
        step(on_air, "next", SEVEN, at=first.pk)
    assert current(on_air).position == 2


def test_the_operator_view_names_the_segment_and_a_double_post_moves_once(login, bob, on_air):
    client = login(bob)
    page = client.get(reverse("live_operator", args=[on_air.pk])).text
    first = current(on_air)
    assert f'name="at" value="{first.pk}"' in page
    url = reverse("live_control", args=[on_air.pk])
    press = {"action": "next", "at": str(first.pk)}
    assert client.post(url, press, headers={"HX-Request": "true"}).status_code == 200
    answer = client.post(url, press, headers={"HX-Request": "true"})
    assert answer.status_code == 422 and "already moved on" in answer.text
    assert current(on_air).position == 2


@pytest.mark.django_db(transaction=True)
def test_two_operators_pressing_next_at_once_move_one_segment(team):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    show = make_broadcast(team=team)
    fill_example_show(show)
    Broadcast.objects.filter(pk=show.pk).update(status=Status.READY)
    step(Broadcast.objects.get(pk=show.pk), "start", SEVEN)
    first = current(show)
    operators = [make_member(team, make_user(n), role=Role.EDITOR).user for n in ("op1", "op2")]
    barrier, answers = Barrier(2), []

    def press(user):
        client = Client()
        client.force_login(user)
        barrier.wait()
        url = reverse("live_control", args=[show.pk])
        data = {"action": "next", "at": str(first.pk)}
        answers.append(client.post(url, data, headers={"HX-Request": "true"}).status_code)
        connection.close()

    threads = [Thread(target=press, args=(user,)) for user in operators]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [200, 422]
    assert current(show).position == 2
