"""One import preview imports once (issue 18: confirmed four times at once, by a double click
or two tabs, it imported its rows four times)."""

from threading import Barrier, Thread

import pytest
from django.db import connection
from django.test import Client

from stage.broadcasts import Broadcast
from stage.checklists.timing import Segment
from tests.factories import make_broadcast
from tests.test_sheet_import import EXAMPLE, again, upload

pytestmark = pytest.mark.django_db


def test_confirming_a_preview_twice_imports_it_once(login, bob, broadcast):
    client = login(bob)
    preview = upload(client, broadcast, EXAMPLE.read_bytes(), EXAMPLE.name)
    assert again(client, broadcast, preview).status_code == 302
    imported = broadcast.segments.count()
    assert imported == 9
    second = again(client, broadcast, preview)
    assert second.status_code == 422
    assert "This preview has already been imported." in second.text
    assert broadcast.segments.count() == imported


def test_the_same_file_previewed_again_can_be_imported_again(login, bob, broadcast):
    """A new preview is a new decision (a second evening from the same script)."""
    client = login(bob)
    for _ in range(2):
        preview = upload(client, broadcast, EXAMPLE.read_bytes(), EXAMPLE.name)
        assert again(client, broadcast, preview).status_code == 302
    assert broadcast.segments.count() == 18


@pytest.mark.django_db(transaction=True)
def test_four_confirmations_at_once_import_once(team, bob):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    show = make_broadcast(team=team)
    client = Client()
    client.force_login(bob)
    preview = upload(client, show, EXAMPLE.read_bytes(), EXAMPLE.name)
    barrier, answers = Barrier(4), []

    def confirm():
        c = Client()
        c.force_login(bob)
        barrier.wait()
        answers.append(again(c, show, preview).status_code)
        connection.close()

    threads = [Thread(target=confirm) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [302, 422, 422, 422]
    assert Segment.objects.filter(broadcast=show).count() == 9
    assert Broadcast.objects.count() == 1
