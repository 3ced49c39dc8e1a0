"""Teams own everything; members have a role. Outsiders see 404, viewers read only."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


def validate_time_zone(value: str) -> None:
    # Not model choices: the list follows the machine's tz database and would churn migrations.
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone."))


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    created = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name

    def hold(self) -> None:
        """Inside a transaction, waits for any other change to the team's owners or settings."""
        Team.objects.select_for_update().filter(pk=self.pk).values_list("pk").get()


class Membership(models.Model):
    team = models.ForeignKey(Team, models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.EDITOR)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.team} ({self.role})"

    @property
    def can_write(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR)

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


SESSION_KEY = "team_id"


class CurrentTeamMiddleware:
    """Loads the user's memberships once per request and picks the current team.

    The current team is the one chosen with the team switch (kept in the session),
    or the user's first team. Its time zone is activated for the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = []
        request.membership = None
        if request.user.is_authenticated:
            request.memberships = list(request.user.memberships.select_related("team"))
            chosen = request.session.get(SESSION_KEY)
            request.membership = next(
                (m for m in request.memberships if m.team_id == chosen),
                request.memberships[0] if request.memberships else None,
            )
        if request.membership:
            timezone.activate(zoneinfo.ZoneInfo(request.membership.team.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def membership_for(request, team_id: int) -> Membership | None:
    """The request user's membership of a team, from what the middleware loaded."""
    return next((m for m in request.memberships if m.team_id == team_id), None)
