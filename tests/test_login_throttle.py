"""Login throttling (django-axes): wrong passwords lock a username from one address for a while."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def attempt(client, password, ip="10.0.0.1"):
    data = {"username": "bob", "password": password}
    return client.post(reverse("login"), data, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_the_username_on_that_address(client):
    make_user("bob", password="right-password")
    for _ in range(4):
        response = attempt(client, "wrong")
        assert response.status_code == 200 and "correct username and password" in response.text
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.text
    # Even the right password is refused while locked; another address is not locked.
    assert attempt(client, "right-password").status_code == 429
    assert attempt(client, "right-password", ip="10.0.0.2").status_code == 302


def test_a_success_resets_the_count(client):
    make_user("bob", password="right-password")
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "right-password").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200


def test_a_username_longer_than_any_account_is_refused_before_the_lockout_records(client):
    """Issue 18: 10,000 characters reached the lockout record (255) and answered 500 on
    PostgreSQL; now the login form says it is too long, and nothing is recorded."""
    response = client.post(reverse("login"), {"username": "a" * 10_000, "password": "x"})
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.text
    assert not AccessAttempt.objects.exists()
