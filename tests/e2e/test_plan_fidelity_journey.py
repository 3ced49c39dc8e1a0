"""Plan fidelity in a real browser: a taken cart link refused next to the field, the deal on
the run-sheet and in its PDF, a fix to a ready show started after confirming, and a
checklist edited on a phone."""

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stage.broadcasts import Status
from stage.checklists.signoff import SignOff
from stage.demo import fill_example_show
from stage.plan import LETTERS
from stage.teams import Role
from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.factories import in_days, make_broadcast, make_member, make_team, make_user


def shoot(page, name, full_page=False):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


@pytest.fixture
def show(transactional_db):
    team = make_team(name="星选美妆")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    broadcast = make_broadcast(team=team, title="美妆 × 零食 晚间专场", start=in_days(3))
    fill_example_show(broadcast)
    return broadcast


def test_a_second_product_on_link_2_is_refused_next_to_the_field(page, live_server, show):
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/S/")
    form = page.locator(".add-row form")
    form.locator("#id_add-link_number").fill("2")
    form.locator("#id_add-name").fill("补水面膜 10片")
    form.locator("#id_add-list_price").fill("99")
    form.locator("#id_add-live_price").fill("29.9")
    form.get_by_role("button", name="Add").click()
    field = page.locator(".add-row .field", has=page.locator("#id_add-link_number"))
    expect(field).to_contain_text("Link 2 already has “玻尿酸精华”")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(5)
    form.locator("#id_add-link_number").fill("6")
    form.get_by_role("button", name="Add").click()
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(6)
    expect(page.locator("table.rows")).to_contain_text("补水面膜 10片")


def test_the_flash_price_and_coupon_terms_reach_the_run_sheet_and_pdf(
    page, live_server, show, tmp_path, screenshot
):
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/run-sheet/")
    flash_row = page.locator("tr", has_text="秒杀 · 精华 149")
    expect(flash_row.locator(".rs-products")).to_contain_text("flash ¥149")
    expect(flash_row.locator(".rs-gifts")).to_contain_text("flash price ¥149")
    hero_row = page.locator("tr", has_text="爆款 · 玻尿酸精华")
    expect(hero_row.locator(".rs-gifts")).to_contain_text("spend ¥150 save ¥10")
    screenshot("plan-fidelity-runsheet-en")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    path = tmp_path / "run-sheet.pdf"
    download.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "flash ¥149" in flat and "flash price ¥149" in flat and "spend ¥150 save ¥10" in flat


@pytest.fixture
def ready(show):
    show.scheduled_start = timezone.now() + timedelta(minutes=10)
    show.save()
    bob = show.team.memberships.get().user
    for letter in LETTERS:
        SignOff.objects.create(broadcast=show, letter=letter, user=bob)
    return show


def test_mark_ready_fix_a_cue_then_start_after_confirming(page, live_server, ready, screenshot):
    log_in(page, live_server, "bob")
    hub = f"{live_server.url}/b/{ready.pk}/"
    page.goto(hub)
    page.get_by_role("button", name="Mark ready").click()
    expect(page.locator("#details .badge").first).to_have_text("Ready")
    expect(page.locator(".readiness-line")).to_contain_text("100%")

    # A one-word fix to a cue, minutes before air.
    page.goto(f"{live_server.url}/b/{ready.pk}/T/")
    row = page.locator("table.rows tbody tr[data-id]").nth(1)
    row.get_by_role("link", name="Edit").click()
    page.locator("#id_edit-cues").fill("1 号链接放 600 单 ×3")
    page.locator("tr.editing").get_by_role("button", name="Save").click()
    expect(page.locator("tr.editing")).to_have_count(0)
    page.reload()
    expect(page.locator(".changed-since")).to_contain_text("Changed since sign-off")
    expect(page.locator(".changed-since")).to_contain_text("bob changed")

    page.goto(hub)
    expect(page.locator("#details .badge").first).to_have_text("Ready")
    expect(page.locator(".letter.changed")).to_contain_text("Changed since sign-off")
    expect(page.locator(".readiness-line")).to_contain_text("80%")
    screenshot("plan-fidelity-hub-changed")

    page.goto(f"{live_server.url}/b/{ready.pk}/live/")
    expect(page.locator(".changed-since")).to_contain_text("Changed since sign-off: T.")
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Start the show").click()
    expect(page.get_by_role("button", name="Mark done")).to_be_visible()
    assert dialogs and "T changed since sign-off. Start anyway?" in dialogs[0]
    ready.refresh_from_db()
    assert ready.status == Status.LIVE


def test_a_checklist_edited_at_390px_in_chinese(browser, live_server, show):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/S/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = page.locator("table.rows tbody tr[data-id]").nth(1)
    expect(card).to_contain_text("玻尿酸精华")
    expect(card).to_contain_text("5.3折")
    edit = card.get_by_role("link", name="编辑")
    box = edit.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 390, box
    shoot(page, "plan-fidelity-lineup-390-zh-top")
    card.scroll_into_view_if_needed()
    shoot(page, "plan-fidelity-lineup-390-zh")
    edit.tap()
    page.locator("#id_edit-live_price").fill("149")
    shoot(page, "plan-fidelity-lineup-390-zh-editing")
    page.locator("tr.editing").get_by_role("button", name="保存").tap()
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(page.locator("table.rows tbody tr[data-id]").nth(1)).to_contain_text("5折")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "plan-fidelity-lineup-390-zh-saved")
    topbar = page.locator("header").first.bounding_box()
    assert topbar["height"] <= 64, topbar  # one line


@pytest.mark.parametrize(("zone", "shown"), [("Europe/Berlin", True), ("Asia/Shanghai", False)])
def test_the_team_zone_is_named_when_the_browser_keeps_another(
    browser, live_server, show, zone, shown
):
    context = browser.new_context(timezone_id=zone)
    page = context.new_page()
    log_in(page, live_server, "bob")
    for path in ("", "run-sheet/", "T/"):
        page.goto(f"{live_server.url}/b/{show.pk}/{path}")
        note = page.locator(".tz-note").first
        if shown:
            expect(note).to_be_visible()
            expect(note).to_contain_text("Asia/Shanghai (UTC+0800)")
        else:
            expect(note).to_be_hidden()
