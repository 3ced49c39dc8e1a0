import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from stage.actuals import ShowActuals
from stage.broadcasts import Broadcast, Status
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.teams import Role
from tests.e2e.conftest import log_in
from tests.factories import make_broadcast, make_member, make_team, make_user

# Minutes each segment really ran, as the show control recorded them: the hero ran long.
RAN = [11, 15, 40, 14, 33, 15, 24, 19, 9]


@pytest.fixture
def done_show(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    broadcast = make_broadcast(team=team, title="美妆 × 零食 晚间专场", status=Status.DONE)
    fill_example_show(broadcast)
    at = broadcast.scheduled_start
    segments = list(broadcast.segments.all())
    for segment, minutes in zip(segments, RAN, strict=True):
        segment.actual_start, segment.actual_end = at, at + timedelta(minutes=minutes)
        at = segment.actual_end
    Segment.objects.bulk_update(segments, ["actual_start", "actual_end"])
    return broadcast


def test_enter_actuals_fix_a_mistake_and_read_the_review(page, live_server, done_show, screenshot):
    log_in(page, live_server, "bob")
    page.get_by_role("link", name="美妆 × 零食 晚间专场").click()
    expect(page.locator("#details .badge")).to_have_text("Done")
    page.goto(f"{live_server.url}/b/{done_show.pk}/review/")
    expect(page.get_by_role("heading", name="No actuals yet")).to_be_visible()
    page.get_by_role("link", name="Enter actuals").first.click()

    # One slip: more buyers than orders. The server refuses it next to the field.
    figures = {"gmv": "288000", "uv": "64000", "pv": "120000", "orders": "3100",
               "buyers": "3200", "new_followers": "1920", "avg_watch_seconds": "95",
               "ad_spend": "42000", "ad_gmv": "117600"}  # fmt: skip
    for name, value in figures.items():
        page.fill(f"#id_{name}", value)
    hero = done_show.segments.get(position=3)
    page.fill(f"#id_seg-{hero.pk}-gmv", "48000")
    page.fill(f"#id_seg-{hero.pk}-orders", "310")
    page.get_by_role("button", name="Save actuals").click()
    expect(page.locator("#id_buyers_error")).to_contain_text("Buyers cannot exceed orders")
    expect(page.locator(".form-error")).to_contain_text("Nothing has been saved yet.")
    expect(page.locator("#id_gmv")).to_have_value("288000")
    expect(page.locator(f"#id_seg-{hero.pk}-gmv")).to_have_value("48000")
    assert not ShowActuals.objects.exists()
    screenshot("actuals-refused-en")

    page.fill("#id_buyers", "2880")
    page.get_by_role("button", name="Save actuals").click()
    page.wait_for_url(re.compile(r"/b/\d+/review/$"))
    expect(page.locator(".messages")).to_contain_text("Actuals saved.")
    assert Broadcast.objects.get(pk=done_show.pk).status == Status.REVIEWED

    gmv = page.locator("#figure-gmv")
    expect(gmv).to_contain_text("¥300,000.00")
    expect(gmv).to_contain_text("¥288,000.00")
    expect(gmv).to_contain_text("−4.0%")
    expect(page.locator("#figure-gpm")).to_contain_text("¥2,400.00")
    expect(page.locator("#figure-roi")).to_contain_text("2.80")
    misses = page.locator(".rv-misses li")
    expect(misses).to_have_count(3)
    expect(misses.first).to_contain_text("Conversion")
    expect(page.locator(".review-chart svg")).to_be_visible()
    expect(page.locator(f"#segment-{hero.pk}")).to_contain_text("35 / 40")
    expect(page.locator(f"#segment-{hero.pk}")).to_contain_text("¥48,000.00")
    screenshot("review-en")

    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF").click()
    assert pdf.value.suggested_filename.endswith("review.pdf")
    assert pdf.value.path().read_bytes().startswith(b"%PDF-")

    # On a phone the page stays readable; the chart scrolls sideways instead of shrinking.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#figure-gmv")).to_be_visible()
    screenshot("review-390")
