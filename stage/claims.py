"""What a host says that the lint reads: absolute claims and spoken prices.

Absolute claims: China's Advertising Law, Art. 9(3), forbids "国家级", "最高级", "最佳" and the
like; SAMR's enforcement guide on absolute terms (《广告绝对化用语执法指南》, 2023) judges them in
context.
A superlative about the product, its price or its rank is flagged; order and time are not:
最后一轮 / 第一波 / 第一次 / 最近 / 最多限购 are how every show talks.
"""

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from functools import cached_property

CONTEXT = 6  # characters quoted on each side of a phrase

# Claims about quality, price, rank or uniqueness. Whole phrases, so 最 and 第一 alone never match.
ABSOLUTE_CLAIMS = re.compile(
    "|".join(
        [
            r"国家级|世界级|全球级|宇宙级|最高级",
            r"最(?:好|佳|优|强|棒|牛|高端|顶级|先进|专业|安全|有效|健康|正宗|便宜|划算|实惠|低价?|受欢迎|畅销|热销)",
            r"(?:全网|全国|全球|全平台|史上|历史|行业)(?:最|第一|唯一|首创)",
            r"(?:销量|排名|排行|行业|品类|全网|全国|世界|全球)(?:第一|第1|冠军)",
            r"第一(?:品牌|名牌|大牌|品质)|(?:NO|No|no)\.?\s?1(?!\d)|TOP\s?1(?!\d)",
            r"唯一|独一无二|绝无仅有|顶级|极致|万能|100\s*%\s*(?:有效|纯|安全)",
            r"独家",
            r"\b(?:the\s+)?best(?:[- ]selling)?\b|\blowest\s+price\b|\bcheapest\b",
            r"\bnumber\s+one\b|\bworld[- ]class\b|\bthe\s+only\b",
        ]
    ),
    re.IGNORECASE,
)
# Within a phrase above, what makes it about time or order after all (最低 in 最低消费 is not).
NOT_A_CLAIM = re.compile(r"最低(?:消费|门槛|起订|配置)")


def absolute_claims(text: str) -> list[str]:
    """Each absolute claim in a text, quoted with a little of what is around it."""
    found = []
    for match in ABSOLUTE_CLAIMS.finditer(text):
        if NOT_A_CLAIM.match(text, match.start()):
            continue
        found.append(quote(text, match.start(), match.end()))
    return found


def quote(text: str, start: int, end: int) -> str:
    """The words from start to end with a little of their line on each side."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1)  # -1: the text's end
    left, right = max(line_start, start - CONTEXT), min(line_end, end + CONTEXT)
    lead = "…" if left > line_start else ""
    tail = "…" if right < line_end else ""
    return f"{lead}{text[left:right].strip()}{tail}"


# A price said aloud: ¥89, 89元, 89块(钱), 到手价89, 直播价 89, 秒杀价89, 只要89.
PRICE_WORDS = r"到手价?|直播价|活动价|秒杀价|现价|券后价?|只要|仅需|仅要"
SPOKEN_PRICE = re.compile(
    rf"(?:{PRICE_WORDS})\s*[:：]?\s*[¥￥]?\s*(\d+(?:\.\d+)?)"
    r"|[¥￥]\s*(\d+(?:\.\d+)?)"
    r"|(?<![\d.])(\d+(?:\.\d+)?)\s*(?:元|块)(?!\s*[/／]\s*\d)"
)
# Amounts that are not a price: a saving (立省140元, 减10元), a pool (红包2000元), a total (30万).
NOT_A_PRICE_BEFORE = re.compile(
    r"(?:省|减|优惠|便宜|补贴|红包|券|奖金|现金|返|送|共|满|多)\s*[¥￥]?\s*$"
)
NOT_A_PRICE_AFTER = re.compile(
    r"^\s*(?:万|w|千|k|亿|[/／]|的?(?:券|红包|优惠|无门槛))", re.IGNORECASE
)


def spoken_prices(text: str) -> list[tuple[Decimal, str]]:
    """Each price said in a text, with the words that say it."""
    found = []
    for match in SPOKEN_PRICE.finditer(text):
        number = next(g for g in match.groups() if g)
        start, end = match.start(), match.end()
        if NOT_A_PRICE_BEFORE.search(text[max(0, start - 4) : start]):
            continue
        if NOT_A_PRICE_AFTER.match(text[end : end + 4]):
            continue
        try:
            found.append((Decimal(number), quote(text, start, end)))
        except InvalidOperation:
            continue
    return found


class SayablePrices:
    """What a host may say as a price, read once from a show's giveaways: every giveaway's
    amounts (coupon terms, values) and, for given products, their list and live prices, the
    flash prices of their flash sales and the price after a coupon they qualify for (到手价).
    Asked per segment, it costs that segment's products, not the show's giveaways; the whole
    lineup's (for a segment that shows none) is worked out once."""

    def __init__(self, lineup, giveaways):
        self.lineup = lineup
        self.amounts = set()
        self.flash = defaultdict(set)
        self.coupons = set()  # (threshold, discount)
        for g in giveaways:
            self.amounts |= {g.unit_value, g.coupon_threshold, g.coupon_discount}
            if g.prize_product_id is not None:
                self.flash[g.prize_product_id].add(g.flash_price)
            if g.coupon_discount and g.coupon_threshold is not None:
                self.coupons.add((g.coupon_threshold, g.coupon_discount))

    @cached_property
    def lineup_prices(self) -> set[Decimal]:
        return self.of(self.lineup)

    def of(self, products) -> set[Decimal]:
        """The prices of these products (the giveaways' amounts are sayable anywhere)."""
        prices = set()
        for p in products:
            prices |= {p.live_price, p.list_price, *self.flash.get(p.pk, ())}
            prices |= {p.live_price - off for least, off in self.coupons if p.live_price >= least}
        return prices - {None}
