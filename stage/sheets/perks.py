"""Giveaways as teams write them in a 福利 cell: '福袋 10个 口令“美美”', '满150减10券 1000张',
'红包 2000元/200个', '秒杀价149 200单 限购1', '抽奖 iPhone 1名 价值5999'."""

import re
from dataclasses import dataclass
from decimal import Decimal

from stage.checklists.giveaways import EntryRule, GiveawayKind
from stage.sheets.words import choice

KIND_WORDS = [  # the first that appears decides; 粉丝团福袋 is a lucky bag for fans
    (GiveawayKind.LUCKY_BAG, r"福袋|lucky\s*bag"),
    (GiveawayKind.RED_PACKET, r"红包|red\s*packet"),
    (GiveawayKind.COUPON, r"满\s*\d+(?:\.\d+)?\s*(?:减|-)\s*\d|优惠券|券|coupon"),
    (GiveawayKind.FLASH_SALE, r"秒杀|flash"),
    (GiveawayKind.LOTTERY, r"抽奖|抽\s*\d*\s*[个位名人]|抽送|lottery|draw"),
    (GiveawayKind.FAN_CLUB, r"粉丝团|灯牌|fan\s*club"),
]
QUANTITY = re.compile(
    r"(?<!限购)(?<![\d.])(\d[\d,]*)\s*(?:个|人|名|份|张|单|件|包|位|组|winners?|pcs|units?)"
)
TIMES = re.compile(r"[×xX*]\s*(\d[\d,]*)")
POOL = re.compile(r"(\d+(?:\.\d+)?)\s*(万)?\s*元?\s*[/／]\s*(\d+)\s*个")
COUPON = re.compile(r"满\s*(\d+(?:\.\d+)?)\s*(?:元)?\s*(?:减|-)\s*(\d+(?:\.\d+)?)")
COUPON_OFF = re.compile(r"[$¥￥]?(\d+(?:\.\d+)?)\s*off\s*(?:over\s*)?[$¥￥]?(\d+(?:\.\d+)?)", re.I)
VALUE = re.compile(
    r"(?:价值|value|面值|单价)\s*[:：]?\s*[¥￥]?\s*(\d+(?:\.\d+)?)|[¥￥]\s*(\d+(?:\.\d+)?)", re.I
)
FLASH_PRICE = re.compile(
    r"(?:秒杀价?|flash\s*(?:sale\s*)?(?:price)?)\s*[:：]?\s*[¥￥$]?\s*(\d+(?:\.\d+)?)"
    r"(?![\d.]|\s*(?:[个人名份张单件]|分钟|min))"
    r"|[¥￥$]\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*元",
    re.IGNORECASE,
)
LIMIT = re.compile(r"(?:限购|每人限购?|limit)\s*(\d+)", re.IGNORECASE)
KEYWORD = re.compile(
    r"(?:口令|评论|扣|keyword)\s*[:：]\s*(?:[“\"「『‘']([^”\"」』’']+)[”\"」』’']|([^\s，,。；;）)]+))"
    r"|(?:口令|评论|扣|keyword)\s*[“\"「『‘']([^”\"」』’']+)[”\"」』’']",
    re.IGNORECASE,
)
WATCH = re.compile(r"(?:观看|看满|停留)\s*(\d+)\s*分钟")
COUNTDOWN = re.compile(r"(?:倒计时|countdown)\s*(\d+)\s*(?:分钟|min)|(\d+)\s*分钟\s*开奖", re.I)


@dataclass
class Perk:
    kind: str
    text: str
    quantity: int = 1
    unit_value: Decimal = Decimal(0)
    coupon_threshold: Decimal | None = None
    coupon_discount: Decimal | None = None
    per_person_limit: int | None = None
    entry_rule: str = EntryRule.NONE
    entry_detail: str = ""
    countdown_minutes: int | None = None
    flash_price: Decimal | None = None

    @property
    def label(self) -> str:
        return GiveawayKind(self.kind).label

    def form_data(self) -> dict:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "text"}
        data["prize"] = self.text[:200]
        return {k: "" if v is None else str(v) for k, v in data.items()}


def kind_of(text: str) -> str | None:
    """A kind's value or label (any language), else the first kind word in the text."""
    if found := choice(GiveawayKind, text):
        return found
    folded = str(text).casefold()
    return next((kind for kind, words in KIND_WORDS if re.search(words, folded)), None)


def perk(text: str, kind: str | None = None) -> Perk | None:
    """A giveaway read from its text, or None when no kind word is in it."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    kind = kind or kind_of(text)
    if kind is None:
        return None
    found = Perk(kind, text)
    if match := POOL.search(text):
        pool = Decimal(match.group(1)) * (10_000 if match.group(2) else 1)
        found.quantity = int(match.group(3))
        found.unit_value = (pool / found.quantity).quantize(Decimal("0.01"))
    elif match := QUANTITY.search(text) or TIMES.search(text):
        found.quantity = int(match.group(1).replace(",", ""))
    if kind == GiveawayKind.COUPON and (match := COUPON.search(text)):
        found.coupon_threshold, found.coupon_discount = Decimal(match[1]), Decimal(match[2])
    elif kind == GiveawayKind.COUPON and (match := COUPON_OFF.search(text)):
        found.coupon_discount, found.coupon_threshold = Decimal(match[1]), Decimal(match[2])
    if kind == GiveawayKind.FLASH_SALE and (match := FLASH_PRICE.search(text)):
        found.flash_price = Decimal(next(g for g in match.groups() if g))
    elif kind != GiveawayKind.RED_PACKET and (match := VALUE.search(text)):
        found.unit_value = Decimal(match.group(1) or match.group(2))
    if match := LIMIT.search(text):
        found.per_person_limit = int(match.group(1))
    if match := COUNTDOWN.search(text):
        found.countdown_minutes = int(match.group(1) or match.group(2))
    if match := KEYWORD.search(text):
        word = next(g for g in match.groups() if g)
        found.entry_rule, found.entry_detail = EntryRule.KEYWORD, word[:100]
    elif re.search(r"粉丝团|灯牌|fan\s*club", text, re.I) and kind != GiveawayKind.FAN_CLUB:
        found.entry_rule = EntryRule.FAN_CLUB
    elif match := WATCH.search(text):
        found.entry_rule, found.entry_detail = EntryRule.WATCH, match.group(1)
    elif re.search(r"关注|follow", text, re.I):
        found.entry_rule = EntryRule.FOLLOW
    return found
