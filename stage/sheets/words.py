"""The words of a 直播脚本: what each column header, info key and choice may be called.

A meaning's words are the ones teams write (Chinese and English) plus the app's own labels in
every language it speaks, so STAGE's XLSX export reads back whatever language it was made in.
"""

import re
from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SCRIPT, PRODUCTS, GIVEAWAYS, ADS, WARMUP = "script", "products", "giveaways", "ads", "warmup"
IGNORED = "ignored"  # a known column that is not imported (a budget, a computed total)

# kind -> field -> (label in the preview, words teams write, the app's own labels)
FIELDS = {
    SCRIPT: {
        "number": (_("Row number"), "序号 编号 no # 顺序 step", [_("No.")]),
        "title": (
            _("Segment title"),
            "环节 环节名称 环节标题 标题 流程 主题 内容 直播环节 板块 模块 title segment 环节内容 "
            "section",
            [_("Segment")],
        ),
        "kind": (_("Kind"), "类型 环节类型 分类 性质 kind type category", [_("Kind")]),
        "time": (
            _("Time or time range"),
            "时间 时间段 时段 时间节点 时间安排 time timeslot slot 时间轴",
            [],
        ),
        "start": (
            _("Start"),
            "开始 开始时间 起始时间 开始时刻 start starttime from 起",
            [_("Start")],
        ),
        "end": (_("End"), "结束 结束时间 截止时间 end endtime to 止", [_("End")]),
        "minutes": (
            _("Length"),
            "时长 分钟 用时 持续时间 预计时长 环节时长 minutes mins min length duration",
            [_("Min")],
        ),
        "hard_start": (_("Hard start"), "固定开始 hardstart", [_("Hard start")]),
        "host_lines": (
            _("Host lines"),
            "话术 主播话术 口播 讲解 讲解要点 讲解内容 台词 话术要点 脚本 hostlines host script "
            "lines "
            "hostscript talkingpoints",
            [_("Host lines")],
        ),
        "cues": (
            _("Control-room cues"),
            "场控 中控 场控/中控 场控提示 场控动作 中控操作 运营 运营动作 助播 后台操作 配合 cues "
            "cue "
            "control-roomcues operator",
            [_("Cues")],
        ),
        "products": (
            _("Products"),
            "产品 商品 产品/链接 商品/链接 上架产品 讲解产品 产品名称 商品名称 品名 货品 products "
            "product items",
            [_("Products")],
        ),
        "link": (
            _("Cart link no."),
            "链接 链接号 上架链接 链接序号 链接编号 小黄车 购物车 link links linkno cartlink",
            [],
        ),
        "price": (_("Live price"), "到手价 直播价 价格 售价 活动价 直播到手价 price liveprice", []),
        "perks": (
            _("Giveaways"),
            "福利 福利机制 福利/互动 互动福利 福利玩法 优惠 优惠机制 玩法 互动 活动 perks perk "
            "giveaways "
            "giveaway benefits",
            [_("Giveaways")],
        ),
        "notes": (_("Notes"), "备注 说明 注意事项 其他 notes note remarks comments", [_("Notes")]),
        IGNORED: (
            _("Not imported"),
            "",
            [_("Ad slot"), _("Slot budget"), _("Timed cues"), _("Product details")],
        ),
    },
    PRODUCTS: {
        "number": (_("Row number"), "序号 编号 #", []),
        "link": (
            _("Cart link no."),
            "链接 链接号 链接序号 上架链接 link linkno no cartlink",
            [_("Link")],
        ),
        "name": (
            _("Product name"),
            "产品 产品名称 产品名 商品 商品名称 品名 名称 货品 name product productname item",
            [_("Product")],
        ),
        "spec": (_("Spec"), "规格 规格型号 容量 净含量 spec size specification", []),
        "sku": (_("SKU"), "sku 货号 商品编码 商品id 编码 款号", [_("SKU")]),
        "role": (_("Role"), "类型 定位 角色 产品定位 商品定位 分类 role type", [_("Role")]),
        "audience": (_("Audience"), "人群 受众 目标人群 audience", [_("Audience")]),
        "list_price": (
            _("List price"),
            "日常价 原价 吊牌价 划线价 零售价 市场价 专柜价 listprice rrp regularprice",
            [_("List price")],
        ),
        "live_price": (
            _("Live price"),
            "直播价 到手价 活动价 直播到手价 售价 价格 liveprice price",
            [_("Live price")],
        ),
        "stock": (_("Stock"), "库存 库存数 备货 备货量 stock inventory qty", [_("Stock")]),
        "limit": (
            _("Limit per buyer"),
            "限购 每人限购 limit perbuyerlimit",
            [_("Limit per buyer")],
        ),
        "release_units": (_("Units per showing"), "每次放单 每轮放单 放单", [_("Per showing")]),
        "selling_points": (
            _("Selling points"),
            "卖点 产品卖点 核心卖点 卖点话术 sellingpoints",
            [_("Selling points")],
        ),
        "cost": (_("Unit cost"), "成本 成本价 cost unitcost", [_("Unit cost")]),
        "planned_units": (
            _("Planned units"),
            "预计销量 计划销量 目标销量 planned plannedunits",
            [_("Planned")],
        ),
        IGNORED: (
            _("Not imported"),
            "",
            [_("Discount"), _("Planned sales"), _("Shown at")],
        ),
    },
    GIVEAWAYS: {
        "time": (_("Time"), "时间 时间点 发放时间 开奖时间 时段 at time when", [_("At")]),
        "kind": (_("Kind"), "类型 福利类型 形式 kind type", [_("Kind")]),
        "prize": (
            _("Prize"),
            "奖品 内容 福利内容 福利 奖品内容 礼品 prize item 名称",
            [_("Prize")],
        ),
        "quantity": (
            _("Quantity"),
            "数量 份数 个数 中奖人数 人数 名额 quantity qty winners",
            [_("Quantity")],
        ),
        "value": (_("Unit value"), "价值 单价 金额 unitvalue value", [_("Unit value")]),
        "rule": (
            _("Entry rule"),
            "参与方式 参与条件 口令 条件 规则 门槛 entryrule rule",
            [_("Entry rule")],
        ),
        "segment": (_("Segment"), "环节 对应环节 segment", [_("Segment")]),
        "prize_link": (_("Prize link"), "奖品链接 prizelink", [_("Prize link")]),
        "entry_detail": (_("Keyword / minutes"), "口令/分钟数", [_("keyword / minutes")]),
        "countdown": (_("Countdown"), "倒计时 countdown", [_("countdown / duration (min)")]),
        "threshold": (_("Coupon threshold"), "门槛金额 满 threshold", [_("coupon threshold")]),
        "discount": (_("Coupon discount"), "优惠金额 减 discount", [_("coupon discount")]),
        "limit": (_("Limit per person"), "每人限领 限领", [_("limit per person")]),
        "flash_price": (_("Flash price"), "秒杀价 flashprice", [_("flash price")]),
        "notes": (_("Notes"), "备注 说明 notes", []),
        IGNORED: (_("Not imported"), "", [_("Cost"), _("Deal")]),
    },
    ADS: {
        "time": (_("Time or time range"), "时段 投放时段 时间 时间段 time slot", []),
        "start": (_("Start"), "开始 开始时间 start", [_("Start")]),
        "end": (_("End"), "结束 结束时间 end", [_("End")]),
        "share": (
            _("Share of budget"),
            "预算占比 占比 比例 预算比例 share",
            [_("Share of budget")],
        ),
        "emphasis": (
            _("Audience emphasis"),
            "人群 人群侧重 侧重 定向 audience",
            [_("Audience emphasis")],
        ),
        "note": (_("Note"), "备注 说明 note notes", [_("Note")]),
        IGNORED: (_("Not imported"), "", [_("Budget")]),
    },
    WARMUP: {
        "title": (_("Title"), "标题 内容 主题 title", [_("Title")]),
        "channel": (_("Channel"), "渠道 平台 形式 channel", [_("Channel")]),
        "when": (_("When"), "节点 倒计时 when", [_("When")]),
        "publish": (_("Publish"), "发布时间 时间 发布 publish time", [_("Publish")]),
        "owner": (_("Owner"), "负责人 owner", [_("Owner")]),
        "status": (_("Status"), "状态 进度 status", [_("Status")]),
        "reservations": (
            _("Reservations"),
            "预约 预约数 预计预约 reservations",
            [_("Reservations")],
        ),
        "link": (_("Link"), "链接 link url", [_("Link")]),
    },
}
NEEDS = {  # a header row of each kind names all of one group
    SCRIPT: [{"title", "time"}, {"title", "start"}, {"title", "minutes"}, {"title", "host_lines"}],
    PRODUCTS: [{"name", "live_price"}, {"name", "list_price"}],
    GIVEAWAYS: [{"prize", "time"}, {"kind", "time"}, {"prize", "quantity"}],
    ADS: [{"share", "start"}, {"share", "time"}],
    WARMUP: [{"title", "publish"}, {"title", "when"}, {"title", "channel"}],
}
SHEET_HINTS = {
    PRODUCTS: r"产品|商品|选品|货品|product|lineup",
    GIVEAWAYS: r"福利|奖品|giveaway|perk",
    ADS: r"投放|投流|广告|ad-spend|\bads?\b",
    WARMUP: r"预热|种草|warm-up|warmup",
}
INFO = {  # the facts above a table: key -> (words, the app's own labels)
    "date": ("日期 直播日期 开播日期 date", [_("Date")]),
    "time": ("时间 直播时间 开播时间 时段 直播时段 time", [_("Time")]),
    "start": ("开始 开始时间 开播 start", []),
    "end": ("结束 结束时间 下播 下播时间 end", []),
    "platform": ("平台 直播平台 渠道 platform", [_("Platform")]),
    "account": ("直播间 账号 店铺 直播账号 room account", [_("Account / room")]),
    "hosts": ("主播 主播嘉宾 嘉宾 host hosts", [_("Host(s)")]),
    "gmv": ("gmv目标 目标gmv 目标 销售目标 业绩目标 gmv target gmvtarget", [_("GMV target")]),
    "currency": ("币种 货币 currency", []),
    "notes": ("备注 说明 notes", [_("Notes")]),
    "title": ("主题 直播主题 标题 title", []),
}


AD_PLAN_WORDS = {
    "budget": "预算 投放预算 总预算 budget",
    "tool": "工具 投放工具 tool",
    "objective": "目标 投放目标 objective",
    "target_roi": "roi 目标roi 投产比",
    "conversion_pct": "转化率 conversion",
    "aov": "客单价 aov",
    "mix_old": "老粉 老粉占比",
    "mix_new": "新客 自然新客 新粉占比",
    "mix_paid": "付费 付费流量 付费占比",
}


def normalise(text: str) -> str:
    text = re.sub(r"[(（][^)）]*[)）]", "", str(text).casefold())
    return re.sub(r"[\s_*:：\-.。、/]", "", text)


def spellings(label) -> set[str]:
    """A translatable label as it reads in every language of the app, normalised."""
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(normalise(str(label)))
    return found


@cache
def aliases(kind: str) -> dict[str, str]:
    """Normalised header -> field, for a kind of sheet; the app's own labels first."""
    found = {}
    for name, (_label, _words, own) in FIELDS[kind].items():
        for label in own:
            for spelling in spellings(label):
                found.setdefault(spelling, name)
    for name, (_label, words, _own) in FIELDS[kind].items():
        for word in words.split():
            found.setdefault(normalise(word), name)
    return found


@cache
def info_keys() -> dict[str, str]:
    found = {}
    for key, (words, own) in INFO.items():
        for label in own:
            for spelling in spellings(label):
                found.setdefault(spelling, key)
        for word in words.split():
            found.setdefault(normalise(word), key)
    return found


@cache
def choices_of(enum) -> dict[str, str]:
    """Normalised value or label (any language) -> the choice's value."""
    found = {}
    for value, label in enum.choices:
        found[normalise(value)] = value
        for spelling in spellings(label):
            found.setdefault(spelling, value)
    return found


def choice(enum, text: str) -> str | None:
    return choices_of(enum).get(normalise(text))


@cache
def ad_plan_keys() -> dict[str, str]:
    """Normalised label -> AdPlan field: its verbose names in every language, and team words."""
    from stage.checklists.adspend import AdPlan

    found = {}
    for name, words in AD_PLAN_WORDS.items():
        for spelling in spellings(AdPlan._meta.get_field(name).verbose_name):
            found.setdefault(spelling, name)
        for word in words.split():
            found.setdefault(normalise(word), name)
    return found


def words_of(words: dict[str, str]) -> dict[str, str]:
    """Normalised word -> meaning, from meaning -> the words (space-separated) teams write."""
    return {normalise(w): name for name, text in words.items() for w in text.split()}


def header_meanings(row: list[str], known: dict[str, str], never=()) -> dict[int, str]:
    """Column index -> what its header means in a sheet of figures: the header itself as a
    known word, else the longest known word in it, one it begins with before one inside it
    (规格名称 is a spec, not a name). The first column of a meaning takes it; a later one is
    left out (退款订单数 after 成交订单数 is not the refunds). A header holding a word of
    `never` (a rate, a click count) means nothing."""
    columns: dict[int, str] = {}
    for index, text in enumerate(row):
        key = normalise(text)
        if not key or any(word in key for word in never):
            continue
        if key in known:
            ranked = [known[key]]
        else:
            inside = [
                (len(w), key.startswith(w), n) for w, n in known.items() if len(w) >= 2 and w in key
            ]
            ranked = [name for *_rank, name in sorted(inside, reverse=True)]
        if ranked and ranked[0] not in columns.values():
            columns[index] = ranked[0]
    return columns
