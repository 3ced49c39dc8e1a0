"""Cell parsers: what people write in a 直播脚本's cells, read into numbers, times and names.

Each takes the cell's text and returns None (or an empty list) when it cannot read it; callers say
what was not understood. Clock times are minutes after midnight.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

DASH = r"(?:-|–|—|−|~|～|〜|至|到|to)"
CLOCK = r"(\d{1,2})\s*[:：点時时.]\s*(\d{2})(?:\s*[:：]\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?"
CLOCK_ONLY = re.compile(rf"^\s*(上午|下午|晚上|早上)?\s*{CLOCK}\s*$", re.IGNORECASE)
HOUR_ONLY = re.compile(r"^\s*(上午|下午|晚上|早上)?\s*(\d{1,2})\s*(?:点|時|时|(am|pm))\s*$", re.I)
SPAN = re.compile(rf"(\S*?\s*{CLOCK})\s*{DASH}+\s*(\S*?\s*{CLOCK})", re.IGNORECASE)
LENGTH = re.compile(
    r"^\s*(?:(\d+)\s*(?:小时|h|hr|hours?)\s*)?(?:(\d+(?:\.\d+)?)\s*(分钟|分|min|mins|minutes|m|'|’|′)?)?\s*$",
    re.IGNORECASE,
)
LINK_WORD = r"(?:号链接|号|#|＃)"
LINK_PATTERNS = [
    re.compile(rf"^\s*(\d{{1,4}})\s*{LINK_WORD}"),
    re.compile(r"^\s*(?:[#＃]|链接|link|no\.?|№)\s*(\d{1,4})\s*号?", re.IGNORECASE),
]
PRICE_WORDS = r"(?:到手价|直播价|活动价|秒杀价|售价|价格|现价|券后价?|price)"
PRICE = re.compile(
    rf"(?:{PRICE_WORDS}\s*[:：]?\s*[¥￥$]?\s*(\d+(?:\.\d+)?)\s*元?)|[¥￥$]\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*元(?![/／]\s*\d)",
    re.IGNORECASE,
)
AMOUNT = re.compile(r"^\s*[¥￥$]?\s*(\d[\d,，]*(?:\.\d+)?)\s*(万|w|千|k|亿)?\s*元?\s*$", re.I)
COUNT = re.compile(r"^\s*(\d[\d,，]*)\s*(?:件|个|份|单|张|瓶|盒|套|pcs|units?)?\s*$", re.I)
DATE = re.compile(r"(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# Tokens whose "+" or "/" is part of a name, kept whole when a cell is split into products.
KEEP_WHOLE = re.compile(r"SPF\s*\d+\+*|PA\++|[A-Za-z]\+(?!\s*\d)", re.IGNORECASE)
ITEM_SPLIT = re.compile(r"\s*(?:[、,，;；\n\r]|\s\+\s|\+|＋|/|／)\s*")
SPEC = re.compile(
    r"[\s*×xX]*(?:\d+(?:\.\d+)?\s*(?:ml|毫升|g|克|kg|千克|斤|l|升|片|粒|支|瓶|盒|袋|包|只|件|套|条|罐|枚|入|pcs|pk)装?"
    r"(?:\s*[*×xX]\s*\d+\s*\S{0,2})?|[*×xX]\s*\d+\s*\S{0,2})\s*$",
    re.IGNORECASE,
)


def clock(text: str) -> int | None:
    """'19:00', '19：00', '7:00 PM', '下午3点', '19点30' → minutes after midnight."""
    text = str(text).strip()
    if re.fullmatch(r"0?\.\d+", text):  # an Excel time written as a fraction of a day
        return round(float(text) * 24 * 60) % (24 * 60)
    if match := CLOCK_ONLY.match(text):
        prefix, hour, minute, suffix = match.groups()
    elif match := HOUR_ONLY.match(text):
        prefix, hour, suffix = match.groups()
        minute = "0"
    else:
        return None
    hour, minute = int(hour), int(minute)
    afternoon = (suffix or "").lower().startswith("p") or prefix in ("下午", "晚上")
    if (suffix or "").lower().startswith("a") and hour == 12:
        hour = 0
    if afternoon and hour < 12:
        hour += 12
    if hour > 24 or minute > 59:
        return None
    return (hour * 60 + minute) % (24 * 60)


def clock_text(minutes: int) -> str:
    """Minutes after midnight (any day) as 'HH:MM'."""
    hour, minute = divmod(minutes % (24 * 60), 60)
    return f"{hour:02d}:{minute:02d}"


def span(text: str) -> tuple[int, int] | None:
    """'19:00-19:10' in any spelling → (start, end); an end past midnight is after the start."""
    match = SPAN.search(str(text))
    if not match:
        return None
    start, end = clock(match.group(1)), clock(match.group(5))
    if start is None or end is None:
        return None
    return start, end if end >= start else end + 24 * 60


def minutes(text: str) -> int | None:
    """A length: '10', '10分钟', '15min', "15'", '5分', '1小时', '1h30' → whole minutes."""
    text = str(text).strip()
    if not text:
        return None
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    if (match := re.fullmatch(r"(\d+)[:：](\d{2})(?:[:：]00)?", text)) and int(match[1]) < 10:
        return int(match[1]) * 60 + int(match[2])  # an Excel duration such as 0:15
    match = LENGTH.match(text)
    if not match or not (match.group(1) or match.group(2)):
        return None
    total = int(match.group(1) or 0) * 60 + float(match.group(2) or 0)
    return round(total) if total == round(total) else None


def amount(text: str) -> Decimal | None:
    """Money as written: '50万', '¥19.9', '1,200', '3w' → Decimal."""
    match = AMOUNT.match(str(text))
    if not match:
        return None
    value = Decimal(match.group(1).replace(",", "").replace("，", ""))
    scale = {"万": 10_000, "w": 10_000, "千": 1_000, "k": 1_000, "亿": 100_000_000}
    return value * scale.get((match.group(2) or "").lower(), 1)


def price(text: str) -> tuple[Decimal | None, str]:
    """The first price in a text and the text without it: '洁面慕斯 ¥9.9' → 9.9, '洁面慕斯'."""
    text = str(text)
    match = PRICE.search(text)
    if not match:
        return None, text
    value = next(g for g in match.groups() if g)
    try:
        return Decimal(value), (text[: match.start()] + " " + text[match.end() :]).strip()
    except InvalidOperation:
        return None, text


def count(text: str) -> int | None:
    """'1500件', '1,500', '200单' → 1500; anything else is None."""
    match = COUNT.match(str(text))
    return int(re.sub(r"[,，]", "", match.group(1))) if match else None


def links(text: str) -> list[int]:
    """A cell of link numbers only: '4、5', '6/7', '1号链接、2#', '#3', 'No.4' → [4, 5] …"""
    found = []
    for part in re.split(r"\s*(?:[、,，/／+&\n]|和)\s*", str(text).strip()):
        if re.fullmatch(r"\d{1,4}(?:\.0)?", part):
            found.append(int(float(part)))
            continue
        for pattern in LINK_PATTERNS:
            if (match := pattern.match(part)) and not part[match.end() :].strip(" 链接:："):
                found.append(int(match.group(1)))
                break
        else:
            return []
    return found


def split_items(text: str) -> list[str]:
    """Several products or perks in one cell, without splitting names like 'SPF50+'."""
    kept: list[str] = []

    def keep(match):
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    masked = KEEP_WHOLE.sub(keep, str(text))
    parts = ITEM_SPLIT.split(masked)
    restore = re.compile(r"\x00(\d+)\x00")
    items = [restore.sub(lambda m: kept[int(m.group(1))], part).strip() for part in parts]
    return [item for item in items if item.strip(" -—–·.。（）()[]【】")]


@dataclass
class Mention:
    """A product named in a cell: '1号链接 洁面慕斯 ¥9.9' is link 1, a name and a price."""

    link: int | None
    name: str
    price: Decimal | None = None


NAME_TRIM = " \t:：·-—–()（）[]【】「」\"'“”"


def mention(text: str) -> Mention:
    text = str(text).strip()
    link = None
    for pattern in LINK_PATTERNS:
        if match := pattern.match(text):
            link, text = int(match.group(1)), text[match.end() :]
            break
    value, text = price(text)
    text = re.sub(r"^\s*(?:链接|link)\s*[:：]?", "", text, flags=re.I)
    name = re.sub(r"[(（]\s*[)）]", "", text).strip(NAME_TRIM)
    return Mention(link, re.sub(r"\s+", " ", name), value)


def name_key(name: str) -> str:
    """A product name for matching: no spaces, no case, no spec suffix ('30ml', '*2')."""
    name = re.sub(r"[(（][^)）]*[)）]|【[^】]*】", "", str(name)).casefold()
    previous = None
    while previous != name:
        previous, name = name, SPEC.sub("", name).strip()
    return re.sub(r"[\s·\-—_.,，、:：'\"“”]", "", name)


def day(text: str, year: int) -> date | None:
    """'2026-12-12', '2026/12/12', '12月12日', '12.12' → a date (the given year when none)."""
    match = DATE.search(str(text))
    if not match:
        return None
    y, m, d = match.groups()
    try:
        return date(int(y) if y else year, int(m), int(d))
    except ValueError:
        return None


def money(text: str) -> Decimal | None:
    """A price or an amount however written: '¥19.9', '到手价39.9', '50万', '1,200'."""
    text = str(text).strip()
    if not text:
        return None
    return amount(text) or price(text)[0]


def first_number(text: str) -> int | None:
    match = re.search(r"\d+", str(text))
    return int(match.group(0)) if match else None


def percent(text: str) -> Decimal | None:
    """'35%', '35', '0.35' (as a spreadsheet's percent cell reads) → the number as written."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(%|％)?\s*", str(text))
    return Decimal(match.group(1)) if match else None
