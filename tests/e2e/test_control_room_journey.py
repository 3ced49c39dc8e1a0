"""A whole short show from the control room: start, tick cues off, a message to the host's big
screen, stock, advance; the crew's phone follows; the run-sheet PDF lists the cues."""

import re
import subprocess
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stage.broadcasts import Broadcast, Status
from stage.control import Cue, HostMessage, StockEntry
from stage.demo import add_example_cues, fill_example_show
from stage.sharing import ShareLink
from stage.teams import Role
from tests.e2e.conftest import SCREENSHOTS, hold_polls, log_in, two_consoles
from tests.factories import make_broadcast, make_member, make_team, make_user, soon


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    make_member(team, make_user("vera"), role=Role.VIEWER)
    broadcast = make_broadcast(team=team, title="今晚 8 点专场", start=soon(5))
    fill_example_show(broadcast)
    add_example_cues(broadcast)
    Broadcast.objects.filter(pk=broadcast.pk).update(status=Status.READY)
    return broadcast


def test_a_short_show_from_the_control_room(page, live_server, show, browser, tmp_path):
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/live/")
    # soon(5) is on the minute: late in a minute the countdown starts just under 04:00.
    expect(page.locator(".countdown.big")).to_have_text(re.compile(r"0[345]:\d\d"))

    hosts = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = hosts.new_page()
    log_in(screen, live_server, "vera")
    screen.goto(f"{live_server.url}/b/{show.pk}/live/screen/")
    link = ShareLink.objects.create(
        broadcast=show, label="crew", expires_at=timezone.now() + timedelta(days=1)
    )
    crew = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    phone = crew.new_page()
    phone.goto(f"{live_server.url}/s/{link.token}/phone/")

    page.get_by_role("button", name="Start the show").click()
    expect(page.locator(".current-title")).to_contain_text("暖场 · 开播福袋")
    expect(phone.locator(".current-title")).to_contain_text("暖场 · 开播福袋", timeout=3000)

    # The first cue of the warm-up: ticked off, with who.
    first = page.locator(".action-list li").first
    expect(first).to_contain_text("Fire giveaway")
    first.get_by_role("button").click()
    expect(page.locator(".action-list li.done").first).to_contain_text("bob")
    assert Cue.objects.filter(broadcast=show, done_by__username="bob").count() == 1

    # A one-tap message reaches the big screen within two seconds.
    page.locator("#message-form").get_by_role("button", name="Lucky bag next").click()
    started = time.monotonic()
    expect(screen.locator(".host-message")).to_have_text("Lucky bag next", timeout=2000)
    assert time.monotonic() - started < 2
    # A message too long for the screen is refused next to the field; the one showing stays.
    page.evaluate("document.getElementById('id_text').removeAttribute('maxlength')")
    page.fill("#id_text", "快" * 250)  # as a pasted text or an old browser would send it
    page.press("#id_text", "Enter")  # sends what was typed, not the first one-tap message
    expect(page.locator("#id_text_error")).to_contain_text("At most 200 characters")
    expect(screen.locator(".host-message")).to_have_text("Lucky bag next")

    # Stock: a negative release is refused, then a real entry shows what is in the cart.
    page.select_option("#id_product", label="#1 氨基酸洁面慕斯")
    page.fill("#id_released", "-5")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.locator("#id_released_error")).to_be_visible()
    page.fill("#id_released", "500")
    page.fill("#id_sold", "120")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.locator(".stock-table tbody tr").first).to_contain_text("380")
    assert StockEntry.objects.get().released == 500

    # Next: the screen shows the host card of link 1; the crew's phone follows.
    page.keyboard.press("ArrowRight")
    expect(page.locator(".current-title")).to_contain_text("引流款")
    expect(screen.locator(".card-name")).to_contain_text("Link 1 氨基酸洁面慕斯", timeout=3000)
    expect(screen.locator(".card-terms")).to_contain_text("380 in cart")
    expect(phone.locator(".current-title")).to_contain_text("引流款", timeout=3000)
    page.screenshot(path=str(SCREENSHOTS / "control-room.png"), full_page=True)
    screen.screenshot(path=str(SCREENSHOTS / "control-room-screen.png"))
    phone.screenshot(path=str(SCREENSHOTS / "control-room-phone.png"), full_page=True)
    # On a phone: one column, nothing wider than the screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width

    # The message is cleared from the screen, and stays in the record.
    page.get_by_role("button", name="Clear the screen").click()
    expect(screen.locator(".host-message")).to_have_count(0, timeout=2000)
    assert HostMessage.objects.get().cleared_at is not None

    # The run-sheet PDF lists the cues, ticked ones marked.
    pdf = page.request.get(f"{live_server.url}/b/{show.pk}/run-sheet.pdf")
    assert pdf.ok
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf.body())
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())  # words wrap inside the narrow cue column
    assert "✓ Fire giveaway" in text and "Release units · #1" in text and "Start ad slot" in text
    hosts.close()
    crew.close()


def test_two_operators_tick_the_same_cue(page, live_server, show, browser):
    """Two people at two consoles tick the first cue within a moment of each other: it stays
    ticked once, by the first, and both consoles show it so."""
    from stage.onair import step

    step(Broadcast.objects.get(pk=show.pk), "start", timezone.now(), confirmed={"early"})
    other, second = two_consoles(page, browser, live_server, show)
    for console in (page, second):
        expect(console.locator(".action-list li").first).to_contain_text("Fire giveaway")
    hold_polls(second, show)  # the second console has not yet heard of the first tick
    page.locator(".action-list li").first.get_by_role("button").click()
    expect(page.locator(".action-list li.done")).to_have_count(1)
    expect(second.locator(".action-list li.done")).to_have_count(0)
    second.locator(".action-list li").first.get_by_role("button").click()
    second.unroute(f"**/b/{show.pk}/live/")
    for console in (page, second):
        expect(console.locator(".action-list li.done")).to_have_count(1, timeout=3000)
        expect(console.locator(".action-list li.done")).to_contain_text("bob")
    assert Cue.objects.filter(broadcast=show).exclude(done_at=None).count() == 1
    other.close()


def test_the_cue_list_and_the_teams_one_tap_messages(page, live_server, show):
    """Before the show: a cue added by hand, a bad one refused next to its field, one edited;
    the owner's one-tap messages appear on the operator's console."""
    make_member(show.team, make_user("alice"), role=Role.OWNER)
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/b/{show.pk}/")
    page.get_by_role("link", name="Cue list").click()
    expect(page.locator("tbody tr")).to_have_count(Cue.objects.filter(broadcast=show).count())

    form = page.locator("#add-cue form")
    form.get_by_label("Segment", exact=True).select_option(label="暖场 · 开播福袋")
    form.get_by_label("Minutes into the segment").fill("12")  # the warm-up lasts 10
    form.get_by_label("Note").fill("提醒点关注")
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#id_add-offset_error")).to_contain_text("The segment lasts 10 min")
    expect(page.get_by_label("Note")).to_have_value("提醒点关注")  # nothing typed is lost
    page.get_by_label("Minutes into the segment").fill("3")
    page.locator("#add-cue form").get_by_role("button", name="Add").click()
    mine = page.locator("tbody tr", has_text="提醒点关注")
    expect(mine).to_contain_text("+3 min")

    mine.get_by_role("link", name="Edit").click()
    page.locator("tr.editing").get_by_label("Note").fill("提醒点关注 · 报福袋")
    page.locator("tr.editing").get_by_role("button", name="Save").click()
    expect(page.locator("tbody tr", has_text="提醒点关注 · 报福袋")).to_have_count(1)

    page.goto(f"{live_server.url}/team/")
    page.get_by_label("One-tap messages").fill("上链接\n三二一上车")
    page.get_by_role("button", name="Save").click()
    page.goto(f"{live_server.url}/b/{show.pk}/live/")
    presets = page.locator("#message-form .presets button")
    expect(presets).to_have_text(["上链接", "三二一上车"])
