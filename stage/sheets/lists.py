"""The sheets beside the script: a product list, a giveaway list, an ad-spend plan and a warm-up
calendar, each row read into its checklist form's fields (as text) with what could not be read."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from stage.checklists.adspend import AdObjective, AdTool, AudienceGroup
from stage.checklists.giveaways import EntryRule, GiveawayKind
from stage.checklists.lineup import ProductAudience, ProductRole
from stage.checklists.warmup import Channel, WarmupStatus, parse_publish
from stage.sheets import cells
from stage.sheets.perks import kind_of, perk
from stage.sheets.table import Line, Table, formula_problems
from stage.sheets.words import ad_plan_keys, choice, normalise


@dataclass
class ListRow:
    line: Line
    values: dict[str, str]  # the checklist form's fields
    problems: list[str] = field(default_factory=list)
    mention: cells.Mention | None = None  # a product: how the script may name it
    clock: int | None = None  # a giveaway: when it fires, if written
    segment: str = ""  # a giveaway: the script row it belongs to, as written
    prize_link: int | None = None

    @property
    def summary(self) -> str:
        """What the row becomes, in a line, for the preview."""
        v = self.values
        if not v:
            return ""
        if "link_number" in v:
            return f"#{v['link_number'] or '?'} {v['name']} ¥{v['live_price'] or '?'}"
        if "quantity" in v:
            return f"{GiveawayKind(v['kind']).label} ×{v['quantity']} {v['prize']}"
        if "share" in v:
            emphasis = AudienceGroup(v["emphasis"]).label
            return f"{v['start']}–{v['end']} · {v['share'] or '?'}% · {emphasis}"
        return f"{v['publish']} · {Channel(v['channel']).label} · {v['title']}"


def rows_of(table: Table, skip: set[int]):
    for line in table.lines:
        if line.role == "row" and line.number not in skip:
            yield line, line.cells


def text(value) -> str:
    return "" if value is None else str(value)


ROLE_WORDS = [
    ("traffic", "引流"),
    ("welfare", "福利 宠粉福利"),
    ("profit", "利润 利润款 常规"),
    ("image", "形象 形象款 高端"),
    ("hero", "爆款 主推 主打"),
    ("fan", "宠粉 粉丝 专属"),
]


def role_of(written: str) -> str:
    if found := choice(ProductRole, written):
        return found
    folded = written.casefold()
    for code, words in ROLE_WORDS:
        if code in folded or any(w in folded for w in words.split()):
            return code
    return ProductRole.PROFIT


def read_products(table: Table, skip: set[int]) -> list[ListRow]:
    found = []
    for line, cell in rows_of(table, skip):
        name = cell.get("name", "").split("\n")[0].strip()
        spec = cell.get("spec", "").strip()
        if name and spec and spec not in name:
            name = f"{name} {spec}"
        links = cells.links(cell.get("link", "") or cell.get("number", ""))
        live = cells.money(cell.get("live_price", ""))
        listed = cells.money(cell.get("list_price", "")) or live
        values = {
            "link_number": text(links[0] if links else None),
            "name": name,
            "sku": cell.get("sku", "")[:64],
            "role": role_of(cell.get("role", "")),
            "audience": choice(ProductAudience, cell.get("audience", "")) or ProductAudience.ALL,
            "list_price": text(listed),
            "live_price": text(live if live is not None else listed),
            "unit_cost": text(cells.money(cell.get("cost", ""))),
            "stock": text(cells.count(cell.get("stock", "")) or 0),
            "per_buyer_limit": text(cells.first_number(cell.get("limit", ""))),
            "planned_units": text(cells.count(cell.get("planned_units", "")) or 0),
            "release_units": text(cells.count(cell.get("release_units", ""))),
            "selling_points": cell.get("selling_points", ""),
        }
        mention = cells.Mention(links[0] if links else None, name, live)
        row = ListRow(line, values, formula_problems(line), mention=mention)
        if not name:
            row.problems.append(_("No product name in this row."))
        found.append(row)
    return found


EXACT_GIVEAWAY_COLUMNS = [  # form field, sheet column, parser: where a sheet has them, they win
    ("quantity", "quantity", cells.count),
    ("unit_value", "value", cells.money),
    ("entry_detail", "entry_detail", str.strip),
    ("countdown_minutes", "countdown", cells.first_number),
    ("coupon_threshold", "threshold", cells.money),
    ("coupon_discount", "discount", cells.money),
    ("flash_price", "flash_price", cells.money),
    ("per_person_limit", "limit", cells.first_number),
]


def read_giveaways(table: Table, skip: set[int]) -> list[ListRow]:
    """Exact columns where the sheet has them (STAGE's own), else the words of the row."""
    found = []
    has_prize = any(column.field == "prize" for column in table.columns)
    for line, cell in rows_of(table, skip):
        words = " ".join(cell.get(k, "") for k in ("kind", "prize", "quantity", "value", "rule"))
        kind = kind_of(cell.get("kind", "")) or kind_of(words)
        read = perk(words, kind) if kind else None
        span = cells.span(cell.get("time", ""))
        row = ListRow(line, {}, formula_problems(line), segment=cell.get("segment", ""))
        row.clock = span[0] if span else cells.clock(cell.get("time", ""))
        row.prize_link = cells.first_number(cell.get("prize_link", ""))
        if read is None:
            row.problems.append(_("No giveaway kind (福袋, 红包, 优惠券, 秒杀, 抽奖) in this row."))
            found.append(row)
            continue
        values = read.form_data()
        values["prize"] = (cell.get("prize", "") if has_prize else cell.get("kind", ""))[:200]
        rule, _sep, detail = cell.get("rule", "").partition(":")
        if exact := choice(EntryRule, rule):
            values["entry_rule"], values["entry_detail"] = exact, detail.strip()
        for name, column, parse in EXACT_GIVEAWAY_COLUMNS:
            written = cell.get(column, "")
            if written and (value := parse(written)) is not None:
                values[name] = text(value)
        row.values = values
        found.append(row)
    return found


EMPHASIS_WORDS = [("old", "老粉 老客 粉丝"), ("new", "新客 新粉 自然"), ("paid", "付费 投流")]


def read_ads(table: Table, skip: set[int]) -> tuple[dict[str, str], list[ListRow]]:
    """The ad plan's values from the rows above the slots, and the slots."""
    plan = {}
    for above in table.above:
        for key, value in zip(above[::2], above[1::2], strict=False):
            if name := ad_plan_keys().get(normalise(key)):
                plan[name] = ad_plan_value(name, value)
    found, shares = [], []
    for line, cell in rows_of(table, skip):
        span = cells.span(cell.get("time", ""))
        start = cell.get("start", "") or (cells.clock_text(span[0]) if span else "")
        end = cell.get("end", "") or (cells.clock_text(span[1]) if span else "")
        emphasis = cell.get("emphasis", "")
        code = choice(AudienceGroup, emphasis) or next(
            (c for c, w in EMPHASIS_WORDS if any(x in emphasis for x in w.split())), "all"
        )
        share = cells.percent(cell.get("share", ""))
        shares.append(share)
        values = {"start": start, "end": end, "share": share, "emphasis": code}
        found.append(ListRow(line, values | {"note": cell.get("note", "")[:200]}))
    if shares and all(s is not None and s <= 1 for s in shares) and sum(shares) <= 1:
        shares = [s * 100 for s in shares]  # percent cells read as fractions of 1
    for row, share in zip(found, shares, strict=True):
        row.values["share"] = "" if share is None else f"{share.normalize():f}"
    return plan, found


def ad_plan_value(name: str, value: str) -> str:
    enums = {"tool": AdTool, "objective": AdObjective}
    if name in enums:
        return choice(enums[name], value) or value
    number = cells.money(value)
    return text(number)


def read_warmup(table: Table, skip: set[int], day: date | None, start) -> list[ListRow]:
    """Publish times as offsets (D-1 20:00, H-1) when written so, else as dates and times."""
    found = []
    for line, cell in rows_of(table, skip):
        when = cell.get("when", "")
        publish = when if when and parse_publish(when, start) else ""
        if not publish and (written := cell.get("publish", "") or when):
            moment = cells.day(written, (day or start.date()).year)
            clock = cells.clock(written.split()[-1]) if written.split() else None
            if moment is not None and clock is not None:
                publish = f"{moment.isoformat()} {cells.clock_text(clock)}"
            else:
                publish = written
        values = {
            "channel": choice(Channel, cell.get("channel", ""))
            or channel_of(cell.get("channel", "")),
            "title": cell.get("title", "").split("\n")[0][:200],
            "publish": publish,
            "owner": cell.get("owner", "")[:100],
            "status": choice(WarmupStatus, cell.get("status", ""))
            or status_of(cell.get("status", "")),
            "link": cell.get("link", ""),
            "expected_reservations": text(cells.count(cell.get("reservations", "")) or 0),
        }
        found.append(ListRow(line, values, formula_problems(line)))
    return found


def channel_of(written: str) -> str:
    words = [("short_video", "短视频 视频"), ("image_post", "图文"), ("live_notice", "预告")]
    words += [("group", "群 社群 粉丝群"), ("push", "推送 push")]
    found = next((code for code, w in words if any(x in written for x in w.split())), None)
    return found or (Channel.OTHER_PLATFORM if written else Channel.SHORT_VIDEO)


def status_of(written: str) -> str:
    words = [
        ("published", "已发布 已发 完成"),
        ("scheduled", "已排期 定时"),
        ("drafted", "草稿 已写"),
    ]
    found = next((code for code, w in words if any(x in written for x in w.split())), None)
    return found or WarmupStatus.IDEA
