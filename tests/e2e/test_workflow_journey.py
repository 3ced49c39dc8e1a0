import pytest
from playwright.sync_api import expect

from stage.broadcasts import Broadcast
from stage.demo import fill_example_show
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import make_broadcast, make_member, make_team, make_user


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    broadcast = make_broadcast(team=team, title="周三 美妆专场")
    fill_example_show(broadcast)
    return broadcast


def test_delete_restore_and_next_week_from_a_template(page, live_server, show, screenshot):
    log_in(page, live_server, "bob")
    page.get_by_role("link", name="周三 美妆专场").click()

    # Save the plan as a team template, then start next week's show from it.
    page.fill("#template-name", "Wednesday beauty")
    page.get_by_role("button", name="Save as template").click()
    expect(page.get_by_role("heading", name="Templates")).to_be_visible()
    page.get_by_role("link", name="New show from it").click()
    page.fill("#id_title", "下周三 美妆专场")
    page.fill("#id_scheduled_start", "2030-12-08T19:00")
    page.get_by_role("button", name="Create the show").click()
    expect(page.get_by_role("heading", name="下周三 美妆专场")).to_be_visible()
    expect(page.locator(".letters")).to_contain_text("In progress")
    made = Broadcast.objects.get(title="下周三 美妆专场")
    assert made.segments.count() == 9 and made.products.count() == 5

    # Delete it: it waits in the trash, and comes back.
    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete").click()
    expect(page.locator(".messages")).to_contain_text("is in the trash for 30 days")
    page.get_by_role("link", name="Trash").click()
    expect(page.locator(".plain-list")).to_contain_text("下周三 美妆专场")
    screenshot("trash")
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_role("heading", name="下周三 美妆专场")).to_be_visible()
    assert Broadcast.objects.in_use().count() == 2
