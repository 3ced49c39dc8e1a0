"""The status moves only through actions, each checking its preconditions; an edit to a ready
show keeps it ready and says what changed since sign-off; readiness reads at a glance."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stage.broadcasts import Status
from stage.checklists.signoff import SignOff, changes_since
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.onair import ShowControlError, step
from stage.plan import LETTERS, load_plan
from tests.factories import make_broadcast

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(broadcast, bob):
    """The example show, signed off and marked ready, ten minutes before air."""
    broadcast.scheduled_start = timezone.now() + timedelta(minutes=10)
    broadcast.save()
    fill_example_show(broadcast)
    for letter in LETTERS:
        SignOff.objects.create(broadcast=broadcast, letter=letter, user=bob)
    broadcast.status = Status.READY
    broadcast.save(update_fields=["status"])
    return broadcast


def edit_cue(client, show, cues="放单：1 号链接 500 单（改）"):
    row = show.segments.get(position=2)
    data = {f"edit-{k}": v for k, v in {
        "title": row.title, "kind": row.kind, "minutes": row.minutes, "hard_start": "",
        "host_lines": row.host_lines, "cues": cues, "notes": row.notes, "version": row.version,
    }.items()}  # fmt: skip
    url = reverse("row_update", args=[show.pk, "T", row.pk])
    return client.post(url, data, headers={"HX-Request": "true", "HX-Target": f"row-{row.pk}"})


def test_a_new_show_starts_as_a_draft_whatever_is_posted(login, bob):
    data = {
        "title": "Live at once",
        "platform": "kuaishou",
        "scheduled_start": "2030-12-01T19:00",
        "planned_minutes": "60",
        "gmv_target": "0",
        "currency": "CNY",
        "status": "live",
    }
    login(bob).post(reverse("broadcast_new"), data)
    assert bob.memberships.get().team.broadcasts.get().status == Status.DRAFT


def test_a_fix_minutes_before_air_keeps_the_show_ready(login, bob, ready):
    response = edit_cue(login(bob), ready)
    assert response.status_code == 200
    ready.refresh_from_db()
    assert ready.status == Status.READY
    plan = load_plan(ready)
    assert plan.changed_letters == ["T"]
    assert plan.state("T")["changed"] and not plan.state("S")["changed"]


def test_what_changed_since_sign_off_is_listed(login, bob, ready):
    edit_cue(login(bob), ready)
    signoff = SignOff.objects.get(broadcast=ready, letter="T")
    [line] = changes_since(signoff, Segment)
    assert line == "bob changed “引流款 · 氨基酸洁面慕斯”: control-room cues"
    page = login(bob).get(reverse("checklist", args=[ready.pk, "T"])).text
    assert "Changed since sign-off" in page and line in page and "Sign off again" in page


def test_start_asks_to_confirm_the_changes_then_goes_live(login, bob, ready):
    edit_cue(login(bob), ready)
    now = timezone.now()
    with pytest.raises(ShowControlError, match="T changed since sign-off"):
        step(ready, "start", now)
    ready.refresh_from_db()
    assert ready.status == Status.READY
    step(ready, "start", now, confirmed={"changes"})
    ready.refresh_from_db()
    assert ready.status == Status.LIVE


def test_the_operator_sees_the_changes_and_the_button_confirms(login, bob, ready):
    edit_cue(login(bob), ready)
    page = login(bob).get(reverse("live_operator", args=[ready.pk])).text
    assert "Changed since sign-off: T." in page
    assert 'name="changes" value="1"' in page and "T changed since sign-off. Start anyway?" in page
    response = login(bob).post(reverse("live_control", args=[ready.pk]),
                               {"action": "start", "changes": "1"})  # fmt: skip
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == Status.LIVE


def test_signing_again_clears_the_mark(login, bob, ready):
    client = login(bob)
    edit_cue(client, ready)
    client.post(reverse("signoff", args=[ready.pk, "T"]), {"action": "sign"})
    assert load_plan(ready).changed_letters == []
    step(ready, "start", timezone.now())  # no confirmation needed any more
    ready.refresh_from_db()
    assert ready.status == Status.LIVE


def test_withdrawing_a_sign_off_of_a_ready_show_makes_it_a_draft(login, bob, ready):
    login(bob).post(reverse("signoff", args=[ready.pk, "G"]), {"action": "withdraw"})
    ready.refresh_from_db()
    assert ready.status == Status.DRAFT


def test_readiness_at_a_glance(login, bob, ready):
    plan = load_plan(ready)
    summary = plan.readiness
    assert (summary.signed, summary.changed, summary.errors, summary.percent) == (5, 0, 0, 100)
    edit_cue(login(bob), ready)
    summary = load_plan(ready).readiness
    assert (summary.signed, summary.changed, summary.holding, summary.percent) == (5, 1, 4, 80)
    SignOff.objects.filter(letter__in=["A", "E"]).delete()
    summary = load_plan(ready).readiness
    assert (summary.signed, summary.holding, summary.percent) == (3, 2, 40)


def test_the_hub_and_run_sheet_show_readiness(login, bob, ready):
    edit_cue(login(bob), ready)
    client = login(bob)
    for name in ("broadcast_detail", "runsheet"):
        page = client.get(reverse(name, args=[ready.pk])).text
        assert 'data-percent="80"' in page and "5 / 5 signed off" in page
        assert "1 changed since sign-off" in page


def test_each_list_row_loads_its_readiness_in_constant_queries(
    login, bob, ready, team, django_assert_max_num_queries
):
    make_broadcast(team=team, title="Empty")
    client = login(bob)
    page = client.get(reverse("broadcast_list")).text
    assert page.count("?part=readiness") == 2
    url = reverse("broadcast_detail", args=[ready.pk]) + "?part=readiness"
    with django_assert_max_num_queries(30):
        answer = client.get(url, headers={"HX-Request": "true"}).text
    assert 'data-percent="100"' in answer and "<html" not in answer
    with django_assert_max_num_queries(8):  # kept per version: no plan is loaded again
        assert client.get(url, headers={"HX-Request": "true"}).text == answer


def test_a_past_show_never_run_from_show_control_takes_actuals(login, bob, team):
    past = make_broadcast(team=team, start=timezone.now() - timedelta(days=2))
    assert past.status == Status.DRAFT and past.open_for_actuals
    response = login(bob).get(reverse("actuals_edit", args=[past.pk]))
    assert response.status_code == 200
    future = make_broadcast(team=team, title="Soon")
    assert login(bob).get(reverse("actuals_edit", args=[future.pk])).status_code == 409


def test_an_edit_form_opened_before_the_start_and_saved_after_keeps_the_show_live(
    login, bob, ready
):
    client = login(bob)
    url = reverse("broadcast_edit", args=[ready.pk])
    opened = client.get(url).context["form"]
    step(ready, "start", timezone.now())
    data = {name: opened[name].value() or "" for name in opened.fields}
    data["notes"] = "开播前改一个字"
    assert client.post(url, data).status_code == 302
    ready.refresh_from_db()
    assert (ready.status, ready.notes) == (Status.LIVE, "开播前改一个字")
