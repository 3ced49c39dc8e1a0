"""The week board (issue 19): the team's broadcasts by day and room, filters, and products two
shows on air at the same time promise beyond their stock."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage.checklists.lineup import Product
from stage.week import monday_of, week_board
from tests.factories import make_broadcast

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = date(2030, 12, 2)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2030, 12, day, hour, minute, tzinfo=SHANGHAI)


def product(show, sku: str, planned: int, stock: int, link: int = 1, name="玻尿酸精华 30ml"):
    return Product.objects.create(
        broadcast=show,
        link_number=link,
        sku=sku,
        name=name,
        list_price=299,
        live_price=159,
        planned_units=planned,
        stock=stock,
    )


def test_shows_are_placed_by_the_teams_day_and_room(team):
    late = make_broadcast(team=team, title="深夜场", start=at(2, 23, 30), account="美妆1号间")
    make_broadcast(team=team, title="零食早场", start=at(4, 9), account="零食间", hosts="小鹿")
    make_broadcast(team=team, title="下周", start=at(9, 19), account="美妆1号间")
    board = week_board(team, MONDAY)
    assert board.rooms == ["美妆1号间", "零食间"]
    assert board.cells[(MONDAY, "美妆1号间")] == [late]  # 23:30 in Shanghai is still Monday
    assert [b.title for b in board.cells[(date(2030, 12, 4), "零食间")]] == ["零食早场"]
    assert sum(len(shows) for shows in board.cells.values()) == 2
    assert monday_of(date(2030, 12, 8)) == MONDAY  # Sunday belongs to the week before it


def test_the_page_filters_by_room_and_host(login, vera, team):
    make_broadcast(team=team, title="美妆晚场", start=at(3, 19), account="美妆1号间", hosts="阿杰")
    make_broadcast(team=team, title="零食早场", start=at(4, 9), account="零食间", hosts="小鹿")
    client = login(vera)
    page = client.get(reverse("week"), {"week": "2030-12-05"}).text
    assert "美妆晚场" in page and "零食早场" in page
    assert re.search(r"<th scope=\"col\">美妆1号间</th><th scope=\"col\">零食间</th>", page)
    only = client.get(reverse("week"), {"week": "2030-12-05", "room": "零食间"}).text
    assert "零食早场" in only and "美妆晚场" not in only
    assert '<option value="美妆1号间">' in only  # the other room can still be chosen
    host = client.get(reverse("week"), {"week": "2030-12-05", "host": "阿杰"}).text
    assert "美妆晚场" in host and "零食早场" not in host


def test_a_bad_week_is_refused_next_to_the_field(login, vera):
    response = login(vera).get(reverse("week"), {"week": "2030-13-45"})
    assert response.status_code == 422
    assert 'id="id_week_error"' in response.text


def test_a_product_promised_beyond_its_stock_by_two_shows_at_once_is_flagged(login, vera, team):
    a = make_broadcast(team=team, title="美妆1号间晚场", start=at(3, 19), account="美妆1号间")
    b = make_broadcast(team=team, title="美妆2号间晚场", start=at(3, 20), account="美妆2号间")
    later = make_broadcast(team=team, title="周五场", start=at(6, 19), account="美妆1号间")
    product(a, "HA-30", planned=600, stock=1000)
    product(b, "ha-30 ", planned=500, stock=1000, link=3, name="玻尿酸精华")
    product(later, "HA-30", planned=900, stock=1000)  # not on air with the others
    (clash,) = week_board(team, MONDAY).clashes
    assert (clash.promised, clash.stock, clash.shows) == (1100, 1000, (a, b))
    page = login(vera).get(reverse("week"), {"week": "2030-12-02"}).text
    assert "Promised beyond stock" in page
    assert page.count("week-show clash") == 2


def test_enough_stock_or_no_overlap_is_not_flagged(team):
    a = make_broadcast(team=team, title="A", start=at(3, 19), planned_minutes=60)
    b = make_broadcast(team=team, title="B", start=at(3, 20), planned_minutes=60)  # after A
    c = make_broadcast(team=team, title="C", start=at(3, 19, 30), planned_minutes=30)
    product(a, "HA-30", planned=600, stock=1000)
    product(b, "HA-30", planned=600, stock=1000)
    product(c, "HA-30", planned=400, stock=1000)  # with A: exactly the stock
    assert week_board(team, MONDAY).clashes == []


def test_the_page_takes_as_many_queries_for_two_or_twenty_shows(login, vera, team):
    client = login(vera)
    counts = []
    for n in (2, 20):
        for i in range(n):
            show = make_broadcast(team=team, start=at(2, 8 + i % 12), account=f"间{i % 3}")
            product(show, f"SKU-{i}", planned=10, stock=5)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("week"), {"week": "2030-12-02"}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
