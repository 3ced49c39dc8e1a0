"""Show control: the state machine, the live arithmetic with a fixed clock, and the live views."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stage.broadcasts import Broadcast, Status
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.onair import ShowControlError, live_state, step
from stage.plan import load_plan
from stage.runsheet import compose
from stage.teams import Role
from tests.factories import SHANGHAI, make_member, make_user

pytestmark = pytest.mark.django_db

SEVEN = datetime(2030, 12, 1, 19, 0, tzinfo=SHANGHAI)  # the example show's scheduled start


def at(minutes, seconds=0):
    return SEVEN + timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def show(broadcast):
    fill_example_show(broadcast)
    broadcast.status = Status.READY
    broadcast.save()
    return broadcast


def state(broadcast, now):
    plan = load_plan(Broadcast.objects.get(pk=broadcast.pk))
    return live_state(plan, compose(plan).rows, now)


def actuals(broadcast):
    return list(broadcast.segments.values_list("actual_start", "actual_end"))


def test_a_draft_cannot_jump_to_live(broadcast):
    fill_example_show(broadcast)
    with pytest.raises(ShowControlError, match="Only a ready broadcast"):
        step(broadcast, "start", at(0))
    broadcast.refresh_from_db()
    assert broadcast.status == Status.DRAFT
    assert all(a == (None, None) for a in actuals(broadcast))


@pytest.mark.parametrize("action", ["next", "back", "done", "end"])
def test_nothing_but_start_before_the_show(show, action):
    with pytest.raises(ShowControlError, match="not on air"):
        step(show, action, at(0))


def test_start_next_back_done_end(show):
    step(show, "start", at(2))  # two minutes late
    show.refresh_from_db()
    assert show.status == Status.LIVE
    assert actuals(show)[0] == (at(2), None)

    step(show, "next", at(13))  # the warm-up ran 11 minutes for 10
    assert actuals(show)[:2] == [(at(2), at(13)), (at(13), None)]

    step(show, "back", at(14))  # back to the warm-up: it runs again
    assert actuals(show)[:2] == [(at(2), None), (None, None)]

    step(show, "done", at(15))
    assert actuals(show)[0] == (at(2), at(15))
    with pytest.raises(ShowControlError, match="already done"):
        step(show, "done", at(15))
    step(show, "next", at(16))  # starts the next one; the first keeps its end
    assert actuals(show)[:2] == [(at(2), at(15)), (at(16), None)]

    step(show, "end", at(20))
    show.refresh_from_db()
    assert show.status == Status.DONE
    assert actuals(show)[1] == (at(16), at(20))
    with pytest.raises(ShowControlError):
        step(show, "start", at(21))  # done is done


def test_back_on_the_first_segment_is_refused(show):
    step(show, "start", at(0))
    with pytest.raises(ShowControlError, match="first segment"):
        step(show, "back", at(1))


def test_next_on_the_last_segment_ends_the_show(show):
    step(show, "start", at(0))
    for minute in range(1, 9):
        step(show, "next", at(minute))
    step(show, "next", at(9))
    show.refresh_from_db()
    assert show.status == Status.DONE
    assert actuals(show)[-1] == (at(8), at(9))


def test_every_step_bumps_the_live_version(show):
    first = Broadcast.objects.get(pk=show.pk).live_version
    versions = []
    for action in ["start", "next", "back"]:
        step(show, action, at(1))
        versions.append(Broadcast.objects.get(pk=show.pk).live_version)
    assert versions == [first + 1, first + 2, first + 3]


def test_unknown_steps_are_refused(show):
    with pytest.raises(ShowControlError):
        step(show, "rewind", at(0))


def test_before_the_start_the_plan_is_the_projection(show):
    live = state(show, at(-30))
    assert live.current is None and live.next.number == 1
    assert (live.projected_end, live.planned_end, live.over_under) == (at(180), at(180), 0)


def test_a_late_start_moves_the_projected_end_not_the_over_under(show):
    step(show, "start", at(5))
    live = state(show, at(6))
    assert live.current.number == 1 and live.next.number == 2
    assert live.deadline == at(15)  # started 19:05, ten minutes long
    assert live.seconds_left == 9 * 60
    assert live.projected_end == at(185)
    assert live.over_under == 0


def test_running_over_pushes_the_projection(show):
    step(show, "start", at(0))
    live = state(show, at(13, 30))  # the 10-minute warm-up is 3½ minutes over
    assert live.seconds_left == -210
    assert live.projected_end == at(183, 30)
    assert live.over_under == 4  # rounded to the minute


def test_moving_on_early_pulls_the_projection_in(show):
    step(show, "start", at(0))
    step(show, "next", at(7))  # warm-up 3 minutes short
    live = state(show, at(8))
    assert live.current.number == 2 and live.deadline == at(22)
    assert live.projected_end == at(177) and live.over_under == -3
    assert [t["state"] for t in live.timeline[:3]] == ["done", "current", "upcoming"]


def test_a_segment_marked_done_waits_for_next(show):
    step(show, "start", at(0))
    step(show, "done", at(10))
    live = state(show, at(12))
    assert not live.running and live.deadline is None
    assert live.projected_end == at(182)  # now, plus the 170 minutes still to run


def test_the_current_row_carries_products_and_giveaways(show):
    step(show, "start", at(0))
    step(show, "next", at(10))
    step(show, "next", at(25))  # the hero segment
    live = state(show, at(26))
    assert [p.link_number for p in live.current.products] == [2]
    assert [g.quantity for g in live.current.giveaways] == [1000]


def test_the_show_ended(show):
    step(show, "start", at(0))
    step(show, "end", at(170))
    live = state(show, at(200))
    assert live.status == Status.DONE and not live.running
    assert live.projected_end == at(170) and live.over_under == -10


# The views


VIEWS = ["live_operator", "live_screen", "live_phone"]


def test_editors_control_the_show_and_viewers_see_no_controls(login, vera, bob, show):
    url = reverse("live_control", args=[show.pk])
    page = login(vera).get(reverse("live_operator", args=[show.pk])).content.decode()
    assert 'name="action"' not in page
    response = login(bob).post(
        url, {"action": "start", "early": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert Broadcast.objects.get(pk=show.pk).status == Status.LIVE
    assert "<html" not in response.content.decode()


def test_going_live_more_than_half_an_hour_early_needs_a_confirmation(login, bob, show):
    with pytest.raises(ShowControlError, match="confirm to go live this early"):
        step(show, "start", at(-31))
    step(show, "start", at(-29))
    assert Broadcast.objects.get(pk=show.pk).status == Status.LIVE


def test_the_operator_view_asks_before_an_early_start(login, bob, show):
    client = login(bob)
    page = client.get(reverse("live_operator", args=[show.pk])).content.decode()
    assert "data-confirm=" in page and 'name="early"' in page  # 2030: long before the start
    assert "Goes live on" in page and "data-deadline" not in page  # a date, not 2358:45
    url = reverse("live_control", args=[show.pk])
    refused = client.post(url, {"action": "start"}, headers={"HX-Request": "true"})
    assert refused.status_code == 422 and "confirm to go live" in refused.content.decode()
    assert Broadcast.objects.get(pk=show.pk).status == Status.READY


def test_a_refused_step_says_why(login, bob, broadcast):
    url = reverse("live_control", args=[broadcast.pk])
    response = login(bob).post(url, {"action": "start"}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Only a ready broadcast can go live." in response.content.decode()


def test_a_poll_with_nothing_new_is_a_304(login, vera, bob, show):
    url = reverse("live_screen", args=[show.pk])
    client = login(vera)
    first = client.get(url, headers={"HX-Request": "true"})
    assert first.status_code == 200 and first["Cache-Control"] == "no-cache, private"
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, headers={"HX-Request": "true", "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert len(queries) <= 4, [q["sql"] for q in queries]  # session, user, memberships, show
    step(show, "start", SEVEN)
    changed = client.get(url, headers={"HX-Request": "true", "If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert len(changed.content) < 4096  # the partial only
    assert "ON AIR" in changed.content.decode()


@pytest.mark.parametrize("name", VIEWS)
def test_the_page_and_its_poll_are_never_confused(login, vera, show, name):
    """Same URL, two representations: both vary on HX-Request, the page is never kept by the
    browser, and the partial's ETag is its own, so a 304 always means "keep your partial"."""
    client, url = login(vera), reverse(name, args=[show.pk])
    page = client.get(url)
    assert "<html" in page.content.decode() and "HX-Request" in page["Vary"]
    assert page["Cache-Control"] == "no-store" and not page.has_header("ETag")
    poll = client.get(url, headers={"HX-Request": "true", "If-None-Match": '"anything-else"'})
    assert poll.status_code == 200 and "<html" not in poll.content.decode()
    assert "HX-Request" in poll["Vary"] and poll["ETag"].startswith('"live-')
    weak = client.get(url, headers={"HX-Request": "true", "If-None-Match": f"W/{poll['ETag']}"})
    assert weak.status_code == 304  # GZipMiddleware weakens the ETag it sends
    assert client.get(url, headers={"If-None-Match": poll["ETag"]}).status_code == 200


@pytest.mark.parametrize("name", VIEWS)
def test_many_screens_share_one_rendering_of_a_changed_poll(vera, team, show, name, monkeypatch):
    # Both polls in the same minute, early in it: a part kept for less than a second of its
    # minute is not kept at all (the test failed when the clock read hh:mm:59.5).
    now = timezone.now().replace(second=10)
    monkeypatch.setattr(timezone, "now", lambda: now)
    url = reverse(name, args=[show.pk])
    step(show, "start", SEVEN)
    first, second = Client(), Client()
    first.force_login(vera)
    second.force_login(make_member(team, make_user("wendy"), role=Role.VIEWER).user)
    first = first.get(url, headers={"HX-Request": "true"})
    with CaptureQueriesContext(connection) as queries:
        second = second.get(url, headers={"HX-Request": "true"})
    assert len(queries) <= 4, [q["sql"][:80] for q in queries]  # no plan loaded again
    assert second.status_code == 200 and b"ON AIR" in second.content
    assert first.content.count(b"<li") == second.content.count(b"<li")


def test_a_checklist_edit_reaches_the_live_views(login, bob, show):
    client = login(bob)
    before = Broadcast.objects.get(pk=show.pk).live_version
    segment = show.segments.first()
    url = reverse("row_delete", args=[show.pk, "T", segment.pk])
    client.post(url, headers={"HX-Request": "true"})
    assert Broadcast.objects.get(pk=show.pk).live_version == before + 1


def grow(broadcast, n):
    Segment.objects.bulk_create(
        Segment(broadcast=broadcast, position=i, title=f"段 {i}", minutes=2) for i in range(n)
    )


@pytest.mark.parametrize("name", VIEWS)
def test_a_changed_poll_costs_the_same_queries_at_any_size(login, vera, team, name):
    from tests.factories import make_broadcast

    counts, client = [], login(vera)
    for n in (10, 200):
        show = make_broadcast(team=team, status=Status.READY)
        grow(show, n)
        step(show, "start", SEVEN)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name, args=[show.pk]), headers={"HX-Request": "true"})
        assert response.status_code == 200
        counts.append(len(queries))
    # the plan (13 with its cues), the message on screen, the stock totals; the operator also
    # reads the rows edited on air
    assert counts[0] == counts[1] <= 16, [q["sql"][:80] for q in queries]


def test_a_poll_after_the_session_ended_sends_the_browser_to_the_login_page(client, show):
    """Not the login form swapped into #live: the whole page goes to log in, and back."""
    url = reverse("live_operator", args=[show.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.content == b""
    assert response["HX-Redirect"] == f"{reverse('login')}?next={url}"
