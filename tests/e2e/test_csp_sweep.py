"""Every page of the app in a real browser, with no console error and no CSP violation.

The pages come from tests/registry.py (every GET the owner may open, the share-token pages
without an account); then the htmx interactions that swap markup in: inline edits on each
checklist, the hub's edit card, the GMV planner, the list filter and the live polls.
"""

import pytest
from playwright.sync_api import expect

from stage.broadcasts import Broadcast, Status
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import make_member, make_team, make_user
from tests.registry import LETTERS, OK, OK200, cases
from tests.registry_world import build_world

# The init script runs from Playwright, outside the page's CSP; it only listens.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


@pytest.fixture
def world(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("alice"), role=Role.OWNER)
    return build_world(team)


@pytest.fixture
def sweep(page):
    page.add_init_script(LISTEN_FOR_VIOLATIONS)

    def violations():
        return page.evaluate("window.__cspViolations || []")

    def visit(url):
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        page.wait_for_load_state("load")
        assert violations() == [], url

    visit.violations = violations
    return visit


def is_html(page, url: str) -> bool:
    """A page of its own (not a fragment only fetched into pages, like the pulse)."""
    response = page.request.get(url)
    assert response.status == 200, f"{url}: {response.status}"
    html = response.headers["content-type"].startswith("text/html")
    return html and b"<html" in response.body()


def test_every_page_and_swap_is_free_of_console_errors_and_csp_violations(
    page, live_server, world, sweep
):
    base = live_server.url
    pk = world.broadcast.pk

    # Without an account: the login page and the share-token pages, downloads aside.
    sweep(f"{base}/login/")
    for case in cases(method="get"):
        if case.access.anonymous == OK200 and is_html(page, base + case.path(world)):
            sweep(base + case.path(world))

    # The owner: every page, downloads aside.
    log_in(page, live_server, "alice")
    pages = 0
    for case in cases(method="get"):
        if case.access.owner not in (OK, OK200) or case.access.anonymous == OK200:
            continue
        case.prepare(world)
        url = base + case.path(world)
        if is_html(page, url):
            sweep(url)
            pages += 1
        Broadcast.objects.filter(pk=pk).update(status=Status.DRAFT)
    assert pages >= 20

    # Inline edits on each checklist: open, cancel with Escape, open, refuse a save inline.
    for letter in LETTERS:
        sweep(f"{base}/b/{pk}/{letter}/")
        first = page.locator("table.rows tbody tr[data-id]").first
        first.get_by_role("link", name="Edit").click()
        editing = page.locator("tr.editing form")
        expect(editing).to_be_visible()
        editing.locator("input:visible, textarea:visible").first.press("Escape")
        expect(page.locator("tr.editing")).to_have_count(0)
        page.locator("table.rows tbody tr[data-id]").first.get_by_role("link", name="Edit").click()
        expect(editing).to_be_visible()
        number = editing.locator("input[type=number]:visible").first
        if number.count():
            number.fill("-5")
            with page.expect_response(lambda r: r.request.method == "POST"):
                number.press("Enter")
            expect(page.locator("tr.editing .errorlist").first).to_be_visible()
        assert sweep.violations() == [], letter

    # The GMV planner recomputes as one types.
    sweep(f"{base}/b/{pk}/A/")
    with page.expect_response(lambda r: "planner=1" in r.url):
        page.fill("#id_c-uv", "60000")
        page.fill("#id_c-gmv", "")
    expect(page.locator("#planner .solved").first).to_contain_text("300,000")
    assert sweep.violations() == []

    # The hub's details card: edit in place, then cancel.
    sweep(f"{base}/b/{pk}/")
    page.locator("#details").get_by_role("link", name="Edit").click()
    expect(page.locator("#broadcast-form")).to_be_visible()
    page.locator("#broadcast-form [data-cancel]").click()
    expect(page.locator("#broadcast-form")).to_have_count(0)
    assert sweep.violations() == []

    # The list filter swaps the results as one types.
    sweep(f"{base}/")
    with page.expect_response(lambda r: "q=" in r.url):
        page.get_by_label("Search titles").fill("美妆")
    expect(page.locator("#results")).to_contain_text("美妆")
    assert sweep.violations() == []

    # The live views poll their partial every second.
    for view in ("live/", "live/screen/", "live/phone/"):
        sweep(f"{base}/b/{pk}/{view}")
        with page.expect_response(lambda r: "/live/" in r.url and r.request.method == "GET"):
            pass
        assert sweep.violations() == [], view
