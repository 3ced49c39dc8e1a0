"""A request that composed a long show leaves no reference cycles behind for Python to find
later: a worker's memory stays where one version of the show puts it (stage/memory.py)."""

import gc

import pytest
from django.urls import reverse

from bench.data import make_show

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_our_collections():
    """Python's own collections would hide what a request left behind."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


@pytest.mark.usefixtures("only_our_collections")
@pytest.mark.parametrize("page", ["runsheet", "checklist"])
def test_rendering_a_long_show_leaves_no_cycles_behind(login, alice, team, page):
    show = make_show(team, 150)
    args = [show.pk] if page == "runsheet" else [show.pk, "T"]
    response = login(alice).get(reverse(page, args=args))  # kept: what it holds is not garbage
    assert response.status_code == 200
    assert gc.collect() < 100


def test_a_small_request_is_not_held_up_by_a_collection(login, alice, broadcast, monkeypatch):
    client, url = login(alice), reverse("runsheet", args=[broadcast.pk])
    client.get(url)  # a worker's first request also loads templates and URLs: it may collect
    collections = []
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(args))
    broadcast.touch()
    assert client.get(url).status_code == 200
    assert collections == []  # its few cycles wait for Python's own collection
