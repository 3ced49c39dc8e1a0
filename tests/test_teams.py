import pytest
from django.urls import reverse

from stage.teams import Membership, Role
from tests.factories import make_broadcast, make_member, make_team, make_user

pytestmark = pytest.mark.django_db


def test_a_user_switches_between_teams(login, bob, team, broadcast):
    other = make_team(name="Second Shop")
    make_member(other, bob, role=Role.VIEWER)
    theirs = make_broadcast(team=other, title="Second shop show")
    client = login(bob)
    assert broadcast.title in client.get(reverse("broadcast_list")).text
    response = client.post(reverse("team_switch"), {"team": other.pk})
    assert response.status_code == 302
    text = client.get(reverse("broadcast_list")).text
    assert theirs.title in text
    assert broadcast.title not in text
    # The role follows the team: bob only views the second shop.
    assert reverse("broadcast_new") not in text


def test_it_refuses_to_switch_to_someone_elses_team(login, charlie, team, broadcast):
    client = login(charlie)
    client.post(reverse("team_switch"), {"team": team.pk})
    assert broadcast.title not in client.get(reverse("broadcast_list")).text


def test_the_owner_changes_a_role(login, alice, bob):
    member = Membership.objects.get(user=bob)
    login(alice).post(reverse("member_role", args=[member.pk]), {"role": "viewer"})
    assert Membership.objects.get(pk=member.pk).role == Role.VIEWER


def test_the_last_owner_cannot_step_down_or_leave(login, alice):
    member = Membership.objects.get(user=alice)
    client = login(alice)
    response = client.post(
        reverse("member_role", args=[member.pk]), {"role": "editor"}, follow=True
    )
    assert "A team needs at least one owner." in response.text
    client.post(reverse("member_remove", args=[member.pk]))
    assert Membership.objects.get(pk=member.pk).role == Role.OWNER


def test_the_owner_removes_a_member(login, alice, bob):
    member = Membership.objects.get(user=bob)
    login(alice).post(reverse("member_remove", args=[member.pk]))
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_a_user_without_a_team_is_asked_to_create_one(client, db):
    client.force_login(make_user("newbie"))
    response = client.get(reverse("broadcast_list"))
    assert response["Location"] == reverse("team_new")
    response = client.post(
        reverse("team_new"), {"name": "Newbie Live", "time_zone": "Asia/Shanghai"}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="newbie").role == Role.OWNER


def test_team_page_query_count(login, alice, bob, vera, django_assert_num_queries):
    client = login(alice)
    with django_assert_num_queries(7):  # members, presets, the invitations and the bell
        client.get(reverse("team_detail"))
