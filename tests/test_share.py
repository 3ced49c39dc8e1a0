"""Share links: made and revoked by editors, and what a token opens (and stops opening)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stage.broadcasts import Status
from stage.checklists.signoff import sign_off
from stage.demo import fill_example_show
from stage.sharing import ShareLink
from tests.factories import make_broadcast

pytestmark = pytest.mark.django_db

SHARED = ["shared_runsheet", "shared_screen", "shared_phone"]


@pytest.fixture
def link(broadcast, alice):
    fill_example_show(broadcast)
    return ShareLink.objects.create(
        broadcast=broadcast, created_by=alice, expires_at=timezone.now() + timedelta(days=1)
    )


def test_an_editor_creates_a_link(login, bob, broadcast):
    url = reverse("share_links", args=[broadcast.pk])
    response = login(bob).post(url, {"label": "Studio B", "days": "7"}, follow=True)
    [link] = ShareLink.objects.all()
    assert (link.label, link.created_by.username) == ("Studio B", "bob")
    assert timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= timedelta(days=7)
    page = response.content.decode()
    assert reverse("shared_runsheet", args=[link.token]) in page
    assert reverse("shared_screen", args=[link.token]) in page


def test_a_bad_lifetime_is_refused_next_to_the_field(login, bob, broadcast):
    url = reverse("share_links", args=[broadcast.pk])
    response = login(bob).post(url, {"label": "x", "days": "365"})
    assert response.status_code == 422
    assert 'id="id_days_error"' in response.content.decode()
    assert not ShareLink.objects.exists()


@pytest.mark.parametrize("name", SHARED)
def test_a_token_opens_its_views_without_an_account(client, link, name):
    response = client.get(reverse(name, args=[link.token]))
    assert response.status_code == 200
    page = response.content.decode()
    assert link.broadcast.title in page or name != "shared_runsheet"
    # Nothing in a shared page leads into the app.
    assert f"/b/{link.broadcast.pk}/" not in page
    assert "Log out" not in page


@pytest.mark.parametrize("name", [*SHARED, "shared_runsheet_pdf"])
def test_a_shared_page_answers_only_reading(client, link, name):
    """Issue 18: share pages answered any method."""
    url = reverse(name, args=[link.token])
    assert client.head(url).status_code == 200
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(url).status_code == 405, method


def test_a_shared_run_sheet_names_no_one(client, link, alice, bob):
    """Issue 18: people without accounts saw who signed off, by username."""
    sign_off(link.broadcast, "T", bob)
    page = client.get(reverse("shared_runsheet", args=[link.token])).content.decode()
    assert "✓ signed off" in page
    assert "bob" not in page and "alice" not in page
    team_page = Client()
    team_page.force_login(alice)
    assert "✓ bob" in team_page.get(reverse("runsheet", args=[link.broadcast.pk])).text


def test_the_shared_run_sheet_is_the_run_sheet(client, link):
    page = client.get(reverse("shared_runsheet", args=[link.token])).content.decode()
    assert page.count('<tr id="segment-') == 9
    assert "暖场 · 开播福袋" in page
    assert f"/s/{link.token}/run-sheet.pdf" in page  # crew print their own
    assert "runsheet.xlsx" not in page and "export.json" not in page


def test_crew_see_no_figures_unless_the_link_includes_them(client, link):
    page = client.get(reverse("shared_runsheet", args=[link.token])).content.decode()
    assert "GMV target" not in page and "Slot budget" not in page
    assert "Planned sales" not in page and "Budget" not in page
    assert "Live price" in page and "List price" in page  # prices are public in the cart
    assert "Show lint" not in page and "of the ¥" not in page  # findings quote the target
    ShareLink.objects.filter(pk=link.pk).update(include_figures=True)
    page = client.get(reverse("shared_runsheet", args=[link.token])).content.decode()
    assert "GMV target" in page and "Planned sales" in page and "Show lint" in page


def test_crew_download_the_pdf_without_figures(client, link, tmp_path):
    from tests.test_exports import pdf_text

    response = client.get(reverse("shared_runsheet_pdf", args=[link.token]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "暖场" in text and "GMV target" not in text


def test_two_crew_links_never_see_each_others_poll_url(client, link, alice):
    """The partial is kept per link: its poll URL carries the link's own token."""
    other = ShareLink.objects.create(
        broadcast=link.broadcast, created_by=alice, expires_at=link.expires_at
    )
    for shared in (link, other):
        url = reverse("shared_phone", args=[shared.token])
        poll = client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert f'hx-get="{url}"' in poll


def test_a_link_lasts_until_a_day_after_the_show_by_default(login, bob, broadcast):
    url = reverse("share_links", args=[broadcast.pk])
    assert 'value="0" selected' in login(bob).get(url).content.decode()
    login(bob).post(url, {"label": "Crew", "days": "0"})
    link = ShareLink.objects.get()
    end = broadcast.scheduled_start + timedelta(minutes=broadcast.planned_minutes)
    assert link.expires_at == end + timedelta(days=1)


def test_a_token_opens_nothing_else(client, link):
    assert client.get(f"/s/{link.token}/operator/").status_code == 404
    # A shared live view polls only its own URL.
    poll = client.get(reverse("shared_screen", args=[link.token]), headers={"HX-Request": "true"})
    assert f'hx-get="/s/{link.token}/screen/"' in poll.content.decode()


@pytest.mark.parametrize("name", SHARED)
def test_after_revoke_a_clear_page_and_nothing_else(login, alice, client, link, name):
    revoke = reverse("share_revoke", args=[link.broadcast.pk, link.pk])
    login(alice).post(revoke)
    link.refresh_from_db()
    assert link.revoked_at is not None
    client.logout()
    response = client.get(reverse(name, args=[link.token]))
    assert response.status_code == 410
    page = response.content.decode()
    assert "This link no longer works" in page and "revoked" in page
    assert "暖场" not in page
    # An open live view is told to reload, and then sees the page above.
    poll = client.get(reverse(name, args=[link.token]), headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true" and b"\xe6\x9a\x96" not in poll.content


def test_an_expired_link_shows_when_it_expired(client, link):
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("shared_screen", args=[link.token]))
    assert response.status_code == 410
    assert "It expired on" in response.content.decode()


def test_a_link_of_another_broadcast_cannot_be_revoked_through_this_one(login, alice, link, team):
    other = make_broadcast(team=team)
    url = reverse("share_revoke", args=[other.pk, link.pk])
    assert login(alice).post(url).status_code == 404


def test_shared_views_follow_the_show(client, link):
    from stage.onair import step

    link.broadcast.status = Status.READY
    link.broadcast.save()
    step(link.broadcast, "start", timezone.now(), confirmed={"early"})
    page = client.get(reverse("shared_phone", args=[link.token])).content.decode()
    assert "ON AIR" in page and "暖场 · 开播福袋" in page


def test_shared_pages_use_the_team_time_zone(client, link):
    page = client.get(reverse("shared_runsheet", args=[link.token])).content.decode()
    assert "19:00–22:00" in page  # the show's Shanghai clock, not UTC's 11:00


def test_queries_of_a_shared_page_do_not_grow(client, link, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get(reverse("shared_runsheet", args=[link.token]))
