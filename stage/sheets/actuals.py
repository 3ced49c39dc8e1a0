"""A platform's exported data sheet read into the actuals form: per product (商品明细) or per
segment (a 复盘 sheet's 环节 rows, a 分时段 export whose periods start with the segments).

The reading fills the form; nothing is saved until the reader has looked and pressed Save. Each
cell that cannot be read, each row that matches nothing and each column left out is said.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage.review_forms import PRODUCT, SEGMENT, field_name
from stage.sheets import cells
from stage.sheets.files import Grid
from stage.sheets.table import TOTAL
from stage.sheets.words import header_meanings, words_of

HEADER_SEARCH = 15
# Column meanings -> the words platform exports and teams use for them. A rate, a click count or
# a 人次 (views, not viewers) is never one of ours, so a header containing those is left out.
WORDS = {
    "name": "商品 商品名称 商品标题 商品名 宝贝 宝贝名称 product productname item itemname",
    "sku": "sku skuid 商品id 商品编码 商品编号 货号 itemid productid 商家编码",
    "link": "链接 链接号 链接序号 小黄车序号 购物车序号 上架序号 link linkno",
    "segment": "环节 环节名称 环节标题 直播环节 流程 segment",
    "time": "时间 时间段 时段 开始时间 时间区间 time period start",
    "number": "序号 no",
    "units": "成交件数 销量 售出件数 销售件数 成交商品件数 件数 销售数量 成交数量 units sold",
    "gmv": "成交金额 gmv 销售额 成交额 支付金额 直播间成交金额 销售金额 成交gmv sales",
    "refunds": "退款金额 退款 退款额 refunds refund",
    "orders": "成交订单数 订单数 成交单数 订单量 支付订单数 orders",
    "uv": "观看人数 uv 场观 累计观看人数 进入直播间人数 访客数 viewers",
    "followers": "新增粉丝 新增粉丝数 涨粉 涨粉数 新增关注 newfollowers followers",
}
NEVER = (
    *("率", "占比", "点击", "曝光", "人次", "次数", "平均", "人均", "时长", "在线", "价值", "千次"),
    *("客单", "转化", "rate", "click", "average", "value", "gpm", "%"),
)
ROW_KEYS = {PRODUCT: ("name", "sku", "link"), SEGMENT: ("segment", "time", "number")}


def whole(text: str) -> int | None:
    """A count however written: '1,812', '612件', '1.2万'."""
    if (found := cells.count(text)) is not None:
        return found
    amount = cells.amount(text)
    return int(amount) if amount is not None and amount == int(amount) else None


FIGURES = {
    PRODUCT: {"units": whole, "gmv": cells.money, "refunds": cells.money},
    SEGMENT: {"gmv": cells.money, "orders": whole, "uv": whole, "followers": whole},
}


KNOWN = words_of(WORDS)
# What a column can be read as, for the reader to correct a guess (the select under a reading).
MEANINGS = [
    ("", gettext_lazy("Leave out")),
    ("name", gettext_lazy("Product name")),
    ("sku", "SKU"),
    ("link", gettext_lazy("Link no.")),
    ("segment", gettext_lazy("Segment")),
    ("time", gettext_lazy("Time or time range")),
    ("number", gettext_lazy("Row number")),
    ("units", gettext_lazy("Units sold")),
    ("gmv", "GMV"),
    ("refunds", gettext_lazy("Refunds")),
    ("orders", gettext_lazy("Orders")),
    ("uv", "UV"),
    ("followers", gettext_lazy("New followers")),
]


def as_pasted(grid: Grid) -> str:
    """A sheet as the cells a spreadsheet copies: tab between cells, a line per row."""
    clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
    return "\n".join("\t".join(str(c).translate(clean) for c in row) for row in grid.rows)


@dataclass
class Reading:
    kind: str = ""
    values: dict[str, str] = field(default_factory=dict)  # form field -> text for the form
    problems: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # headers not read
    rows: int = 0  # rows matched to the plan
    unmatched: list[int] = field(default_factory=list)  # row numbers matching no plan row
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # (row, header) not numbers
    header_row: int = 0  # index of the header in the sheet's rows
    headers: list[str] = field(default_factory=list)
    columns: dict[int, str] = field(default_factory=dict)  # column index -> meaning
    grid: Grid | None = None  # the sheet read, to read again with corrected columns
    pasted: str = ""  # a file's cells as pasted text, for the page to read them again

    @property
    def mapping(self) -> list[tuple[int, str, str]]:
        """(column index, header, meaning) for every headed column, to correct."""
        return [(i, h, self.columns.get(i, "")) for i, h in enumerate(self.headers) if h]


def _kind(columns: dict[int, str]) -> str | None:
    """What the rows are: products or segments, by the columns that name them."""
    named = set(columns.values())
    # A 复盘 sheet's 环节 rows may list their products too: a segment column decides.
    kinds = (SEGMENT, PRODUCT) if "segment" in named else (PRODUCT, SEGMENT)
    return next((k for k in kinds if named & set(ROW_KEYS[k]) and named & set(FIGURES[k])), None)


def _header(grid: Grid) -> tuple[int, str, dict[int, str]] | None:
    """The header row's index, the sheet's kind, and column -> meaning."""
    for i, row in enumerate(grid.rows[:HEADER_SEARCH]):
        columns = header_meanings(row, KNOWN, NEVER)
        if kind := _kind(columns):
            return i, kind, columns
    return None


def _corrected(grid: Grid, header_row: int, mapping: dict[int, str]):
    """The reader's own reading of the header: column index -> meaning, first one wins."""
    columns: dict[int, str] = {}
    for index, name in sorted(mapping.items()):
        if name in KNOWN.values() and name not in columns.values():
            columns[index] = name
    kind = _kind(columns)
    if kind is None or header_row >= len(grid.rows):
        return None
    return header_row, kind, columns


def read_actuals(grids: list[Grid], plan, header_row=None, mapping=None) -> Reading:
    """The first sheet with a header naming products or segments and at least one figure;
    with a mapping (column index -> meaning), the reader's correction of the first sheet."""
    if mapping and grids and not _corrected(grids[0], header_row, mapping):
        headers = grids[0].rows[header_row] if header_row < len(grids[0].rows) else []
        problem = _(
            "Read one column as the rows' names (a product or a segment) and one as a figure."
        )
        return Reading(problems=[problem], header_row=header_row, headers=headers,
                       columns=dict(mapping), grid=grids[0])  # fmt: skip
    for grid in grids:
        found = _corrected(grid, header_row, mapping) if mapping else _header(grid)
        if found:
            index, kind, columns = found
            headers = grid.rows[index]
            reading = Reading(
                kind=kind, header_row=index, headers=headers, columns=columns, grid=grid
            )
            reading.left_out = [h for i, h in enumerate(headers) if h and i not in columns]
            finder = _products(plan) if kind == PRODUCT else _segments(plan)
            for number, row in enumerate(grid.rows[index + 1 :], start=index + 2):
                _read_row(reading, kind, finder, columns, number, row, headers)
            return reading
    # Nothing recognised: the first sheet's first row offered as the header to map by hand.
    first = next(((g, i) for g in grids for i, row in enumerate(g.rows) if any(row)), None)
    problem = _(
        "No header row names a product (商品, SKU, 链接) or a segment (环节, 时间) together "
        "with a figure (成交金额, 成交件数, 观看人数, 新增粉丝…): say below how each column reads."
    )
    if first is None:
        return Reading(problems=[problem])
    grid, index = first
    headers = grid.rows[index]
    return Reading(
        problems=[problem],
        header_row=index,
        headers=headers,
        columns=header_meanings(headers, KNOWN, NEVER),
        grid=grid,
    )


def _read_row(reading, kind, finder, columns, number, row, headers) -> None:
    data = {name: row[i].strip() for i, name in columns.items() if i < len(row) and row[i].strip()}
    if not any(data.get(f) for f in FIGURES[kind]):
        return  # a blank, a banner or a note
    label = next((data[k] for k in ROW_KEYS[kind] if data.get(k)), "")
    if label and TOTAL.match(label):
        return  # the sheet's own total row
    target = finder(data)
    if target is None:
        what = label or _("(no name)")
        reading.unmatched.append(number)
        reading.problems.append(
            _("Row %(n)s: “%(what)s” matches no row of this show's plan.")
            % {"n": number, "what": what}
        )
        return
    reading.rows += 1
    for name, parse in FIGURES[kind].items():
        if not (text := data.get(name)):
            continue
        value = parse(text)
        if value is None:
            header = headers[next(i for i, n in columns.items() if n == name)]
            reading.unreadable.append((number, header))
            reading.problems.append(
                _("Row %(n)s, %(column)s: “%(text)s” is not a number.")
                % {"n": number, "column": header, "text": text}
            )
            continue
        reading.values[field_name(kind, target.pk, name)] = str(value)


def _products(plan):
    by_sku = {p.sku.casefold(): p for p in plan.products if p.sku}
    by_link = {p.link_number: p for p in plan.products}
    by_key = {cells.name_key(p.name): p for p in plan.products}

    def by_name(title: str):
        """A platform title names the product among its selling words ('【直播专享】玻尿酸精华液
        30ml 补水保湿' is 玻尿酸精华): the longest plan name inside it, else the one plan name
        that holds a shortened title ('精华')."""
        key = cells.name_key(title)
        if key in by_key:
            return by_key[key]
        inside = [(len(k), p.pk, p) for k, p in by_key.items() if len(k) >= 2 and k in key]
        if inside:
            return max(inside)[2]
        holding = [p for k, p in by_key.items() if len(key) >= 2 and key in k]
        return holding[0] if len(holding) == 1 else None

    def find(data):
        if (sku := data.get("sku", "").casefold()) and sku in by_sku:
            return by_sku[sku]
        if data.get("link") and (link := cells.first_number(data["link"])) in by_link:
            return by_link[link]
        return by_name(data["name"]) if data.get("name") else None

    return find


def _segments(plan):
    start = plan.broadcast.local_start
    by_key = {cells.name_key(s.title): s for s in plan.segments}
    by_clock = {
        (start.hour * 60 + start.minute + s.start_offset) % (24 * 60): s for s in plan.segments
    }

    def find(data):
        if (title := data.get("segment")) and (found := by_key.get(cells.name_key(title))):
            return found
        if text := data.get("time"):
            begins = cells.span(text)
            at = begins[0] if begins else cells.clock(text)
            if at is not None and at in by_clock:
                return by_clock[at]
        number = cells.first_number(data.get("number", ""))
        if number and 1 <= number <= len(plan.segments):
            return plan.segments[number - 1]
        return None

    return find
