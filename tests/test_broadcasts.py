from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from stage.broadcasts import Broadcast, Status
from tests.factories import SHANGHAI, in_days, make_broadcast
from tests.test_permissions import VALID_POST

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def post_data(**changes):
    return {**VALID_POST, **changes}


def test_it_creates_a_broadcast_in_the_current_team(login, bob, team):
    response = login(bob).post(reverse("broadcast_new"), post_data(title="Double 12 warm-up"))
    created = Broadcast.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("broadcast_detail", args=[created.pk])
    assert created.team == team
    assert created.scheduled_start == datetime(2030, 12, 2, 20, 0, tzinfo=SHANGHAI)
    assert created.ends_at == datetime(2030, 12, 2, 21, 0, tzinfo=SHANGHAI)
    assert created.gmv_target == Decimal("1000.00")


def test_htmx_create_redirects_the_client(login, bob, team):
    response = login(bob).post(reverse("broadcast_new"), post_data(), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("broadcast_detail", args=[Broadcast.objects.get().pk])


BAD_INPUTS = [
    ("gmv_target", "-5", "The GMV target cannot be negative."),
    ("gmv_target", "lots", "Enter a number."),
    ("planned_minutes", "0", "A show lasts at least one minute."),
    ("planned_minutes", "-30", "A show lasts at least one minute."),
    ("planned_minutes", "2000", "A show lasts at most 24 hours"),
    ("scheduled_start", "next friday", "Enter a date and time such as 2026-12-01 19:00."),
    ("scheduled_start", "2030-02-30T19:00", "Enter a date and time such as 2026-12-01 19:00."),
    ("title", "", "This field is required."),
    ("platform", "myspace", "Select a valid choice."),
]


@pytest.mark.parametrize("field,value,message", BAD_INPUTS)
def test_it_refuses_bad_input_next_to_the_field_and_keeps_what_is_saved(
    login, bob, broadcast, field, value, message
):
    before = Broadcast.objects.filter(pk=broadcast.pk).values().get()
    url = reverse("broadcast_edit", args=[broadcast.pk])
    response = login(bob).post(url, post_data(**{field: value}), **HTMX)
    assert response.status_code == 422
    # The error sits in the field's own block, right after its input.
    block = response.text.split(f'id="id_{field}"', 1)[1].split('<div class="field', 1)[0]
    assert message in block
    assert "STAGE-Version" not in response
    # The user's other input is kept in the form.
    assert 'value="Changed"' in response.text or field == "title"
    assert Broadcast.objects.filter(pk=broadcast.pk).values().get() == before


@pytest.mark.parametrize("field,value,message", BAD_INPUTS[:3])
def test_create_refuses_bad_input_without_javascript(login, bob, team, field, value, message):
    response = login(bob).post(reverse("broadcast_new"), post_data(**{field: value}))
    assert response.status_code == 422
    assert message in response.text
    assert "<html" in response.text
    assert not Broadcast.objects.exists()


def test_htmx_edit_returns_the_details_fragment_not_the_page(login, bob, broadcast):
    url = reverse("broadcast_edit", args=[broadcast.pk])
    response = login(bob).post(url, post_data(title="Renamed show"), **HTMX)
    assert response.status_code == 200
    # The hub's timeline and checks may change with it: the page fetches itself as ever.
    assert "STAGE-Version" not in response
    assert response.text.lstrip().startswith('<section id="details"')
    assert "<html" not in response.text
    assert "Renamed show" in response.text
    assert len(response.content) < 4000


def test_htmx_get_of_edit_returns_only_the_form(login, bob, broadcast):
    response = login(bob).get(reverse("broadcast_edit", args=[broadcast.pk]), **HTMX)
    assert response.text.lstrip().startswith('<form id="broadcast-form"')
    assert 'value="美妆 × 零食 晚间专场"' in response.text


def test_plain_edit_redirects_to_the_hub(login, bob, broadcast):
    url = reverse("broadcast_edit", args=[broadcast.pk])
    response = login(bob).post(url, post_data(title="Renamed"))
    assert response.status_code == 302
    assert response["Location"] == reverse("broadcast_detail", args=[broadcast.pk])


def test_delete_asks_first_then_moves_to_the_trash(login, bob, broadcast):
    client = login(bob)
    url = reverse("broadcast_delete", args=[broadcast.pk])
    confirm = client.get(url)
    assert "restored from there for 30 days" in confirm.text
    assert Broadcast.objects.in_use().filter(pk=broadcast.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("broadcast_list")
    assert not Broadcast.objects.in_use().filter(pk=broadcast.pk).exists()
    assert Broadcast.objects.trashed().filter(pk=broadcast.pk).exists()


def test_list_shows_upcoming_soonest_first_and_past_below(login, bob, team):
    make_broadcast(team=team, title="Next week", start=in_days(7))
    make_broadcast(team=team, title="Tomorrow", start=in_days(1))
    make_broadcast(team=team, title="Last week", start=in_days(-7))
    make_broadcast(team=team, title="Yesterday", start=in_days(-1))
    text = login(bob).get(reverse("broadcast_list")).text
    upcoming, past = text.split("<h2>Past</h2>")
    assert upcoming.index("Tomorrow") < upcoming.index("Next week")
    assert past.index("Yesterday") < past.index("Last week")
    assert "Yesterday" not in upcoming


def test_list_filters_by_status_platform_and_title(login, bob, team):
    make_broadcast(team=team, title="Douyin draft", platform="douyin")
    make_broadcast(team=team, title="Kuaishou ready", status=Status.READY)
    make_broadcast(team=team, title="Kuaishou draft")
    client = login(bob)

    def titles(**params):
        text = client.get(reverse("broadcast_list"), params, **HTMX).text
        return {t for t in ["Douyin draft", "Kuaishou ready", "Kuaishou draft"] if t in text}

    assert titles(status="ready") == {"Kuaishou ready"}
    assert titles(platform="douyin") == {"Douyin draft"}
    assert titles(q="kuaishou") == {"Kuaishou ready", "Kuaishou draft"}
    assert titles(q="draft", platform="kuaishou") == {"Kuaishou draft"}
    assert titles(status="bogus") == {"Douyin draft", "Kuaishou ready", "Kuaishou draft"}


def test_htmx_filter_returns_only_the_results(login, bob, broadcast):
    response = login(bob).get(reverse("broadcast_list"), {"q": "美妆"}, **HTMX)
    assert response.text.lstrip().startswith('<div id="results">')
    assert broadcast.title in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_does_not_grow(login, bob, team, count, django_assert_num_queries):
    for i in range(count):
        make_broadcast(team=team, title=f"Show {i}", start=in_days(i - count // 2))
    client = login(bob)
    # session, user, memberships, upcoming + their sign-offs, past + their sign-offs, the bell
    with django_assert_num_queries(8):
        response = client.get(reverse("broadcast_list"))
    assert response.text.count('class="row"') == count


@pytest.mark.parametrize("count", [3, 30])
def test_hub_query_count_does_not_grow(login, bob, team, count, django_assert_num_queries):
    shows = [make_broadcast(team=team, title=f"Show {i}") for i in range(count)]
    client = login(bob)
    # session, user, memberships, broadcast, and the plan: segments, ad plan, slots,
    # products, product-segment links, giveaways, warm-up items, sign-offs; the bell; the
    # broadcast's open comments
    with django_assert_num_queries(15):
        response = client.get(reverse("broadcast_detail", args=[shows[-1].pk]))
    assert response.status_code == 200


def test_money_is_shown_exactly_with_its_currency(login, bob, team):
    show = make_broadcast(team=team, gmv_target=Decimal("300000.10"), currency="USD")
    text = login(bob).get(reverse("broadcast_detail", args=[show.pk])).text
    assert "$300,000.10" in text


def test_times_are_shown_in_the_team_time_zone(login, bob, team):
    team.time_zone = "Europe/London"
    team.save()
    show = make_broadcast(team=team, start=datetime(2030, 12, 1, 19, 0, tzinfo=SHANGHAI))
    text = login(bob).get(reverse("broadcast_detail", args=[show.pk])).text
    assert "11:00–14:00" in text


def test_the_edit_form_cannot_move_the_status(login, bob, broadcast):
    """Status moves only through actions: a posted status is not a field of the form."""
    url = reverse("broadcast_edit", args=[broadcast.pk])
    response = login(bob).post(url, post_data(status="live"), **HTMX)
    assert response.status_code == 200
    assert 'name="status"' not in login(bob).get(url).text
    broadcast.refresh_from_db()
    assert broadcast.status == Status.DRAFT
