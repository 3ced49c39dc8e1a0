"""The control room: cues made from the plan and edited, ticked off on air; messages to the
host; stock during the show; re-timing from the actual start; the run-sheet carries the cues."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stage.broadcasts import Broadcast, Status
from stage.control import Cue, CueKind, HostMessage, StockEntry, generate_cues
from stage.demo import add_example_cues, fill_example_show
from stage.onair import live_state, step
from stage.plan import load_plan
from stage.runsheet import compose
from tests.factories import SHANGHAI, make_broadcast

pytestmark = pytest.mark.django_db

SEVEN = datetime(2030, 12, 1, 19, 0, tzinfo=SHANGHAI)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def show(broadcast):
    fill_example_show(broadcast)
    add_example_cues(broadcast)
    Broadcast.objects.filter(pk=broadcast.pk).update(status=Status.READY)
    broadcast.refresh_from_db()
    return broadcast


def kinds(cues) -> list[str]:
    return [c.kind for c in cues]


# Made from the plan.


def test_cues_come_from_links_units_giveaways_and_ad_slots(broadcast):
    fill_example_show(broadcast)
    cues = generate_cues(load_plan(broadcast))
    # Eight showings of a link (each listed, each with its units), five giveaways, and the
    # three in-show ad slots started (each hands on to the next, so none is stopped).
    assert kinds(cues).count(CueKind.LIST) == 8
    releases = [c for c in cues if c.kind == CueKind.RELEASE]
    assert [(c.product.link_number, c.units) for c in releases][:2] == [(1, 500), (2, 200)]
    assert kinds(cues).count(CueKind.GIVEAWAY) == 5
    assert kinds(cues).count(CueKind.AD_START) == 3 and CueKind.AD_STOP not in kinds(cues)
    starts = [c.segment.start_offset + c.offset for c in cues]
    assert starts == sorted(starts)  # in the order of the show


def test_making_cues_again_keeps_hand_made_and_done_ones(login, bob, show):
    client = login(bob)
    first = show.cues.filter(kind=CueKind.LIST).first()
    Cue.objects.filter(pk=first.pk).update(done_at=SEVEN)
    mine = Cue.objects.create(broadcast=show, segment=first.segment, note="报库存")
    total = show.cues.count()
    response = client.post(reverse("cues_generate", args=[show.pk]), follow=True)
    assert response.status_code == 200
    assert show.cues.count() == total  # the same plan makes the same cues, no duplicates
    assert Cue.objects.filter(pk__in=[first.pk, mine.pk]).count() == 2


# Edited like any row: bad input is refused next to the field, nothing saved.


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("offset", "10", "The segment lasts 10 min"),  # the warm-up's 10 minutes are 0–9
        ("offset", "-1", "cannot come before its segment"),
        ("units", "-5", "at least one unit"),
    ],
)
def test_a_bad_cue_is_refused_next_to_its_field(login, bob, show, field, value, error):
    segment = show.segments.first()
    product = show.products.first()
    data = {"add-segment": segment.pk, "add-offset": "0", "add-kind": "release",
            "add-product": product.pk, "add-units": "100", "add-owner": "control"}  # fmt: skip
    data[f"add-{field}"] = value
    before = show.cues.count()
    response = login(bob).post(reverse("cue_list", args=[show.pk]), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert f'id="id_add-{field}_error"' in page and error in page
    assert show.cues.count() == before


def test_a_cue_names_its_link_when_its_action_needs_one(login, bob, show):
    data = {"add-segment": show.segments.first().pk, "add-offset": "1", "add-kind": "list",
            "add-owner": "control"}  # fmt: skip
    response = login(bob).post(reverse("cue_list", args=[show.pk]), data)
    assert response.status_code == 422
    assert "Choose the cart link" in response.content.decode()


def test_an_edit_over_a_newer_version_is_refused(login, bob, show):
    cue = show.cues.first()
    url = reverse("cue_update", args=[show.pk, cue.pk])
    data = {"edit-segment": cue.segment_id, "edit-offset": "1", "edit-kind": "remind",
            "edit-owner": "host", "edit-note": "mine", "edit-version": cue.version}  # fmt: skip
    assert login(bob).post(url, data).status_code == 302
    response = login(bob).post(url, data | {"edit-note": "stale"})
    assert response.status_code == 422
    assert Cue.objects.get(pk=cue.pk).note == "mine"


def test_cues_of_another_broadcast_answer_404(login, bob, show, team):
    other = make_broadcast(team=team, title="Other")
    fill_example_show(other)
    add_example_cues(other)
    foreign = other.cues.first()
    client = login(bob)
    for name in ("live_cue_done", "cue_update", "cue_delete"):
        assert client.post(reverse(name, args=[show.pk, foreign.pk])).status_code == 404
    assert Cue.objects.get(pk=foreign.pk).done_at is None


# On air.


def test_the_operator_ticks_a_cue_off_with_who_and_when(login, bob, show):
    step(show, "start", SEVEN, confirmed={"early"})
    cue = show.cues.first()
    response = login(bob).post(reverse("live_cue_done", args=[show.pk, cue.pk]), headers=HTMX)
    assert response.status_code == 200
    cue.refresh_from_db()
    assert cue.done_by.username == "bob" and cue.done_at is not None
    assert "✓" in response.content.decode() and "bob" in response.content.decode()


def test_next_actions_count_down_and_flag_what_is_overdue(show):
    step(show, "start", SEVEN, confirmed={"early"})
    plan = load_plan(Broadcast.objects.get(pk=show.pk))
    live = live_state(plan, compose(plan).rows, SEVEN + timedelta(minutes=3))
    first = live.actions[0]
    assert first["due"] == SEVEN and first["played"]  # due at the start, not done: overdue
    assert {a["row"].number for a in live.actions} <= {1, 2}  # this segment and the next
    assert live.actions[-1]["due"] >= SEVEN + timedelta(minutes=10)


def test_a_message_reaches_the_big_screen_and_is_kept(login, bob, vera, show):
    url = reverse("live_message", args=[show.pk])
    response = login(bob).post(url, {"text": "准备福袋"}, headers=HTMX)
    assert response.status_code == 200 and "live-changed" in response["HX-Trigger"]
    screen = login(vera).get(reverse("live_screen", args=[show.pk]), headers=HTMX)
    assert "准备福袋" in screen.content.decode()
    login(bob).post(url, {"clear": "1"}, headers=HTMX)
    screen = login(vera).get(reverse("live_screen", args=[show.pk]), headers=HTMX)
    assert "准备福袋" not in screen.content.decode()
    [message] = HostMessage.objects.all()
    assert message.sent_by.username == "bob" and message.cleared_at is not None


def test_a_message_of_ten_thousand_characters_is_refused_next_to_the_field(login, bob, show):
    url = reverse("live_message", args=[show.pk])
    response = login(bob).post(url, {"text": "快" * 10_000}, headers=HTMX)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_text_error"' in page and "At most 200 characters" in page
    assert not HostMessage.objects.exists()


def test_stock_left_and_a_release_that_exceeds_it(login, bob, show):
    step(show, "start", SEVEN, confirmed={"early"})
    client, url = login(bob), reverse("live_stock", args=[show.pk])
    cleanser = show.products.get(link_number=1)  # stock 2,000; released 500 per showing
    refused = client.post(
        url, {"product": cleanser.pk, "released": "-5", "sold": "0"}, headers=HTMX
    )
    assert refused.status_code == 422 and 'id="id_released_error"' in refused.content.decode()
    assert not StockEntry.objects.exists()
    response = client.post(
        url, {"product": cleanser.pk, "released": "1800", "sold": "700"}, headers=HTMX
    )
    assert response.status_code == 200
    step(show, "next", SEVEN + timedelta(minutes=10))  # the cleanser's segment: release 500
    page = client.get(reverse("live_operator", args=[show.pk]), headers=HTMX).content.decode()
    assert "release of 500 is more than is left" in page  # 200 left of 2,000
    assert ">1100<" in page  # in the cart: 1,800 released − 700 sold


def test_later_segments_are_re_timed_from_the_actual_start(show):
    step(show, "start", SEVEN + timedelta(minutes=5), confirmed={"early"})
    plan = load_plan(Broadcast.objects.get(pk=show.pk))
    now = SEVEN + timedelta(minutes=6)
    live = live_state(plan, compose(plan).rows, now)
    starts = [t["projected_start"] for t in live.timeline]
    assert starts[0] == SEVEN + timedelta(minutes=5)
    assert starts[1] == SEVEN + timedelta(minutes=15)  # the warm-up's 10 minutes, 5 late
    assert (
        live.over_under == 0
        and live.projected_end
        == plan.broadcast.scheduled_start + timedelta(minutes=plan.timeline_minutes + 5)
    )


# The run-sheet, its spreadsheet and its page carry the cues.


def test_the_run_sheet_lists_the_cues_in_the_timeline(login, bob, show):
    sheet = compose(load_plan(show))
    warmup = sheet.rows[0]
    assert any("Fire giveaway" in str(a) for a in warmup.actions)
    assert "Fire giveaway" in warmup.cue_lines and "开福袋" in warmup.cue_lines
    page = login(bob).get(reverse("runsheet", args=[show.pk])).content.decode()
    assert page.count('class="rs-action"') == show.cues.count()
    assert "Release units · #1 氨基酸洁面慕斯 · ×500" in page


def test_the_cue_list_page_takes_the_same_queries_at_any_size(login, bob, show, team):
    client = login(bob)
    counts = []
    for broadcast in (show, make_broadcast(team=team)):
        if broadcast is not show:
            fill_example_show(broadcast)
            for _ in range(3):
                add_example_cues(broadcast)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("cue_list", args=[broadcast.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# During the show: what has been played stays as it ran; edits to later rows are shown.


def test_played_segments_are_read_only_on_air(login, bob, show):
    step(show, "start", SEVEN, confirmed={"early"})
    step(show, "next", SEVEN + timedelta(minutes=10))
    played = show.segments.first()
    client = login(bob)
    data = {"edit-title": "改名", "edit-kind": "warmup", "edit-minutes": "10",
            "edit-version": played.version}  # fmt: skip
    response = client.post(reverse("row_update", args=[show.pk, "T", played.pk]), data)
    assert response.status_code == 422 and "This segment has started" in response.content.decode()
    response = client.post(reverse("row_delete", args=[show.pk, "T", played.pk]))
    assert response.status_code == 422
    move = reverse("row_move", args=[show.pk, "T", played.pk])
    assert client.post(move, {"direction": "down"}).status_code == 422
    played.refresh_from_db()
    assert (played.title, played.position) == ("暖场 · 开播福袋", 1)


def test_the_running_segment_cannot_be_deleted_or_moved_either(login, bob, show):
    step(show, "start", SEVEN, confirmed={"early"})
    running, second = show.segments.all()[:2]
    client = login(bob)
    assert client.post(reverse("row_delete", args=[show.pk, "T", running.pk])).status_code == 422
    ids = [second.pk, running.pk, *show.segments.values_list("pk", flat=True)[2:]]
    reorder = client.post(reverse("reorder", args=[show.pk, "T"]), {"ids": ids})
    assert reorder.status_code == 422  # nothing goes before what is on air
    assert list(show.segments.values_list("pk", flat=True)[:2]) == [running.pk, second.pk]


def test_every_cue_of_the_current_and_next_segment_is_listed(show):
    step(show, "start", SEVEN, confirmed={"early"})
    first = show.segments.first()
    Cue.objects.bulk_create(Cue(broadcast=show, segment=first, offset=i % 10) for i in range(20))
    plan = load_plan(Broadcast.objects.get(pk=show.pk))
    live = live_state(plan, compose(plan).rows, SEVEN)
    in_plan = [c for c in plan.cues if c.segment_id in {s.pk for s in plan.segments[:2]}]
    assert len(live.actions) == len(in_plan) > 20 and live.missed == 0


def test_an_edit_to_a_later_segment_is_shown_to_the_operator(login, bob, show):
    step(show, "start", timezone.now(), confirmed={"early"})
    later = show.segments.last()
    data = {"edit-title": "收尾 · 预告改到周五", "edit-kind": later.kind,
            "edit-minutes": later.minutes, "edit-version": later.version}  # fmt: skip
    client = login(bob)
    assert (
        client.post(reverse("row_update", args=[show.pk, "T", later.pk]), data).status_code == 302
    )
    page = client.get(reverse("live_operator", args=[show.pk]), headers=HTMX).content.decode()
    assert "Changed on air" in page and "edited · 收尾 · 预告改到周五" in page
    data = {"add-title": "加播 · 返场", "add-kind": "rerun", "add-minutes": "5"}
    assert client.post(reverse("row_create", args=[show.pk, "T"]), data).status_code == 302
    page = client.get(reverse("live_operator", args=[show.pk]), headers=HTMX).content.decode()
    assert "added · 加播 · 返场" in page


def test_the_spreadsheet_carries_the_cues_in_the_timeline(login, bob, show):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login(bob).get(reverse("runsheet_xlsx", args=[show.pk]))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if row[0] == "No.")
    header = list(rows[head])
    cues = [row[header.index("Cues")] for row in rows[head + 1 :]]
    timed = [row[header.index("Timed cues")] for row in rows[head + 1 :]]
    assert "开福袋 1（10 人）" in cues[0] and "Fire giveaway · Lucky bag 洁面慕斯" in timed[0]
    assert "Release units · #1 氨基酸洁面慕斯 · ×500" in timed[1]


def test_two_operators_ticking_the_same_cue_agree(login, alice, bob, show):
    """Both press the tick at once: it stays ticked, with the first one's name and time."""
    step(show, "start", SEVEN, confirmed={"early"})
    cue = show.cues.first()
    url = reverse("live_cue_done", args=[show.pk, cue.pk])
    assert login(bob).post(url, {"done": "1"}, headers=HTMX).status_code == 200
    first = Cue.objects.get(pk=cue.pk).done_at
    assert login(alice).post(url, {"done": "1"}, headers=HTMX).status_code == 200
    cue.refresh_from_db()
    assert (cue.done_by.username, cue.done_at) == ("bob", first)
    login(alice).post(url, {"done": "0"}, headers=HTMX)
    login(alice).post(url, {"done": "0"}, headers=HTMX)
    cue.refresh_from_db()
    assert cue.done_at is None and cue.done_by is None


def test_after_mark_done_the_next_segment_is_projected_from_now_not_the_past(show):
    step(show, "start", SEVEN, confirmed={"early"})
    step(show, "done", SEVEN + timedelta(minutes=8))  # the warm-up done two minutes early
    plan = load_plan(Broadcast.objects.get(pk=show.pk))
    now = SEVEN + timedelta(minutes=12)  # and nobody has pressed Next yet
    live = live_state(plan, compose(plan).rows, now)
    assert live.timeline[1]["projected_start"] == now
    later = sum(s.minutes for s in plan.segments[1:])
    assert live.projected_end == now + timedelta(minutes=later)


def test_saving_or_deleting_a_cue_anywhere_moves_the_show_version(team):
    """The model keeps the rule (ShowRow): the live views' ETag and kept pages follow it."""
    broadcast = make_broadcast(team=team)
    fill_example_show(broadcast)
    add_example_cues(broadcast)
    cue = broadcast.cues.first()
    for write in (cue.save, cue.delete):
        version = Broadcast.objects.get(pk=broadcast.pk).live_version
        write()
        assert Broadcast.objects.get(pk=broadcast.pk).live_version == version + 1
