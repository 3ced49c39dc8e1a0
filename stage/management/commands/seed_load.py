"""Data for the load test (load/run): one team of 50, one realistic broadcast. Idempotent."""

import os
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from stage.broadcasts import Broadcast, Platform
from stage.checklists.giveaways import EntryRule, Giveaway, GiveawayKind
from stage.checklists.lineup import Product, ProductAudience, ProductRole
from stage.checklists.timing import Segment, SegmentKind
from stage.demo import fill_example_show
from stage.teams import Membership, Role, Team

TEAM_NAME = "负载测试团队 · Load test"
SHOW_TITLE = "负载测试 · 美妆食品 7 小时专场"
USERS = 50
SEGMENTS = 40  # the example show has 9; the rest are a realistic long evening
PRODUCTS = 20  # the example show has 5
# Kinds cycled through the added segments, with a length each and a host line.
EXTRA_KINDS = [
    (SegmentKind.HERO, 12, "爆款返场，库存告急，抓紧下单。"),
    (SegmentKind.INTERACTION, 6, "评论区扣 1，抽 5 位宝宝送小样。"),
    (SegmentKind.PROFIT, 10, "组合装更划算，第二件半价。"),
    (SegmentKind.FLASH, 5, "整点秒杀，倒计时 3 分钟。"),
    (SegmentKind.QA, 6, "回答评论区问题：肤质、保质期、发货。"),
    (SegmentKind.FAN, 8, "粉丝团专属价，先加团再下单。"),
]


def username(i: int) -> str:
    return f"load{i:02d}"


class Command(BaseCommand):
    help = (
        "Create the load-test team (load01 owner, load02-load50 editors, password from "
        "LOAD_PASSWORD) and a 40-segment broadcast on the example show. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even when DEBUG is off (creates 50 users with a known password).",
        )

    @transaction.atomic
    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_load creates 50 users with a known password; refusing with DEBUG off. "
                "Pass --allow-production to do it anyway (a throw-away database only)."
            )
        password = make_password(os.environ.get("LOAD_PASSWORD", "load-test-password"))
        team, _ = Team.objects.get_or_create(name=TEAM_NAME)
        User = get_user_model()
        for i in range(1, USERS + 1):
            user, created = User.objects.get_or_create(username=username(i))
            if created:
                user.password = password  # one hash for all: hashing 50 times takes ~20 s
                user.save(update_fields=["password"])
            role = Role.OWNER if i == 1 else Role.EDITOR
            Membership.objects.get_or_create(team=team, user=user, defaults={"role": role})
        tz = ZoneInfo(team.time_zone)
        start = datetime.combine(
            timezone.now().astimezone(tz).date() + timedelta(days=1), time(18, 0), tzinfo=tz
        )
        broadcast, created = Broadcast.objects.get_or_create(
            team=team,
            title=SHOW_TITLE,
            defaults=dict(
                platform=Platform.KUAISHOU,
                account="星选好物直播间",
                hosts="小鹿, 阿杰, 小满",
                scheduled_start=start,
                planned_minutes=180,
                gmv_target=Decimal("600000.00"),
                notes="Load-test show: the example evening, then a long tail.",
            ),
        )
        if created:
            self.fill(broadcast)
        self.stdout.write(
            f"seed_load: team {team.pk}, {USERS} users ({username(1)}..{username(USERS)}), "
            f"broadcast {broadcast.pk} with {broadcast.segments.count()} segments, "
            f"{broadcast.products.count()} products, {broadcast.giveaways.count()} giveaways"
        )

    def fill(self, broadcast):
        fill_example_show(broadcast)
        first = broadcast.segments.count()
        extra = []
        for n in range(first + 1, SEGMENTS + 1):
            kind, minutes, line = EXTRA_KINDS[n % len(EXTRA_KINDS)]
            extra.append(
                Segment(
                    broadcast=broadcast,
                    position=n,
                    title=f"第 {n} 段 · {kind.label}",
                    kind=kind,
                    minutes=minutes,
                    host_lines=line,
                    cues=f"{n % 5 + 1} 号链接上架",
                )
            )
        Segment.objects.bulk_create(extra)
        segments = list(broadcast.segments.order_by("position"))
        roles = [ProductRole.HERO, ProductRole.PROFIT, ProductRole.WELFARE, ProductRole.FAN]
        for link in range(broadcast.products.count() + 1, PRODUCTS + 1):
            listed = Decimal(59 + 20 * link)
            product = Product.objects.create(
                broadcast=broadcast,
                position=link,
                link_number=link,
                name=f"组合好物 {link} 号",
                role=roles[link % len(roles)],
                audience=ProductAudience.ALL,
                list_price=listed,
                live_price=listed * Decimal("0.7"),
                unit_cost=listed * Decimal("0.3"),
                stock=1000,
                planned_units=400,
                release_units=100,
                selling_points="直播间专属价\n买一送一",
            )
            product.segments.set(
                segments[first + (link * 3 + k) % (SEGMENTS - first)] for k in range(2)
            )
        Giveaway.objects.bulk_create(
            Giveaway(
                broadcast=broadcast,
                position=5 + i,
                kind=GiveawayKind.LUCKY_BAG,
                segment=segments[first + 4 * i],
                entry_rule=EntryRule.KEYWORD,
                entry_detail="福袋",
                quantity=10,
                prize="小样套装",
                unit_value=Decimal("29"),
                countdown_minutes=5,
            )
            for i in range(1, 8)
        )
        broadcast.planned_minutes = sum(s.minutes for s in segments)
        broadcast.save(update_fields=["planned_minutes"])
