"""A long show's kept pages reach Chromium as spliced gzip (issue 17) and read whole: every row,
a working token in every form, one page after edits."""

import pytest
from playwright.sync_api import expect

from stage.checklists.timing import Segment
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import make_broadcast, make_member, make_team, make_user


@pytest.fixture
def long_show(transactional_db):
    team = make_team(name="长播团队")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    show = make_broadcast(team=team, title="三百段长播")
    Segment.objects.bulk_create(
        Segment(broadcast=show, position=i, title=f"第 {i} 段", host_lines="讲解" * 20, minutes=5)
        for i in range(300)
    )
    return show


def test_a_long_checklist_arrives_gzipped_and_whole(page, live_server, long_show):
    log_in(page, live_server, "bob")
    url = f"{live_server.url}/b/{long_show.pk}/T/"
    page.goto(url)  # rendered and kept
    with page.expect_response(url) as answer:
        page.reload()  # the kept page, spliced
    assert answer.value.headers.get("content-encoding") == "gzip"
    rows = page.locator("#rows tr[data-id]")
    expect(rows).to_have_count(300)
    expect(page.locator("#rows")).to_contain_text("第 299 段")
    page.once("dialog", lambda dialog: dialog.accept())
    rows.nth(299).get_by_role("button", name="Delete").click()  # its form's token works
    expect(rows).to_have_count(299)
    page.reload()
    expect(rows).to_have_count(299)
    expect(page.locator("body > header")).to_have_count(1)  # still one page
