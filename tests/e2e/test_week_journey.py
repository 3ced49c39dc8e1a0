"""The week board with two rooms (issue 19): a producer reads the week, filters a room, finds
the product two rooms promise beyond its stock, and opens a show; on a phone, in Chinese."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from stage.checklists.lineup import Product
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import make_broadcast, make_member, make_team, make_user

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def week(transactional_db):
    team = make_team(name="星选美妆")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    shows = {}
    for title, day, hour, room, hosts in [
        ("美妆晚场", 3, 19, "美妆1号间", "小鹿"),
        ("美妆二号间 晚场", 3, 20, "美妆2号间", "阿杰"),
        ("零食早场", 5, 9, "美妆2号间", "阿杰"),
    ]:
        start = datetime(2030, 12, day, hour, tzinfo=SHANGHAI)
        shows[title] = make_broadcast(
            team=team, title=title, start=start, account=room, hosts=hosts
        )
    for i, title in enumerate(["美妆晚场", "美妆二号间 晚场"]):
        Product.objects.create(
            broadcast=shows[title], link_number=i + 1, sku="HA-30", name="玻尿酸精华 30ml",
            list_price=299, live_price=159, planned_units=600, stock=1000,
        )  # fmt: skip
    return shows


def test_the_week_with_two_rooms_filtered_and_opened(page, live_server, week, screenshot):
    log_in(page, live_server, "bob")
    page.get_by_role("link", name="Week", exact=True).click()
    page.goto(f"{live_server.url}/week/?week=2030-12-04")  # any day picks its week
    expect(page.get_by_role("heading", level=1)).to_contain_text("December 2")
    heads = page.locator("table.week thead th")
    expect(heads).to_have_text(["Day", "美妆1号间", "美妆2号间"])
    tuesday = page.locator("table.week tbody tr").nth(1)
    expect(tuesday.locator("th")).to_contain_text("Tue")
    expect(tuesday.locator("td").nth(0)).to_contain_text("美妆晚场")
    expect(tuesday.locator("td").nth(1)).to_contain_text("美妆二号间 晚场")
    expect(page.locator(".week-clashes")).to_contain_text("1200 units planned")
    expect(page.locator(".week-show.clash")).to_have_count(2)
    expect(page.locator(".week-show .readiness-summary")).to_have_count(3)  # fetched per show
    screenshot("week-en")

    page.select_option("#id_room", "美妆2号间")
    page.get_by_role("button", name="Filter").click()
    expect(heads).to_have_text(["Day", "美妆2号间"])
    expect(page.locator(".week-show")).to_have_count(2)
    page.get_by_role("link", name="Next week →").click()
    expect(page.locator(".empty")).to_have_text("No broadcasts this week.")
    page.get_by_role("link", name="← Previous week").click()
    page.locator(".week-show", has_text="零食早场").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("零食早场")


def test_the_week_on_a_phone_in_chinese(page, live_server, week, screenshot):
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/week/?week=2030-12-02")
    expect(page.get_by_role("heading", level=1)).to_contain_text("周排期 12月2日")
    expect(page.locator(".week-clashes")).to_contain_text("库存只有 1000 件")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    for box in [s.bounding_box() for s in page.locator(".week-show").all()]:
        assert box["height"] >= 44 and box["width"] >= 200
    expect(page.locator("table.week td", has_text="美妆晚场")).to_have_attribute(
        "data-label", "美妆1号间"
    )
    screenshot("week-phone-zh")
