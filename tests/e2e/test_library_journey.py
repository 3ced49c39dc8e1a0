"""The product library (issue 19): a 选品 colleague imports the team's 货盘表, an 运营 adds three
of its products to tonight's lineup and sets their show prices; on a phone, in Chinese."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from stage.library import CatalogueItem
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import make_broadcast, make_member, make_team, make_user

GOODS = Path(__file__).parent.parent / "data" / "catalogue" / "team_goods.xlsx"


@pytest.fixture
def team(transactional_db):
    team = make_team(name="星选美妆")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    make_broadcast(team=team, title="今晚美妆专场")
    return team


def test_import_the_catalogue_and_draw_three_products_into_a_lineup(
    page, live_server, team, screenshot
):
    log_in(page, live_server, "bob")
    page.get_by_role("link", name="Library", exact=True).click()
    expect(page.get_by_role("heading", name="Product library")).to_be_visible()
    page.set_input_files("#library-import #id_sheet", str(GOODS))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("8 library products imported or updated.")
    expect(page.locator("table.library tbody tr")).to_have_count(8)
    screenshot("library-en")

    page.get_by_role("link", name="Broadcasts", exact=True).click()
    page.get_by_role("link", name="今晚美妆专场").click()
    show = team.broadcasts.get()
    page.goto(f"{live_server.url}/b/{show.pk}/S/")
    page.get_by_role("link", name="Add products from the team's library").click()
    names = [i.name for i in CatalogueItem.objects.order_by("name")[:3]]
    for name in names:
        page.locator(".draw-list label", has_text=name).click()
    page.get_by_role("button", name="Add to the lineup").click()
    expect(page.locator(".messages")).to_contain_text("3 products added to the lineup.")
    rows = page.locator("#rows tr")
    expect(rows).to_have_count(3)
    for name in names:
        expect(page.locator("#rows")).to_contain_text(name)
    expect(rows.first).to_contain_text("#1")
    screenshot("lineup-drawn-en")


def test_the_library_on_a_phone_in_chinese(page, live_server, team, screenshot):
    CatalogueItem.objects.create(team=team, name="玻尿酸精华", spec="30ml", list_price=299)
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    log_in(page, live_server, "bob")
    show = team.broadcasts.get()
    page.goto(f"{live_server.url}/b/{show.pk}/S/library/")
    expect(page.get_by_role("heading", name="从商品库添加")).to_be_visible()
    box = page.locator(".draw-list label").first.bounding_box()
    assert box["height"] >= 44, box
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    page.locator(".draw-list label").first.click()
    page.get_by_role("button", name="加入排品").click()
    expect(page.locator("#rows")).to_contain_text("玻尿酸精华 30ml")
    screenshot("lineup-drawn-phone-zh")
