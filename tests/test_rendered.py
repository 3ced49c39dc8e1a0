"""Rendered sheets are kept per version of the broadcast: no write may leave one outdated."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from stage.broadcasts import Broadcast
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem, WarmupStatus
from stage.views import paper as paper_views
from tests.factories import make_broadcast
from tests.registry import cases

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

WRITES = cases(method="post")
TOKEN = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">| nonce="[^"]*"')


def sheets(client, world) -> dict[str, tuple[int, str]]:
    """The run-sheet as a member and through the share link, each checklist page, the hub."""
    pk = world.broadcast.pk
    pages = {
        "member": reverse("runsheet", args=[pk]),
        "shared": reverse("shared_runsheet", args=[world.link.token]),
        **{letter: reverse("checklist", args=[pk, letter]) for letter in "TASGE"},
        "hub": reverse("broadcast_detail", args=[pk]),
    }
    return {name: (r.status_code, kept_part(r)) for name, r in _get(client, pages).items()}


def _get(client, pages):
    return {name: client.get(path) for name, path in pages.items()}


def kept_part(response) -> str:
    """The part of a page that is kept: the run-sheet, or the content of the hub or a checklist
    page. Around it the page has messages; CSRF tokens and script nonces differ on every
    request."""
    page = response.content.decode()
    if response.status_code != 200:
        return ""  # its status is compared
    for start in (
        '<div class="runsheet">',
        '<section class="card run-sheet-card"',
        '<p class="crumbs">',
    ):
        if start in page:
            return TOKEN.sub("", page[page.find(start) : page.find("</main>")])
    raise AssertionError("no kept part in the page")


@pytest.mark.parametrize("case", WRITES, ids=lambda c: c.id)
def test_after_any_write_kept_sheets_are_what_a_fresh_render_gives(client, alice, world, case):
    client.force_login(alice)
    case.prepare(world)
    data = case.data(world)
    sheets(client, world)  # rendered and kept
    response = case.request(client, world, data)
    assert response.status_code < 500
    served = sheets(client, world)
    cache.clear()
    assert served == sheets(client, world)


def test_a_page_view_is_served_from_the_cache_without_loading_the_plan(
    client, alice, team, django_assert_num_queries
):
    broadcast = make_broadcast(team=team)
    client.force_login(alice)
    url = reverse("runsheet", args=[broadcast.pk])
    first = client.get(url)
    # session, user, memberships, broadcast, the bell's count: nothing of the plan
    with django_assert_num_queries(5):
        again = client.get(url)
    assert kept_part(again) == kept_part(first)


def test_every_save_of_a_broadcast_moves_its_version_even_from_a_stale_copy(team):
    broadcast = make_broadcast(team=team)
    stale = Broadcast.objects.get(pk=broadcast.pk)
    broadcast.touch()
    broadcast.save()
    assert broadcast.live_version == 2
    stale.title = "Edited from an old copy"
    stale.save()
    assert stale.live_version == 3
    assert Broadcast.objects.get(pk=broadcast.pk).live_version == 3


def test_an_entry_ends_when_the_next_warm_up_item_turns_overdue(client, alice, team):
    broadcast = make_broadcast(team=team, start=timezone.now() + timedelta(days=2))
    minutes_before = 2 * 24 * 60
    WarmupItem.objects.create(  # due in 10 minutes
        broadcast=broadcast, position=1, title="Teaser", offset_minutes=minutes_before - 10
    )
    WarmupItem.objects.create(  # due in 5 minutes, but published: nothing will change
        broadcast=broadcast, position=2, title="Out already", offset_minutes=minutes_before - 5,
        status=WarmupStatus.PUBLISHED,
    )  # fmt: skip
    client.force_login(alice)
    client.get(reverse("runsheet", args=[broadcast.pk]))
    [key] = [k for k in cache._cache if "runsheet.html" in k]  # LocMemCache internals: key → expiry
    left = cache._expire_info[key] - timezone.now().timestamp()
    assert 9 * 60 < left <= 10 * 60


def test_a_kept_checklist_page_loads_no_plan_and_carries_this_requests_token(
    client, alice, world, django_assert_num_queries
):
    url = reverse("checklist", args=[world.broadcast.pk, "S"])
    client.force_login(alice)
    first = client.get(url)
    with django_assert_num_queries(5):  # session, user, memberships, broadcast, the bell
        again = client.get(url)
    assert kept_part(again) == kept_part(first)
    assert "<csrf-token>" not in again.text
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.text)
    assert len(tokens) > 5 and all(len(token) == 64 for token in tokens)  # masked, as Django's


def test_text_like_the_token_placeholder_stays_text(client, alice, world):
    Segment.objects.create(broadcast=world.broadcast, position=99, title="<csrf-token>", minutes=5)
    client.force_login(alice)
    url = reverse("checklist", args=[world.broadcast.pk, "T"])
    for _ in range(2):  # rendered, then kept
        assert "<strong>&lt;csrf-token&gt;</strong>" in client.get(url).text


def test_kept_rows_follow_who_may_edit(client, alice, vera, world):
    url = reverse("checklist", args=[world.broadcast.pk, "T"])
    client.force_login(alice)
    assert 'class="row-buttons"' in client.get(url).text
    client.force_login(vera)
    assert 'class="row-buttons"' not in client.get(url).text


def test_a_pdf_is_kept_until_the_show_changes(client, alice, world, monkeypatch):
    made = []
    typeset = paper_views.typeset_paper

    def counted(*args, **kwargs):
        made.append(args)
        return typeset(*args, **kwargs)

    monkeypatch.setattr(paper_views, "typeset_paper", counted)
    client.force_login(alice)
    url = reverse("runsheet_pdf", args=[world.broadcast.pk])
    first = client.get(url)
    assert client.get(url).content == first.content and len(made) == 1
    assert client.get(url, {"paper": "letter"}).content.startswith(b"%PDF") and len(made) == 2
    world.broadcast.touch()
    client.get(url)
    assert len(made) == 3


def test_what_is_kept_does_not_grow_with_the_edits(client, alice, world):
    """Issue 17: each version of a page was kept beside the last (11 MB more per edit of a
    2,000-segment show); now a new version replaces the old one."""
    client.force_login(alice)
    show = world.broadcast
    pages = [reverse("runsheet", args=[show.pk]), reverse("checklist", args=[show.pk, "T"])]

    def kept_for_show() -> list[str]:
        return [key for key in cache._cache if f":{show.pk}:" in key]

    for edit in range(5):
        Segment.objects.filter(broadcast=show).update(title=f"第 {edit} 版")
        show.touch()
        for page in pages:
            assert f"第 {edit} 版" in client.get(page).text
        if edit == 0:
            first = kept_for_show()
    assert len(first) == 2
    assert kept_for_show() == first
