import re

import pytest
from playwright.sync_api import expect

from stage.broadcasts import Broadcast
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import in_days, make_broadcast, make_member, make_team, make_user


@pytest.fixture
def editor(transactional_db):
    team = make_team(name="Acme Live")
    user = make_user("bob")
    make_member(team, user, role=Role.EDITOR)
    make_broadcast(team=team, title="Last week's show", start=in_days(-7), status="done")
    return user


def test_create_fix_edit_switch_language_and_log_out(page, live_server, editor, screenshot):
    log_in(page, live_server, "bob")
    expect(page.get_by_role("heading", name="Broadcasts")).to_be_visible()

    # Create, with a mistake the server refuses next to its field.
    page.get_by_role("link", name="New broadcast").click()
    page.fill("#id_title", "双十二 美妆专场")
    page.select_option("#id_platform", "douyin")
    page.fill("#id_account", "星选好物直播间")
    page.fill("#id_scheduled_start", in_days(3).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_planned_minutes", "180")
    page.fill("#id_gmv_target", "-300000")
    page.get_by_role("button", name="Save").click()
    error = page.locator("#id_gmv_target_error")
    expect(error).to_have_text("The GMV target cannot be negative.")
    expect(page.locator("#id_title")).to_have_value("双十二 美妆专场")
    assert not Broadcast.objects.filter(title="双十二 美妆专场").exists()

    page.fill("#id_gmv_target", "300000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/b/\d+/$"))
    expect(page.locator("#details h1")).to_have_text("双十二 美妆专场")
    expect(page.locator("#details")).to_contain_text("¥300,000.00")

    # Edit inline: the form replaces the details, Enter saves, no page load.
    url = page.url
    page.get_by_role("link", name="Edit").click()
    expect(page.locator("#broadcast-form")).to_be_visible()
    page.fill("#id_planned_minutes", "0")
    page.locator("#id_planned_minutes").press("Enter")
    expect(page.locator("#id_planned_minutes_error")).to_have_text(
        "A show lasts at least one minute."
    )
    page.fill("#id_planned_minutes", "150")
    page.fill("#id_hosts", "小鹿, 阿杰")
    page.locator("#id_hosts").press("Enter")
    expect(page.locator("#details")).to_contain_text("150 minutes")
    expect(page.locator("#details .saved")).to_have_text("Saved")
    assert page.url == url
    assert Broadcast.objects.get(title="双十二 美妆专场").planned_minutes == 150

    # Escape cancels an inline edit without saving.
    page.get_by_role("link", name="Edit").click()
    page.fill("#id_title", "Not this")
    page.locator("#id_title").press("Escape")
    expect(page.locator("#details h1")).to_have_text("双十二 美妆专场")
    screenshot("hub-en")

    page.get_by_role("link", name="← Broadcasts").click()
    expect(page.locator("#results")).to_contain_text("双十二 美妆专场")
    screenshot("list-en")

    # Switch to Chinese: the same pages, in Chinese.
    page.get_by_role("button", name="简体中文").click()
    expect(page.get_by_role("heading", name="直播场次")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="即将开播")).to_be_visible()
    screenshot("list-zh")
    page.get_by_text("双十二 美妆专场").click()
    expect(page.get_by_role("heading", name="STAGE 清单")).to_be_visible()
    expect(page.locator("#details")).to_contain_text("150 分钟")
    screenshot("hub-zh")

    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))


def test_list_filters_as_you_type(page, live_server, editor):
    log_in(page, live_server, "bob")
    make_broadcast(
        team=editor.teams.get(), title="Douyin night", platform="douyin", start=in_days(2)
    )
    page.reload()
    page.fill("#id_q", "douyin")
    expect(page.locator("#results .row")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=douyin"))
    page.fill("#id_q", "")
    expect(page.locator("#results .row")).to_have_count(2)


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_forms_work_without_javascript(no_js_page, live_server, editor):
    page = no_js_page
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/new/")
    page.fill("#id_title", "No-JS show")
    page.fill("#id_scheduled_start", in_days(5).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_planned_minutes", "-1")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_planned_minutes_error")).to_be_visible()
    page.fill("#id_planned_minutes", "90")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#details h1")).to_have_text("No-JS show")
    page.get_by_role("link", name="Edit").click()
    page.fill("#id_title", "No-JS show, renamed")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Changes saved.")
    expect(page.locator("#details h1")).to_have_text("No-JS show, renamed")
