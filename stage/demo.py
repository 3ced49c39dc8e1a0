"""The example evening show of DOMAIN.md: Kuaishou, beauty and food, 19:00-22:00.

Used by `seed_demo` and by the tests that check figures by hand.
"""

from decimal import Decimal as D

from simple_history.utils import bulk_create_with_history

from stage.checklists.adspend import AdPlan, AdSlot, AudienceGroup
from stage.checklists.giveaways import EntryRule, Giveaway, GiveawayKind
from stage.checklists.lineup import Product, ProductAudience, ProductRole
from stage.checklists.timing import Segment, SegmentKind
from stage.checklists.warmup import Channel, WarmupItem, WarmupStatus
from stage.control import Cue, generate_cues
from stage.plan import load_plan

SEGMENTS = [
    (
        "暖场 · 开播福袋",
        SegmentKind.WARMUP,
        10,
        "欢迎来到直播间！点关注，评论“美美”参与福袋。",
        "开福袋 1（10 人）",
    ),
    (
        "引流款 · 氨基酸洁面慕斯",
        SegmentKind.TRAFFIC,
        15,
        "9.9 元一瓶，三轮放单，手慢无。",
        "1 号链接放 500 单 ×3",
    ),
    (
        "爆款 · 玻尿酸精华",
        SegmentKind.HERO,
        35,
        "精华原价 299，今天直播间 159。",
        "价格揭晓；发满 150 减 10 券",
    ),
    (
        "互动 · 粉丝团福袋",
        SegmentKind.INTERACTION,
        15,
        "加入粉丝团，参与第二轮福袋。",
        "开福袋 2（粉丝团 20 人）",
    ),
    ("利润款 · 坚果礼盒", SegmentKind.PROFIT, 35, "年货送礼，坚果礼盒 99 元。", "3 号链接上架"),
    (
        "秒杀 · 精华 149",
        SegmentKind.FLASH,
        15,
        "精华秒杀 149，200 单，3 分钟。",
        "秒杀倒计时 3 分钟，放 200 单",
    ),
    (
        "形象款 · 燕窝 + 宠粉螺蛳粉",
        SegmentKind.FAN,
        25,
        "燕窝六连装，宠粉螺蛳粉 39.9。",
        "4、5 号链接上架",
    ),
    (
        "返场 · 精华 + 洁面",
        SegmentKind.RERUN,
        20,
        "没抢到的宝宝看过来，返场一轮。",
        "1、2 号链接补库存",
    ),
    (
        "收尾 · 下播预告",
        SegmentKind.CLOSING,
        10,
        "明晚 7 点不见不散，最后一轮福袋。",
        "开福袋 3；挂下场预约",
    ),
]

PRODUCTS = [
    (
        1,
        "氨基酸洁面慕斯",
        ProductRole.TRAFFIC,
        ProductAudience.NEW,
        "89",
        "9.9",
        "6",
        2000,
        1500,
        [1, 7],
    ),
    (
        2,
        "玻尿酸精华",
        ProductRole.HERO,
        ProductAudience.ALL,
        "299",
        "159",
        "52",
        1200,
        1000,
        [2, 5, 7],
    ),
    (3, "坚果礼盒", ProductRole.PROFIT, ProductAudience.OLD, "168", "99", "48", 1500, 600, [4]),
    (4, "燕窝六连装", ProductRole.IMAGE, ProductAudience.OLD, "598", "399", "210", 300, 120, [6]),
    (5, "螺蛳粉五连包", ProductRole.FAN, ProductAudience.OLD, "69", "39.9", "18", 800, 500, [6]),
]

# Units the control room releases each time a segment shows the product, by link number.
RELEASE_UNITS = {1: 500, 2: 200, 3: 300, 4: 60, 5: 250}

AD_SLOTS = [(-30, 0, "10"), (0, 60, "35"), (60, 120, "40"), (120, 180, "15")]

WARMUP = [
    (Channel.SHORT_VIDEO, "预热短视频：精华 159 剧透", 23 * 60, WarmupStatus.SCHEDULED, 3000),
    (Channel.LIVE_NOTICE, "直播预告：明晚 7 点", 24 * 60, WarmupStatus.PUBLISHED, 5000),
    (Channel.GROUP, "粉丝群通知：今晚福袋", 60, WarmupStatus.DRAFTED, 1500),
    (Channel.SHORT_VIDEO, "开播前 1 小时倒计时视频", 60, WarmupStatus.IDEA, 2000),
]


def fill_example_show(broadcast) -> None:
    """Adds the five checklists of the example show to an empty broadcast."""
    segments = bulk_create_with_history(
        [
            Segment(
                broadcast=broadcast, position=i, title=t, kind=k, minutes=m, host_lines=h, cues=c
            )
            for i, (t, k, m, h, c) in enumerate(SEGMENTS, start=1)
        ],
        Segment,
    )
    AdPlan.objects.create(
        broadcast=broadcast,
        budget=D("40000"),
        target_roi=D("3.0"),
        conversion_pct=D("5"),
        aov=D("100"),
        mix_old=D("40"),
        mix_new=D("35"),
        mix_paid=D("25"),
    )
    bulk_create_with_history(
        [
            AdSlot(
                broadcast=broadcast,
                position=i,
                start_offset=start,
                end_offset=end,
                share=D(share),
                emphasis=AudienceGroup.PAID if start < 0 else AudienceGroup.ALL,
            )
            for i, (start, end, share) in enumerate(AD_SLOTS, start=1)
        ],
        AdSlot,
    )
    for i, (link, name, role, audience, listed, live, cost, stock, units, shown) in enumerate(
        PRODUCTS, start=1
    ):
        product = Product.objects.create(
            broadcast=broadcast,
            position=i,
            link_number=link,
            name=name,
            role=role,
            audience=audience,
            list_price=D(listed),
            live_price=D(live),
            unit_cost=D(cost),
            stock=stock,
            planned_units=units,
            release_units=RELEASE_UNITS[link],
        )
        product.segments.set(segments[s] for s in shown)
    serum = Product.objects.get(broadcast=broadcast, link_number=2)
    bulk_create_with_history(
        [
            Giveaway(broadcast=broadcast, position=1, kind=GiveawayKind.LUCKY_BAG,
                     segment=segments[0], entry_rule=EntryRule.KEYWORD, entry_detail="美美",
                     quantity=10, prize="洁面慕斯", unit_value=D("89"), countdown_minutes=5),
            Giveaway(broadcast=broadcast, position=2, kind=GiveawayKind.COUPON,
                     segment=segments[2], quantity=1000, coupon_threshold=D("150"),
                     coupon_discount=D("10"), per_person_limit=1),
            Giveaway(broadcast=broadcast, position=3, kind=GiveawayKind.LUCKY_BAG,
                     segment=segments[3], entry_rule=EntryRule.FAN_CLUB, quantity=20,
                     prize_product=serum, unit_value=D("159"), countdown_minutes=5),
            Giveaway(broadcast=broadcast, position=4, kind=GiveawayKind.FLASH_SALE,
                     segment=segments[5], quantity=200, prize_product=serum, flash_price=D("149"),
                     unit_value=D("0"), countdown_minutes=3, per_person_limit=1),
            Giveaway(broadcast=broadcast, position=5, kind=GiveawayKind.LUCKY_BAG,
                     segment=segments[8], entry_rule=EntryRule.KEYWORD, entry_detail="明晚见",
                     quantity=10, prize="螺蛳粉五连包", unit_value=D("69"), countdown_minutes=5),
        ],
        Giveaway,
    )  # fmt: skip
    bulk_create_with_history(
        [
            WarmupItem(
                broadcast=broadcast,
                position=i,
                channel=channel,
                title=title,
                offset_minutes=offset,
                owner="小鹿",
                status=status,
                expected_reservations=reservations,
            )
            for i, (channel, title, offset, status, reservations) in enumerate(WARMUP, start=1)
        ],
        WarmupItem,
    )


def add_example_cues(broadcast) -> None:
    """The control room's cues for the example show, made from its plan."""
    Cue.objects.bulk_create(generate_cues(load_plan(broadcast)))
