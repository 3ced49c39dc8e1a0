"""Sign-off requests, each person's notifications, the bell, and the mails for those who asked."""

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from stage.accounts import Profile
from stage.comments import Comment, Kind, Notification, team_members
from stage.teams import Membership
from tests.factories import make_member, make_team
from tests.test_comments import on_row, post_comment, thread_url

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


# Sign-off requests.


def test_a_member_asks_another_to_sign_off_a_letter(login, vera, lu, bob, broadcast):
    url = reverse("signoff_request", args=[broadcast.pk, "S"])
    response = login(vera).post(url, {"member": lu.pk, "note": "18:00 前"}, **HTMX)
    assert response.status_code == 200
    assert "Asked 小鹿 to sign off S." in response.text
    request = Notification.objects.get()
    assert (request.user, request.actor, request.kind, request.letter) == (lu, vera, "request", "S")
    assert request.note == "18:00 前"
    assert request.describe() == "vera asks you to sign off S · Product lineup"
    assert request.get_absolute_url() == reverse("checklist", args=[broadcast.pk, "S"])


def test_a_plain_request_goes_back_to_the_checklist_with_a_message(login, bob, lu, broadcast):
    url = reverse("signoff_request", args=[broadcast.pk, "G"])
    response = login(bob).post(url, {"member": lu.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("checklist", args=[broadcast.pk, "G"])
    assert "Asked 小鹿 to sign off G." in response.text


@pytest.mark.parametrize("whom", ["self", "viewer", "outsider", "nobody"])
def test_only_another_member_who_may_sign_off_can_be_asked(
    login, bob, vera, charlie, broadcast, whom
):
    member = {"self": bob.pk, "viewer": vera.pk, "outsider": charlie.pk, "nobody": ""}[whom]
    url = reverse("signoff_request", args=[broadcast.pk, "S"])
    response = login(bob).post(url, {"member": member, "note": "留着"}, **HTMX)
    assert response.status_code == 422
    assert 'class="errorlist' in response.text
    assert 'value="留着"' in response.text
    assert not Notification.objects.exists()


def test_the_request_form_lists_the_members_who_may_sign_off(alice, bob, vera, broadcast):
    ctx = {"broadcast": broadcast, "letter": "S", "members": team_members(broadcast.team)}
    html = render_to_string("stage/includes/signoff_request.html", ctx)
    assert f'<option value="{alice.pk}">alice</option>' in html
    assert f'<option value="{bob.pk}">bob</option>' in html
    assert f'value="{vera.pk}"' not in html
    assert f'action="{reverse("signoff_request", args=[broadcast.pk, "S"])}"' in html


# Notifications and the bell.


def mention(broadcast, author, user, *, row=None, body="看一下"):
    comment = Comment.objects.create(
        broadcast=broadcast,
        letter="S" if row else "",
        row_id=row.pk if row else None,
        author=author,
        body=body,
    )
    return Notification.objects.create(
        user=user,
        actor=author,
        broadcast=broadcast,
        comment=comment,
        kind=Kind.MENTION,
        letter=comment.letter,
        row_id=comment.row_id,
        about=f"S · {row}" if row else broadcast.title,
        note=body,
    )


def test_the_bell_counts_unread_notifications(login, alice, bob, broadcast):
    client = login(bob)
    assert "bell-count" not in client.get(reverse("broadcast_list")).text
    mention(broadcast, alice, bob)
    mention(broadcast, alice, bob)
    mention(broadcast, bob, alice)
    page = client.get(reverse("broadcast_list")).text
    assert '<span class="bell-count">2<span class="visually-hidden"> unread</span></span>' in page
    client.post(reverse("notifications_read"))
    assert "bell-count" not in client.get(reverse("broadcast_list")).text


def test_the_bell_costs_no_query_to_anonymous_pages(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(reverse("login")).status_code == 200


def test_the_list_shows_newest_first_and_opening_one_marks_it_read(
    login, alice, lu, broadcast, serum
):
    older = mention(broadcast, alice, lu, row=serum)
    newer = mention(broadcast, alice, lu, body="第二条")
    client = login(lu)
    page = client.get(reverse("notifications")).text
    assert page.index("第二条") < page.index("alice mentioned you on S · #2 玻尿酸精华")
    response = client.post(reverse("notification_open", args=[older.pk]))
    assert response["Location"] == (
        f"{thread_url(broadcast, on_row(serum))}#comment-{older.comment_id}"
    )
    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.read_at is not None and newer.read_at is None


def test_one_notification_is_marked_read_on_its_own(login, alice, lu, broadcast):
    one, other = mention(broadcast, alice, lu), mention(broadcast, alice, lu)
    login(lu).post(reverse("notifications_read"), {"id": one.pk})
    assert Notification.objects.unread().get() == other
    login(lu).post(reverse("notifications_read"), {"id": "junk"})
    assert Notification.objects.unread().get() == other


def test_nobody_reads_or_lists_someone_elses_notification(login, alice, bob, lu, broadcast):
    theirs = mention(broadcast, alice, lu)
    client = login(bob)
    client.post(reverse("notifications_read"), {"id": theirs.pk})
    client.post(reverse("notifications_read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "看一下" not in client.get(reverse("notifications")).text


def test_after_leaving_a_team_its_notifications_are_gone(login, alice, lu, broadcast):
    note = mention(broadcast, alice, lu, body="内部")
    elsewhere = make_team(name="Second shop")
    make_member(elsewhere, lu)
    Membership.objects.filter(team=broadcast.team, user=lu).delete()
    client = login(lu)
    page = client.get(reverse("notifications")).text
    assert "内部" not in page and "bell-count" not in page
    assert client.post(reverse("notification_open", args=[note.pk])).status_code == 404


def test_a_notification_of_a_show_in_the_trash_is_hidden(login, alice, lu, broadcast):
    mention(broadcast, alice, lu, body="内部")
    broadcast.deleted_at = timezone.now()
    broadcast.save()
    page = login(lu).get(reverse("notifications")).text
    assert "内部" not in page and "bell-count" not in page


# Mail, only to those who asked for it, in their language.


def test_mail_goes_only_to_who_opted_in_in_their_language(
    login, alice, bob, lu, vera, broadcast, django_capture_on_commit_callbacks
):
    lu.email, bob.email, vera.email = "lu@example.com", "bob@example.com", "vera@example.com"
    for user in (lu, bob, vera):
        user.save()
    Profile.objects.create(user=lu, language="zh-hans", notify_by_email=True)
    Profile.objects.create(user=bob, language="en", notify_by_email=True)
    Profile.objects.create(user=vera, notify_by_email=False)
    client = login(alice)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post_comment(client, broadcast, "", "@vera 请看一下")
        assert mail.outbox == []  # nothing leaves before the commit
        for user in (lu, bob):
            url = reverse("signoff_request", args=[broadcast.pk, "S"])
            client.post(url, {"member": user.pk, "note": "谢谢"})
    assert len(callbacks) == 2
    to_lu, to_bob = mail.outbox
    assert to_lu.to == ["lu@example.com"] and to_bob.to == ["bob@example.com"]
    assert to_lu.subject == "alice 请你签核 S · 货品排品"
    assert to_bob.subject == "alice asks you to sign off S · Product lineup"
    assert "谢谢" in to_lu.body and broadcast.title in to_lu.body
    assert f"http://testserver/b/{broadcast.pk}/S/" in to_lu.body
    assert "http://testserver/profile/" in to_lu.body


def test_a_mention_mails_the_link_to_the_comment(
    login, alice, lu, broadcast, serum, django_capture_on_commit_callbacks
):
    lu.email = "lu@example.com"
    lu.save()
    Profile.objects.create(user=lu, notify_by_email=True)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(login(alice), broadcast, on_row(serum), "@小鹿 库存？")
    (message,) = mail.outbox
    comment = Comment.objects.get()
    assert message.subject == "alice mentioned you on S · #2 玻尿酸精华"
    assert f"/b/{broadcast.pk}/comments/?on=S-{serum.pk}#comment-{comment.pk}" in message.body
    assert "@小鹿 库存？" in message.body


def test_the_profile_opts_in_to_mail(login, bob):
    client = login(bob)
    assert 'name="notify_by_email"' in client.get(reverse("profile")).text
    data = {
        "first_name": "Bob",
        "email": "bob@example.com",
        "language": "",
        "notify_by_email": "on",
    }
    assert client.post(reverse("profile"), data).status_code == 302
    assert Profile.objects.get(user=bob).notify_by_email is True
    box = client.get(reverse("profile")).text.split('name="notify_by_email"')[1].split(">")[0]
    assert "checked" in box
    client.post(reverse("profile"), {**data, "notify_by_email": ""})
    assert Profile.objects.get(user=bob).notify_by_email is False


# Query counts that do not grow.


@pytest.mark.parametrize("count", [3, 30])
def test_notification_list_queries_do_not_grow(
    login, alice, bob, broadcast, serum, count, django_assert_num_queries
):
    for i in range(count):
        mention(broadcast, alice, bob, row=serum if i % 2 else None)
    client = login(bob)
    with django_assert_num_queries(5):  # session, user, memberships, the list, the bell
        response = client.get(reverse("notifications"))
    assert response.text.count('<li class="notification') == count
