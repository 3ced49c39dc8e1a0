"""The cell parsers: what people write in a 直播脚本's cells."""

from decimal import Decimal

import pytest

from stage.sheets import cells
from stage.sheets.perks import perk

# fmt: off
CLOCKS = [
    ("19:00", 1140), ("19：00", 1140), ("7:00 PM", 1140), ("7:05pm", 1145), ("12:30 AM", 30),
    ("下午3点", 900), ("19点30", 1170), ("8:00", 480), ("0.75", 1080), ("19:00:00", 1140),
    ("二十点", None), ("", None), ("25:00", None),
]
SPANS = [
    ("19:00-19:10", (1140, 1150)), ("19:10～19:25", (1150, 1165)), ("19：25—20：00", (1165, 1200)),
    ("20:00 - 20:20", (1200, 1220)), ("23:50 至 00:10", (1430, 1450)),
    ("19:15~19:30", (1155, 1170)),
    ("7:00 PM - 8:30 PM", (1140, 1230)), ("19:00", None),
]
LENGTHS = [
    ("10", 10), ("10分钟", 10), ("15min", 15), ("15'", 15), ("5分", 5), ("1小时", 60),
    ("1h30", 90), ("0:15", 15), ("20.0", 20), ("7.5", None), ("十分钟", None), ("", None),
]
LINKS = [
    ("1号链接", [1]), ("2#", [2]), ("3号", [3]), ("链接4", [4]), ("No.4", [4]), ("#5", [5]),
    ("4、5", [4, 5]), ("6/7", [6, 7]), ("3\n2", [3, 2]), ("5+4", [5, 4]), ("1, 2", [1, 2]),
    ("12", [12]), ("1号链接、2#", [1, 2]), ("1号链接 洁面慕斯", []), ("", []),
]
MENTIONS = [
    ("1号链接 洁面慕斯", (1, "洁面慕斯", None)),
    ("#1 洁面慕斯 ¥9.9", (1, "洁面慕斯", "9.9")),
    ("1# 洁面慕斯（9.9元）", (1, "洁面慕斯", "9.9")),
    ("链接4 湘西腊肉 到手价39.9", (4, "湘西腊肉", "39.9")),
    ("No.2 红薯粉条 1元", (2, "红薯粉条", "1")),
    ("Vitamin C serum 30ml $29.9", (None, "Vitamin C serum 30ml", "29.9")),
]
SPLITS = [
    ("防晒喷雾 SPF50+ + 冻干草莓脆", ["防晒喷雾 SPF50+", "冻干草莓脆"]),
    ("洁面慕斯、精华，坚果礼盒", ["洁面慕斯", "精华", "坚果礼盒"]),
    ("Sheet mask 10pk + Sunscreen SPF50+", ["Sheet mask 10pk", "Sunscreen SPF50+"]),
    ("59+19.9", ["59", "19.9"]),
    ("精华\n面霜", ["精华", "面霜"]),
    ("-", []), ("（）", []),
]
NAME_KEYS = [
    ("玻尿酸精华 30ml", "玻尿酸精华"), ("玻尿酸精华", "玻尿酸精华"),
    ("氨基酸 洁面慕斯", "氨基酸洁面慕斯"),
    ("坚果礼盒 1.5kg", "坚果礼盒"), ("螺蛳粉 5袋装", "螺蛳粉"), ("Lip Oil", "lipoil"),
    ("燕窝（6瓶装）", "燕窝"),
]
AMOUNTS = [
    ("50万", "500000"), ("¥19.9", "19.9"), ("1,200", "1200"), ("3w", "30000"), ("$20,000", "20000"),
]
PERKS = [
    ("福袋 10个 口令“美美”", ("lucky_bag", 10, "keyword", "美美")),
    ("满150减10券 1000张", ("coupon", 1000, "none", "")),
    ("红包 2000元/200个", ("red_packet", 200, "none", "")),
    ("秒杀价149 200单 限购1", ("flash_sale", 200, "none", "")),
    ("抽奖 iPhone 1名 价值5999", ("lottery", 1, "none", "")),
    ("粉丝团福袋 20人", ("lucky_bag", 20, "fan_club", "")),
    ("关注主播 抽3名送面膜", ("lottery", 3, "follow", "")),
    ("红包 观看满3分钟可抢", ("red_packet", 1, "watch", "3")),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CLOCKS)
def test_clock(text, expected):
    assert cells.clock(text) == expected


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_span(text, expected):
    assert cells.span(text) == expected


@pytest.mark.parametrize(("text", "expected"), LENGTHS)
def test_minutes(text, expected):
    assert cells.minutes(text) == expected


@pytest.mark.parametrize(("text", "expected"), LINKS)
def test_links(text, expected):
    assert cells.links(text) == expected


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_mention(text, expected):
    found = cells.mention(text)
    assert (found.link, found.name, found.price) == (
        expected[0],
        expected[1],
        None if expected[2] is None else Decimal(expected[2]),
    )


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_items_keeps_names_whole(text, expected):
    assert cells.split_items(text) == expected


@pytest.mark.parametrize(("text", "expected"), NAME_KEYS)
def test_name_key_drops_spec_and_spacing(text, expected):
    assert cells.name_key(text) == expected


@pytest.mark.parametrize(("text", "expected"), AMOUNTS)
def test_amount(text, expected):
    assert cells.amount(text) == Decimal(expected)


def test_count_and_day():
    assert [cells.count(t) for t in ("1500件", "1,500", "200单", "很多")] == [1500, 1500, 200, None]
    assert str(cells.day("2026年12月10日", 2030)) == "2026-12-10"
    assert str(cells.day("12.12 大促", 2026)) == "2026-12-12"
    assert cells.day("13.40", 2026) is None


@pytest.mark.parametrize(("text", "expected"), PERKS)
def test_perk(text, expected):
    found = perk(text)
    assert (found.kind, found.quantity, found.entry_rule, found.entry_detail) == expected


def test_perk_terms_and_values():
    coupon = perk("满150减10券 1000张")
    assert (coupon.coupon_threshold, coupon.coupon_discount) == (Decimal(150), Decimal(10))
    assert perk("Coupon $5 off $30 ×300").coupon_threshold == Decimal(30)
    assert perk("红包 2000元/200个").unit_value == Decimal("10.00")
    assert perk("抽奖 iPhone 1名 价值5999").unit_value == Decimal(5999)
    assert perk("秒杀价149 200单 限购1").per_person_limit == 1
    assert perk("今晚聊聊护肤") is None
