import re

import pytest
from playwright.sync_api import expect

from stage.broadcasts import Status
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import in_days, make_broadcast, make_member, make_team, make_user


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    return make_broadcast(team=team, title="Double 12 night", start=in_days(3), planned_minutes=60)


def add_row(page, **fields):
    form = page.locator(".add-row form")
    for name, value in fields.items():
        field = form.locator(f"#id_add-{name}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.get_by_role("button", name="Add").click()


def titles(page):
    # textContent: rows scrolled out of view skip rendering (content-visibility), and their
    # innerText is then empty.
    strong = page.locator("table.rows tbody tr[data-id] td:nth-child(3) strong")
    return strong.all_text_contents()


def drag(page, source, target):
    """A real mouse drag; Sortable's fallback mode checks the pointer every 50 ms."""
    page.wait_for_selector("tbody[data-sortable-ready]", state="attached")
    box, goal = source.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):
        y = box["y"] + (goal["y"] - box["y"]) * step / 10 + 2
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.wait_for_timeout(60)
    page.wait_for_timeout(150)
    page.mouse.up()


def test_fill_all_five_checklists_reorder_sign_off_and_mark_ready(
    page, live_server, show, screenshot
):
    log_in(page, live_server, "bob")
    base = f"{live_server.url}/b/{show.pk}/"
    page.goto(base + "T/")

    # T: three segments, one refused inline first.
    add_row(page, title="Warm-up", kind="warmup", minutes="0")
    expect(page.locator("#id_add-minutes_error")).to_have_text(
        "A segment lasts at least one minute."
    )
    expect(page.locator("#id_add-title")).to_have_value("Warm-up")
    page.fill("#id_add-minutes", "10")
    page.locator("#id_add-minutes").press("Enter")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(1)
    add_row(page, title="Hero serum", kind="hero", minutes="30")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(2)
    add_row(page, title="Closing", kind="closing", minutes="20")
    expect(page.locator("#over-under")).to_have_text("±0 min")
    assert titles(page) == ["Warm-up", "Hero serum", "Closing"]

    # Drag "Closing" to the top, then move "Warm-up" down with the keyboard.
    rows = page.locator("table.rows tbody tr[data-id]")
    with page.expect_response(lambda r: "/reorder/" in r.url and r.status == 200):
        drag(page, rows.nth(2).locator(".handle"), rows.nth(0))
    # The server's sheet is in: the top row's "Move up" is disabled only in its rendering.
    closing = page.locator("tr[data-id]", has_text="Closing")
    expect(closing.get_by_role("button", name="Move up")).to_be_disabled()
    assert titles(page) == ["Closing", "Warm-up", "Hero serum"]
    move_down = page.locator("tr[data-id]", has_text="Warm-up").get_by_role(
        "button", name="Move down"
    )
    move_down.focus()
    expect(move_down).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("table.rows tbody tr[data-id]").last).to_contain_text("Warm-up")
    page.reload()
    assert titles(page) == ["Closing", "Hero serum", "Warm-up"]
    assert list(Segment.objects.values_list("title", flat=True)) == [
        "Closing",
        "Hero serum",
        "Warm-up",
    ]

    # Edit in place: Enter saves and the clock times follow.
    page.locator("tr[data-id]", has_text="Closing").get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()  # the form is in and settled
    page.fill("#id_edit-minutes", "15")
    page.locator("#id_edit-minutes").press("Enter")
    expect(page.locator("#over-under")).to_have_text("−5 min")
    page.locator("tr[data-id]", has_text="Closing").get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()
    page.fill("#id_edit-minutes", "20")
    page.locator("#id_edit-minutes").press("Enter")
    expect(page.locator("#over-under")).to_have_text("±0 min")
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".signoff .signed")).to_contain_text("Signed off by bob")

    # An edit that moves no clock time comes back as its row; the readiness above follows.
    hero = page.locator("tr[data-id]", has_text="Hero serum")
    hero.get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()
    page.fill("#id_edit-host_lines", "全网最低价")
    with page.expect_response(lambda r: "/rows/" in r.url) as answer:
        page.get_by_role("button", name="Save").click()
    assert 'id="sheet"' not in answer.value.text()
    expect(hero).to_contain_text("全网最低价")
    expect(hero.get_by_role("link", name="Edit")).to_be_focused()  # back where the edit began
    expect(page.locator(".readiness .finding")).to_contain_text("Advertising Law")
    expect(page.locator(".signoff .unsigned")).to_be_visible()
    hero.get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()
    page.keyboard.press("Escape")  # Cancel brings the row back as it was
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(hero.get_by_role("link", name="Edit")).to_be_focused()
    hero.get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()
    page.fill("#id_edit-host_lines", "")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".readiness .ok-line")).to_be_visible()
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".signoff .signed")).to_contain_text("Signed off by bob")

    # A: budget, audience mix and one slot.
    page.get_by_role("link", name=re.compile("Ad-spend plan")).click()
    page.fill("#id_plan-budget", "40000")
    page.fill("#id_plan-target_roi", "3")
    page.fill("#id_plan-conversion_pct", "5")
    page.fill("#id_plan-aov", "100")
    page.fill("#id_plan-mix_old", "40")
    page.fill("#id_plan-mix_new", "35")
    page.fill("#id_plan-mix_paid", "25")
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("#mix-total")).to_have_text("100%")
    add_row(
        page,
        start=show.local_start.strftime("%H:%M"),
        end=show.ends_at.astimezone(show.local_start.tzinfo).strftime("%H:%M"),
        share="100",
    )
    expect(page.locator("#share-total")).to_have_text("100%")
    expect(page.locator("table.rows")).to_contain_text("¥40,000.00")
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".signoff .signed")).to_be_visible()

    # S: a hero product shown in the hero segment.
    page.get_by_role("link", name=re.compile("Product lineup")).click()
    add_row(
        page,
        link_number="1",
        name="Hyaluronic serum",
        role="hero",
        list_price="299",
        live_price="399",
        stock="1200",
        planned_units="1000",
    )
    expect(page.locator("#id_add-live_price_error")).to_have_text(
        "The live price is above the list price."
    )
    page.fill("#id_add-live_price", "159")
    page.locator(".add-row").get_by_label("Hero serum").check()
    page.locator(".add-row").get_by_role("button", name="Add").click()
    expect(page.locator("table.rows")).to_contain_text("47% off")
    expect(page.locator("#lineup-total")).to_have_text("¥159,000.00")
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".signoff .signed")).to_be_visible()

    # G: a lucky bag in the warm-up segment, then a coupon deleted again.
    page.get_by_role("link", name=re.compile("Giveaways")).click()
    add_row(
        page,
        kind="lucky_bag",
        entry_rule="keyword",
        entry_detail="美美",
        quantity="10",
        prize="Cleansing mousse",
        unit_value="89",
    )
    expect(page.locator("#giveaway-cost")).to_have_text("¥890.00")
    add_row(page, kind="coupon", quantity="1000", coupon_threshold="150", coupon_discount="10")
    expect(page.locator("#giveaway-cost")).to_have_text("¥10,890.00")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator("tr[data-id]", has_text="Coupon").get_by_role("button", name="Delete").click()
    expect(page.locator("#giveaway-cost")).to_have_text("¥890.00")
    assert asked == ["Delete this row?"]
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".signoff .signed")).to_be_visible()

    # E: two teasers.
    page.get_by_role("link", name=re.compile("Warm-up content")).click()
    add_row(
        page,
        channel="short_video",
        title="Teaser video",
        publish="D-1 20:00",
        expected_reservations="3000",
    )
    expect(page.locator("table.rows")).to_contain_text("D-1 20:00")
    add_row(
        page, channel="group", title="Fan group post", publish="H-1", expected_reservations="1500"
    )
    expect(page.locator("#reservations")).to_have_text("4500")
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".signoff .signed")).to_be_visible()
    for letter in "TASGE":
        page.goto(base + f"{letter}/")
        screenshot(f"checklist-{letter}-en")

    # The hub shows five signed letters and the broadcast can be marked ready.
    page.goto(base)
    expect(page.locator(".letter.signed")).to_have_count(5)
    screenshot("hub-ready-en")
    page.get_by_role("button", name="Mark ready").click()
    expect(page.locator("#details .badge")).to_have_text("Ready")
    show.refresh_from_db()
    assert show.status == Status.READY

    page.get_by_role("button", name="简体中文").click()
    for letter in "TASGE":
        page.goto(base + f"{letter}/")
        screenshot(f"checklist-{letter}-zh")
    page.goto(base)
    expect(page.locator("#details .badge")).to_have_text("就绪")
    screenshot("hub-ready-zh")


def test_the_row_buttons_work_without_javascript(browser, live_server, show):
    """The move and delete buttons submit the table's two forms natively (form + formaction)."""
    for position, title in enumerate(["Opening", "Hero serum", "Closing"]):
        Segment.objects.create(broadcast=show, position=position, title=title, minutes=20)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/T/")
    opening = page.locator("tr[data-id]", has_text="Opening")
    opening.get_by_role("button", name="Move down").click()
    page.wait_for_load_state()
    assert titles(page) == ["Hero serum", "Opening", "Closing"]
    page.locator("tr[data-id]", has_text="Closing").get_by_role("button", name="Delete").click()
    page.wait_for_load_state()
    assert titles(page) == ["Hero serum", "Opening"]
    page.locator("tr[data-id]", has_text="Opening").get_by_role("link", name="Edit").click()
    page.fill("#id_edit-title", "Opening, longer")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert titles(page) == ["Hero serum", "Opening, longer"]
    context.close()


def test_a_length_edit_moves_the_clock_of_the_rows_after_it(page, live_server, show):
    """Issue 17: the answer is the row and the later rows' clock times, not the whole sheet."""
    fill_example_show(show)
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/T/")
    rows = page.locator("tr[data-id]")
    expect(rows.nth(2).locator("td.time")).to_contain_text("19:25–20:00")
    rows.nth(1).get_by_role("link", name="Edit").click()
    expect(page.locator("#id_edit-title")).to_be_focused()
    page.fill("#id_edit-minutes", "30")
    with page.expect_response(lambda r: "/rows/" in r.url) as answer:
        page.locator("#id_edit-minutes").press("Enter")
    assert 'id="sheet"' not in answer.value.text()
    expect(rows.nth(2).locator("td.time")).to_contain_text("19:40–20:15")
    expect(rows.last.locator("td.time")).to_contain_text("22:15")
    expect(page.locator("#over-under")).to_have_text("+135 min")  # 195 of the 60 planned
    assert page.locator("tr[data-id]").count() == 9
    assert page.locator("td.time").count() == 9
    expect(rows.nth(1).get_by_role("link", name="Edit")).to_be_focused()
