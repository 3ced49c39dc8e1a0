"""Who may see and change what: outsiders 404, viewers 403 on writes, anonymous to login."""

import pytest
from django.urls import reverse

from stage.broadcasts import Broadcast
from stage.teams import Membership, Role

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

BROADCAST_VIEWS = [
    ("broadcast_detail", "get"),
    ("broadcast_edit", "get"),
    ("broadcast_edit", "post"),
    ("broadcast_delete", "get"),
    ("broadcast_delete", "post"),
]
WRITE_VIEWS = [v for v in BROADCAST_VIEWS if v != ("broadcast_detail", "get")]


def call(client, name, method, broadcast):
    url = reverse(name, args=[broadcast.pk])
    return client.post(url, VALID_POST) if method == "post" else client.get(url)


@pytest.mark.parametrize("name,method", BROADCAST_VIEWS)
def test_it_sends_anonymous_users_to_login(client, broadcast, name, method):
    response = call(client, name, method, broadcast)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name,method", BROADCAST_VIEWS)
def test_it_hides_broadcasts_from_outsiders(login, charlie, broadcast, name, method):
    response = call(login(charlie), name, method, broadcast)
    assert response.status_code == 404
    broadcast.refresh_from_db()
    assert broadcast.title != "Changed"


@pytest.mark.parametrize("name,method", WRITE_VIEWS)
def test_it_refuses_writes_to_viewers(login, vera, broadcast, name, method):
    response = call(login(vera), name, method, broadcast)
    assert response.status_code == 403
    assert Broadcast.objects.get(pk=broadcast.pk).title == broadcast.title


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


def test_viewer_cannot_create_a_broadcast(login, vera, team):
    client = login(vera)
    assert client.get(reverse("broadcast_new")).status_code == 403
    assert client.post(reverse("broadcast_new"), VALID_POST).status_code == 403
    assert not Broadcast.objects.exists()


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


# Team management: only owners add members and change roles.


def test_no_one_is_added_to_a_team_unasked(login, alice, charlie):
    """Issue 18: an owner invites; the invited person joins (or not) with the link."""
    response = login(alice).post("/team/members/", {"username": "charlie", "role": "viewer"})
    assert response.status_code == 404
    teams = Membership.objects.filter(user=charlie).values_list("team__name", flat=True)
    assert list(teams) == ["Other Shop"]


@pytest.mark.parametrize("persona", ["bob", "vera"])
def test_it_refuses_member_changes_to_non_owners(request, login, team, alice, charlie, persona):
    client = login(request.getfixturevalue(persona))
    target = Membership.objects.get(user=alice)
    invite = {"invite-email": "", "invite-role": "owner"}
    assert client.post(reverse("invite_create"), invite).status_code == 403
    assert (
        client.post(reverse("member_role", args=[target.pk]), {"role": "viewer"}).status_code == 403
    )
    assert client.post(reverse("member_remove", args=[target.pk])).status_code == 403
    assert Membership.objects.get(pk=target.pk).role == Role.OWNER
    assert not Membership.objects.filter(team=team, user=charlie).exists()


def test_it_hides_other_teams_members_from_owners(login, alice, charlie):
    theirs = Membership.objects.get(user=charlie)
    client = login(alice)
    assert (
        client.post(reverse("member_role", args=[theirs.pk]), {"role": "viewer"}).status_code == 404
    )
    assert client.post(reverse("member_remove", args=[theirs.pk])).status_code == 404
    assert Membership.objects.get(pk=theirs.pk).role == Role.OWNER


def test_viewer_sees_the_team_without_owner_controls(login, vera, alice):
    response = login(vera).get(reverse("team_detail"))
    assert response.status_code == 200
    assert "alice" in response.text
    assert reverse("invite_create") not in response.text
