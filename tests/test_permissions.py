"""What each persona is shown and may do, beyond the status codes.

Who gets in, 403, 404 or the login page at every URL is asserted once, by the walk of
tests/test_isolation.py over tests/registry.py; here: what a viewer is not offered, what an
outsider's pages leave out, and that a write by an owner or editor takes.
"""

import pytest
from django.urls import reverse

from stage.teams import Membership

pytestmark = pytest.mark.django_db

VALID_POST = {
    "title": "Changed",
    "platform": "douyin",
    "account": "",
    "hosts": "",
    "scheduled_start": "2030-12-02T20:00",
    "planned_minutes": "60",
    "gmv_target": "1000",
    "currency": "CNY",
    "status": "draft",
    "notes": "",
    "version": "1",  # the version the form was read at: a new broadcast's
}


def test_viewer_sees_the_hub_without_edit_controls(login, vera, broadcast):
    response = login(vera).get(reverse("broadcast_detail", args=[broadcast.pk]))
    assert response.status_code == 200
    assert broadcast.title in response.text
    assert reverse("broadcast_edit", args=[broadcast.pk]) not in response.text
    assert reverse("broadcast_delete", args=[broadcast.pk]) not in response.text


def test_viewer_sees_the_list_without_the_new_button(login, vera, broadcast):
    response = login(vera).get(reverse("broadcast_list"))
    assert broadcast.title in response.text
    assert reverse("broadcast_new") not in response.text


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_owners_and_editors_can_write(request, login, broadcast, persona):
    client = login(request.getfixturevalue(persona))
    hub = client.get(reverse("broadcast_detail", args=[broadcast.pk]))
    assert reverse("broadcast_edit", args=[broadcast.pk]) in hub.text
    response = client.post(reverse("broadcast_edit", args=[broadcast.pk]), VALID_POST)
    assert response.status_code == 302
    broadcast.refresh_from_db()
    assert broadcast.title == "Changed"


def test_outsider_list_shows_only_their_team(login, charlie, broadcast):
    response = login(charlie).get(reverse("broadcast_list"))
    assert response.status_code == 200
    assert broadcast.title not in response.text


# Team management: only owners invite; nobody is added to a team unasked.


def test_no_one_is_added_to_a_team_unasked(login, alice, charlie):
    """Issue 18: an owner invites; the invited person joins (or not) with the link."""
    response = login(alice).post("/team/members/", {"username": "charlie", "role": "viewer"})
    assert response.status_code == 404
    teams = Membership.objects.filter(user=charlie).values_list("team__name", flat=True)
    assert list(teams) == ["Other Shop"]


def test_viewer_sees_the_team_without_owner_controls(login, vera, alice):
    response = login(vera).get(reverse("team_detail"))
    assert response.status_code == 200
    assert "alice" in response.text
    assert reverse("invite_create") not in response.text
