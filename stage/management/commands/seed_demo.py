"""Loads the demo: user demo/demo, a team, and the example evening show of DOMAIN.md."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from stage.broadcasts import Broadcast, Platform, Status
from stage.demo import add_example_cues, fill_example_show
from stage.teams import Membership, Role, Team

TEAM_NAME = "星选美妆食品 · Demo"
SHOW_TITLE = "美妆 × 零食 晚间专场"
PAST_TITLE = "上期 美妆专场"


def evening(days_from_today: int, tz: ZoneInfo) -> datetime:
    day = timezone.now().astimezone(tz).date() + timedelta(days=days_from_today)
    return datetime.combine(day, time(19, 0), tzinfo=tz)


class Command(BaseCommand):
    help = "Create the demo user (demo/demo), its team and the example evening show. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even when DEBUG is off (creates a user with a known password).",
        )

    @transaction.atomic
    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo creates demo/demo; refusing with DEBUG off. "
                "Pass --allow-production to do it anyway."
            )
        user, created = get_user_model().objects.get_or_create(username="demo")
        if created:
            user.set_password("demo")
            user.save()
        team, _ = Team.objects.get_or_create(name=TEAM_NAME)
        Membership.objects.get_or_create(team=team, user=user, defaults={"role": Role.OWNER})
        tz = ZoneInfo(team.time_zone)
        shows = [
            dict(
                title=SHOW_TITLE,
                scheduled_start=evening(1, tz),
                status=Status.DRAFT,
                notes="Kuaishou beauty and food evening show. GMV target = 60,000 UV × 5% × ¥100.",
            ),
            dict(title=PAST_TITLE, scheduled_start=evening(-4, tz), status=Status.DONE, notes=""),
        ]
        for show in shows:
            broadcast, created = Broadcast.objects.get_or_create(
                team=team,
                title=show.pop("title"),
                defaults=dict(
                    platform=Platform.KUAISHOU,
                    account="星选好物直播间",
                    hosts="小鹿, 阿杰",
                    planned_minutes=180,
                    gmv_target=Decimal("300000.00"),
                    **show,
                ),
            )
            if created and broadcast.title == SHOW_TITLE:
                fill_example_show(broadcast)
                add_example_cues(broadcast)
        self.stdout.write(self.style.SUCCESS("Demo ready: log in as demo / demo"))
