"""The demo as a new user meets it, in both languages: the list with readiness, tomorrow's
hub and run-sheet (and its PDF's first page), last week's review, and a checklist on a phone.
Screenshots land in test-results/screenshots for a person to look at."""

import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from stage.broadcasts import Broadcast
from tests.e2e.conftest import SCREENSHOTS, log_in

LANGUAGES = {"en": "English", "zh-hans": "简体中文"}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    upcoming = Broadcast.objects.get(title="美妆 × 零食 晚间专场")
    past = Broadcast.objects.get(title="上期 美妆专场")
    return upcoming, past


def shoot(page, name, full_page=False):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def choose(page, language):
    button = page.locator(".langswitch button", has_text=LANGUAGES[language])
    if button.is_visible():
        button.click()
        page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_new_user_reads_the_demo(browser, live_server, demo, language, tmp_path):
    upcoming, past = demo
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server, "demo", "demo")
    choose(page, language)
    expect(page.locator(".row-readiness .readiness-summary").first).to_be_visible()
    shoot(page, f"demo-list-{language}")

    page.goto(f"{live_server.url}/b/{upcoming.pk}/")
    expect(page.locator(".readiness-line")).to_contain_text("0 / 5")
    expect(page.locator("#run-sheet-card .ok-line")).to_be_visible()  # the lint finds nothing
    shoot(page, f"demo-hub-{language}", full_page=True)

    page.goto(f"{live_server.url}/b/{upcoming.pk}/run-sheet/")
    expect(page.locator(".rs-timeline tbody tr")).to_have_count(upcoming.segments.count())
    shoot(page, f"demo-runsheet-{language}")
    pdf = page.request.get(f"{live_server.url}/b/{upcoming.pk}/run-sheet.pdf")
    assert pdf.ok
    path = tmp_path / "run-sheet.pdf"
    path.write_bytes(pdf.body())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(path),
         str(SCREENSHOTS / f"demo-runsheet-pdf-{language}")],
        check=True,
    )  # fmt: skip

    page.goto(f"{live_server.url}/b/{past.pk}/review/")
    expect(page.locator("body")).to_contain_text("281,877")
    shoot(page, f"demo-review-{language}", full_page=True)

    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    small = phone.new_page()
    log_in(small, live_server, "demo", "demo")
    choose(small, language)
    small.goto(f"{live_server.url}/b/{upcoming.pk}/S/")
    assert small.evaluate("document.documentElement.scrollWidth") <= 390
    small.locator("table.rows tbody tr[data-id]").first.scroll_into_view_if_needed()
    shoot(small, f"demo-lineup-390-{language}")
