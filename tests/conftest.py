from decimal import Decimal

import pytest

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


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Every test: hashing each user's password with PBKDF2 (~0.3 s) was most of the suite's
    time. Production keeps Django's default hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(team):
    """The example show with a share link, a template and a trashed show (registry_world)."""
    from tests.registry_world import build_world

    return build_world(team)


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
