"""Find the table in a sheet: its title and info rows, its header (one row or two merged ones),
and what each row below it is (a row of data, a section title, a break, a total or a note)."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from stage.sheets import cells
from stage.sheets.files import Grid

SCRIPT, PRODUCTS, GIVEAWAYS = "script", "products", "giveaways"

# Column meanings per kind of sheet: field -> (label, header words separated by spaces).
# Headers are compared after `normalise`; a short header that contains one of the words
# (the longest found wins) also counts.
FIELDS = {
    SCRIPT: {
        "number": (
            _("Row number"),
            "序号 编号 no # 顺序 step",
        ),
        "title": (
            _("Segment title"),
            "环节 环节名称 环节标题 标题 流程 主题 内容 直播环节 板块 模块 "
            "title segment 环节内容 section",
        ),
        "kind": (
            _("Kind"),
            "类型 环节类型 分类 性质 kind type category",
        ),
        "time": (
            _("Time or time range"),
            "时间 时间段 时段 时间节点 时间安排 time timeslot slot 时间轴",
        ),
        "start": (
            _("Start"),
            "开始 开始时间 起始时间 开始时刻 start starttime from 起",
        ),
        "end": (
            _("End"),
            "结束 结束时间 截止时间 end endtime to 止",
        ),
        "minutes": (
            _("Length"),
            "时长 分钟 用时 持续时间 预计时长 环节时长 minutes mins min length duration",
        ),
        "host_lines": (
            _("Host lines"),
            "话术 主播话术 口播 讲解 讲解要点 讲解内容 台词 话术要点 脚本 hostlines "
            "host script lines hostscript talkingpoints",
        ),
        "cues": (
            _("Control-room cues"),
            "场控 中控 场控/中控 场控提示 场控动作 中控操作 运营 运营动作 助播 后台操作 配合 "
            "cues cue control-roomcues operator",
        ),
        "products": (
            _("Products"),
            "产品 商品 产品/链接 商品/链接 上架产品 讲解产品 产品名称 商品名称 品名 货品 "
            "products product items",
        ),
        "link": (
            _("Cart link no."),
            "链接 链接号 上架链接 链接序号 链接编号 小黄车 购物车 link links linkno cartlink",
        ),
        "price": (
            _("Live price"),
            "到手价 直播价 价格 售价 活动价 直播到手价 price liveprice",
        ),
        "perks": (
            _("Giveaways"),
            "福利 福利机制 福利/互动 互动福利 福利玩法 优惠 优惠机制 玩法 互动 活动 perks "
            "perk giveaways giveaway benefits",
        ),
        "notes": (
            _("Notes"),
            "备注 说明 注意事项 其他 notes note remarks comments",
        ),
    },
    PRODUCTS: {
        "number": (
            _("Row number"),
            "序号 编号 #",
        ),
        "link": (
            _("Cart link no."),
            "链接 链接号 链接序号 上架链接 link linkno no cartlink",
        ),
        "name": (
            _("Product name"),
            "产品 产品名称 产品名 商品 商品名称 品名 名称 name product productname item",
        ),
        "spec": (
            _("Spec"),
            "规格 规格型号 容量 净含量 spec size specification",
        ),
        "sku": (
            _("SKU"),
            "sku 货号 商品编码 商品id 编码 款号",
        ),
        "role": (
            _("Role"),
            "类型 定位 角色 产品定位 商品定位 分类 role type",
        ),
        "list_price": (
            _("List price"),
            "日常价 原价 吊牌价 划线价 零售价 市场价 专柜价 listprice rrp regularprice",
        ),
        "live_price": (
            _("Live price"),
            "直播价 到手价 活动价 直播到手价 售价 价格 liveprice price",
        ),
        "stock": (
            _("Stock"),
            "库存 库存数 备货 备货量 stock inventory qty",
        ),
        "limit": (
            _("Limit per buyer"),
            "限购 每人限购 limit perbuyerlimit",
        ),
        "selling_points": (
            _("Selling points"),
            "卖点 产品卖点 核心卖点 卖点话术 sellingpoints",
        ),
        "cost": (
            _("Unit cost"),
            "成本 成本价 cost unitcost",
        ),
        "planned_units": (
            _("Planned units"),
            "预计销量 计划销量 目标销量 planned plannedunits",
        ),
    },
    GIVEAWAYS: {
        "time": (
            _("Time"),
            "时间 时间点 发放时间 开奖时间 时段 at time when",
        ),
        "kind": (
            _("Kind"),
            "类型 福利类型 形式 kind type",
        ),
        "prize": (
            _("Prize"),
            "奖品 内容 福利内容 福利 奖品内容 礼品 prize item 名称",
        ),
        "quantity": (
            _("Quantity"),
            "数量 份数 个数 中奖人数 人数 名额 quantity qty winners",
        ),
        "value": (
            _("Unit value"),
            "价值 单价 金额 unitvalue value",
        ),
        "rule": (
            _("Entry rule"),
            "参与方式 参与条件 口令 条件 规则 门槛 entryrule rule",
        ),
        "notes": (
            _("Notes"),
            "备注 说明 notes",
        ),
    },
}
NEEDS = {  # a header row of each kind names all of one group
    SCRIPT: [{"title", "time"}, {"title", "start"}, {"title", "minutes"}, {"title", "host_lines"}],
    PRODUCTS: [{"name", "live_price"}, {"name", "list_price"}],
    GIVEAWAYS: [{"prize", "time"}, {"kind", "time"}, {"prize", "quantity"}],
}
SHEET_HINTS = {
    PRODUCTS: r"产品|商品|选品|货品|product|lineup",
    GIVEAWAYS: r"福利|奖品|giveaway|perk",
}
HEADER_SEARCH = 30  # rows from the top where the header may sit
TOTAL = re.compile(r"^(?:合计|总计|小计|汇总|共计|total|subtotal|sum)\b", re.IGNORECASE)
BREAK = re.compile(r"休息|中场|暂停|break|intermission", re.IGNORECASE)
NOTE = re.compile(r"^(?:备注|注[:：意]|说明|ps|tips?|note|\*|※|\d+[.、]\s*\S)", re.IGNORECASE)
BREAK_MINUTES = re.compile(r"(\d+)\s*(?:分钟|分|min)", re.IGNORECASE)


def normalise(text: str) -> str:
    text = re.sub(r"[(（][^)）]*[)）]", "", str(text).casefold())
    return re.sub(r"[\s_*:：\-.。、/]", "", text)


def field_of(kind: str, header: str) -> str:
    """The field a header names in a sheet of this kind, or ''."""
    key = normalise(header)
    if not key:
        return ""
    words = FIELDS[kind]
    for name, (_label, aliases) in words.items():
        if key in (normalise(a) for a in aliases.split()):
            return name
    if len(key) > 14 or re.search(r"\d", key):
        return ""
    found = [
        (len(normalise(a)), name)
        for name, (_label, aliases) in words.items()
        for a in aliases.split()
        if len(normalise(a)) >= (2 if not a.isascii() else 4) and normalise(a) in key
    ]
    return max(found)[1] if found else ""


@dataclass
class Column:
    index: int
    header: str
    field: str  # '' when ignored


@dataclass
class Line:
    number: int  # as the spreadsheet numbers its rows
    role: str  # "row", "section", "break", "total", "note"
    cells: dict[str, str] = field(default_factory=dict)  # field -> text
    label: str = ""  # a banner's text
    minutes: int | None = None  # a break's length


@dataclass
class Table:
    sheet: str
    kind: str
    columns: list[Column]
    header_rows: list[int]
    lines: list[Line]
    above: list[list[str]]  # the rows above the header: title and info


def kind_hint(name: str) -> str | None:
    return next((k for k, pattern in SHEET_HINTS.items() if re.search(pattern, name, re.I)), None)


def header_kind(row: list[str], kinds) -> str | None:
    """The kind of sheet a row is the header of (the one naming most fields), if any."""
    best, most = None, 0
    for kind in kinds:
        named = {field_of(kind, c) for c in row} - {""}
        if any(group <= named for group in NEEDS[kind]) and len(named) > most:
            best, most = kind, len(named)
    return best


def find_table(grid: Grid, mapping: dict[int, str] | None = None, kind: str | None = None):
    """The table of a sheet, or None when no row of it names the columns. `kind` and `mapping`
    (column index -> field) are the reader's corrections to what was guessed."""
    hint = kind_hint(grid.name)
    kinds = [kind] if kind else [k for k in (hint, SCRIPT, PRODUCTS, GIVEAWAYS) if k]
    for i, row in enumerate(grid.rows[:HEADER_SEARCH]):
        if not (found := header_kind(row, kinds)):
            continue
        headers, header_rows = list(row), [i + 1]
        below = grid.rows[i + 1] if i + 1 < len(grid.rows) else []
        if second_header(below, found):
            width = max(len(headers), len(below))
            headers += [""] * (width - len(headers))
            below = below + [""] * (width - len(below))
            headers = [pick(found, top, low) for top, low in zip(headers, below, strict=True)]
            header_rows.append(i + 2)
        columns = columns_of(found, headers, mapping or {})
        first = header_rows[-1]
        lines = [
            line
            for number, cells_ in enumerate(grid.rows[first:], start=first + 1)
            if (line := line_of(number, cells_, columns))
        ]
        return Table(grid.name, found, columns, header_rows, lines, grid.rows[:i])
    return None


def second_header(row: list[str], kind: str) -> bool:
    """A row under the header that names columns too, and holds no times or numbers."""
    filled = [c for c in row if c]
    named = [c for c in filled if field_of(kind, c)]
    data = [c for c in filled if cells.clock(c) is not None or re.fullmatch(r"[\d.¥￥]+", c)]
    return bool(named) and not data and len(named) * 2 >= len(filled)


def pick(kind: str, top: str, below: str) -> str:
    """Of a two-row header's words, the lower one when it names a field: 时间 over 开始 / 结束."""
    return below if below and field_of(kind, below) else (top or below)


def columns_of(kind: str, headers: list[str], mapping: dict[int, str]) -> list[Column]:
    columns, taken = [], set()
    for index, header in enumerate(headers):
        name = mapping.get(index, field_of(kind, header) if header else "")
        if name in taken and name not in ("notes", "host_lines", "cues", "perks", "products"):
            name = ""  # a second 时间 column is shown, not read over the first
        if name:
            taken.add(name)
        if header or name:
            columns.append(Column(index, header, name))
    return columns


def line_of(number: int, row: list[str], columns: list[Column]) -> Line | None:
    filled = [c for c in row if c]
    if not filled:
        return None
    if TOTAL.match(filled[0]) or any(TOTAL.match(c) for c in filled[:3] if len(c) <= 6):
        return Line(number, "total", label=" ".join(dict.fromkeys(filled)))
    data: dict[str, str] = {}
    for column in columns:
        value = row[column.index] if column.index < len(row) else ""
        if column.field and value:
            data[column.field] = f"{data[column.field]}\n{value}" if column.field in data else value
    distinct = list(dict.fromkeys(filled))
    title = data.get("title", "")
    if len(distinct) == 1 and not timed(data, distinct[0]):
        return banner(number, distinct[0])
    if title and BREAK.search(title) and not data.get("products") and len(title) <= 30:
        minutes = cells.minutes(data.get("minutes", "")) or break_minutes(title)
        if span := cells.span(data.get("time", "")):
            minutes = span[1] - span[0]
        return Line(number, "break", data, label=title, minutes=minutes)
    return Line(number, "row", data)


def timed(data: dict[str, str], text: str) -> bool:
    """A single value that is a time or a length in its column: a real row, not a banner."""
    for name in ("time", "start", "minutes"):
        if data.get(name) == text and (cells.clock(text) is not None or cells.span(text)):
            return True
    return False


def banner(number: int, text: str) -> Line:
    label = text.strip(" -—–=_~～·*【】[]")
    if BREAK.search(text) and len(text) <= 40:
        return Line(number, "break", label=label, minutes=break_minutes(text))
    if NOTE.match(text) or len(text) > 40:
        return Line(number, "note", label=text)
    return Line(number, "section", label=label)


def break_minutes(text: str) -> int | None:
    if span := cells.span(text):
        return span[1] - span[0]
    match = BREAK_MINUTES.search(text)
    return int(match.group(1)) if match else None
