"""Editing together with two app servers on one PostgreSQL database, nothing shared between
them but the database: each person's browser talks to its own server (two gunicorn
processes), as behind a load balancer. PostgreSQL only: the SQLite suite's test database
lives in the test process's memory."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from stage.accounts import display_name
from tests.e2e.test_together_journey import editing_together, show  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    url: str
    process: subprocess.Popen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(database_url: str) -> Server:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true", "CONN_MAX_AGE": "0"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "-m", "gunicorn", "stage.wsgi:application", "--workers", "1",
               "--threads", "4", "--bind", f"127.0.0.1:{port}",
               "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/login/", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return Server(url, process)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the app server did not answer in 30 s")


@pytest.fixture
def two_servers(show):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a PostgreSQL database (make test-postgres)")
    db = settings.DATABASES["default"]
    url = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    # The servers check passwords with the production hashers, not the suite's fast one.
    password = PBKDF2PasswordHasher().encode("pw", "two-servers-salt", iterations=1000)
    for membership in show.team.memberships.select_related("user"):
        membership.user.password = password
        membership.user.save(update_fields=["password"])
    servers = [start(url), start(url)]
    yield servers
    for server in servers:
        server.process.terminate()
        server.process.wait(10)


def test_editing_together_across_two_app_servers(browser, two_servers, show):  # noqa: F811
    assert display_name(show.team.memberships.get(user__username="alice").user) == "小鹿"
    editing_together(browser, two_servers[0], two_servers[1], show)
