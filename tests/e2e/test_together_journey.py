"""Two people on one broadcast, in two browsers, with the normal HTTP cache: each sees the
other's saves within two seconds without a reload, an open form keeps its text and learns
what changed under it, a clash is resolved field by field, and each sees where the other is.
"""

import time

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.teams import Role
from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.factories import make_broadcast, make_member, make_team, make_user

IDLE_SECONDS = 8


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    alice = make_user("alice")
    alice.first_name = "小鹿"
    alice.save()
    make_member(team, alice, role=Role.OWNER)
    make_member(team, make_user("bob"), role=Role.EDITOR)
    make_member(team, make_user("vera"), role=Role.VIEWER)
    broadcast = make_broadcast(team=team, title="双12 美妆专场")
    for position, title in enumerate(["开场暖场", "爆款 精华", "福袋抽奖"], start=1):
        Segment.objects.create(broadcast=broadcast, position=position, title=title, minutes=10)
    return broadcast


def person(browser, server, username, **options):
    """A browser of its own, logged in on `server` (anything with a .url)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(10_000)
    log_in(page, server, username)
    return context, page, errors


def row(page, text):
    return page.locator("#rows tr[data-id]", has_text=text)


def open_edit(page, text):
    row(page, text).get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()


def save_row(page):
    page.locator("tr.editing button[type=submit]").click()
    expect(page.locator("tr.editing")).to_have_count(0)


def test_two_editors_see_each_other_live(browser, live_server, show):
    editing_together(browser, live_server, live_server, show)


def editing_together(browser, server_a, server_b, show):
    """Alice on `server_a`, Bob on `server_b`: the same app, or two app servers."""
    a_context, alice, a_errors = person(browser, server_a, "alice")
    b_context, bob, b_errors = person(browser, server_b, "bob")
    alice.goto(f"{server_a.url}/b/{show.pk}/T/")
    bob.goto(f"{server_b.url}/b/{show.pk}/T/")
    bob.evaluate("document.body.dataset.loadedOnce = 'yes'")  # gone if the page reloads

    # Presence: each sees the other, on this page.
    expect(bob.locator("#together .person", has_text="小鹿")).to_contain_text("Timing script")
    expect(alice.locator("#together .person", has_text="bob")).to_be_visible()

    # Bob opens a row and starts typing; the page idles for a while.
    open_edit(bob, "福袋抽奖")
    bob.fill("#id_edit-cues", "主播口播：倒计时 3 秒")
    expect(alice.locator(".editing-by")).to_have_text("bob is editing")
    time.sleep(IDLE_SECONDS)
    bob.evaluate("window.scrollTo(0, 120)")

    # Alice adds a segment: Bob sees it within two seconds, with his form untouched.
    alice.fill("#id_add-title", "返场 加购")
    alice.fill("#id_add-minutes", "8")
    alice.locator(".add-row button[type=submit]").click()
    started = time.monotonic()
    expect(row(bob, "返场 加购")).to_be_visible(timeout=2_000)
    assert time.monotonic() - started < 2.5
    expect(bob.locator("#id_edit-cues")).to_have_value("主播口播：倒计时 3 秒")
    expect(bob.locator("#id_edit-cues")).to_be_focused()
    assert bob.evaluate("document.body.dataset.loadedOnce") == "yes"
    assert bob.evaluate("window.scrollY") == 120
    assert bob.locator("#rows").count() == 1 and bob.locator(".topbar").count() == 1

    # Alice edits the row Bob has open: his form says so at once, with her values.
    open_edit(alice, "福袋抽奖")
    alice.fill("#id_edit-cues", "开福袋 1 号")
    alice.fill("#id_edit-minutes", "12")
    save_row(alice)
    news = bob.locator("tr.editing .their-news")
    expect(news).to_contain_text("开福袋 1 号", timeout=2_000)
    expect(news).to_contain_text("小鹿")
    expect(bob.locator("#id_edit-cues")).to_have_value("主播口播：倒计时 3 秒")
    bob.screenshot(path=str(SCREENSHOTS / "together-news.png"))

    # Bob saves: both changed the cues, so he chooses; her length is kept without asking.
    bob.locator("tr.editing button[type=submit]").click()
    clash = bob.locator("tr.editing .clash")
    expect(clash).to_have_count(1)
    expect(clash).to_contain_text("开福袋 1 号")
    expect(clash).to_contain_text("主播口播：倒计时 3 秒")
    bob.screenshot(path=str(SCREENSHOTS / "together-clash.png"))
    clash.get_by_label("Keep mine").check()
    save_row(bob)
    saved = Segment.objects.get(title="福袋抽奖")
    assert (saved.cues, saved.minutes) == ("主播口播：倒计时 3 秒", 12)
    history = [h.history_user.username for h in saved.history.order_by("version")[1:]]
    assert history == ["alice", "bob"]
    # ... and Alice sees Bob's save without a reload.
    expect(row(alice, "福袋抽奖")).to_contain_text("主播口播", timeout=2_000)

    # A mention rings Bob's bell while he stays on the page, and the row shows its comment.
    segment = Segment.objects.get(title="开场暖场")
    alice.goto(f"{server_a.url}/b/{show.pk}/comments/?on=T-{segment.pk}")
    alice.get_by_label("Comment", exact=True).fill("@bob 开场要提前 5 分钟吗？")
    alice.get_by_role("button", name="Comment", exact=True).click()
    expect(bob.locator(".bell .bell-count")).to_contain_text("1", timeout=2_000)
    expect(row(bob, "开场暖场").locator(".comment-badge")).to_contain_text("1", timeout=2_000)
    expect(bob.locator("#id_edit-cues")).to_have_count(0)  # his save went through above

    # Leaving: Bob goes, and Alice's page lets him go.
    b_context.close()
    expect(alice.locator("#together .person", has_text="bob")).to_have_count(0, timeout=5_000)
    assert a_errors == [] and b_errors == []
    a_context.close()


def test_a_viewer_follows_and_is_seen_on_the_hub(browser, live_server, show):
    a_context, alice, _errors = person(browser, live_server, "alice")
    v_context, vera, v_errors = person(browser, live_server, "vera", has_touch=True)
    vera.set_viewport_size({"width": 390, "height": 844})
    vera.goto(f"{live_server.url}/b/{show.pk}/")
    alice.goto(f"{live_server.url}/b/{show.pk}/T/")
    expect(alice.locator("#together .person", has_text="vera")).to_contain_text("Overview")
    open_edit(alice, "开场暖场")
    alice.fill("#id_edit-title", "开场暖场 + 预告")
    save_row(alice)
    # The hub's timeline shows the new title without a reload.
    expect(vera.locator("#run-sheet-card")).to_contain_text("开场暖场 + 预告", timeout=2_000)
    vera.screenshot(path=str(SCREENSHOTS / "together-hub-phone.png"), full_page=True)
    assert v_errors == []
    a_context.close()
    v_context.close()


def test_on_a_phone_in_chinese(browser, live_server, show):
    a_context, alice, _errors = person(browser, live_server, "alice")
    b_context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    b_context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    bob = b_context.new_page()
    bob.set_default_timeout(10_000)
    log_in(bob, live_server, "bob")
    sheet = f"/b/{show.pk}/T/"
    alice.goto(live_server.url + sheet)
    bob.goto(live_server.url + sheet)
    open_edit(alice, "爆款 精华")
    expect(bob.locator("#row-" + row(alice, "福袋抽奖").get_attribute("data-id"))).to_be_visible()
    expect(bob.locator(".editing-by")).to_have_text("小鹿 正在编辑")
    expect(bob.locator("#together")).to_contain_text("也在这里")

    # Both change the same title; Bob's save asks him, in Chinese, with thumb-sized choices.
    row(bob, "爆款 精华").get_by_role("link", name="编辑").tap()
    bob.fill("#id_edit-title", "爆款 精华 第二轮")
    alice.fill("#id_edit-title", "爆款 精华 限时")
    save_row(alice)
    expect(bob.locator("tr.editing .their-news")).to_contain_text("爆款 精华 限时")
    bob.locator("tr.editing button[type=submit]").tap()
    choices = bob.locator("tr.editing .clash .choice")
    expect(choices).to_have_count(2)
    expect(choices.first).to_contain_text("采用对方的")
    for i in range(2):
        assert choices.nth(i).bounding_box()["height"] >= 44
    assert bob.evaluate("document.documentElement.scrollWidth") <= 390
    bob.locator("tr.editing .clash").screenshot(path=str(SCREENSHOTS / "together-clash-zh.png"))
    choices.first.tap()
    save_row(bob)
    assert Segment.objects.get(position=2).title == "爆款 精华 限时"
    a_context.close()
    b_context.close()


def test_my_own_save_stays_as_answered_while_the_page_pulses(browser, live_server, show):
    """My own save's "Saved" stays while the page takes in what the save changed elsewhere on
    it; a row's answer shows all it changed, so that page does not fetch itself again at all;
    another person's save still arrives."""
    b_context, bob, b_errors = person(browser, live_server, "bob")
    hub = f"/b/{show.pk}/"
    sheet = f"/b/{show.pk}/T/"
    fetched = []
    bob.on("request", lambda r: fetched.append(r.url.removeprefix(live_server.url)))

    # The hub: a shorter show moves the timeline's "against plan" in another part of the page.
    bob.goto(live_server.url + hub)
    timeline = bob.locator("#run-sheet-card #timeline-title")
    before = timeline.text_content()
    bob.get_by_role("link", name="Edit").click()
    bob.fill("#id_planned_minutes", "40")
    bob.locator("#id_planned_minutes").press("Enter")
    expect(bob.locator("#details .saved")).to_have_text("Saved")
    bob.wait_for_timeout(3_500)  # three pulses (a sleep would hold Playwright's events)
    expect(bob.locator("#details .saved")).to_have_text("Saved")
    expect(bob.locator("#details")).to_contain_text("40 minutes")
    assert timeline.text_content() != before, before
    bob.screenshot(path=str(SCREENSHOTS / "together-own-save-hub.png"))

    # The timing script: a row's answer and its readiness are all the save changed there.
    SignOff.objects.create(broadcast=show, letter="T", user=User.objects.get(username="alice"))

    bob.goto(live_server.url + sheet)
    expect(bob.locator("#tabs .tab.current .mark.ok")).to_be_visible()
    open_edit(bob, "爆款 精华")
    bob.fill("#id_edit-title", "爆款 精华 限时")
    save_row(bob)
    expect(row(bob, "爆款 精华 限时")).to_be_visible()
    fetched.clear()
    bob.wait_for_timeout(3_500)
    assert sheet not in fetched, fetched
    assert any("pulse" in url for url in fetched), fetched  # the page kept pulsing
    expect(bob.locator("#tabs .tab.current .mark")).to_have_count(0)  # the sign-off went
    bob.screenshot(path=str(SCREENSHOTS / "together-own-save-T.png"))

    # Alice's save, though, is news: Bob's page takes it in without a reload.
    a_context, alice, _errors = person(browser, live_server, "alice")
    alice.goto(live_server.url + sheet)
    open_edit(alice, "福袋抽奖")
    alice.fill("#id_edit-title", "福袋抽奖 两轮")
    save_row(alice)
    expect(row(bob, "福袋抽奖 两轮")).to_be_visible(timeout=2_000)
    assert sheet in fetched
    assert b_errors == []
    a_context.close()
    b_context.close()
