"""An inline edit answers with its row; the readiness and figures above the table follow.

The edit form, its Cancel and its Save target the row (HX-Target: row-<id>); a save that moves
the clock times of other rows answers with its row and, out of band, the new clock times of the
rows after it (issue 17: at 1,000 segments the whole sheet was 1.6 MB). After a row's save the
sheet-changed event makes #sheet-top fetch itself (?part=status).
"""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage.broadcasts import Broadcast
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.plan import LETTERS, load_plan
from tests.factories import make_broadcast
from tests.registry_data import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def show(broadcast):
    fill_example_show(broadcast)
    return broadcast


def htmx_to(row) -> dict:
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": f"row-{row.pk}"}


def edit_data(show, letter, row, **changes) -> dict:
    from stage.checklists.registry import CHECKLIST_BY_LETTER

    form = CHECKLIST_BY_LETTER[letter].form(instance=row, broadcast=show, prefix="edit")
    return {**form_data(form), **{f"edit-{k}": v for k, v in changes.items()}}


def second_row(show, letter):
    return load_plan(show).rows(letter)[1]


def unmasked(html: str) -> str:
    """Each response masks the CSRF token differently."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def letter_tab(status_answer: str, letter: str) -> str:
    """The letter's tab in the tabs sent out of band with the readiness."""
    tabs = status_answer.split('<nav class="tabs" id="tabs" data-live hx-swap-oob="true"', 1)[1]
    return tabs.split(f'/{letter}/"', 1)[1].split("</a>", 1)[0]


def row_in_page(text: str, row) -> str:
    start = text.index(f'<tr data-id="{row.pk}" id="row-{row.pk}" data-version=')
    return text[start : text.index("</tr>", start) + len("</tr>")]


@pytest.mark.parametrize("letter", LETTERS)
def test_a_saved_row_comes_back_alone_and_the_readiness_follows(login, bob, show, letter):
    row = second_row(show, letter)
    SignOff.objects.create(broadcast=show, letter=letter, user=bob)
    client = login(bob)
    url = reverse("row_update", args=[show.pk, letter, row.pk])
    status = reverse("checklist", args=[show.pk, letter]) + "?part=status"
    signed_before = client.get(status, HTTP_HX_REQUEST="true").text
    version = Broadcast.objects.get(pk=show.pk).live_version
    response = client.post(url, edit_data(show, letter, row), **htmx_to(row))
    assert response.status_code == 200
    assert response["STAGE-Version"] == f"{version} {version + 1}"  # all it changed is here
    assert response.text.lstrip().startswith(f'<tr data-id="{row.pk}" id="row-{row.pk}" ')
    assert response.text.count("<tr") == 1
    assert 'id="sheet' not in response.text
    assert json.loads(response["HX-Trigger-After-Settle"]) == {"sheet-changed": {}}
    # The readiness above the table listens for it, and then says the sign-off was withdrawn.
    page = client.get(reverse("checklist", args=[show.pk, letter])).text
    status_url = reverse("checklist", args=[show.pk, letter]) + "?part=status"
    assert f'hx-get="{status_url}" hx-trigger="sheet-changed from:body"' in page
    top = client.get(status_url, HTTP_HX_REQUEST="true").text
    # ... and so do the letters' tabs, out of band: the sign-off's ✓ is gone from this one.
    assert 'class="mark ok"' not in letter_tab(top, letter)
    assert 'class="mark ok"' in letter_tab(signed_before, letter)
    assert top.lstrip().startswith('<div class="sheet-top" id="sheet-top"')
    assert "Not signed off" in top and "<tr data-id" not in top
    assert not SignOff.objects.filter(broadcast=show, letter=letter).exists()


@pytest.mark.parametrize("letter", LETTERS)
def test_each_row_alone_is_the_row_of_the_whole_sheet(login, bob, vera, show, letter):
    """A row's own answer reads far less than the page (load_row, not load_plan): it must still
    show the same clock times, products, segments and money."""
    for user in (bob, vera):
        client = login(user)
        url = reverse("checklist", args=[show.pk, letter])
        page = client.get(url).text
        for row in load_plan(show).rows(letter):
            alone = client.get(url, **htmx_to(row)).text
            assert unmasked(alone.strip()) == unmasked(row_in_page(page, row))


def test_a_title_edit_answers_in_a_small_part_of_the_page(login, bob, show):
    row = second_row(show, "T")
    client = login(bob)
    page = client.get(reverse("checklist", args=[show.pk, "T"]))
    url = reverse("row_update", args=[show.pk, "T", row.pk])
    answer = client.post(url, edit_data(show, "T", row, title="新标题"), **htmx_to(row))
    assert "新标题" in answer.text
    assert len(answer.content) < len(page.content) / 3


def test_a_length_change_answers_with_its_row_and_the_new_times_after_it(login, bob, show):
    first, second, *rest = load_plan(show).rows("T")
    url = reverse("row_update", args=[show.pk, "T", second.pk])
    response = login(bob).post(url, edit_data(show, "T", second, minutes="30"), **htmx_to(second))
    assert response.status_code == 200
    assert "HX-Retarget" not in response
    assert response.text.lstrip().startswith(f'<tr data-id="{second.pk}"')
    assert 'id="sheet"' not in response.text
    oob = response.text.split('<div id="clock-times" hidden hx-swap-oob="true"><template>')[1]
    moved = re.findall(r'<td [^>]*id="time-(\d+)">([^<]*)', oob)
    assert [int(pk) for pk, _time in moved] == [r.pk for r in rest]
    assert moved[0][1].strip() == "19:40–20:15"  # was 19:25–20:00: 15 minutes later
    assert f'id="time-{first.pk}"' not in response.text  # the row before it did not move


def test_a_length_change_answer_does_not_grow_with_the_text(login, bob, team):
    client, sizes, counts = login(bob), [], []
    for rows in (5, 50):
        show = show_with_segments(team, rows)
        Segment.objects.filter(broadcast=show).update(host_lines="欢迎来到直播间！" * 40)
        row = Segment.objects.filter(broadcast=show).order_by("position").last()
        url = reverse("row_update", args=[show.pk, "T", row.pk])
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, edit_data(show, "T", row, minutes="7"), **htmx_to(row))
        assert response.status_code == 200
        sizes.append(len(response.content))
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert sizes[1] < sizes[0] * 1.2, sizes  # the last row moves no other row


def test_a_refused_row_comes_back_as_its_form_with_the_reason(login, bob, show):
    row = second_row(show, "T")
    before = list(Segment.objects.filter(broadcast=show).values())
    url = reverse("row_update", args=[show.pk, "T", row.pk])
    response = login(bob).post(url, edit_data(show, "T", row, minutes="0"), **htmx_to(row))
    assert response.status_code == 422
    assert response.text.lstrip().startswith('<tr class="editing"')
    assert "A segment lasts at least one minute." in response.text
    assert "HX-Trigger-After-Settle" not in response.headers
    assert "STAGE-Version" not in response.headers
    assert list(Segment.objects.filter(broadcast=show).values()) == before


def test_edit_and_cancel_fetch_only_the_row(login, bob, show):
    row = second_row(show, "S")
    url = reverse("checklist", args=[show.pk, "S"])
    client = login(bob)
    editing = client.get(url, {"edit": row.pk}, **htmx_to(row)).text
    assert editing.lstrip().startswith('<tr class="editing"')
    assert 'value="氨基酸洁面慕斯"' not in editing  # the first product's form is not there
    assert editing.count("<tr") == 1
    shown = client.get(url, **htmx_to(row)).text
    assert shown.lstrip().startswith(f'<tr data-id="{row.pk}"')
    assert 'name="edit-' not in shown


def test_a_viewer_gets_the_row_without_an_edit_form_or_buttons(login, vera, show):
    row = second_row(show, "T")
    url = reverse("checklist", args=[show.pk, "T"])
    text = login(vera).get(url, {"edit": row.pk}, **htmx_to(row)).text
    assert text.lstrip().startswith(f'<tr data-id="{row.pk}"')
    assert "<form" not in text and "<button" not in text


def test_kept_rows_carry_a_token_that_works_for_whoever_views_them(alice, bob, show):
    url = reverse("checklist", args=[show.pk, "T"])
    rows = load_plan(show).rows("T")
    for user in (alice, bob):  # bob's view is served from the rows kept at alice's
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        tbody = client.get(url).text.split("<tbody", 1)[1].split("</tbody>", 1)[0]
        assert tbody.count('<form class="row-buttons"') == len(rows)
        tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', tbody))
        assert len(tokens) == 1
        move = reverse("row_move", args=[show.pk, "T", rows[0].pk])
        response = client.post(move, {"csrfmiddlewaretoken": tokens.pop(), "direction": "down"})
        assert response.status_code == 302  # accepted, back to the page


def show_with_segments(team, rows: int):
    show = make_broadcast(team=team, title=f"{rows} rows")
    Segment.objects.bulk_create(
        Segment(broadcast=show, position=i, title=f"Segment {i}", minutes=5) for i in range(rows)
    )
    fill_example_show(show)
    return show


@pytest.mark.parametrize("letter", LETTERS)
@pytest.mark.parametrize("answer", ["saved row", "readiness"])
def test_answers_take_as_many_queries_at_5_and_50_rows(login, bob, team, letter, answer):
    client = login(bob)
    counts = []
    for rows in (5, 50):
        show = show_with_segments(team, rows)
        row = second_row(show, letter)
        with CaptureQueriesContext(connection) as queries:
            if answer == "saved row":
                url = reverse("row_update", args=[show.pk, letter, row.pk])
                response = client.post(url, edit_data(show, letter, row), **htmx_to(row))
            else:
                url = reverse("checklist", args=[show.pk, letter]) + "?part=status"
                response = client.get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_viewer_s_readiness_does_not_refresh_after_edits(login, vera, show):
    url = reverse("checklist", args=[show.pk, "T"]) + "?part=status"
    top = login(vera).get(url, HTTP_HX_REQUEST="true")
    assert top.status_code == 200
    assert "hx-get" not in top.text.split(">", 1)[0]  # a viewer's never refreshes after edits


@pytest.mark.parametrize("letter", LETTERS)
def test_the_edit_row_spans_exactly_the_columns_of_the_table(login, bob, show, letter):
    row = second_row(show, letter)
    text = login(bob).get(reverse("checklist", args=[show.pk, letter]), {"edit": row.pk}).text
    head = text.split("<thead>", 1)[1].split("</thead>", 1)[0]
    columns = head.count("<th")
    assert f'id="row-{row.pk}"><td colspan="{columns}">' in text
