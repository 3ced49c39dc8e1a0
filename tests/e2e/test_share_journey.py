import re

import pytest
from playwright.sync_api import expect

from stage.demo import fill_example_show
from stage.teams import Role
from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.factories import make_broadcast, make_member, make_team, make_user


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    broadcast = make_broadcast(team=team, title="美妆 × 零食 晚间专场")
    fill_example_show(broadcast)
    return broadcast


def test_crew_open_a_share_link_without_an_account(page, live_server, show, screenshot, browser):
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/")
    page.get_by_role("link", name="Share").click()
    page.fill("#id_label", "Studio B crew")
    page.select_option("#id_days", "3")
    page.get_by_role("button", name="Create link").click()
    expect(page.locator(".share-list li")).to_have_count(1)
    runsheet_url = page.get_by_label("Run-sheet").input_value()
    screen_url = page.get_by_label("Big screen").input_value()
    screenshot("share-links")

    crew = browser.new_context()  # no login, no cookies
    errors = []
    sheet = crew.new_page()
    sheet.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sheet.goto(runsheet_url)
    expect(sheet.locator(".rs-timeline tbody tr")).to_have_count(9)
    expect(sheet.locator(".topbar")).to_have_count(0)
    # Crew print their own copy; the team's figures stay with the team.
    expect(sheet.get_by_role("link", name="PDF")).to_have_attribute(
        "href", re.compile(r"^/s/.+/run-sheet\.pdf")
    )
    expect(sheet.locator("body")).not_to_contain_text("GMV target")
    sheet.screenshot(path=str(SCREENSHOTS / "share-runsheet.png"))
    screen = crew.new_page()
    screen.goto(screen_url)
    expect(screen.locator(".status-line")).to_contain_text("Not ready yet")

    page.get_by_role("button", name="Revoke").click()
    expect(page.locator(".share-list li.inactive")).to_have_count(1)
    sheet.reload()
    expect(sheet.get_by_role("heading", name="This link no longer works")).to_be_visible()
    expect(sheet.locator("body")).not_to_contain_text("暖场")
    # The open big screen reloads itself on its next poll and shows the same page.
    expect(screen.get_by_role("heading", name="This link no longer works")).to_be_visible(
        timeout=3000
    )
    sheet.screenshot(path=str(SCREENSHOTS / "share-revoked.png"))
    assert [e for e in errors if "status of 410" not in e] == []
    crew.close()
