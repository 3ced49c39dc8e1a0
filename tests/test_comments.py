"""Comments on a row or on the broadcast: @mentions, resolving, the rows' counts, and who may see
or write them (tests/test_notifications.py: what reaches people)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from stage.broadcasts import Status
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.comments import (
    MAX_BODY,
    Comment,
    Kind,
    Notification,
    comment_counts,
    find_mentions,
)
from stage.sharing import ShareLink
from tests.factories import make_broadcast, make_member, make_user

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def thread_url(broadcast, on: str = "") -> str:
    url = reverse("comments", args=[broadcast.pk])
    return f"{url}?on={on}" if on else url


def on_row(row, letter: str = "S") -> str:
    return f"{letter}-{row.pk}"


def post_comment(client, broadcast, on, body, **extra):
    return client.post(thread_url(broadcast, on), {"body": body, **extra.pop("data", {})}, **extra)


# Posting and reading.


def test_a_member_comments_on_a_row_and_comes_back_to_it(login, bob, broadcast, serum):
    response = post_comment(login(bob), broadcast, on_row(serum), "库存再确认一下")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{thread_url(broadcast, on_row(serum))}#comment-{comment.pk}"
    assert (comment.letter, comment.row_id, comment.author) == ("S", serum.pk, bob)
    page = login(bob).get(thread_url(broadcast, on_row(serum))).text
    assert "库存再确认一下" in page
    assert "S · #2 玻尿酸精华" in page
    assert f'href="/b/{broadcast.pk}/S/#row-{serum.pk}"' in page


def test_htmx_answers_the_thread_with_the_new_comment_and_an_empty_form(
    login, bob, broadcast, serum
):
    response = post_comment(login(bob), broadcast, on_row(serum), "价格 OK", **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="thread"')
    assert "价格 OK" in response.text
    assert "<textarea" in response.text and "价格 OK</textarea>" not in response.text


def test_the_broadcast_has_its_own_thread(login, bob, broadcast, serum):
    post_comment(login(bob), broadcast, "", "整体节奏没问题")
    assert Comment.objects.get().letter == ""
    assert comment_counts(broadcast) == {("", None): 1}
    assert "整体节奏没问题" in login(bob).get(thread_url(broadcast)).text
    assert "整体节奏没问题" not in login(bob).get(thread_url(broadcast, on_row(serum))).text


@pytest.mark.parametrize(
    "on",
    ["S-999999", "T-{serum}", "X-1", "S-", "S-1x", "{other}"],
    ids=["unknown-row", "row-of-another-letter", "no-letter", "no-row", "junk", "other-show"],
)
def test_a_thread_must_be_on_a_row_of_this_broadcast(login, bob, team, broadcast, serum, on):
    other = make_broadcast(team=team, title="Other")
    elsewhere = Product.objects.create(
        broadcast=other, link_number=1, name="x", list_price=1, live_price=1
    )
    on = on.format(serum=serum.pk, other=on_row(elsewhere))
    client = login(bob)
    assert client.get(thread_url(broadcast, on)).status_code == 404
    assert post_comment(client, broadcast, on, "hello").status_code == 404
    assert not Comment.objects.exists()


# Mentions.


@pytest.fixture
def people(team, alice, bob, lu):
    """alice (Alice Wong), bob (display name "Bob Li"), 小鹿 (lu)."""
    alice.first_name = "Alice Wong"
    alice.save()
    bob.first_name = "Bob Li"
    bob.save()
    return [alice, bob, lu]


def test_mentions_match_chinese_names_names_with_spaces_and_usernames(people):
    alice, bob, lu = people
    assert find_mentions("@小鹿请看一下", people) == [lu]
    assert find_mentions("请 @Bob Li 和 @alice 确认", people) == [bob, alice]
    assert find_mentions("@ALICE WONG, ok?", people) == [alice]
    assert find_mentions("@lu", people) == [lu]


def test_an_unknown_word_an_email_or_a_longer_word_is_not_a_mention(people):
    assert find_mentions("@nobody @小猫 bob@example.com @bobby @alicewong", people) == []
    assert find_mentions("no at sign: 小鹿 Bob Li", people) == []


def test_the_longest_name_wins(team, people):
    bo = make_user("bo")
    bo.first_name = "Bob"
    bo.save()
    make_member(team, bo)
    _alice, bob, _lu = people
    assert find_mentions("@Bob Li ok", [*people, bo]) == [bob]
    assert find_mentions("@Bob ok", [*people, bo]) == [bo]


def test_each_mentioned_member_but_the_author_is_notified(login, people, charlie, broadcast, serum):
    alice, bob, lu = people
    body = "@小鹿 @Bob Li @alice @charlie 价格要改"
    post_comment(login(alice), broadcast, on_row(serum), body)
    comment = Comment.objects.get()
    assert set(comment.mentions.all()) == {alice, bob, lu}  # charlie is not in the team
    notified = Notification.objects.order_by("user__username")
    assert [n.user for n in notified] == [bob, lu]
    note = notified[0]
    assert (note.kind, note.actor, note.comment, note.letter) == (Kind.MENTION, alice, comment, "S")
    assert note.describe() == "Alice Wong mentioned you on S · #2 玻尿酸精华"


def test_the_mention_field_puts_the_name_before_the_text(login, people, broadcast, serum):
    alice, _bob, lu = people
    page = login(alice).get(thread_url(broadcast, on_row(serum))).text
    assert '<datalist id="team-members">' in page and '<option value="小鹿"' in page
    assert 'list="team-members"' in page
    post_comment(login(alice), broadcast, on_row(serum), "看一下", data={"mention": "小鹿"})
    comment = Comment.objects.get()
    assert comment.body == "@小鹿 看一下"
    assert list(comment.mentions.all()) == [lu]
    assert Notification.objects.get().user == lu


def test_an_unknown_name_in_the_mention_field_is_refused_next_to_it(login, alice, broadcast):
    data = {"mention": "小猫"}
    response = post_comment(login(alice), broadcast, "", "正文留着", data=data, **HTMX)
    assert response.status_code == 422
    assert "Nobody in the team is called 小猫." in response.text
    assert "正文留着</textarea>" in response.text
    assert not Comment.objects.exists()


# Resolve and reopen; the counts.


def test_resolving_and_reopening_moves_the_rows_count(login, vera, bob, broadcast, serum):
    client = login(vera)  # a viewer may resolve too
    post_comment(client, broadcast, on_row(serum), "one")
    post_comment(client, broadcast, on_row(serum), "two")
    first = Comment.objects.first()
    assert comment_counts(broadcast) == {("S", serum.pk): 2}
    url = reverse("comment_resolve", args=[broadcast.pk, first.pk])
    response = login(bob).post(url, {"action": "resolve"}, **HTMX)
    assert response.status_code == 200
    assert "Resolved by bob" in response.text and "Reopen" in response.text
    first.refresh_from_db()
    assert first.resolved_by == bob and first.resolved_at is not None
    assert comment_counts(broadcast) == {("S", serum.pk): 1}
    response = login(bob).post(url, {"action": "reopen"})
    assert response["Location"].endswith(f"?on=S-{serum.pk}#comment-{first.pk}")
    assert comment_counts(broadcast) == {("S", serum.pk): 2}


def test_a_comment_of_another_broadcast_cannot_be_resolved_here(login, bob, team, broadcast):
    other = make_broadcast(team=team, title="Other")
    comment = Comment.objects.create(broadcast=other, author=bob, body="x")
    url = reverse("comment_resolve", args=[broadcast.pk, comment.pk])
    assert login(bob).post(url).status_code == 404


def test_counts_come_in_one_query_for_every_row(bob, broadcast, serum, django_assert_num_queries):
    segment = Segment.objects.create(broadcast=broadcast, title="暖场", minutes=10)
    for row, letter, n in ((serum, "S", 3), (segment, "T", 2)):
        for i in range(n):
            Comment.objects.create(
                broadcast=broadcast, letter=letter, row_id=row.pk, author=bob, body=str(i)
            )
    Comment.objects.create(broadcast=broadcast, author=bob, body="show")
    Comment.objects.create(
        broadcast=broadcast, letter="S", row_id=serum.pk, author=bob, body="done",
        resolved_at=timezone.now(),
    )  # fmt: skip
    with django_assert_num_queries(1):
        counts = comment_counts(broadcast)
    assert counts == {("S", serum.pk): 3, ("T", segment.pk): 2, ("", None): 1}


def test_a_comment_moves_the_broadcasts_version_so_kept_pages_show_the_count(login, bob, broadcast):
    before = broadcast.live_version
    post_comment(login(bob), broadcast, "", "x")
    broadcast.refresh_from_db()
    assert broadcast.live_version > before


def test_the_badge_tag_shows_the_count_and_links_to_the_thread(broadcast, serum):
    from django.template import Context, Template

    template = Template(
        "{% load comment_tags %}{% comment_badge broadcast counts 'S' row.pk %}"
        "|{% comment_badge broadcast counts %}"
    )
    counts = {("S", serum.pk): 2}
    html = template.render(Context({"broadcast": broadcast, "counts": counts, "row": serum}))
    row_badge, show_badge = html.split("|")
    assert f'href="{thread_url(broadcast, on_row(serum))}"' in row_badge
    assert "2 open comments" in row_badge and 'class="comment-badge open"' in row_badge
    assert f'href="{thread_url(broadcast)}"' in show_badge and "open" not in show_badge


# Who may see and write what.


def test_a_viewer_reads_and_comments_even_on_a_locked_broadcast(login, vera, broadcast, serum):
    broadcast.status, broadcast.locked = Status.REVIEWED, True
    broadcast.save()
    client = login(vera)
    assert client.get(thread_url(broadcast, on_row(serum))).status_code == 200
    assert post_comment(client, broadcast, on_row(serum), "复盘：这个价格卖得好").status_code == 302
    assert Comment.objects.get().author == vera


def test_a_broadcast_in_the_trash_has_no_thread(login, bob, broadcast):
    comment = Comment.objects.create(broadcast=broadcast, author=bob, body="x")
    broadcast.deleted_at = timezone.now()
    broadcast.save()
    client = login(bob)
    assert client.get(thread_url(broadcast)).status_code == 404
    resolve = reverse("comment_resolve", args=[broadcast.pk, comment.pk])
    assert client.post(resolve).status_code == 404


def test_a_share_link_reaches_none_of_it(client, alice, broadcast, serum):
    Comment.objects.create(
        broadcast=broadcast, letter="S", row_id=serum.pk, author=alice, body="内部讨论"
    )
    link = ShareLink.objects.create(
        broadcast=broadcast, created_by=alice, expires_at=timezone.now() + timezone.timedelta(1)
    )
    for name in ("shared_runsheet", "shared_screen", "shared_phone"):
        page = client.get(reverse(name, args=[link.token]))
        assert page.status_code == 200
        assert "内部讨论" not in page.text and "comment" not in page.text.lower()


# Bad input.


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("   ", "Write something first."),
        ("长" * (MAX_BODY + 1), f"A comment has at most {MAX_BODY} characters (this one has 2001)"),
    ],
    ids=["empty", "too-long"],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_lost(
    login, bob, broadcast, serum, body, error
):
    client = login(bob)
    response = post_comment(client, broadcast, on_row(serum), body, **HTMX)
    assert response.status_code == 422
    field = response.text.split('<label for="id_body">')[1].split("</div>")[0]
    assert error in field
    if body.strip():
        assert f"{body}</textarea>" in response.text
    plain = post_comment(client, broadcast, on_row(serum), body)
    assert plain.status_code == 422 and "<h1>" in plain.text
    assert not Comment.objects.exists()


# Query counts that do not grow.


@pytest.mark.parametrize("count", [3, 30])
def test_thread_queries_do_not_grow_with_comments(
    login, alice, bob, broadcast, serum, count, django_assert_num_queries
):
    for i in range(count):
        Comment.objects.create(
            broadcast=broadcast, letter="S", row_id=serum.pk, author=(alice, bob)[i % 2],
            body=f"第 {i} 条", resolved_at=timezone.now() if i % 3 else None, resolved_by=alice,
        )  # fmt: skip
    client = login(bob)
    # session, user, memberships, broadcast, the row, the members, the comments, the bell
    with django_assert_num_queries(8):
        response = client.get(thread_url(broadcast, on_row(serum)))
    assert response.text.count('<li id="comment-') == count
    with django_assert_num_queries(7):  # the partial: no bell
        client.get(thread_url(broadcast, on_row(serum)), **HTMX)
