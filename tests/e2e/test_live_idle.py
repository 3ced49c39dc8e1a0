"""Live views left open while nothing changes, in Chromium with its ordinary HTTP cache.

Each view polls its own URL every second; a poll that finds nothing new must leave the page as
it was (one top bar, one #live, the same width), and the next change must still arrive.
"""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from stage.broadcasts import Broadcast
from stage.onair import step
from stage.sharing import ShareLink
from tests.e2e.conftest import log_in

IDLE_SECONDS = 15


def layout(page) -> dict:
    return page.evaluate(
        """() => ({
            lives: document.querySelectorAll('#live').length,
            topbars: document.querySelectorAll('.topbar').length,
            width: Math.round(document.getElementById('live').getBoundingClientRect().width),
        })"""
    )


def test_live_views_hold_while_idle_then_follow(browser, live_server, live_show):
    pk = live_show.pk
    link = ShareLink.objects.create(
        broadcast=live_show, label="crew", expires_at=timezone.now() + timedelta(days=1)
    )
    member = browser.new_context(viewport={"width": 1280, "height": 900})
    log_in(member.new_page(), live_server, "bob")
    crew = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    views = {
        "operator": (member, f"/b/{pk}/live/", 1),
        "screen": (member, f"/b/{pk}/live/screen/", 0),
        "phone": (member, f"/b/{pk}/live/phone/", 1),
        "shared phone": (crew, f"/s/{link.token}/phone/", 0),
    }
    pages, before, polls = {}, {}, {name: 0 for name in views}
    for name, (context, url, topbars) in views.items():
        page = context.new_page()
        page.on("requestfinished", lambda r, n=name: polls.__setitem__(n, polls[n] + 1))
        page.goto(live_server.url + url)
        expect(page.locator(".current-title")).to_contain_text("暖场 · 开播福袋")
        before[name] = layout(page)
        assert before[name]["lives"] == 1 and before[name]["topbars"] == topbars, name
        pages[name] = page

    pages["operator"].wait_for_timeout(IDLE_SECONDS * 1000)
    first = live_show.segments.first()
    deadline = first.actual_start + timedelta(minutes=first.minutes)
    for name, page in pages.items():
        assert polls[name] >= IDLE_SECONDS - 3, f"{name} polled {polls[name]} times"
        assert layout(page) == before[name], name
        shown = page.locator(".countdown").text_content()
        left = (deadline - timezone.now()).total_seconds()
        assert abs(int(shown[:2]) * 60 + int(shown[3:]) - left) <= 2, (name, shown, left)

    step(Broadcast.objects.get(pk=pk), "next", timezone.now())
    for name, page in pages.items():
        expect(page.locator(".current-title")).to_contain_text("引流款", timeout=3000)
        page.wait_for_timeout(1500)  # and a poll or two after the change
        assert layout(page) == before[name], name
        expect(page.locator(".current-title")).to_have_count(1)
    member.close()
    crew.close()
