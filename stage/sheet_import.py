"""Import a 直播脚本 spreadsheet (.xlsx or .csv) into a broadcast's Timing script.

`read` turns a file's bytes into a `Sheet`: rows of segment fields as text, the products each row
mentions, and problems. `check` validates every row with the checklists' own forms and matches the
products against the broadcast's lineup; `save` appends it all with bulk inserts. The column layout
is documented in docs/spreadsheet-import.md.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from stage.checklists.forms import ProductForm, SegmentForm
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment, SegmentKind

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
MAX_COLUMNS = 100
EXTENSIONS = {"", "csv", "tsv", "txt", "xlsx", "xlsm"}

# Field -> header names, compared after `normalise` (case-folded, no spaces, no "(unit)").
COLUMNS = {
    "title": ["环节", "标题", "环节名称", "环节标题", "流程", "title", "segment"],
    "kind": ["类型", "环节类型", "分类", "kind", "type", "category"],
    "minutes": ["时长", "分钟", "用时", "minutes", "mins", "min", "length", "duration"],
    "time": ["时间", "时间段", "时段", "time", "timeslot", "slot"],
    "host_lines": ["话术", "主播话术", "口播", "hostlines", "host", "script", "lines"],
    "cues": ["场控", "中控", "场控/中控", "场控提示", "cues", "cue", "control-roomcues"],
    "products": ["产品", "商品", "链接", "产品/链接", "商品/链接", "products", "product", "items"],
    "notes": ["备注", "说明", "notes", "note", "remarks", "comments"],
}
HEADER = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}

KINDS = {
    SegmentKind.WARMUP: ["暖场", "开场", "预热", "warm-up", "warmup"],
    SegmentKind.TRAFFIC: ["引流", "引流款", "traffic", "trafficdriver"],
    SegmentKind.HERO: ["爆款", "主推", "hero", "heroproduct"],
    SegmentKind.PROFIT: ["利润", "利润款", "profit", "profititems"],
    SegmentKind.FLASH: ["秒杀", "flash", "flashsale"],
    SegmentKind.INTERACTION: ["互动", "抽奖", "interaction", "lottery", "interaction/lottery"],
    SegmentKind.FAN: ["宠粉", "宠粉款", "粉丝福利", "fan", "fanperks"],
    SegmentKind.QA: ["答疑", "问答", "q&a", "qa"],
    SegmentKind.RERUN: ["返场", "re-run", "rerun"],
    SegmentKind.CLOSING: ["收尾", "下播", "closing", "closing+preview"],
}
KIND = {alias: kind.value for kind, aliases in KINDS.items() for alias in aliases}
KIND.update({kind.value: kind.value for kind in SegmentKind})

CLOCK = r"(\d{1,2})[:：](\d{2})"
RANGE = re.compile(rf"^\s*{CLOCK}\s*(?:-|–|—|~|～|至|到|to)\s*{CLOCK}\s*$", re.IGNORECASE)
MINUTES = re.compile(r"^\s*(\d+)(?:\.0+)?\s*(?:分钟|分|min|mins|minutes|m|')?\s*$", re.IGNORECASE)
SEPARATORS = re.compile(r"[、,，;；\r\n]+")
LINK = re.compile(
    r"^\s*(?:#\s*(\d+)|(\d+)\s*(?:号链接|号|#)|(?:链接|link)\s*#?\s*(\d+)\s*号?)\s*[:：.·\-]?\s*",
    re.IGNORECASE,
)
PRICE = re.compile(r"[¥￥]\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*元")
NAME_TRIM = " \t:：·-—()（）[]【】"
NOT_A_SPREADSHEET = gettext_lazy("This is not a spreadsheet: upload an .xlsx or .csv file.")


def normalise(text: str) -> str:
    text = re.sub(r"[(（][^)）]*[)）]", "", text.casefold())
    return re.sub(r"[\s_*:：]", "", text)


@dataclass
class Mention:
    """A product named in a row: '1号链接 洁面慕斯 ¥9.9' is link 1, a name and a price."""

    link: int | None
    name: str
    price: str | None = None
    product: Product | None = None  # set by check(): from the lineup, or new and unsaved

    @property
    def is_new(self) -> bool:
        return self.product is not None and self.product.pk is None


@dataclass
class Row:
    number: int  # the row in the file, header included, as the spreadsheet numbers it
    data: dict[str, str]  # SegmentForm's fields, as text
    mentions: list[Mention] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)  # fields already complained about
    segment: Segment | None = None  # set by check() when the row is valid


@dataclass
class Sheet:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    new_products: list[Product] = field(default_factory=list)
    linked_products: list[Product] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems and not self.bad_rows

    @property
    def bad_rows(self) -> list[Row]:
        return [row for row in self.rows if row.problems]

    @property
    def touches_lineup(self) -> bool:
        return any(row.mentions for row in self.rows)

    def payload(self) -> dict:
        """What the confirm step needs, as JSON values: it travels signed, it is not stored."""
        rows = [
            [r.number, r.data, [[m.link, m.name, m.price] for m in r.mentions]] for r in self.rows
        ]
        return {"rows": rows, "ignored": self.ignored}

    @classmethod
    def from_payload(cls, data: dict) -> "Sheet":
        rows = [Row(n, d, [Mention(*m) for m in ms]) for n, d, ms in data["rows"]]
        return cls(rows=rows, ignored=data["ignored"])


class Refused(Exception):
    """The whole file is refused; the message says why."""


def read(content: bytes, filename: str) -> Sheet:
    """Parse a spreadsheet's bytes; nothing here touches the database."""
    sheet = Sheet()
    try:
        parse(sheet, records_of(content, filename))
    except Refused as refusal:
        sheet.rows = []
        sheet.problems.append(str(refusal))
    return sheet


def records_of(content: bytes, filename: str):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if len(content) > MAX_BYTES:
        raise Refused(_("The file is larger than 2 MB."))
    if not content.strip():
        raise Refused(_("The file is empty."))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(_("This is an old .xls file: save it as .xlsx or .csv first."))
    if content.startswith(b"PK\x03\x04") or extension in {"xlsx", "xlsm"}:
        return xlsx_records(content)
    utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
    if extension not in EXTENSIONS or (b"\x00" in content and not utf16):
        raise Refused(NOT_A_SPREADSHEET)
    return csv_records(content.decode("utf-16", errors="replace") if utf16 else decode(content))


def xlsx_records(content: bytes):
    from openpyxl import load_workbook

    book = None
    # A damaged workbook can fail in many ways, on opening or on any row.
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        yield from book.worksheets[0].iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
    except Exception as error:
        raise Refused(NOT_A_SPREADSHEET) from error
    finally:
        if book is not None:
            book.close()


def decode(content: bytes) -> str:
    """UTF-8 with or without BOM, else GB18030: what Chinese Excel saves as "CSV"."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("gb18030", errors="replace")


def csv_records(text: str):
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",\t;", key=first.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:  # e.g. a cell over csv's 128 KB limit
        raise Refused(_("This CSV file could not be read: %(error)s") % {"error": error}) from error


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# Rows above the header that name no column (a title, a date) are skipped, up to this many.
TITLE_ROWS = 5
NO_HEADER = gettext_lazy(
    "No header row found: one of the first rows must name the columns (环节, 时长, 话术, …)."
)  # str() when used: problems are plain text


def parse(sheet: Sheet, records) -> None:
    columns, above_header = None, 0
    for number, record in enumerate(records, start=1):
        cells = [text_of(value) for value in record]
        if not any(cells):
            continue
        if columns is None:
            if above_header < TITLE_ROWS and not any(normalise(c) in HEADER for c in cells):
                above_header += 1  # a title such as “双12 美妆专场直播脚本” above the header
                continue
            columns = read_header(sheet, cells)
            if sheet.problems:
                return
        elif len(sheet.rows) >= MAX_ROWS:
            raise Refused(_("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
        else:
            values = {name: record[i] for name, i in columns.items() if i < len(record)}
            sheet.rows.append(read_row(number, values, "minutes" in columns))
    if columns is None and above_header:
        sheet.problems.append(str(NO_HEADER))
    elif columns is None:
        sheet.problems.append(_("The file is empty."))
    elif not sheet.rows:
        sheet.problems.append(_("There are no rows below the header row."))


def read_header(sheet: Sheet, cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = HEADER.get(normalise(cell))
        if name and name not in columns:
            columns[name] = index
        elif cell:
            sheet.ignored.append(cell)
    if not columns:
        sheet.problems.append(str(NO_HEADER))
    elif "title" not in columns:
        sheet.problems.append(_("No title column: name one 环节, 标题 or title."))
    elif "minutes" not in columns and "time" not in columns:
        sheet.problems.append(
            _("No length column: name one 时长 or minutes, or give 时间 ranges like 19:00-19:10.")
        )
    if "minutes" in columns and "time" in columns:
        sheet.ignored.append(cells[columns.pop("time")])
    return columns


def read_row(number: int, values: dict, has_length: bool) -> Row:
    text = {name: text_of(value) for name, value in values.items()}
    fields = ("title", "host_lines", "cues", "notes")
    row = Row(number, {name: text.get(name, "") for name in fields})
    kind = text.get("kind", "")
    code = KIND.get(normalise(kind)) if kind else guess_kind(row.data["title"])
    row.data["kind"] = code or kind
    if code is None:
        row.refused.add("kind")
        names = "、".join(aliases[0] for aliases in KINDS.values())
        problem = _("Unknown kind “%(kind)s”: use %(names)s.")
        row.problems.append(problem % {"kind": kind, "names": names})
    if has_length:
        row.data["minutes"] = length_of(values.get("minutes"), text.get("minutes", ""))
    elif span := RANGE.match(text.get("time", "")):
        h1, m1, h2, m2 = (int(g) for g in span.groups())
        row.data["minutes"] = str((h2 * 60 + m2 - h1 * 60 - m1) % (24 * 60))
    else:
        row.data["minutes"] = ""
        row.refused.add("minutes")
        row.problems.append(
            _("Time “%(time)s” is not a range like 19:00-19:10.") % {"time": text.get("time", "")}
        )
    for item in SEPARATORS.split(text.get("products", "")):
        mention = mention_of(item)
        if mention.link is not None or mention.name:  # "-" or "（）" means none
            row.mentions.append(mention)
    return row


def guess_kind(title: str) -> str:
    """A blank kind: the first kind word in the title (暖场 · 开播福袋), else the default."""
    folded = title.casefold()
    found = [(folded.find(a), code) for a, code in KIND.items() if not a.isascii() and a in folded]
    return min(found)[1] if found else Segment._meta.get_field("kind").get_default()


def length_of(raw, text: str) -> str:
    """Whole minutes as text for the form; anything else is passed on for the form to refuse."""
    if isinstance(raw, time):
        return str(raw.hour * 60 + raw.minute)
    if isinstance(raw, timedelta):
        return str(int(raw.total_seconds() // 60))
    match = MINUTES.match(text)
    return match.group(1) if match else text


def mention_of(item: str) -> Mention:
    link = None
    if match := LINK.match(item):
        link = int(next(g for g in match.groups() if g))
        item = item[match.end() :]
    price = None
    if match := PRICE.search(item):
        price = match.group(1) or match.group(2)
        item = item[: match.start()] + item[match.end() :]
    name = re.sub(r"[(（]\s*[)）]", "", item).strip(NAME_TRIM)
    return Mention(link, name, price)


class ImportSegmentForm(SegmentForm):
    def validate_constraints(self):
        """Segment's one constraint repeats the minutes validator; skipping its SELECT per row
        keeps an import's queries constant."""


def form_problems(form, skip=(), prefix: str = "") -> list[str]:
    problems = []
    for name, errors in form.errors.items():
        if name in skip:
            continue
        label = f"{capfirst(form.fields[name].label)}: " if name in form.fields else ""
        problems += [f"{prefix}{label}{error}" for error in errors]
    return problems


def check(sheet: Sheet, broadcast) -> None:
    """Validate each row with the checklists' forms; match products against the lineup."""
    lineup = list(broadcast.products.all())
    by_link = {p.link_number: p for p in lineup}
    by_name = {p.name.casefold(): p for p in reversed(lineup)}  # the first of a name wins
    new: list[tuple[Product, Row]] = []
    for row in sheet.rows:
        form = ImportSegmentForm(row.data, broadcast=broadcast)
        if form.is_valid():
            row.segment = form.instance
        row.problems += form_problems(form, skip=row.refused)
        for mention in row.mentions:
            product = by_link.get(mention.link) or by_name.get(mention.name.casefold())
            if product is None and not mention.name:
                row.problems.append(
                    _("Link %(n)d is not in the lineup: give the product's name.")
                    % {"n": mention.link}
                )
                continue
            if product is None:
                price = mention.price or "0"
                product = Product(link_number=mention.link, name=mention.name)
                product.list_price = product.live_price = price
                new.append((product, row))
                if mention.link:
                    by_link[mention.link] = product
                by_name.setdefault(mention.name.casefold(), product)
            mention.product = product
    next_link = max(by_link, default=0)
    for product, row in new:
        if product.link_number is None:
            next_link += 1
            product.link_number = next_link
        validate_product(product, row, broadcast)
    sheet.new_products = [product for product, _row in new]
    linked = {m.product.pk: m.product for r in sheet.rows for m in r.mentions if m.product}
    sheet.linked_products = [p for pk, p in linked.items() if pk is not None]


def validate_product(product: Product, row: Row, broadcast) -> None:
    """ProductForm's rules for a new product; the form writes the clean values into it."""
    defaults = ("role", "audience", "stock", "planned_units")
    data = {name: Product._meta.get_field(name).get_default() for name in defaults}
    for name in ("link_number", "name", "list_price", "live_price"):
        data[name] = getattr(product, name)
    form = ProductForm(data, instance=product, broadcast=broadcast)
    if not form.is_valid():
        prefix = _("Product “%(name)s”: ") % {"name": product.name}
        row.problems += form_problems(form, prefix=prefix)


def save(sheet: Sheet, broadcast) -> tuple[list[Segment], list[Product]]:
    """Append the checked rows and new products: the same few queries for any number of rows."""
    last = broadcast.segments.aggregate(m=Max("position"))["m"] or 0
    segments = [row.segment for row in sheet.rows]
    for position, segment in enumerate(segments, start=last + 1):
        segment.position = position
    bulk_create_with_history(segments, Segment)  # recorded, so history can restore them
    products = sheet.new_products
    if products:
        last = broadcast.products.aggregate(m=Max("position"))["m"] or 0
        for position, product in enumerate(products, start=last + 1):
            product.position = position
        bulk_create_with_history(products, Product)
    links = {(m.product.pk, row.segment.pk) for row in sheet.rows for m in row.mentions}
    if links:
        through = Product.segments.through
        through.objects.bulk_create(through(product_id=p, segment_id=s) for p, s in sorted(links))
    return segments, products
