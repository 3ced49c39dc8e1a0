"""Accounts: log in by username or email, throttles that hold across app servers, and
invitations that bring a person into a team with a role."""

import hashlib
import ipaddress
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stage.teams import Role, Team

INVITATION_DAYS = 7


class UsernameOrEmailBackend(ModelBackend):
    """The login form's "username" may be an email address (case-insensitive, if unique)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            users = get_user_model().objects.filter(email__iexact=username.strip())[:2]
            if len(users) == 1:
                username = users[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)


class Profile(models.Model):
    """What a person chooses about themselves beyond the account: the language of the app and of
    the mails it sends them, and whether mentions and requests also come by mail. Their display
    name is the user's own first_name field."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile")
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    notify_by_email = models.BooleanField(_("notify by email"), default=False)

    def __str__(self):
        return f"{self.user} · {self.language or '-'}"


def language_of(user) -> str:
    """A person's chosen language, or '' (the browser's)."""
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""


def display_name(user) -> str:
    """The name people see: the display name, else the username."""
    if user is None:
        return ""
    return user.first_name or user.get_username()


class Attempt(models.Model):
    """One try at something rate-limited (a reset mail, a sign-up, an invitation), by a hashed
    key: kept in the database so every app server counts the same tries."""

    action = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["action", "key", "at"])]

    def __str__(self):
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"


def throttled(action: str, *keys: str, limit: int, window: timedelta) -> bool:
    """Records a try; True when any key has had `limit` tries within `window` already."""
    now = timezone.now()
    hashed = [hashlib.sha256(f"{action}:{k}".encode()).hexdigest() for k in keys if k]
    Attempt.objects.filter(at__lt=now - timedelta(days=1)).delete()
    recent = Attempt.objects.filter(action=action, key__in=hashed, at__gte=now - window)
    counts = recent.values("key").annotate(n=models.Count("pk"))
    if any(row["n"] >= limit for row in counts):
        return True
    Attempt.objects.bulk_create(Attempt(action=action, key=k, at=now) for k in hashed)
    return False


def client_ip(request) -> str:
    """Who sent the request: REMOTE_ADDR, unless that is one of our own proxies (the load
    balancer, settings.TRUSTED_PROXIES); then the nearest address before it in X-Forwarded-For.
    A header from anyone else is ignored: a client could write any address there."""
    address = request.META.get("REMOTE_ADDR", "")
    if not _trusted(address):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([hop.strip() for hop in forwarded if hop.strip()]):
        address = hop
        if not _trusted(hop):
            break
    return address


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use way into a team with a role: mailed to an address, or a link to pass on."""

    team = models.ForeignKey(Team, models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.EDITOR)
    email = models.EmailField(_("email"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.team} · {self.get_role_display()} · {self.email or 'link'}"

    @classmethod
    def make(cls, team, role, invited_by, email="") -> tuple["Invitation", str]:
        """A new invitation and its token: only the token's hash is stored."""
        token = secrets.token_urlsafe(24)
        invitation = cls.objects.create(
            team=team,
            role=role,
            email=email,
            invited_by=invited_by,
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        return invitation, token

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires_at <= timezone.now() else "open"

    def get_state_display(self) -> str:
        labels = {
            "accepted": _("Accepted"),
            "revoked": _("Revoked"),
            "expired": _("Expired"),
            "open": pgettext_lazy("invitation", "Open"),
        }
        return labels[self.state]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("invitation", args=[token]))
