"""Every write of the project needs the CSRF token: without it 403 and nothing changes."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.registry import cases
from tests.registry_world import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

POSTS = cases(method="post")
# What htmx sends: base.html puts the token in <body hx-headers='{"x-csrftoken": "…"}'>.
HX_HEADERS = re.compile(r"hx-headers='([^']*)'")


def csrf_client(user) -> Client:
    """A browser-like client that checks CSRF, logged in, with the CSRF cookie from a first page
    and the token that page gave its scripts."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get(reverse("broadcast_list"))
    assert page.status_code == 200
    assert settings.CSRF_COOKIE_NAME in client.cookies
    client.page_token = page_token(page.content.decode())
    return client


@pytest.fixture
def owner(walk):
    return csrf_client(walk.people["owner"])


def page_token(page: str) -> str:
    [headers] = HX_HEADERS.findall(page)
    return re.search(r'"x-csrftoken":\s*"([^"]+)"', unescape(headers)).group(1)


REPRESENTATIVE = [
    c
    for c in POSTS
    if c.id in {"broadcast_edit-post", "row_update-T-post", "signoff-G-post", "invite_create-post"}
]


class TestEveryWrite:
    @pytest.mark.parametrize("case", POSTS, ids=lambda c: c.id)
    def test_a_write_without_the_token_is_refused_and_changes_nothing(self, owner, walk, case):
        world = walk.world
        case.prepare(world)
        data = case.data(world)
        before = snapshot()
        response = case.request(owner, world, data)
        assert response.status_code == 403
        assert snapshot() == before

    @pytest.mark.parametrize("case", POSTS, ids=lambda c: c.id)
    def test_a_write_with_the_token_of_the_page_succeeds(self, owner, walk, case):
        world = walk.world
        case.prepare(world)
        response = case.request(owner, world, None, **{"X-CSRFToken": owner.page_token})
        assert 200 <= response.status_code < 400, response.status_code

    @pytest.mark.parametrize("case", REPRESENTATIVE, ids=lambda c: c.id)
    def test_the_cookie_value_as_header_also_succeeds(self, owner, walk, case):
        world = walk.world
        token = owner.cookies[settings.CSRF_COOKIE_NAME].value
        response = case.request(owner, world, None, **{"X-CSRFToken": token})
        assert 200 <= response.status_code < 400, response.status_code

    @pytest.mark.parametrize("case", REPRESENTATIVE, ids=lambda c: c.id)
    def test_a_token_of_another_session_is_refused(self, owner, walk, case):
        world = walk.world
        stolen = csrf_client(walk.people["editor"]).page_token
        data = case.data(world)
        before = snapshot()
        response = case.request(owner, world, data, **{"X-CSRFToken": stolen})
        assert response.status_code == 403
        assert snapshot() == before


def test_the_csrf_cookie_is_not_readable_by_scripts(alice):
    assert csrf_client(alice).cookies[settings.CSRF_COOKIE_NAME]["httponly"]
