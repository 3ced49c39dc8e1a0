"""Tables → drafts of shows: each script sheet is a show, with its segments' times worked out,
the products its rows name, the giveaways of its 福利 cells, and the facts of its info rows.
Nothing here touches the database; `stage.sheets.importer` checks and writes the drafts."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from stage.broadcasts import Platform
from stage.checklists.timing import SegmentKind
from stage.clock import DAY
from stage.sheets import cells
from stage.sheets.perks import Perk, perk
from stage.sheets.table import Line, Table, formula_problems
from stage.sheets.words import choice, info_keys, normalise

KIND_WORDS = [  # the earliest word in a title decides its kind
    (SegmentKind.WARMUP, "暖场 开场 预热 开播 warm-up warmup opening"),
    (SegmentKind.TRAFFIC, "引流 福利款 引流款 traffic"),
    (SegmentKind.HERO, "爆款 主推 hero"),
    (SegmentKind.PROFIT, "利润 利润款 组合 profit"),
    (SegmentKind.FLASH, "秒杀 flash"),
    (SegmentKind.INTERACTION, "互动 抽奖 福袋 红包 游戏 interaction lottery"),
    (SegmentKind.FAN, "宠粉 粉丝 形象款 fan"),
    (SegmentKind.QA, "答疑 问答 q&a"),
    (SegmentKind.RERUN, "返场 rerun re-run"),
    (SegmentKind.CLOSING, "收尾 下播 预告 结束 closing"),
]
PLATFORMS = [
    ("kuaishou", r"快手|kuaishou"),
    ("douyin", r"抖音|douyin"),
    ("taobao", r"淘宝|点淘|taobao"),
    ("wechat", r"视频号|微信|wechat|channels"),
    ("tiktok", r"tiktok"),
]


@dataclass
class Row:
    """One segment row of a script, read."""

    line: Line
    data: dict[str, str]  # the segment form's fields
    start: int | None = None  # minutes after the sheet's midnight, as written
    end: int | None = None
    mentions: list[cells.Mention] = field(default_factory=list)
    perks: list[Perk] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    offset: int = 0  # minutes from the show's start
    break_before: int = 0  # minutes of breaks written just above it
    clock: str = ""  # its start as the show will have it, set when checked

    @property
    def kind_label(self) -> str:
        return SegmentKind(self.data["kind"]).label


@dataclass
class Show:
    sheet: str
    title: str = ""
    info: dict[str, str] = field(default_factory=dict)
    day: date | None = None
    start: int | None = None  # clock minutes
    length: int | None = None
    rows: list[Row] = field(default_factory=list)


def kind_of(title: str, written: str = "") -> str:
    if written and (found := choice(SegmentKind, written)):
        return found
    text = f"{written} {title}".casefold()
    found = [(text.find(w), kind) for kind, words in KIND_WORDS for w in words.split() if w in text]
    return min(found)[1] if found else SegmentKind.HERO


def read_info(show: Show, above: list[list[str]], names: list[str]) -> None:
    """Title and info rows: '直播日期：2026-12-12', or a key cell followed by its value cell."""
    for row in above:
        filled = [c for c in row if c]
        distinct = list(dict.fromkeys(filled))
        pairs = []
        for i, cell in enumerate(row):
            for part in re.split(r"\s*[|｜;；\n]\s*|\s{2,}", cell):
                key_value = re.split(r"\s*[:：]\s*", part, maxsplit=1)
                if len(key_value) == 2:
                    pairs.append(key_value)
                elif normalise(part) in info_keys() and i + 1 < len(row) and row[i + 1]:
                    pairs.append((part, row[i + 1]))
        for key, value in pairs:
            if name := info_keys().get(normalise(key)):
                show.info.setdefault(name, value.strip())
        if not pairs and len(distinct) == 1 and not show.title:
            show.title = distinct[0]
    year = date.today().year
    for text in [show.info.get("date", ""), show.info.get("time", ""), show.title, *names]:
        if text and (found := cells.day(text, year)):
            show.day = found
            break
    if span := cells.span(show.info.get("time", "")):
        show.start, show.length = span[0], span[1] - span[0]
    start, end = (cells.clock(show.info.get(k, "")) for k in ("start", "end"))
    if start is not None and end is not None:
        show.start, show.length = start, (end - start) % DAY or DAY


def platform_of(text: str) -> str:
    if found := choice(Platform, text):
        return found
    return next((code for code, pattern in PLATFORMS if re.search(pattern, text, re.I)), "")


def read_script(table: Table, names: list[str], skip: set[int]) -> Show:
    show = Show(table.sheet)
    read_info(show, table.above, [table.sheet, *names])
    pending_break, section = 0, ""
    for line in table.lines:
        if line.number in skip:
            continue
        if line.role == "row":
            row = read_row(line)
            if section:
                row.data["notes"] = "\n".join(filter(None, [f"【{section}】", row.data["notes"]]))
                section = ""
            row.break_before = pending_break
            pending_break = 0
            show.rows.append(row)
        elif line.role == "section":
            section = line.label
        elif line.role == "break":
            pending_break += line.minutes or 0
    time_rows(show)
    return show


def read_row(line: Line) -> Row:
    text = line.cells
    title = text.get("title", "").split("\n")[0].strip()
    data = {
        "title": title,
        "kind": kind_of(title, text.get("kind", "")),
        "host_lines": text.get("host_lines", ""),
        "cues": text.get("cues", ""),
        "notes": text.get("notes", ""),
    }
    extra = text.get("title", "").split("\n", 1)[1:]  # a title cell's later lines
    if extra:
        data["host_lines"] = "\n".join(filter(None, [extra[0].strip(), data["host_lines"]]))
    if (hard := cells.clock(text.get("hard_start", ""))) is not None:
        data["hard_start"] = cells.clock_text(hard)
    row = Row(line, data, problems=formula_problems(line))
    if not title:
        row.problems.append(_("No segment title in this row."))
    if span := cells.span(text.get("time", "")):
        row.start, row.end = span
    elif text.get("time"):
        row.start = cells.clock(text["time"])
        if row.start is None:
            row.problems.append(_("Time “%(time)s” is not a clock time.") % {"time": text["time"]})
    if text.get("start"):
        row.start = cells.clock(text["start"]) if row.start is None else row.start
    if text.get("end") and (end := cells.clock(text["end"])) is not None:
        row.end = end
    if text.get("minutes"):
        length = cells.minutes(text["minutes"])
        if length is None:
            problem = _("Length “%(text)s” is not a number of minutes.")
            row.problems.append(problem % {"text": text["minutes"]})
        else:
            data["minutes"] = str(length)
    read_products(row, text)
    read_perks(row, text.get("perks", ""))
    return row


def read_products(row: Row, text: dict[str, str]) -> None:
    links = []
    if link_text := text.get("link", ""):
        links = cells.links(link_text)
        if not links:  # a 链接 column holding '1号链接 洁面慕斯'
            text = {**text, "products": "\n".join(filter(None, [link_text, text.get("products")]))}
    items = [cells.mention(item) for item in cells.split_items(text.get("products", ""))]
    items = [m for m in items if m.name or m.link is not None]
    for i, link in enumerate(links):
        if i < len(items) and items[i].link is None:
            items[i].link = link
        elif i >= len(items):
            items.append(cells.Mention(link, ""))
    prices = [cells.money(p) for p in cells.split_items(text.get("price", ""))]
    if len(prices) == len(items):
        for item, price in zip(items, prices, strict=True):
            item.price = item.price if item.price is not None else price
    row.mentions = items


def read_perks(row: Row, text: str) -> None:
    unread = []
    for item in re.split(r"\s*[\n\r；;]\s*", text):
        if not item.strip(" -—/无") or item.strip() in ("无", "暂无", "none"):
            continue
        if found := perk(item):
            row.perks.append(found)
        elif row.perks:  # '口令：美美' on the line under its 福袋
            row.perks[-1] = perk(f"{row.perks[-1].text} {item}", row.perks[-1].kind)
        else:
            unread.append(item)
    if unread:
        row.data["notes"] = "\n".join(filter(None, [row.data["notes"], *unread]))
        row.warnings.append(
            _("Giveaway text kept in notes: %(text)s") % {"text": "；".join(unread)}
        )


def time_rows(show: Show) -> None:
    """Each row's length and offset: from its range, its length, or the next row's start."""
    previous = None
    for row in show.rows:  # one day's clock: a start well before the last one is after midnight
        for name in ("start", "end"):
            value = getattr(row, name)
            if value is not None and previous is not None and value < previous - DAY // 2:
                setattr(row, name, value + DAY)
        if row.end is not None and row.start is not None and row.end < row.start:
            row.end += DAY
        previous = row.start if row.start is not None else previous
    show.start = next((r.start for r in show.rows if r.start is not None), show.start)
    cursor = 0
    for i, row in enumerate(show.rows):
        row.offset = cursor + row.break_before
        if row.start is not None and show.start is not None:
            row.offset = row.start - show.start
        if "minutes" not in row.data:
            length = length_of(row, show.rows[i + 1 :], show)
            row.data["minutes"] = "" if length is None else str(length)
            if length is None and not row.problems:
                row.problems.append(
                    _("No length: give a 时长 or a time range such as 19:00-19:10.")
                )
        minutes = row.data["minutes"]
        cursor = row.offset + (int(minutes) if minutes.isdigit() else 0)
    if show.length is None and show.rows:
        show.length = cursor


def length_of(row: Row, later: list[Row], show: Show) -> int | None:
    if row.start is None:
        return None
    if row.end is not None:
        return row.end - row.start
    following = next((r for r in later if r.start is not None), None)
    if following is not None:
        return following.start - row.start - following.break_before
    if show.start is not None and show.length is not None:
        end = show.start + show.length
        return end - row.start if end > row.start else None
    return None
