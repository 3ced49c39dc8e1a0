"""Dates a calendar cannot hold are refused next to the field, never saved (issue 18: a start
of 9999-12-31 or 0001-01-01 answered 500, and on PostgreSQL broke the team's list for good)."""

import pytest
from django.urls import reverse

from stage.broadcasts import Broadcast

pytestmark = pytest.mark.django_db

SHOW = {"title": "Far away", "platform": "kuaishou", "planned_minutes": "60", "gmv_target": "0",
        "currency": "CNY", "notes": ""}  # fmt: skip


@pytest.mark.parametrize("start", ["9999-12-31T23:00", "0001-01-01T00:00", "1999-12-31T19:00"])
def test_a_start_outside_this_century_is_refused_next_to_the_field(login, bob, broadcast, start):
    client = login(bob)
    before = Broadcast.objects.count()
    response = client.post(reverse("broadcast_new"), {**SHOW, "scheduled_start": start})
    assert response.status_code == 422
    assert "Choose a date between 2000 and 2099." in response.text
    assert Broadcast.objects.count() == before
    edit = {**SHOW, "scheduled_start": start, "version": broadcast.version}
    response = client.post(reverse("broadcast_edit", args=[broadcast.pk]), edit)
    assert response.status_code == 422
    broadcast.refresh_from_db()
    assert broadcast.scheduled_start.year == 2030
    assert client.get(reverse("broadcast_list")).status_code == 200


def test_duplicating_to_a_far_date_is_refused_too(login, bob, broadcast):
    url = reverse("broadcast_duplicate", args=[broadcast.pk])
    response = login(bob).post(url, {"title": "Copy", "scheduled_start": "9999-12-31T23:00"})
    assert response.status_code == 422
    assert "Choose a date between 2000 and 2099." in response.text
