import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from stage.demo import fill_example_show
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import make_broadcast, make_member, make_team, make_user


@pytest.fixture
def show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("vera"), role=Role.VIEWER)
    broadcast = make_broadcast(team=team, title="美妆 × 零食 晚间专场")
    fill_example_show(broadcast)
    return broadcast


def test_open_print_and_download_the_run_sheet(page, live_server, show, screenshot, tmp_path):
    log_in(page, live_server, "vera")
    page.get_by_role("link", name="美妆 × 零食 晚间专场").click()
    expect(page.locator(".timeline-picture svg")).to_be_visible()
    expect(page.locator(".findings .finding")).to_have_count(
        3
    )  # the slot off the grid, two lucky-bag gaps
    page.get_by_role("link", name="Open the run-sheet").click()

    rows = page.locator(".rs-timeline tbody tr")
    expect(rows).to_have_count(9)
    expect(rows.first).to_contain_text("19:00")
    expect(rows.last).to_contain_text("收尾 · 下播预告")
    expect(rows.nth(1)).to_contain_text("Link 1 氨基酸洁面慕斯")
    screenshot("runsheet-screen")

    # Print: the toolbar and top bar go, the header row and every segment stay.
    page.emulate_media(media="print")
    expect(page.locator(".rs-toolbar")).to_be_hidden()
    expect(page.locator(".topbar")).to_be_hidden()
    expect(rows).to_have_count(9)
    screenshot("runsheet-print")
    page.emulate_media(media="screen")

    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert pdf.value.path().read_bytes().startswith(b"%PDF-")

    with page.expect_download() as xlsx:
        page.get_by_role("link", name="XLSX").click()
    book = load_workbook(io.BytesIO(xlsx.value.path().read_bytes()))
    sheet = book["Run-sheet"]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "No.")
    assert sheet.max_row == header + 9  # nine segments under the show's facts and the header

    # Letter paper is one click away and carried into the PDF link.
    page.get_by_role("link", name="Letter").click()
    assert page.get_by_role("link", name="PDF").get_attribute("href").endswith("?paper=letter")
