import pytest
from playwright.sync_api import expect

from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import in_days, make_broadcast, make_member, make_team, make_user
from tests.test_sheet_import import EXAMPLE, xlsx_bytes


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    return make_broadcast(team=team, title="Double 12 night", start=in_days(3), planned_minutes=200)


def xlsx_file(rows) -> dict:
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return {"name": "script.xlsx", "mimeType": mime, "buffer": xlsx_bytes(rows)}


def csv_file(text: str) -> dict:
    return {"name": "script.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8-sig")}


def preview(page, file):
    page.set_input_files("#id_file", file)
    page.get_by_role("button", name="Preview").click()


def test_import_a_script_from_csv_then_xlsx_with_refusals_next_to_the_field(
    page, live_server, show, screenshot
):
    log_in(page, live_server, "bob")
    import_url = f"{live_server.url}/b/{show.pk}/T/import/"
    page.goto(import_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import a livestream script")
    screenshot("sheet-import-upload-en")

    # A file without a title column is refused next to the field, nothing saved.
    preview(page, csv_file("类型,时长\n暖场,10\n"))
    expect(page.locator("#id_file_error")).to_contain_text("No title column")
    expect(page.locator("#confirm-form")).to_have_count(0)
    screenshot("sheet-import-refused-en")

    # A bad row: the preview shows its problem on the row itself.
    preview(page, csv_file("环节,类型,时长\n暖场,暖场,10\n爆款,抽风,0\n"))
    expect(page.locator("#id_file_error")).to_contain_text("1 row has a problem")
    bad = page.locator("#import-row-3")
    expect(bad).to_contain_text("Unknown kind “抽风”")
    expect(bad).to_contain_text("A segment lasts at least one minute.")
    expect(page.locator("#confirm-form")).to_have_count(0)
    screenshot("sheet-import-row-problem-en")
    assert Segment.objects.count() == 0

    # The example show: nine segments and five new products.
    preview(page, str(EXAMPLE))
    expect(page.locator("#preview tbody tr")).to_have_count(9)
    expect(page.locator("#segment-count")).to_contain_text("9 segments, after the 0 already")
    expect(page.locator("#new-products .chip")).to_have_count(5)
    expect(page.locator("#ignored-columns")).to_have_text("时间")
    screenshot("sheet-import-preview-en")
    page.get_by_role("button", name="Import 9 segments").click()
    page.wait_for_url(f"{live_server.url}/b/{show.pk}/T/")
    expect(page.locator(".messages").first).to_contain_text(
        "Imported 9 segments and 5 new products."
    )
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(9)
    expect(page.locator("#over-under")).to_have_text("−20 min")
    expect(page.locator("tr[data-id]", has_text="引流款")).to_contain_text("#1 氨基酸洁面慕斯")
    screenshot("sheet-import-done-en")

    # An .xlsx in English appends two more, linking a product of the lineup.
    page.goto(import_url)
    rows = [
        ["Title", "Kind", "Minutes", "Host lines", "Products", "Owner"],
        ["Q&A", "Q&A", 10, "Ask us anything", "#2 玻尿酸精华", "Lu"],
        ["Lip balm teaser", "hero", 10, None, "Lip balm ¥29.9", "Lu"],
    ]
    preview(page, xlsx_file(rows))
    expect(page.locator("#segment-count")).to_contain_text("2 segments, after the 9 already")
    expect(page.locator("#linked-products")).to_contain_text("#2 玻尿酸精华")
    expect(page.locator("#new-products")).to_contain_text("#6 Lip balm ¥29.9")
    expect(page.locator("#ignored-columns")).to_have_text("Owner")
    page.get_by_role("button", name="Import 2 segments").click()
    page.wait_for_url(f"{live_server.url}/b/{show.pk}/T/")
    expect(page.locator("table.rows tbody tr[data-id]")).to_have_count(11)
    expect(page.locator("table.rows tbody tr[data-id]").last).to_contain_text("Lip balm teaser")
    expect(page.locator("#over-under")).to_have_text("±0 min")
    assert Product.objects.count() == 6
