"""The five checklist pages: what a viewer is offered, what a save returns, query counts.

Who may open and change them (outsiders 404, viewers 403) is asserted by the walk of
tests/test_isolation.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage.broadcasts import Status
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.plan import LETTERS, load_plan
from tests.factories import make_broadcast

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}

VALID_ROWS = {
    "T": {"add-title": "New segment", "add-kind": "hero", "add-minutes": "10"},
    "A": {"add-start": "19:00", "add-end": "20:00", "add-share": "10", "add-emphasis": "all"},
    "S": {
        "add-link_number": "9",
        "add-name": "Lip balm",
        "add-role": "profit",
        "add-audience": "all",
        "add-list_price": "59",
        "add-live_price": "29.9",
        "add-stock": "100",
        "add-planned_units": "50",
    },
    "G": {
        "add-kind": "lucky_bag",
        "add-entry_rule": "none",
        "add-quantity": "5",
        "add-unit_value": "10",
    },
    "E": {
        "add-channel": "short_video",
        "add-title": "Teaser",
        "add-publish": "D-1 20:00",
        "add-status": "idea",
        "add-expected_reservations": "100",
    },
}


@pytest.fixture
def show(broadcast):
    fill_example_show(broadcast)
    return broadcast


def first_row(show, letter):
    return load_plan(show).rows(letter)[0]


@pytest.mark.parametrize("letter", LETTERS)
def test_viewers_read_without_edit_controls(login, vera, show, letter):
    page = login(vera).get(reverse("checklist", args=[show.pk, letter]))
    assert page.status_code == 200
    assert "data-sortable" not in page.text
    assert reverse("row_create", args=[show.pk, letter]) not in page.text
    assert reverse("signoff", args=[show.pk, letter]) not in page.text
    assert "?edit=" not in page.text


@pytest.mark.parametrize("letter", LETTERS)
def test_editors_add_a_row_and_get_the_sheet_fragment(login, bob, show, letter):
    client = login(bob)
    url = reverse("row_create", args=[show.pk, letter])
    response = client.post(url, VALID_ROWS[letter], **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="sheet"')
    assert "<html" not in response.text
    page = client.get(reverse("checklist", args=[show.pk, letter]))
    # The fragment is the sheet alone: no head, top bar or tabs.
    assert 'class="tabs"' not in response.text
    assert len(response.content) < len(page.content) - 2000


def test_a_row_save_without_javascript_redirects_to_the_page(login, bob, show):
    url = reverse("row_create", args=[show.pk, "T"])
    response = login(bob).post(url, VALID_ROWS["T"])
    assert response.status_code == 302
    assert response["Location"] == reverse("checklist", args=[show.pk, "T"])


def test_an_invalid_row_is_refused_next_to_the_field_and_nothing_changes(login, bob, show):
    client = login(bob)
    before = list(Segment.objects.filter(broadcast=show).values())
    data = {**VALID_ROWS["T"], "add-minutes": "0"}
    response = client.post(reverse("row_create", args=[show.pk, "T"]), data, **HTMX)
    assert response.status_code == 422
    block = response.text.split('id="id_add-minutes"', 1)[1].split('<div class="field', 1)[0]
    assert "A segment lasts at least one minute." in block
    assert 'value="New segment"' in response.text
    assert list(Segment.objects.filter(broadcast=show).values()) == before


def test_editing_a_row_updates_the_clock_times_after_it(login, bob, show):
    client = login(bob)
    first = Segment.objects.filter(broadcast=show).order_by("position").first()
    url = reverse("row_update", args=[show.pk, "T", first.pk])
    data = {"edit-title": first.title, "edit-kind": first.kind, "edit-minutes": "15"}
    data["edit-version"] = first.version
    text = client.post(url, data, **HTMX).text
    assert "19:00–19:15" in text
    assert "19:15–19:30" in text
    assert "+5 min" in text


def test_the_edit_form_opens_in_place(login, bob, show):
    row = first_row(show, "S")
    url = reverse("checklist", args=[show.pk, "S"])
    text = login(bob).get(url, {"edit": row.pk}, **HTMX).text
    assert 'class="editing"' in text
    assert 'value="氨基酸洁面慕斯"' in text


def test_reorder_accepts_only_the_exact_list_of_rows(login, bob, show):
    client = login(bob)
    ids = list(Segment.objects.filter(broadcast=show).values_list("pk", flat=True))
    url = reverse("reorder", args=[show.pk, "T"])
    assert client.post(url, {"ids": ids[:-1]}).status_code == 400
    assert client.post(url, {"ids": [*ids, 99999]}).status_code == 400
    assert client.post(url, {"ids": ["x"]}).status_code == 400
    client.post(url, {"ids": ids[::-1]})
    assert list(Segment.objects.filter(broadcast=show).values_list("pk", flat=True)) == ids[::-1]


def test_keyboard_move_swaps_with_the_neighbour(login, bob, show):
    ids = list(Segment.objects.filter(broadcast=show).values_list("pk", flat=True))
    login(bob).post(reverse("row_move", args=[show.pk, "T", ids[1]]), {"direction": "up"})
    after = list(Segment.objects.filter(broadcast=show).values_list("pk", flat=True))
    assert after[:2] == [ids[1], ids[0]]
    assert after[2:] == ids[2:]


def test_rows_of_another_broadcast_are_404(login, bob, show, team):
    other = make_broadcast(team=team, title="Other")
    row = first_row(show, "T")
    url = reverse("row_update", args=[other.pk, "T", row.pk])
    assert login(bob).post(url, {}).status_code == 404


def test_sign_off_then_an_edit_to_a_draft_clears_it(login, bob, show):
    client = login(bob)
    for letter in LETTERS:
        client.post(reverse("signoff", args=[show.pk, letter]), {"action": "sign"})
    assert SignOff.objects.filter(broadcast=show).count() == 5
    client.post(reverse("row_create", args=[show.pk, "E"]), VALID_ROWS["E"])
    show.refresh_from_db()
    assert show.status == Status.DRAFT
    assert set(SignOff.objects.values_list("letter", flat=True)) == {"T", "A", "S", "G"}


def test_an_edit_to_a_ready_show_keeps_it_ready_and_marks_the_letter(login, bob, show):
    client = login(bob)
    for letter in LETTERS:
        client.post(reverse("signoff", args=[show.pk, letter]), {"action": "sign"})
    client.post(reverse("broadcast_ready", args=[show.pk]))
    client.post(reverse("row_create", args=[show.pk, "E"]), VALID_ROWS["E"])
    show.refresh_from_db()
    assert show.status == Status.READY
    changed = SignOff.objects.filter(broadcast=show, changed_at__isnull=False)
    assert list(changed.values_list("letter", flat=True)) == ["E"]
    assert SignOff.objects.filter(broadcast=show).count() == 5


def test_a_letter_with_errors_cannot_be_signed_off(login, bob, team):
    empty = make_broadcast(team=team, title="Empty")
    client = login(bob)
    response = client.post(
        reverse("signoff", args=[empty.pk, "T"]), {"action": "sign"}, follow=True
    )
    assert "cannot be signed off" in response.text
    assert not SignOff.objects.exists()


def test_ready_needs_all_five_sign_offs(login, bob, show):
    client = login(bob)
    client.post(reverse("signoff", args=[show.pk, "T"]), {"action": "sign"})
    client.post(reverse("broadcast_ready", args=[show.pk]))
    show.refresh_from_db()
    assert show.status == Status.DRAFT


def test_the_gmv_planner_solves_in_place(login, bob, show):
    url = reverse("checklist", args=[show.pk, "A"])
    params = {"planner": "1", "c-gmv": "300000", "c-conversion": "5", "c-aov": "100"}
    response = login(bob).get(url, params, **HTMX)
    assert response.text.lstrip().startswith('<section class="card planner" id="planner"')
    assert "60,000.00" in response.text


def add_segments(broadcast, count):
    Segment.objects.bulk_create(
        Segment(broadcast=broadcast, position=i, title=f"Segment {i}", minutes=5)
        for i in range(count)
    )


@pytest.mark.parametrize("letter", LETTERS)
def test_checklist_page_queries_do_not_grow_with_rows(
    login, bob, team, letter, django_assert_num_queries
):
    counts = []
    client = login(bob)
    for rows in (5, 50):
        show = make_broadcast(team=team, title=f"{rows} rows")
        add_segments(show, rows)
        fill_example_show(show)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("checklist", args=[show.pk, letter]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(5):  # kept: session, user, memberships, broadcast, bell
        client.get(reverse("checklist", args=[show.pk, letter]))


def test_a_message_shows_once_on_the_full_page_and_in_the_htmx_sheet(login, bob, broadcast):
    client = login(bob)
    url = reverse("signoff", args=[broadcast.pk, "T"])  # T has errors: refused with a message
    page = client.post(url, follow=True).content.decode()
    assert page.count("cannot be signed off") == 1
    sheet = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert sheet.count("cannot be signed off") == 1
