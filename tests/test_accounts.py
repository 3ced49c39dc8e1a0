"""The account lifecycle: invitations, sign-up, password reset and change, login by email."""

import logging
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stage.accounts import Invitation
from stage.settings import smtp_mailer
from stage.teams import Membership, Role

User = get_user_model()
PASSWORD = "a long pass phrase 7"


def signup_data(name: str, **more) -> dict:
    data = {"username": name, "email": f"{name}@example.com"}
    return data | {"password1": PASSWORD, "password2": PASSWORD} | more


def link_in(message) -> str:
    return re.search(r"https?://[^\s\"<]+", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_an_owner_invites_by_email_and_the_invitee_signs_up_into_the_team(
    client, login, alice, team
):
    owner = login(alice)
    response = owner.post(
        reverse("invite_create"), {"invite-email": "lu@example.com", "invite-role": "editor"}
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["lu@example.com"] and team.name in message.subject
    assert message.alternatives[0].mimetype == "text/html"
    page = owner.get(reverse("team_detail")).content.decode()
    assert "lu@example.com" in page and "Open" in page
    owner.logout()

    url = path_of(link_in(message))
    page = client.get(url)
    assert page.status_code == 200 and "Join Acme Live" in page.content.decode()
    response = client.post(url, signup_data("lu"))
    assert response.status_code == 302 and response.url == reverse("broadcast_list")
    lu = User.objects.get(username="lu")
    assert Membership.objects.get(user=lu, team=team).role == Role.EDITOR
    assert client.get(reverse("broadcast_list")).status_code == 200  # logged in
    assert client.get(url).status_code == 410  # single use
    assert Invitation.objects.get().state == "accepted"


def test_a_link_invitation_is_shown_once_and_a_member_joins_with_their_account(
    client, login, alice, charlie, team
):
    owner = login(alice)
    owner.post(reverse("invite_create"), {"invite-email": "", "invite-role": "viewer"})
    assert mail.outbox == []
    first = owner.get(reverse("team_detail")).content.decode()
    link = re.search(r'id="new-link" type="text" readonly value="([^"]+)"', first).group(1)
    assert 'id="new-link"' not in owner.get(reverse("team_detail")).content.decode()
    other = login(charlie)
    assert other.post(path_of(link)).status_code == 302
    assert Membership.objects.get(user=charlie, team=team).role == Role.VIEWER


@pytest.mark.parametrize("state", ["expired", "revoked", "accepted", "unknown"])
def test_a_closed_invitation_says_why_and_lets_nobody_in(client, alice, team, state):
    invitation, token = Invitation.make(team, Role.EDITOR, alice, "x@example.com")
    now = timezone.now()
    changes = {
        "expired": {"expires_at": now - timedelta(minutes=1)},
        "revoked": {"revoked_at": now},
        "accepted": {"accepted_at": now},
        "unknown": {},
    }[state]
    Invitation.objects.filter(pk=invitation.pk).update(**changes)
    url = reverse("invitation", args=["not-a-token" if state == "unknown" else token])
    for response in (client.get(url), client.post(url, signup_data("mallory"))):
        assert response.status_code == 410
        assert "This invitation does not work" in response.content.decode()
    assert not User.objects.filter(username="mallory").exists()


def test_revoking_closes_an_invitation(login, alice, team):
    invitation, token = Invitation.make(team, Role.EDITOR, alice)
    assert login(alice).post(reverse("invite_revoke", args=[invitation.pk])).status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "revoked"


def test_the_same_invitation_lets_one_person_in_even_when_two_open_it(client, alice, team):
    invitation, token = Invitation.make(team, Role.EDITOR, alice)
    url = reverse("invitation", args=[token])
    form = client.get(url)  # both have the form open
    assert form.status_code == 200
    assert client.post(url, signup_data("first")).status_code == 302
    client.logout()
    second = client.post(url, signup_data("second"))
    assert second.status_code == 410
    assert not User.objects.filter(username="second").exists()  # no account without its team


def test_open_sign_up_creates_an_account_and_its_team(db, client, settings):
    settings.OPEN_SIGNUP = True
    assert "Create an account" in client.get(reverse("login")).content.decode()
    data = signup_data("mei", **{"team-name": "Mei Live", "team-time_zone": "Asia/Shanghai"})
    response = client.post(reverse("signup"), data)
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="mei")
    assert (membership.team.name, membership.role) == ("Mei Live", Role.OWNER)


def test_sign_up_can_be_invitation_only(db, client, settings):
    settings.OPEN_SIGNUP = False
    assert "Create an account" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("signup")).status_code == 404
    assert client.post(reverse("signup"), signup_data("mei")).status_code == 404
    assert not User.objects.filter(username="mei").exists()


def test_bad_sign_up_input_is_shown_next_to_the_field(db, client, settings):
    settings.OPEN_SIGNUP = True
    data = signup_data("mei", password2="different", **{"team-name": ""})
    response = client.post(reverse("signup"), data)
    assert response.status_code == 422
    assert response.context["form"].errors["password2"]
    assert response.context["team_form"].errors["name"]


def test_sign_ups_are_limited_per_address(db, client, settings):
    settings.OPEN_SIGNUP = True
    for n in range(11):
        data = signup_data(f"bot{n}", **{"team-name": "Bots", "team-time_zone": "UTC"})
        response = client.post(reverse("signup"), data)
        client.logout()
    assert response.status_code == 422 and "Too many sign-ups" in response.content.decode()
    assert User.objects.filter(username__startswith="bot").count() == 10


def test_password_reset_by_mail_without_telling_who_has_an_account(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    known = client.post(reverse("password_reset"), {"email": "Alice@Example.com"})
    assert unknown.status_code == known.status_code == 302
    assert unknown.url == known.url == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"] and message.alternatives
    confirm = client.get(path_of(link_in(message)), follow=True)
    assert "Choose a new password" in confirm.content.decode()
    new = {"new_password1": "another pass phrase 9", "new_password2": "another pass phrase 9"}
    done = client.post(confirm.redirect_chain[-1][0], new)
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("another pass phrase 9")


def test_a_bad_reset_link_gets_a_clear_page(db, client):
    response = client.get(reverse("password_reset_confirm", args=["MQ", "bad-token"]))
    assert response.status_code == 200 and "This link does not work" in response.content.decode()


def test_reset_mails_are_limited_per_address(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    for _ in range(7):
        assert (
            client.post(reverse("password_reset"), {"email": "alice@example.com"}).status_code
            == 302
        )
    assert len(mail.outbox) == 5


def test_the_reset_mail_is_in_the_readers_language(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    client.post(
        reverse("password_reset"), {"email": "alice@example.com"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "密码" in mail.outbox[0].subject


def test_login_by_email_and_password_change(client, alice):
    alice.email = "alice@example.com"
    alice.save()
    response = client.post(reverse("login"), {"username": "ALICE@example.com", "password": "pw"})
    assert response.status_code == 302
    change = {"old_password": "pw", "new_password1": PASSWORD, "new_password2": PASSWORD}
    assert client.post(reverse("password_change"), change).status_code == 302
    client.logout()
    assert (
        client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code
        == 302
    )


def test_the_email_url_configures_smtp():
    mailer = smtp_mailer("smtps://u%40x:p%3Aw@mail.example.com:465")
    assert mailer["OPTIONS"] == {
        "host": "mail.example.com", "port": 465, "username": "u@x", "password": "p:w",
        "use_ssl": True, "use_tls": False,
    }  # fmt: skip
    assert smtp_mailer("smtp://mail.example.com:587/?tls=1")["OPTIONS"]["use_tls"] is True


def test_the_team_page_takes_as_many_queries_with_30_invitations_as_with_1(login, alice, team):
    client = login(alice)
    Invitation.make(team, Role.EDITOR, alice)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("team_detail"))
    for _ in range(29):
        Invitation.make(team, Role.EDITOR, alice, "x@example.com")
    with CaptureQueriesContext(connection) as thirty:
        client.get(reverse("team_detail"))
    assert len(one) == len(thirty)


def test_a_profile_names_the_person_everywhere_and_chooses_the_language(client, login, alice):
    client = login(alice)
    data = {"first_name": "小鹿", "email": "alice@example.com", "language": "zh-hans"}
    response = client.post(reverse("profile"), data)
    assert response.status_code == 302 and response.cookies["django_language"].value == "zh-hans"
    page = client.get(reverse("team_detail")).content.decode()
    assert "小鹿" in page and "团队" in page
    client.cookies.clear()
    client.logout()
    response = client.post(reverse("login"), {"username": "alice", "password": "pw"})
    assert response.cookies["django_language"].value == "zh-hans"  # kept from the profile
    client.logout()
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert "密码" in mail.outbox[-1].subject  # in her language, whatever the asker's


def test_an_owner_hands_the_team_over_and_a_member_leaves(login, alice, bob, team):
    owner = login(alice)
    assert owner.post(reverse("team_leave")).status_code == 302  # the only owner cannot leave
    assert Membership.objects.filter(team=team, user=alice).exists()
    bob_membership = Membership.objects.get(team=team, user=bob)
    owner.post(reverse("member_hand_over", args=[bob_membership.pk]))
    roles = dict(Membership.objects.filter(team=team).values_list("user__username", "role"))
    assert (roles["alice"], roles["bob"]) == (Role.EDITOR, Role.OWNER)
    assert owner.post(reverse("team_leave")).status_code == 302
    assert not Membership.objects.filter(team=team, user=alice).exists()
    assert owner.get(reverse("broadcast_list")).status_code in (200, 302)  # takes effect at once


def test_tokens_never_reach_the_logs():
    from stage.logs import HideTokens

    lines = [
        ('"GET /invite/%s/ HTTP/1.1" 410', ("Xy3-secret_token",)),
        ("Gone: /invite/Xy3-secret_token/", ()),
        ('"GET /password/reset/MQ/cf1c-4b2a8e9f/ HTTP/1.1" 302', ()),
    ]
    for msg, args in lines:
        record = logging.LogRecord("django.server", logging.INFO, "", 0, msg, args, None)
        HideTokens().filter(record)
        assert "secret" not in record.getMessage() and "4b2a8e9f" not in record.getMessage()
    kept = logging.LogRecord("x", logging.INFO, "", 0, "/password/reset/MQ/set-password/", (), None)
    HideTokens().filter(kept)
    assert kept.getMessage().endswith("set-password/")
    handler = settings.LOGGING["handlers"]["console"]
    assert handler["filters"] == ["hide_tokens"]


def test_the_team_page_has_one_element_per_id(login, alice):
    page = login(alice).get(reverse("team_detail")).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_development_mail_is_printed_as_it_reads():
    """make run prints mails on the console: the Chinese text and the link must be legible."""
    import io

    from django.core.mail import EmailMultiAlternatives

    from stage.mail import ReadableConsoleBackend

    stream = io.StringIO()
    mail_ = EmailMultiAlternatives(
        "设置新的 STAGE 密码", "请打开 http://x/password/reset/MQ/t/", "a@x", ["b@x"]
    )
    mail_.attach_alternative("<p>html</p>", "text/html")
    ReadableConsoleBackend(stream=stream, alias="default").send_messages([mail_])
    printed = stream.getvalue()
    assert "Subject: 设置新的 STAGE 密码" in printed and "http://x/password/reset/MQ/t/" in printed
