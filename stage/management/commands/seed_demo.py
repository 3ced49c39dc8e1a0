"""Loads the demo: user demo/demo, a team, tomorrow's evening show (a draft to sign off) and
the same show run four days ago, reviewed with its actuals (stage/demo_evening.py)."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from stage.broadcasts import Broadcast, Platform, Status
from stage.demo_evening import add_evening_cues, fill_evening_show, fill_past_show
from stage.teams import Membership, Role, Team

TEAM_NAME = "星选美妆食品 · Demo"
SHOW_TITLE = "美妆 × 零食 晚间专场"
PAST_TITLE = "上期 美妆专场"
SHOW_NOTES = (
    "目标拆解：GMV 30 万 = 6 万 UV × 5% 转化 × ¥100 客单价。\n"
    "节奏：每款 憋单 → 上链接 → 逼单，5–10 分钟过一款；福袋每 15–20 分钟一轮；"
    "20:30 整点秒杀精华 149。\n"
    "投放：磁力金牛 4 万，按整点分三段 35% / 40% / 25%，目标 ROI 3.0。\n"
    "货盘：8 个链接，引流/福利 2、利润 4（含爆款精华）、形象 1、宠粉 1。"
)
PAST_SHOW_NOTES = (
    "上期同款货盘和脚本，已复盘。\n目标拆解：GMV 30 万 = 6 万 UV × 5% 转化 × ¥100 客单价。"
)


def evening(days_from_today: int, tz: ZoneInfo) -> datetime:
    day = timezone.now().astimezone(tz).date() + timedelta(days=days_from_today)
    return datetime.combine(day, time(19, 0), tzinfo=tz)


def is_empty(broadcast: Broadcast) -> bool:
    """No rows in any checklist: a show made before the demo had a plan to fill it with."""
    return not (broadcast.segments.exists() or broadcast.products.exists())


class Command(BaseCommand):
    help = (
        "Create the demo user (demo/demo), its team, tomorrow's evening show and a reviewed "
        "past show. Idempotent."
    )

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
        upcoming = self.show(team, SHOW_TITLE, evening(1, tz), Status.DRAFT, SHOW_NOTES)
        if is_empty(upcoming):
            fill_evening_show(upcoming, user=user)
            add_evening_cues(upcoming)
        past = self.show(team, PAST_TITLE, evening(-4, tz), Status.REVIEWED, PAST_SHOW_NOTES)
        if is_empty(past):
            fill_past_show(past, user=user)
        self.stdout.write(self.style.SUCCESS("Demo ready: log in as demo / demo"))

    def show(self, team, title, start, status, notes) -> Broadcast:
        broadcast, _ = Broadcast.objects.get_or_create(
            team=team,
            title=title,
            defaults=dict(
                platform=Platform.KUAISHOU,
                account="星选好物直播间",
                hosts="小鹿, 阿杰",
                scheduled_start=start,
                planned_minutes=180,
                gmv_target=Decimal("300000.00"),
                status=status,
                notes=notes,
            ),
        )
        return broadcast
