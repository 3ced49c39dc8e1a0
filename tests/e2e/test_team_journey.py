import pytest
from playwright.sync_api import expect

from stage.teams import Membership, Role
from tests.e2e.conftest import log_in
from tests.factories import make_broadcast, make_member, make_team, make_user


@pytest.fixture
def teams(transactional_db):
    acme, other = make_team(name="Acme Live"), make_team(name="Second Shop")
    alice, bob = make_user("alice"), make_user("bob")
    make_member(acme, alice, role=Role.OWNER)
    make_member(other, alice, role=Role.OWNER)
    make_broadcast(team=acme, title="Acme evening show")
    make_broadcast(team=other, title="Second shop morning show")
    return acme, other, bob


def test_owner_invites_a_colleague_changes_a_role_and_switches_team(
    page, browser, live_server, teams, screenshot
):
    """No one joins a team unasked (issue 18): the owner makes a link, the colleague joins."""
    acme, other, bob = teams
    log_in(page, live_server, "alice")
    expect(page.locator("#results")).to_contain_text("Acme evening show")

    page.get_by_role("link", name="Team", exact=True).click()
    expect(page.get_by_label("Username")).to_have_count(0)
    invite = page.locator("#invite-form")
    invite.get_by_label("Role").select_option("viewer")
    invite.get_by_role("button", name="Invite").click()
    link = page.locator("#new-link").input_value()

    colleague = browser.new_context()
    bobs = colleague.new_page()
    bobs.goto(link)
    bobs.get_by_role("link", name="Log in to join").click()
    bobs.fill("#id_username", "bob")
    bobs.fill("#id_password", "pw")
    bobs.click("#login-form button[type=submit]")
    assert not Membership.objects.filter(team=acme, user=bob).exists()
    bobs.get_by_role("button", name="Join as bob").click()
    expect(bobs.locator(".messages")).to_contain_text("Welcome to Acme Live")
    expect(bobs.locator("#results")).to_contain_text("Acme evening show")
    colleague.close()
    assert Membership.objects.get(team=acme, user=bob).role == Role.VIEWER

    page.reload()
    bob_row = page.locator("tr", has_text="bob")
    bob_row.get_by_label("Role").select_option("editor")
    bob_row.get_by_role("button", name="Change").click()
    expect(page.locator(".messages")).to_contain_text("Role changed.")
    assert Membership.objects.get(team=acme, user=bob).role == Role.EDITOR
    screenshot("team-en")

    page.select_option("#team-switch", str(other.pk))
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("#results")).to_contain_text("Second shop morning show")
    expect(page.locator("#results")).not_to_contain_text("Acme evening show")
