import pytest
from playwright.sync_api import expect

from stage.checklists.timing import Segment
from stage.teams import Role
from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.factories import make_broadcast, make_member, make_team, make_user


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("alice"), role=Role.OWNER)
    make_member(team, make_user("bob"), role=Role.EDITOR)
    broadcast = make_broadcast(team=team, title="Double 12")
    Segment.objects.create(broadcast=broadcast, position=1, title="Warm-up", minutes=10)
    return broadcast


def open_edit(page, live_server, show):
    page.goto(f"{live_server.url}/b/{show.pk}/T/")
    page.locator("tr[data-id]", has_text="Warm-up").get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()  # the form is in and settled


def test_two_people_edit_the_same_segment(page, live_server, show, browser, screenshot):
    log_in(page, live_server, "bob")
    open_edit(page, live_server, show)

    other = browser.new_context()
    alice = other.new_page()
    log_in(alice, live_server, "alice")
    open_edit(alice, live_server, show)
    alice.fill("#id_edit-title", "Warm-up with lucky bag")
    alice.locator("#id_edit-title").press("Enter")
    expect(alice.locator("tr[data-id]", has_text="Warm-up with lucky bag")).to_be_visible()

    # Bob's open form learns of her save at once, with her title to take.
    expect(page.locator("tr.editing .their-news")).to_contain_text("Warm-up with lucky bag")
    # He changed only the length: saved over the version he read, her title stays, his
    # length is saved, and nothing is asked.
    page.fill("#id_edit-minutes", "12")
    page.locator("#id_edit-minutes").press("Enter")
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(page.locator("tr[data-id]", has_text="Warm-up with lucky bag")).to_contain_text("12")
    screenshot("conflict")
    saved = Segment.objects.get()
    assert (saved.title, saved.minutes) == ("Warm-up with lucky bag", 12)
    assert SCREENSHOTS.exists()
    other.close()
