"""Two people talk about a product on the lineup: a mention, the bell, a reply, resolved; and the
thread on a phone."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from stage.checklists.lineup import Product
from stage.teams import Role
from tests.e2e.conftest import SCREENSHOTS, log_in
from tests.factories import in_days, make_broadcast, make_member, make_team, make_user


@pytest.fixture
def serum(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("alice"), role=Role.OWNER)
    bob = make_user("bob")
    bob.first_name = "小波"
    bob.save()
    make_member(team, bob, role=Role.EDITOR)
    show = make_broadcast(team=team, title="Double 12 night", start=in_days(3))
    return Product.objects.create(
        broadcast=show,
        link_number=2,
        name="玻尿酸精华",
        list_price=Decimal("299"),
        live_price=Decimal("159"),
        stock=1200,
    )


def test_a_mention_reaches_bob_who_replies_and_alice_resolves(page, browser, live_server, serum):
    thread = f"{live_server.url}/b/{serum.broadcast_id}/comments/?on=S-{serum.pk}"
    log_in(page, live_server, "alice")
    page.goto(thread)
    expect(page.get_by_role("heading", level=1)).to_have_text("Comments on S · #2 玻尿酸精华")
    page.get_by_label("Comment", exact=True).fill("@小波 库存够三轮放量吗？")
    page.get_by_role("button", name="Comment", exact=True).click()
    first = page.locator("#thread .comment").first
    expect(first).to_contain_text("库存够三轮放量吗？")
    expect(page.get_by_label("Comment", exact=True)).to_have_value("")

    bob = browser.new_context().new_page()
    log_in(bob, live_server, "bob")
    expect(bob.locator(".bell .bell-count")).to_contain_text("1")
    bob.locator(".bell").click()
    expect(bob.get_by_role("heading", level=1)).to_have_text("Notifications")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    bob.screenshot(path=str(SCREENSHOTS / "notifications.png"))
    bob.get_by_role("button", name="alice mentioned you on S · #2 玻尿酸精华").click()
    expect(bob.locator("#thread .comment").first).to_contain_text("@小波 库存够三轮放量吗？")
    expect(bob.locator(".bell .bell-count")).to_have_count(0)
    bob.get_by_label("Comment", exact=True).fill("够，1200 件，每轮放 400。")
    bob.get_by_role("button", name="Comment", exact=True).click()
    expect(bob.locator("#thread .comment")).to_have_count(2)

    page.reload()
    expect(page.locator("#thread .comment").nth(1)).to_contain_text("每轮放 400")
    page.locator("#thread .comment").first.get_by_role("button", name="Resolve").click()
    expect(page.locator("#thread .comment.resolved")).to_contain_text("Resolved by alice")
    expect(page.locator("#thread .comment").first.get_by_role("button")).to_have_text("Reopen")

    # On a phone: nothing wider than the screen, every button big enough for a thumb.
    bob.set_viewport_size({"width": 390, "height": 844})
    bob.reload()
    expect(bob.locator("#thread .comment.resolved")).to_have_count(1)
    assert bob.evaluate("document.documentElement.scrollWidth") <= 390
    for button in bob.locator("#thread button, .bell").all():
        assert button.bounding_box()["height"] >= 44, button.inner_text()
    bob.screenshot(path=str(SCREENSHOTS / "comments-thread-phone.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / "comments-thread-desktop.png"), full_page=True)
    bob.context.close()
