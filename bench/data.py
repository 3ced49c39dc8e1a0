"""Synthetic broadcasts of any size, with realistic Chinese text, built with bulk_create.

For n segments: n/2 products each shown in two segments, n/3 giveaways, n/10 ad slots and n/5
warm-up items; host lines of 100-200 characters, cues, notes on every third segment.
Deterministic: the same n always gives the same show.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from stage.broadcasts import Broadcast, Platform
from stage.checklists.adspend import AdPlan, AdSlot, AudienceGroup
from stage.checklists.giveaways import EntryRule, Giveaway, GiveawayKind
from stage.checklists.lineup import Product, ProductAudience, ProductRole
from stage.checklists.timing import Segment, SegmentKind
from stage.checklists.warmup import Channel, WarmupItem, WarmupStatus

SHANGHAI = ZoneInfo("Asia/Shanghai")

PHRASES = [
    "欢迎新进直播间的宝宝们，左上角点个关注不迷路",
    "今天直播间所有福利都是粉丝专属，错过今天就没有了",
    "这款精华原价两百九十九，今天直播间只要一百五十九",
    "库存只有五百单，三、二、一，上链接",
    "评论区扣“想要”，主播看到就给大家加库存",
    "敏感肌也可以放心用，我们有第三方检测报告",
    "拍下备注颜色，默认发经典款，七天无理由退换",
    "加入粉丝团的宝宝可以领一张满一百五减十的券",
    "福袋倒计时五分钟，评论口令就能参与",
    "家人们看一下这个质地，上脸一点都不油腻",
    "我自己用了三个月，毛孔真的细腻了很多",
    "坚果礼盒过年送长辈特别有面子，一盒六种口味",
    "燕窝是马来西亚进口的，每一瓶都有溯源码",
    "螺蛳粉是柳州本地工厂直发，酸笋味道够正宗",
    "下单的宝宝截图发到粉丝群，额外送小样",
    "这一轮秒杀只有三分钟，手慢无哦",
    "没抢到的宝宝别着急，返场还会再放一轮",
    "点赞到十万，主播加抽一轮免单",
    "1 号链接是洁面，2 号链接是精华，3 号链接是礼盒",
    "今晚 8 点整准时开福袋，大家定好闹钟",
]
CUES = [
    "上 {link} 号链接，放 {units} 单",
    "场控：弹出福袋，倒计时 5 分钟",
    "助播举牌：满 150 减 10",
    "切近景镜头，展示质地",
    "发粉丝团专属券 200 张",
    "补库存 {units} 单，改价 {price}",
    "秒杀倒计时 3 分钟，准备下架",
    "大屏切换到价格对比图",
]
NOTES = [
    "注意：主播不能说“最低价”“全网第一”等极限词，避免违规。",
    "这一段如果在线人数低于 500，提前切到福袋环节拉停留。",
    "品牌方要求展示检测报告，助播提前准备好纸质版。",
]
TOPICS = [
    ("引流款", SegmentKind.TRAFFIC),
    ("爆款", SegmentKind.HERO),
    ("利润款", SegmentKind.PROFIT),
    ("秒杀", SegmentKind.FLASH),
    ("互动 · 福袋", SegmentKind.INTERACTION),
    ("宠粉", SegmentKind.FAN),
    ("答疑", SegmentKind.QA),
    ("返场", SegmentKind.RERUN),
]
GOODS = [
    "氨基酸洁面慕斯 150ml",
    "玻尿酸补水精华 30ml",
    "坚果礼盒 六种口味",
    "马来西亚燕窝六连装",
    "柳州螺蛳粉五连包",
    "烟酰胺美白身体乳",
    "蚕丝枕套 两只装",
    "云南小粒咖啡挂耳 50 包",
    "羊绒混纺围巾",
    "无骨鸡爪 柠檬味 500g",
]
OWNERS = ["小鹿", "阿杰", "王小美", "运营-李", "Lily"]
WARMUP_KINDS = ["短视频", "图文", "直播预告", "粉丝群通知"]
# Common characters of live-commerce Chinese: free words drawn from them keep the text from
# being a few phrases repeated (which would compress far better than real scripts do).
ALPHABET = (
    "一上下不与两个中为主买了二于五些产享人今从他付令以件价优会但位低何作你使保修值元先入全公"
    "六关其典内再写减几出分切划列则创利到券刻前剩力加动包化十千升华单卖印即原参及反发取口只可"
    "号各合同名后向吗告和品售商回因团固图在场坚型基增备复多大天头奖如始子字存它安完定宝实宠客"
    "家容对将小少就尾屏属工差已带常平年并广库应度开式引张当形往待必快思总惠慢成户所手才打扣找"
    "抢抽拆拿挂指换据排接控推提揭播收改放效散数整文新方无日早时明易是显晚暖更最有期本机杀条来"
    "果某查标样格次欢款正此段每比毛没法注洁流消润深清满点热然燕爆牛物现玻瓶用由留白百的盒目直"
    "相看知短礼福私种秒称移程空窝立第答精系红约级纸经结给统美群老者能自至色节草螺行补袋被装要"
    "见观视角计订让记讲设证评话该请读负责账货购费起超足跟车转轮送选透通道那部都酸里重量金钟链"
)


def free_words(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(size))


def text_of_length(rng: random.Random, low: int, high: int, bank=PHRASES) -> str:
    """Sentences from the bank with free words and numbers mixed in, low to high characters."""
    target = rng.randint(low, high)
    parts, size = [], 0
    while size < target:
        phrase = rng.choice(bank) if rng.random() < 0.5 else free_words(rng, rng.randint(6, 16))
        if rng.random() < 0.3:
            phrase += f"，{rng.choice([9.9, 19.9, 39, 59, 99, 129, 159, 299])} 元"
        parts.append(phrase)
        size += len(phrase) + 1
    return "，".join(parts)[: high - 1] + "。"


def segment_minutes(n: int) -> list[int]:
    """Lengths that fill at most a day: 12 min each for short shows, 1-2 min for 1,000 rows."""
    base = max(1, min(12, 1440 // n - 1))
    return [max(1, base + (i % 3) - 1) for i in range(n)]


def make_show(team, n: int) -> Broadcast:
    rng = random.Random(n)
    minutes = segment_minutes(n)
    total = sum(minutes)
    start = (datetime.now(SHANGHAI) + timedelta(days=30)).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    broadcast = Broadcast.objects.create(
        team=team,
        title=f"双十二美妆 × 零食 宠粉专场 · {n} 段",
        platform=Platform.KUAISHOU,
        account="小鹿美妆官方旗舰店",
        hosts="小鹿、阿杰",
        scheduled_start=start,
        planned_minutes=min(total, 1440),
        gmv_target=D(3000) * n,
        notes=text_of_length(rng, 60, 120),
    )
    segments = Segment.objects.bulk_create(
        Segment(
            broadcast=broadcast,
            position=i,
            title=f"{TOPICS[i % len(TOPICS)][0]} · {GOODS[i % len(GOODS)]} 第 {i} 轮",
            kind=SegmentKind.WARMUP
            if i == 1
            else SegmentKind.CLOSING
            if i == n
            else TOPICS[i % len(TOPICS)][1],
            minutes=minutes[i - 1],
            host_lines=text_of_length(rng, 100, 200),
            cues="\n".join(
                rng.choice(CUES).format(
                    link=i % 50 + 1, units=rng.choice([100, 200, 500]), price="99"
                )
                for _ in range(2)
            ),
            notes=rng.choice(NOTES) if i % 3 == 0 else "",
        )
        for i in range(1, n + 1)
    )
    AdPlan.objects.create(
        broadcast=broadcast,
        budget=D(400) * n,
        target_roi=D("3.0"),
        conversion_pct=D("5"),
        aov=D("100"),
        mix_old=D("40"),
        mix_new=D("35"),
        mix_paid=D("25"),
    )
    slots = max(1, n // 10)
    share = (D(100) / slots).quantize(D("0.01"))
    AdSlot.objects.bulk_create(
        AdSlot(
            broadcast=broadcast,
            position=i + 1,
            start_offset=total * i // slots,
            end_offset=total * (i + 1) // slots,
            share=share if i < slots - 1 else D(100) - share * (slots - 1),
            emphasis=[AudienceGroup.PAID, AudienceGroup.NEW, AudienceGroup.ALL][i % 3],
            note=text_of_length(rng, 10, 30),
        )
        for i in range(slots)
    )
    count = max(1, n // 2)
    roles = list(ProductRole)
    products = []
    for i in range(count):
        listed = D(rng.choice([69, 89, 129, 168, 299, 598]))
        stock = rng.choice([300, 800, 1200, 2000])
        products.append(
            Product(
                broadcast=broadcast,
                position=i + 1,
                link_number=i + 1,
                sku=f"SKU-{n}-{i + 1:05d}",
                name=f"{GOODS[i % len(GOODS)]} · 款 {i + 1}",
                role=roles[i % len(roles)],
                audience=list(ProductAudience)[i % 3],
                list_price=listed,
                live_price=(listed * D("0.6")).quantize(D("0.1")),
                unit_cost=(listed * D("0.3")).quantize(D("0.01")),
                stock=stock,
                per_buyer_limit=rng.choice([None, 2, 5]),
                planned_units=stock // 2,
                release_units=stock // 4,
                selling_points="\n".join(
                    text_of_length(rng, 12, 24) for _ in range(rng.randint(1, 3))
                ),
            )
        )
    products = Product.objects.bulk_create(products)
    Link = Product.segments.through
    links = []
    for i, product in enumerate(products):
        first = (2 * i) % n
        second = (2 * i + 1 + n // 2) % n
        for index in {first, second}:
            links.append(Link(product_id=product.pk, segment_id=segments[index].pk))
    Link.objects.bulk_create(links)
    gifts = []
    for i in range(max(1, n // 3)):
        segment = segments[(3 * i) % n]
        kind = [GiveawayKind.LUCKY_BAG, GiveawayKind.COUPON, GiveawayKind.FLASH_SALE][i % 3]
        gift = Giveaway(
            broadcast=broadcast,
            position=i + 1,
            kind=kind,
            segment=segment if i % 5 else None,
            at_minute=None if i % 5 else total * i // max(1, n // 3),
            quantity=rng.choice([10, 20, 100, 200]),
            countdown_minutes=5 if kind != GiveawayKind.COUPON else None,
        )
        if kind == GiveawayKind.LUCKY_BAG:
            gift.entry_rule = EntryRule.KEYWORD
            gift.entry_detail = rng.choice(["想要", "美美", "明晚见", "宠粉"])
            gift.prize = rng.choice(GOODS)
            gift.unit_value = D(rng.choice([39, 69, 89]))
        elif kind == GiveawayKind.COUPON:
            gift.entry_rule = EntryRule.FAN_CLUB
            gift.coupon_threshold, gift.coupon_discount = D(150), D(10)
            gift.per_person_limit = 1
        else:
            gift.prize_product = products[i % len(products)]
            gift.unit_value = gift.prize_product.live_price
            gift.per_person_limit = 1
        gifts.append(gift)
    Giveaway.objects.bulk_create(gifts)
    channels = list(Channel)
    statuses = list(WarmupStatus)
    WarmupItem.objects.bulk_create(
        WarmupItem(
            broadcast=broadcast,
            position=i + 1,
            channel=channels[i % len(channels)],
            title=f"预热{WARMUP_KINDS[i % 4]}：{text_of_length(rng, 10, 30)}",
            offset_minutes=30 + 60 * i,
            owner=OWNERS[i % len(OWNERS)],
            status=statuses[i % len(statuses)],
            link=f"https://v.kuaishou.com/{n}x{i}" if i % 2 else "",
            expected_reservations=rng.choice([500, 1500, 3000]),
        )
        for i in range(max(1, n // 5))
    )
    return broadcast
