"""What the lint reads in what hosts say: absolute claims judged in context, spoken prices
against the lineup, and flash sales that name their product and price."""

from decimal import Decimal

import pytest

from stage import checks
from stage.checklists.giveaways import GiveawayKind
from stage.claims import absolute_claims, spoken_prices
from tests.test_checks import giveaway, product, run, segment

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.mark.parametrize(
    ("line", "claim"),
    [
        ("这是全网最低价，错过等一年", "全网最"),
        ("今天最低价给到大家", "最低价"),
        ("我们是第一品牌", "第一品牌"),
        ("这款销量第一的精华", "销量第一"),
        ("国家级实验室认证", "国家级"),
        ("顶级原料", "顶级"),
        ("市面上唯一一款", "唯一"),
        ("效果最好的面霜", "最好"),
        ("性价比最高端", "最高端"),
        ("这是行业第一", "行业第一"),
        ("同价位 NO.1", "NO.1"),
        ("直播间独家", "独家"),
        ("100%有效", "100%有效"),
        ("the best serum you can buy", "best"),
        ("lowest price on the internet", "lowest price"),
    ],
)
def test_absolute_claims_are_found_and_quoted(line, claim):
    [phrase] = absolute_claims(line)
    assert claim in phrase
    assert len(phrase) <= len(claim) + 2 * 6 + 2  # the claim, a little around it, ellipses


@pytest.mark.parametrize(
    "line",
    [
        "最后一轮福袋，大家抓紧",
        "第一波福利马上来",
        "第一次来直播间的宝宝点个关注",
        "最近天气干，精华正好用",
        "最多限购两件",
        "最低消费没有门槛",
        "第一个环节是暖场",
        "今天的第一单送小样",
    ],
)
def test_order_and_time_words_are_not_claims(line):
    assert absolute_claims(line) == []


def test_a_segment_with_claims_is_one_warning_quoting_each(broadcast):
    row = segment(broadcast, title="爆款", host_lines="全网最低价！\n直播间独家")
    segment(broadcast, title="收尾", host_lines="最后一轮福袋，第一次来的点关注")
    [finding] = run(checks.host_lines_without_absolute_claims, broadcast)
    assert (finding.letter, finding.level, finding.rows) == ("T", "warning", (row.pk,))
    assert "“全网最低价！”" in finding.message and "“直播间独家”" in finding.message
    assert "Art. 9" in finding.message


def test_cues_and_notes_are_not_read_for_claims(broadcast):
    segment(broadcast, cues="全网最低价 字幕", notes="销量第一")
    assert run(checks.host_lines_without_absolute_claims, broadcast) == []


def test_selling_points_with_claims(broadcast):
    row = product(broadcast, name="精华", selling_points="国家级专利\n温和不刺激")
    product(broadcast, name="慕斯", selling_points="氨基酸配方")
    [finding] = run(checks.selling_points_without_absolute_claims, broadcast)
    assert (finding.letter, finding.rows) == ("S", (row.pk,))
    assert "国家级专利" in finding.message


@pytest.mark.parametrize(
    ("text", "prices"),
    [
        ("坚果礼盒 89 元", [D("89")]),
        ("到手价99，拍两件更划算", [D("99")]),
        ("¥159 一瓶", [D("159")]),
        ("只要9.9块钱", [D("9.9")]),
        ("秒杀价：149", [D("149")]),
        ("立省140元", []),  # a saving, not a price
        ("满150减10", []),  # coupon terms without 元
        ("满150元减10元", []),
        ("红包2000元/200个", []),  # a pool
        ("今天目标30万元", []),  # a total
        ("1号链接放500单", []),  # units
    ],
)
def test_spoken_prices(text, prices):
    assert [price for price, _phrase in spoken_prices(text)] == prices


def test_a_spoken_price_that_is_not_the_lineups_is_a_warning(broadcast):
    row = segment(broadcast, title="利润品", host_lines="坚果礼盒 89 元，今天直播间")
    product(broadcast, name="坚果礼盒", live_price=D("99"), list_price=D("168"), shown_in=[row])
    [finding] = run(checks.spoken_prices_match_lineup, broadcast)
    assert (finding.letter, finding.rows) == ("T", (row.pk,))
    assert "89 元" in finding.message and "#1 99" in finding.message


def test_live_list_and_flash_prices_and_coupon_terms_may_be_said(broadcast):
    row = segment(
        broadcast,
        host_lines="原价299元，直播间到手价159，秒杀价149！满150元减10元",
        cues="字幕：¥159",
    )
    serum = product(broadcast, live_price=D("159"), list_price=D("299"), shown_in=[row])
    giveaway(broadcast, GiveawayKind.FLASH_SALE, segment=row, prize_product=serum,
             flash_price=D("149"), quantity=200)  # fmt: skip
    giveaway(broadcast, GiveawayKind.COUPON, coupon_threshold=D("150"), coupon_discount=D("10"))
    assert run(checks.spoken_prices_match_lineup, broadcast) == []


def test_another_products_flash_price_is_not_this_segments(broadcast):
    here = segment(broadcast, title="精华", host_lines="秒杀价149！")
    there = segment(broadcast, title="面霜")
    product(broadcast, live_price=D("159"), list_price=D("299"), shown_in=[here])
    cream = product(broadcast, live_price=D("199"), list_price=D("399"), shown_in=[there])
    giveaway(broadcast, GiveawayKind.FLASH_SALE, segment=there, prize_product=cream,
             flash_price=D("149"), quantity=50)  # fmt: skip
    [finding] = run(checks.spoken_prices_match_lineup, broadcast)
    assert finding.rows == (here.pk,)


def test_the_price_after_a_coupon_may_be_said(broadcast):
    row = segment(broadcast, host_lines="159 元再用满 150 减 10 券，到手价 149 元")
    product(broadcast, live_price=D("159"), list_price=D("299"), shown_in=[row])
    giveaway(broadcast, GiveawayKind.COUPON, coupon_threshold=D("150"), coupon_discount=D("10"))
    assert run(checks.spoken_prices_match_lineup, broadcast) == []


def test_a_segment_without_products_is_read_against_the_lineup(broadcast):
    segment(broadcast, host_lines="精华今天159元")
    product(broadcast, live_price=D("159"), list_price=D("299"))
    assert run(checks.spoken_prices_match_lineup, broadcast) == []
    segment(broadcast, host_lines="精华今天139元")
    [finding] = run(checks.spoken_prices_match_lineup, broadcast)
    assert "139元" in finding.message


def test_a_flash_sale_without_product_or_price_is_a_warning(broadcast):
    row = segment(broadcast)
    serum = product(broadcast, shown_in=[row])
    no_price = giveaway(broadcast, GiveawayKind.FLASH_SALE, segment=row, prize_product=serum)
    no_product = giveaway(broadcast, GiveawayKind.FLASH_SALE, at_minute=5, flash_price=D("10"))
    giveaway(broadcast, GiveawayKind.FLASH_SALE, segment=row, prize_product=serum,
             flash_price=D("70"))  # fmt: skip
    findings = run(checks.flash_sales_priced, broadcast)
    # In time order: the segment's at its start, then the one at minute 5.
    assert [(f.letter, f.rows) for f in findings] == [
        ("G", (no_price.pk,)),
        ("G", (no_product.pk,)),
    ]
    assert "no flash price" in findings[0].message and "names no product" in findings[1].message
