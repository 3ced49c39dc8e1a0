"""Small keyword-only factories: each test builds exactly what it needs."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from stage.broadcasts import Broadcast, Platform
from stage.teams import Membership, Role, Team

SHANGHAI = ZoneInfo("Asia/Shanghai")


def make_user(username: str, *, password: str = "pw"):
    return get_user_model().objects.create_user(username=username, password=password)


def make_team(*, name: str = "Acme Live") -> Team:
    return Team.objects.create(name=name)


def make_member(team: Team, user, *, role: str = Role.EDITOR) -> Membership:
    return Membership.objects.create(team=team, user=user, role=role)


def make_broadcast(
    *,
    team: Team,
    title: str = "Evening show",
    start: datetime | None = None,
    planned_minutes: int = 180,
    gmv_target: Decimal = Decimal("300000.00"),
    platform: str = Platform.KUAISHOU,
    **fields,
) -> Broadcast:
    if start is None:
        start = datetime(2030, 12, 1, 19, 0, tzinfo=SHANGHAI)
    return Broadcast.objects.create(
        team=team,
        title=title,
        scheduled_start=start,
        planned_minutes=planned_minutes,
        gmv_target=gmv_target,
        platform=platform,
        **fields,
    )


def in_days(days: int, hour: int = 19) -> datetime:
    now = datetime.now(SHANGHAI).replace(hour=hour, minute=0, second=0, microsecond=0)
    return now + timedelta(days=days)


def soon(minutes: int = 10) -> datetime:
    """A start a few minutes from now, on the minute: a show the operator may start at once."""
    now = datetime.now(SHANGHAI).replace(second=0, microsecond=0)
    return now + timedelta(minutes=minutes)
