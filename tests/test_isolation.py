"""A walk over every URL of the project as every persona: who gets in, who gets 403, 404 or login.

The URLs come from the resolver, so a new view that is not in tests/registry.py fails the walk.
"""

import secrets

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from stage.broadcasts import Broadcast, Status
from stage.demo import fill_example_show
from stage.sharing import ShareLink
from tests.factories import make_broadcast
from tests.registry import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    OK200,
    PERSONAS,
    REGISTRY,
    SKIPPED_NAMESPACES,
    WRITE,
    cases,
    project_url_names,
    url_patterns,
)
from tests.registry_world import (
    World,
    of_broadcast,
    of_history,
    of_letter,
    of_link,
    of_row,
    of_token,
    snapshot,
)
from tests.test_exports import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_passwords")]

SHARED = [name for name, route in REGISTRY.items() if route.kwargs is of_token]
# Django's set_language answers a GET with a redirect and sets nothing: it is not a write.
GET_IS_HARMLESS = {"set_language"}


def as_persona(request, client, persona: str):
    fixture = PERSONAS[persona]
    if fixture is not None:
        client.force_login(request.getfixturevalue(fixture))
    return client


def assert_outcome(response, expected: str) -> None:
    status = response.status_code
    where = f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']}"
    if expected == OK:
        assert 200 <= status < 400, f"{where}: {status}"
    elif expected == OK200:
        assert status == 200, f"{where}: {status}"
    elif expected == LOGIN:
        # htmx is sent there as a whole page (HX-Redirect), not given the form to swap in.
        header = "HX-Redirect" if response.has_header("HX-Redirect") else "Location"
        assert status == (200 if header == "HX-Redirect" else 302), f"{where}: {status}"
        assert response[header].startswith(reverse("login") + "?next="), where
    elif expected == FORBIDDEN:
        assert status == 403, f"{where}: {status}"
    elif expected == NOT_FOUND:
        assert status == 404, f"{where}: {status}"
    else:
        raise AssertionError(f"unknown outcome {expected!r}")


# The registry covers the project.


def test_the_registry_names_every_url_of_the_project():
    assert project_url_names() == set(REGISTRY)


def test_every_url_pattern_has_a_name():
    unnamed = [
        str(p.pattern)
        for namespaces, p in url_patterns()
        if not p.name and not SKIPPED_NAMESPACES.intersection(namespaces)
    ]
    assert unnamed == []


def test_only_the_public_views_are_open_without_login():
    open_views = {
        p.name
        for namespaces, p in url_patterns()
        if not namespaces and getattr(p.callback, "login_required", True) is False
    }
    public = {name for name, route in REGISTRY.items() if (route.get or route.post).is_public}
    assert open_views == public
    accounts = {"signup", "invitation", "password_reset", "password_reset_done"}
    accounts |= {"password_reset_confirm", "password_reset_complete"}
    assert public == {"login", "set_language", *SHARED, *accounts}


# The walks: their world is built once for the class (conftest.built_walk).


def as_walker(client, walk, persona: str):
    if walk.people[persona] is not None:
        client.force_login(walk.people[persona])
    return client


class TestTheWalk:
    @pytest.mark.parametrize("persona", list(PERSONAS))
    @pytest.mark.parametrize("case", cases(), ids=lambda c: c.id)
    def test_every_url_answers_every_persona_as_the_rules_say(self, client, walk, case, persona):
        client, world = as_walker(client, walk, persona), walk.world
        case.prepare(world)
        expected = case.access.of(persona)
        refused = expected in (LOGIN, FORBIDDEN, NOT_FOUND)
        data = case.data(world) if case.method == "post" else None
        before = snapshot() if refused and case.method == "post" else None

        response = case.request(client, world, data)

        assert_outcome(response, expected)
        # A page URL may also answer htmx with a partial of itself: the browser must keep them
        # apart.
        assert "HX-Request" in response.get("Vary", ""), f"{case.id}: Vary {response.get('Vary')}"
        if before is not None:
            assert snapshot() == before, f"a refused {case.id} changed the database"

    @pytest.mark.parametrize(
        "case",
        [c for c in cases(method="post") if REGISTRY[c.name].get is None],
        ids=lambda c: c.id,
    )
    def test_write_only_urls_refuse_get(self, client, walk, case):
        client, world = as_walker(client, walk, "owner"), walk.world
        case.prepare(world)
        before = snapshot()
        response = client.get(case.path(world))
        if case.name in GET_IS_HARMLESS:
            assert response.status_code in (204, 302)
        else:
            assert response.status_code == 405
        assert snapshot() == before


# A broadcast in the trash is gone from every URL; a locked one refuses writes to everybody.

UNDER_A_BROADCAST = [
    c for c in cases() if c.route.kwargs in (of_broadcast, of_letter, of_row, of_link, of_history)
]
# Locking keeps the plan as a record: it can still be unlocked, copied (also as the next show)
# and saved as a template.
LOCK_ALLOWS = {"broadcast_lock", "broadcast_duplicate", "next_show", "template_save"}


def test_a_broadcast_in_the_trash_answers_404_everywhere(request, client, world):
    client = as_persona(request, client, "owner")
    walk = []
    for case in UNDER_A_BROADCAST:
        case.path(world)
        walk.append((case, case.data(world) if case.method == "post" else None))
    Broadcast.objects.filter(pk=world.broadcast.pk).update(deleted_at=timezone.now())
    before = snapshot()
    for case, data in walk:
        assert_outcome(case.request(client, world, data), NOT_FOUND)
    assert snapshot() == before


class TestTheLockedWalk:
    @pytest.mark.parametrize("persona", ["editor", "owner"])
    @pytest.mark.parametrize(
        "case",
        [c for c in UNDER_A_BROADCAST if c.access is WRITE and c.name not in LOCK_ALLOWS],
        ids=lambda c: c.id,
    )
    def test_a_locked_broadcast_refuses_every_write_even_to_its_owner(
        self, client, walk, case, persona
    ):
        client, world = as_walker(client, walk, persona), walk.world
        case.prepare(world)
        data = case.data(world) if case.method == "post" else None
        Broadcast.objects.filter(pk=world.broadcast.pk).update(status=Status.REVIEWED, locked=True)
        before = snapshot()
        assert_outcome(case.request(client, world, data), FORBIDDEN)
        assert snapshot() == before


# The admin is Django's own: staff only.


def test_the_admin_needs_staff(client, alice):
    admin_login = reverse("admin:login")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(admin_login)

    client.force_login(alice)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(admin_login)
    assert client.get(reverse("admin:stage_broadcast_changelist")).status_code == 302

    staff = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200


# Share-link tokens open their own three views and nothing else.


@pytest.fixture
def other(world, alice):
    """Another broadcast of the same team, with its own share link."""
    broadcast = make_broadcast(team=world.team, title="Other show, not shared")
    fill_example_show(broadcast)
    link = ShareLink.objects.create(
        broadcast=broadcast, created_by=alice, expires_at=world.link.expires_at
    )
    return World(world.team, broadcast, link, world.member, world.template, world.trashed)


@pytest.mark.parametrize("name", SHARED)
def test_a_token_opens_its_own_broadcast_only(client, world, other, name, tmp_path):
    response = client.get(reverse(name, args=[world.link.token]))
    assert response.status_code == 200
    if name == "shared_runsheet_pdf":
        page = pdf_text(response.content, tmp_path)
    else:
        page = response.content.decode()
    assert other.broadcast.title not in page
    if name in ("shared_runsheet", "shared_runsheet_pdf"):
        assert world.broadcast.title in page
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_a_token_session_opens_no_other_url(client, world, other):
    for name in SHARED:
        assert client.get(reverse(name, args=[world.link.token])).status_code == 200
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    walk = []
    for target in (world, other):
        for case in cases():
            if not case.access.is_public:
                case.path(target)  # any record the URL needs exists before the snapshot
                walk.append((case, target, case.data(target) if case.method == "post" else None))
    before = snapshot()
    for case, target, data in walk:
        assert_outcome(case.request(client, target, data), LOGIN)
    assert snapshot() == before


def test_a_token_adds_nothing_to_an_outsiders_access(request, client, world):
    client = as_persona(request, client, "outsider")
    assert client.get(reverse("shared_runsheet", args=[world.link.token])).status_code == 200
    for name in ("broadcast_detail", "runsheet", "live_screen", "live_phone"):
        assert client.get(reverse(name, args=[world.broadcast.pk])).status_code == 404


@pytest.mark.parametrize("name", SHARED)
def test_an_unknown_or_revoked_token_opens_nothing(client, world, name):
    assert client.get(reverse(name, args=[secrets.token_urlsafe(24)])).status_code == 404
    assert client.get(reverse(name, args=[world.link.token[:-1]])).status_code == 404
    ShareLink.objects.filter(pk=world.link.pk).update(revoked_at=timezone.now())
    response = client.get(reverse(name, args=[world.link.token]))
    assert response.status_code == 410
    assert world.broadcast.title not in response.content.decode()
