import json
import re

import pytest
from playwright.sync_api import expect

from stage.broadcasts import Broadcast, Status
from stage.demo import fill_example_show
from stage.teams import Role
from stage.transfer import export_broadcast
from tests.e2e.conftest import log_in
from tests.factories import make_broadcast, make_member, make_team, make_user


@pytest.fixture
def team(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    return team


@pytest.fixture
def files(tmp_path, team):
    """The example show of another team as a JSON file, and a copy with one bad value."""
    source = make_broadcast(team=make_team(name="Other Shop"), title="双十二 · 美妆零食专场")
    fill_example_show(source)
    document = export_broadcast(Broadcast.objects.select_related("team").get(pk=source.pk))
    good, bad = tmp_path / "show.json", tmp_path / "broken.json"
    good.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    document["segments"][3]["minutes"] = 0
    bad.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return good, bad


def test_import_a_broadcast_file_after_a_refused_one(page, live_server, team, files, screenshot):
    good, bad = files
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/import/")
    expect(page.get_by_role("heading", name="Import a broadcast")).to_be_visible()

    # A file with a bad value is refused next to the field, with its place in the file.
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#id_file_error")).to_contain_text(
        "segments[3].minutes: A segment lasts at least one minute."
    )
    expect(page.locator(".form-error")).to_contain_text("nothing has been saved")
    screenshot("import-refused-en")
    assert not Broadcast.objects.filter(team=team).exists()

    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/b/\d+/$"))
    expect(page.locator("#details h1")).to_have_text("双十二 · 美妆零食专场")
    expect(page.locator(".messages")).to_contain_text("imported")
    screenshot("import-done-en")
    imported = Broadcast.objects.get(team=team)
    assert imported.status == Status.DRAFT
    assert imported.segments.count() == 9
