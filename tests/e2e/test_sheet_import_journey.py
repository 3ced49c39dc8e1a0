"""A team brings its 直播脚本 in: a workbook becomes a show, corrected in the preview first."""

import pytest
from playwright.sync_api import expect

from stage.broadcasts import Broadcast
from stage.checklists.timing import Segment
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import in_days, make_broadcast, make_member, make_team, make_user
from tests.foreign_sheets import SAMPLES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BEAUTY = next(s for s in SAMPLES if s.name == "kuaishou_beauty_xlsx")


@pytest.fixture
def team(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    return team


def preview(page, file):
    page.set_input_files("#id_file", file)
    page.get_by_role("button", name="Preview").click()


def test_a_workbook_becomes_a_show_after_a_column_and_a_row_are_corrected(
    page, live_server, team, screenshot
):
    log_in(page, live_server, "bob")
    page.get_by_role("link", name="Import a 直播脚本").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import a livestream script")

    # Not a spreadsheet: said next to the field, nothing saved.
    preview(page, {"name": "photo.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n"})
    expect(page.locator("#id_file_error")).to_contain_text("This is not a spreadsheet")

    preview(page, {"name": BEAUTY.filename, "mimeType": XLSX, "buffer": BEAUTY.content})
    script, products = page.locator("#sheet-0"), page.locator("#sheet-1")
    expect(script.locator("select[name=kind-0]")).to_have_value("script")
    expect(products.locator("select[name=kind-1]")).to_have_value("products")
    expect(page.locator("#show-1 .segment-count")).to_contain_text("10 · 180")
    expect(script.locator(".line-section")).to_have_count(5)
    expect(script.locator(".line-total")).to_have_count(1)
    screenshot("sheet-import-preview-en")

    # The 场控 column holds notes for this team; the rehearsal-like row 15 (答疑) is left out.
    script.get_by_label("场控").select_option("notes")
    page.get_by_role("checkbox", name="Skip row 15").check()
    page.get_by_role("button", name="Update the preview").click()
    expect(page.locator("#show-1 .segment-count")).to_contain_text("9 · 165")
    expect(page.get_by_role("checkbox", name="Skip row 15")).to_be_checked()
    expect(page.locator("#sheet-0").get_by_label("场控")).to_have_value("notes")
    assert Broadcast.objects.count() == 0  # nothing written before the import

    page.get_by_role("button", name="Import", exact=True).click()
    show = Broadcast.objects.get()
    page.wait_for_url(f"{live_server.url}/b/{show.pk}/")
    expect(page.locator(".messages").first).to_contain_text("imported 9 segments, 5 new products")
    assert show.segments.count() == 9 and not show.segments.filter(title="答疑 Q&A").exists()
    assert show.segments.exclude(cues="").count() == 0

    page.goto(f"{live_server.url}/b/{show.pk}/T/")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(9)
    page.goto(f"{live_server.url}/b/{show.pk}/S/")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(5)
    page.goto(f"{live_server.url}/b/{show.pk}/G/")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(6)
    screenshot("sheet-import-giveaways-en")


def test_a_script_goes_into_a_show_on_a_phone(page, live_server, team, screenshot):
    show = make_broadcast(team=team, title="Double 12 night", start=in_days(3))
    Segment.objects.create(broadcast=show, position=1, title="Opening", minutes=10)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/T/import/")
    csv = "时间,环节,产品,福利\n19:00-19:10,开场,,福袋 10个\n"
    csv += "19:10-19:25,引流款,1号链接 洁面慕斯 ￥9.9,\n"  # GBK has the full-width ￥ only
    preview(page, {"name": "脚本.csv", "mimeType": "text/csv", "buffer": csv.encode("gbk")})
    button = page.get_by_role("button", name="Import", exact=True)
    expect(button).to_be_visible()
    assert button.bounding_box()["height"] >= 44
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    screenshot("sheet-import-phone-en")
    button.click()
    page.wait_for_url(f"{live_server.url}/b/{show.pk}/T/")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(3)
    assert list(show.segments.values_list("title", flat=True)) == ["Opening", "开场", "引流款"]
    assert show.giveaways.get().segment.title == "开场"


def test_one_preview_imported_from_two_tabs_comes_in_once(page, live_server, team, browser):
    """The same preview open in two tabs (or a confirm clicked twice): the second says it was
    already imported, and the show has its rows once."""
    show = make_broadcast(team=team, title="Double 12 night", start=in_days(3))
    log_in(page, live_server, "bob")
    csv = "时间,环节,产品\n19:00-19:10,开场,\n19:10-19:25,引流款,1号链接 洁面慕斯 ￥9.9\n"
    upload = {"name": "脚本.csv", "mimeType": "text/csv", "buffer": csv.encode("gbk")}
    page.goto(f"{live_server.url}/b/{show.pk}/T/import/")
    preview(page, upload)
    second = page.context.new_page()
    second.goto(page.url)  # the preview's own page, not yet confirmed
    second.set_content(page.content(), wait_until="domcontentloaded")
    second_button = second.get_by_role("button", name="Import", exact=True)
    expect(second_button).to_be_visible()

    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url(f"{live_server.url}/b/{show.pk}/T/")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(2)

    second_button.click()
    expect(second.get_by_text("This preview has already been imported.")).to_be_visible()
    assert list(show.segments.values_list("title", flat=True)) == ["开场", "引流款"]
    assert show.products.count() == 1
