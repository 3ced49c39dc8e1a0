"""Real-browser journeys: pytest-playwright driving Debian's Chromium against live_server."""

import os
import time
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread
from django.utils import timezone

from stage.broadcasts import Broadcast, Status
from stage.demo import fill_example_show
from stage.onair import step
from stage.teams import Role
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.factories import make_broadcast, make_member, make_team, make_user, soon


# One request at a time: the live server's threads share the one connection to SQLite's
# in-memory test database, and pages now ask something every second (their pulse) while
# they load and save, which a shared connection does not survive. (Two real app servers on
# PostgreSQL: tests/e2e/test_two_servers.py.)
class OneRequestAtATime(WSGIServer):
    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)  # the server's own thread holds the connection


LiveServerThread.server_class = OneRequestAtATime

# Playwright's sync API runs an event loop in this thread; Django's ORM is still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; CI must run the browser tests.")
        pytest.skip("Chromium is not installed (make test installs it when run as root).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def quiet_before_flush(transactional_db, browser):
    """Pages of a broadcast write while open (their pulse records presence) and say goodbye
    when closed. Every browser context is closed, and the last goodbyes have landed, before
    the test's data is flushed: SQLite's shared in-memory test database refuses a flush that
    meets a write."""
    yield
    for context in browser.contexts:
        context.close()
    time.sleep(0.2)


FAILED_REQUEST = ("Failed to load resource", "htmx:", "Response Status Error Code")


@pytest.fixture
def page(page, request):
    """A page that fails the test on any console error, CSP violations included. A test marked
    `failing_requests` makes requests fail on purpose: their console lines are expected."""
    errors = []
    failing = request.node.get_closest_marker("failing_requests") is not None

    def on_console(message):
        if message.type != "error" or "status of 422" in message.text:
            return  # a refused form answers 422 by design; Chromium logs every 4xx
        if failing and message.text.startswith(FAILED_REQUEST):
            return
        if message.text.startswith("htmx:sendAbort"):
            # A show-control press aborts the poll in flight (hx-sync replace); htmx
            # logs the abort as two errors, the first one htmx:afterRequest.
            if errors and errors[-1].startswith("htmx:afterRequest"):
                errors.pop()
            return
        errors.append(f"{message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(10_000)
    yield page
    assert errors == [], "\n".join(errors)


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def _shot(name: str, full_page: bool = True):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return _shot


def log_in(page, live_server, username: str, password: str = "pw"):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def live_show(transactional_db):
    """A show on air since a moment ago, for the live views."""
    team = make_team(name="Acme Live")
    make_member(team, make_user("bob"), role=Role.EDITOR)
    broadcast = make_broadcast(team=team, title="今晚 8 点专场", start=soon())
    fill_example_show(broadcast)
    Broadcast.objects.filter(pk=broadcast.pk).update(status=Status.READY)
    broadcast.refresh_from_db()
    step(broadcast, "start", timezone.now())
    return broadcast


def two_consoles(page, browser, live_server, show):
    """bob's operator view in `page` and olga's (another editor) in a second browser context,
    both showing the same show: (olga's context, olga's page)."""
    make_member(show.team, make_user("olga"), role=Role.EDITOR)
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{show.pk}/live/")
    other = browser.new_context()
    second = other.new_page()
    log_in(second, live_server, "olga")
    second.goto(f"{live_server.url}/b/{show.pk}/live/")
    return other, second


def hold_polls(console, show) -> list:
    """From now on the console's polls get no answer (it has not heard of what changed); its
    presses still go out. The held routes, for the test to drop (unroute)."""
    held = []
    console.route(
        f"**/b/{show.pk}/live/",
        lambda r: held.append(r) if r.request.method == "GET" else r.continue_(),
    )
    return held
