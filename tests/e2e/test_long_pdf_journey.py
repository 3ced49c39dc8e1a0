"""A long show's PDF in the browser (issue 18): the page says it is being prepared, polls, and
the PDF downloads by itself once the task worker has made it."""

from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_a_long_shows_pdf_downloads_once_the_worker_made_it(
    page, live_server, live_show, settings, screenshot
):
    settings.PAPER_INLINE_SEGMENTS = 5  # the show has 9: its PDF is the worker's
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{live_show.pk}/run-sheet/")
    page.get_by_role("link", name="PDF", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preparing the PDF")
    expect(page.locator(".paper-waiting")).to_contain_text("has 9 segments")
    page.wait_for_timeout(2500)  # a poll or two while nothing is made
    expect(page.get_by_role("heading", level=1)).to_have_text("Preparing the PDF")
    screenshot("pdf-waiting-en", full_page=False)
    with page.expect_download(timeout=15_000) as download:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert download.value.suggested_filename.endswith(".pdf")
    expect(page.get_by_role("heading", level=1)).to_have_text("The PDF is ready")
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(live_show.title)
