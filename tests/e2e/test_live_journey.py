import time

import pytest
from playwright.sync_api import expect

from stage.broadcasts import Broadcast, Status
from stage.demo import fill_example_show
from stage.teams import Role
from tests.e2e.conftest import SCREENSHOTS, hold_polls, log_in, two_consoles
from tests.factories import make_broadcast, make_member, make_team, make_user, soon


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    make_member(team, make_user("vera"), role=Role.VIEWER)
    broadcast = make_broadcast(team=team, title="今晚 8 点专场", start=soon())
    fill_example_show(broadcast)
    Broadcast.objects.filter(pk=broadcast.pk).update(status=Status.READY)
    return broadcast


def test_the_big_screen_follows_the_operator(page, live_server, show, screenshot, browser):
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/")
    page.get_by_role("link", name="Show control").click()

    # The hosts' screen: another browser, another person, read-only.
    hosts = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = hosts.new_page()
    errors = []
    screen.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(screen, live_server, "vera")
    screen.goto(f"{live_server.url}/b/{show.pk}/live/screen/")
    expect(screen.locator(".status-line")).to_contain_text("Goes live at")

    page.get_by_role("button", name="Start the show").click()
    expect(page.locator(".current-title")).to_contain_text("暖场 · 开播福袋")
    started = time.monotonic()
    expect(screen.locator(".current-title")).to_contain_text("暖场 · 开播福袋", timeout=2000)
    assert time.monotonic() - started < 2

    # Next from the keyboard; the screen follows within two seconds again.
    page.keyboard.press("ArrowRight")
    expect(page.locator(".current-title")).to_contain_text("引流款")
    started = time.monotonic()
    expect(screen.locator(".current-title")).to_contain_text("引流款", timeout=2000)
    assert time.monotonic() - started < 2
    expect(page.locator(".push")).to_contain_text("Link 1 氨基酸洁面慕斯")
    expect(screen.locator(".next")).to_contain_text("爆款 · 玻尿酸精华")
    countdown = screen.locator(".countdown")
    first = countdown.text_content()
    expect(countdown).not_to_have_text(first, timeout=3000)  # it ticks in the browser
    screenshot("live-operator")
    screen.screenshot(path=str(SCREENSHOTS / "live-screen.png"))

    # Back with P, then the phone view of the floor staff.
    page.keyboard.press("p")
    expect(page.locator(".current-title")).to_contain_text("暖场")
    phone = hosts.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(f"{live_server.url}/b/{show.pk}/live/phone/")
    expect(phone.locator(".current-title")).to_contain_text("暖场")
    phone.screenshot(path=str(SCREENSHOTS / "live-phone.png"), full_page=True)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End show").click()
    expect(page.locator(".status-line")).to_contain_text("The show ended")
    expect(screen.locator(".status-line")).to_contain_text("The show ended", timeout=2000)
    assert Broadcast.objects.get(pk=show.pk).status == Status.DONE
    assert errors == []
    hosts.close()


def test_a_control_press_wins_over_the_poll_in_flight(page, live_server, show):
    """The press aborts a poll still waiting for its answer, and the press's answer shows."""
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/live/")
    aborts = []
    page.on("console", lambda m: aborts.append(m.text) if "htmx:sendAbort" in m.text else None)
    held = []  # polls that never get an answer while the route is in place

    def hold_polls(route):
        if route.request.method == "GET":
            held.append(route)
        else:
            route.continue_()

    page.route(f"**/b/{show.pk}/live/", hold_polls)
    for _ in range(30):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "no poll was sent within 3 s"

    page.get_by_role("button", name="Start the show").click()
    expect(page.locator(".current-title")).to_contain_text("暖场 · 开播福袋")
    assert aborts, "the poll in flight was not aborted"
    assert Broadcast.objects.get(pk=show.pk).status == Status.LIVE
    page.unroute(f"**/b/{show.pk}/live/")


def test_two_operators_pressing_next_on_one_segment_move_the_show_once(
    page, live_server, live_show, browser
):
    """Two consoles show the same segment; both press Next before either hears of the other.
    The show moves one segment, and the late console says its press was not applied."""
    other, second = two_consoles(page, browser, live_server, live_show)
    for console in (page, second):
        expect(console.locator(".current-title")).to_contain_text("暖场")
    hold_polls(second, live_show)  # the second console has not yet heard of the first press
    page.get_by_role("button", name="Next →").click()
    expect(page.locator(".current-title")).to_contain_text("引流款")
    second.get_by_role("button", name="Next →").click()
    expect(second.locator(".messages")).to_contain_text("The show had already moved on")
    for console in (page, second):
        expect(console.locator(".current-title")).to_contain_text("引流款")
    on_air = [s.title for s in live_show.segments.all() if s.actual_start and not s.actual_end]
    assert len(on_air) == 1 and on_air[0].startswith("引流款")
    assert live_show.segments.exclude(actual_end=None).count() == 1
    other.close()
