"""When a request fails, the user sees it (issue 18: a save that failed did nothing visible, an
expired session pasted the login page into the row, the big screen counted on from its last
answer). The server is really stopped for the browser (its connections refused), really answers
500, really has lost the row and the session."""

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import in_days, make_broadcast, make_member, make_team, make_user

pytestmark = pytest.mark.failing_requests


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    broadcast = make_broadcast(team=team, title="Double 12 night", start=in_days(3))
    fill_example_show(broadcast)
    return broadcast


def open_edit(page, live_server, show, title):
    page.goto(f"{live_server.url}/b/{show.pk}/T/")
    row = page.locator("tr[data-id]", has_text=title)
    row.get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()
    return row


def server_stopped(route):
    route.abort("connectionrefused")


def test_a_save_while_the_server_is_down_says_so_and_keeps_what_was_typed(
    page, live_server, show, screenshot
):
    log_in(page, live_server, "bob")
    open_edit(page, live_server, show, "开播福袋")
    page.fill("#id_edit-title", "暖场 · 新标题")
    page.route("**/rows/**", server_stopped)
    page.get_by_role("button", name="Save").click()
    error = page.locator("tr.editing form .request-error")
    expect(error).to_have_text(
        "Not saved: the server cannot be reached. What you typed is still here: "
        "try again when the connection is back."
    )
    expect(page.locator("#id_edit-title")).to_have_value("暖场 · 新标题")
    screenshot("error-offline-en")

    page.unroute("**/rows/**")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(page.locator("tr[data-id]", has_text="暖场 · 新标题")).to_have_count(1)
    expect(page.locator(".request-error")).to_have_count(0)


def test_a_server_error_on_save_says_so(page, live_server, show):
    log_in(page, live_server, "bob")
    open_edit(page, live_server, show, "开播福袋")
    page.route("**/rows/**", lambda route: route.fulfill(status=500, body="boom"))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("tr.editing form .request-error")).to_contain_text(
        "Not saved: the server had a problem."
    )
    assert "boom" not in page.content()


def test_saving_a_row_someone_deleted_meanwhile_says_so(page, live_server, show):
    log_in(page, live_server, "bob")
    open_edit(page, live_server, show, "开播福袋")
    page.fill("#id_edit-minutes", "12")
    Segment.objects.filter(broadcast=show, title__contains="开播福袋").delete()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("tr.editing form .request-error")).to_have_text(
        "Not saved: someone deleted this meanwhile. Reload the page to see the plan as it is now."
    )


def test_a_save_after_the_session_expired_goes_to_the_login_not_into_the_row(
    page, live_server, show
):
    log_in(page, live_server, "bob")
    open_edit(page, live_server, show, "开播福袋")
    Session.objects.all().delete()  # expired, or logged out in another tab
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{live_server.url}/login/**")
    expect(page.locator("#login-form")).to_have_count(1)
    expect(page.locator(".topbar")).to_have_count(1)
    expect(page.locator("table.rows")).to_have_count(0)


def test_a_link_to_a_row_gone_meanwhile_says_so_in_chinese(page, live_server, show):
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/T/")
    row = page.locator("tr[data-id]").first
    Segment.objects.filter(pk=row.get_attribute("data-id")).delete()
    row.locator(".row-buttons a").first.click()
    bar = page.locator("#request-trouble")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("这一条已不存在")
    bar.get_by_role("button").click()
    expect(bar).to_be_hidden()


def test_the_big_screen_says_when_it_lost_the_server_and_recovers(
    page, live_server, live_show, screenshot
):
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{live_show.pk}/live/screen/")
    expect(page.locator("#live .countdown")).to_be_visible()
    page.wait_for_timeout(6000)
    expect(page.locator("#live-lost")).to_have_count(0)  # polling normally: nothing to say

    page.route("**/live/**", server_stopped)
    lost = page.locator("#live-lost")
    expect(lost).to_contain_text("Connection lost: this is what the server said 0:0", timeout=8000)
    expect(page.locator("#live")).to_have_class("live live-screen stale")
    page.wait_for_timeout(2000)
    expect(lost).to_have_count(1)
    screenshot("error-live-lost-en", full_page=False)

    page.unroute("**/live/**")
    expect(lost).to_have_count(0, timeout=8000)
    expect(page.locator("#live.stale")).to_have_count(0)
    assert page.locator("#live").count() == 1
