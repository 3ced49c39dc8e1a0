"""Login throttling (django-axes): wrong passwords lock a username from one address for a while."""

from ipaddress import ip_network

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from stage.accounts import client_ip
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


def behind(client, balancer, forwarded, password):
    data = {"username": "bob", "password": password}
    meta = {"REMOTE_ADDR": balancer, "HTTP_X_FORWARDED_FOR": forwarded}
    return client.post(reverse("login"), data, **meta)


def test_behind_the_load_balancer_an_attacker_does_not_lock_the_user_out(client, settings):
    """Issue 18: every request came from the balancer's address, so five wrong passwords from
    anyone locked the real user out."""
    settings.TRUSTED_PROXIES = [ip_network("10.1.0.0/16")]
    make_user("bob", password="right-password")
    for _ in range(6):
        behind(client, "10.1.0.5", "203.0.113.66", "wrong")
    assert behind(client, "10.1.0.5", "203.0.113.66", "right-password").status_code == 429
    assert behind(client, "10.1.0.5", "198.51.100.7", "right-password").status_code == 302


def test_a_forwarded_address_from_anyone_else_is_ignored(client, settings):
    """A client that writes its own X-Forwarded-For cannot pose as the user's address."""
    settings.TRUSTED_PROXIES = [ip_network("10.1.0.0/16")]
    make_user("bob", password="right-password")
    for forged in ("198.51.100.7", "10.1.0.5, 198.51.100.7", "1.1.1.1", "x", "2.2.2.2"):
        behind(client, "203.0.113.66", forged, "wrong")
    assert behind(client, "203.0.113.66", "9.9.9.9", "right-password").status_code == 429
    assert behind(client, "10.1.0.5", "198.51.100.7", "right-password").status_code == 302


def test_the_client_address_is_the_nearest_one_the_proxies_did_not_add(rf, settings):
    settings.TRUSTED_PROXIES = [ip_network("10.1.0.0/16"), ip_network("fd00::/8")]
    cases = [
        ("10.1.0.5", "203.0.113.66", "203.0.113.66"),
        ("10.1.0.5", "6.6.6.6, 203.0.113.66, 10.1.2.3", "203.0.113.66"),
        ("fd00::1", "2001:db8::7", "2001:db8::7"),
        ("10.1.0.5", "", "10.1.0.5"),
        ("198.51.100.7", "203.0.113.66", "198.51.100.7"),
    ]
    for remote, forwarded, expected in cases:
        request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
        assert client_ip(request) == expected, (remote, forwarded)
