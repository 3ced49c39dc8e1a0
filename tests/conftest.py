import copy
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings

from stage.checklists.lineup import Product
from stage.teams import Role
from tests.factories import make_broadcast, make_member, make_team, make_user


@pytest.fixture
def team(db):
    return make_team(name="Acme Live")


@pytest.fixture
def alice(team):
    """Owner of the team."""
    user = make_user("alice")
    make_member(team, user, role=Role.OWNER)
    return user


@pytest.fixture
def bob(team):
    """Editor in the team."""
    user = make_user("bob")
    make_member(team, user, role=Role.EDITOR)
    return user


@pytest.fixture
def vera(team):
    """Viewer in the team: reads, never writes."""
    user = make_user("vera")
    make_member(team, user, role=Role.VIEWER)
    return user


@pytest.fixture
def charlie(db):
    """Outsider: owner of another team."""
    user = make_user("charlie")
    make_member(make_team(name="Other Shop"), user, role=Role.OWNER)
    return user


@pytest.fixture
def broadcast(team):
    return make_broadcast(team=team, title="美妆 × 零食 晚间专场")


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no rendered sheets or live partials kept (stage/rendered.py)."""
    from django.core.cache import caches

    for store in caches.all():
        store.clear()


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Every test: hashing each user's password with PBKDF2 (~0.3 s) was most of the suite's
    time. Production keeps Django's default hashers."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def static_files_looked_up_when_asked(settings):
    """Every test: after a collectstatic, WhiteNoise indexed STATIC_ROOT's 1,000 files each time a
    test client loaded the middleware, 0.1 s of each test. In autorefresh mode it looks a file up
    when it is asked for one."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def world(team):
    """The example show with a share link, a template and a trashed show (registry_world)."""
    from tests.registry_world import build_world

    return build_world(team)


@dataclass
class Walk:
    """The world of a class of walks, with its people by persona (tests/registry.PERSONAS)."""

    world: object
    people: dict


@pytest.fixture(scope="class")
def built_walk(django_db_setup, django_db_blocker):
    """The world and the personas of the conftest, built once for a whole class of walks: each
    test runs in a savepoint of this transaction and rolls back to it, as under Django's
    TestCase.setUpTestData. Building them for each of a thousand walk cases took a minute."""
    from tests.registry_world import build_world

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        team = make_team(name="Acme Live")
        people = {"anonymous": None}
        for persona, name, role in [
            ("owner", "alice", Role.OWNER),
            ("editor", "bob", Role.EDITOR),
            ("viewer", "vera", Role.VIEWER),
        ]:
            people[persona] = make_user(name)
            make_member(team, people[persona], role=role)
        people["outsider"] = make_user("charlie")
        make_member(make_team(name="Other Shop"), people["outsider"], role=Role.OWNER)
        yield Walk(build_world(team), people)
        transaction.set_rollback(True)


@pytest.fixture
def walk(built_walk, db):
    """This test's copy of the class's walk: what a test caches on its world (a comment, an
    invitation) was rolled back with the test and must not reach the next one."""
    return Walk(copy.deepcopy(built_walk.world), built_walk.people)


@pytest.fixture
def serum(broadcast):
    """A product on link 2 of the show."""
    return Product.objects.create(
        broadcast=broadcast,
        link_number=2,
        name="玻尿酸精华",
        list_price=Decimal("299"),
        live_price=Decimal("159"),
    )


@pytest.fixture
def lu(team):
    """An editor whose display name is Chinese: 小鹿."""
    user = make_user("lu")
    user.first_name = "小鹿"
    user.save()
    make_member(team, user, role=Role.EDITOR)
    return user
