"""A team grows without a server admin: invite by mail, sign up, forget the password, reset it;
and a new team lead signs up with their own team."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from stage.teams import Membership, Role
from tests.e2e.conftest import log_in
from tests.factories import make_member, make_team, make_user


@pytest.fixture
def team(transactional_db):
    team = make_team(name="Acme Live")
    make_member(team, make_user("alice"), role=Role.OWNER)
    return team


def mailed_link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_an_invited_colleague_joins_forgets_the_password_and_resets_it(
    page, live_server, team, screenshot
):
    mail.outbox.clear()
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/team/")
    invite = page.locator("#invite-form")
    invite.get_by_label("Email").fill("lu@example.com")
    invite.get_by_label("Role").select_option("editor")
    invite.get_by_role("button", name="Invite").click()
    expect(page.locator(".messages")).to_contain_text("Invitation sent to lu@example.com")
    expect(page.locator("#invitations tbody tr").first).to_contain_text("Open")
    screenshot("team-invitations-en")
    (message,) = mail.outbox
    page.get_by_role("button", name="Log out").click()

    page.goto(mailed_link(message))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Acme Live")
    form = page.locator("#signup-form")
    form.get_by_label("Username").fill("lu")
    expect(form.get_by_label("Email")).to_have_value("lu@example.com")
    form.get_by_label("Password", exact=True).fill("a long pass phrase 7")
    form.get_by_label("Password confirmation").fill("a long pass phrase 7")
    form.get_by_role("button", name="Create the account and join").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".messages")).to_contain_text("Welcome to Acme Live")
    assert Membership.objects.get(user__username="lu", team=team).role == Role.EDITOR
    page.get_by_role("button", name="Log out").click()

    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("lu@example.com")
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("#reset-sent")).to_be_visible()
    reset = mail.outbox[-1]
    assert reset.to == ["lu@example.com"]
    page.goto(mailed_link(reset))
    page.get_by_label("New password", exact=True).fill("another pass phrase 9")
    page.get_by_label("New password confirmation").fill("another pass phrase 9")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password changed")
    log_in(page, live_server, "lu", "another pass phrase 9")
    expect(page.locator(".teamname")).to_contain_text("Acme Live")


def test_a_new_team_lead_signs_up_with_a_team_on_a_phone(
    page, live_server, transactional_db, settings, screenshot
):
    settings.OPEN_SIGNUP = True
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Create an account").click()
    form = page.locator("#signup-form")
    form.get_by_label("Username").fill("mei")
    form.get_by_label("Email").fill("mei@example.com")
    form.get_by_label("Password", exact=True).fill("a long pass phrase 7")
    form.get_by_label("Password confirmation").fill("a long pass phrase 7")
    form.get_by_label("Team name").fill("Mei Live")
    screenshot("signup-phone-en")
    button = form.get_by_role("button", name="Create the account")
    assert button.bounding_box()["height"] >= 44
    button.click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".messages")).to_contain_text("Welcome to STAGE")
    assert Membership.objects.get(user__username="mei").role == Role.OWNER


def test_a_member_names_themselves_picks_chinese_and_hands_the_team_over(page, live_server, team):
    bob = make_user("bob")
    make_member(team, bob, role=Role.EDITOR)
    log_in(page, live_server, "alice")
    page.locator(".who").click()
    form = page.locator("#profile-form")
    form.get_by_label("Display name").fill("小鹿")
    form.get_by_label("Language").select_option("zh-hans")
    form.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("个人资料已保存")
    expect(page.locator(".who")).to_have_text("小鹿")

    page.goto(f"{live_server.url}/team/")
    row = page.locator("table.members tr", has_text="bob")
    row.get_by_role("button", name="移交负责人").click()
    expect(page.locator(".messages")).to_contain_text("bob 现在是团队负责人")
    page.get_by_role("button", name="退出团队").click()
    expect(page.locator(".messages")).to_contain_text("你已退出 Acme Live")
    roles = dict(Membership.objects.filter(team=team).values_list("user__username", "role"))
    assert roles == {"bob": Role.OWNER}
