"""Find the table in a sheet: its title and info rows, its header (one row or two merged ones),
and what each row below it is (a row of data, a section title, a break, a total or a note)."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from stage.sheets import cells
from stage.sheets.files import Grid
from stage.sheets.words import (
    ADS,
    GIVEAWAYS,
    IGNORED,
    NEEDS,
    PRODUCTS,
    SCRIPT,
    SHEET_HINTS,
    WARMUP,
    aliases,
    normalise,
)

HEADER_SEARCH = 30  # rows from the top where the header may sit
TOTAL = re.compile(r"^(?:合计|总计|小计|汇总|共计|total|subtotal|sum)\b", re.IGNORECASE)
BREAK = re.compile(r"休息|中场|暂停|break|intermission", re.IGNORECASE)
NOTE = re.compile(r"^(?:备注|注[:：意]|说明|ps|tips?|note|\*|※|\d+[.、]\s*\S)", re.IGNORECASE)
BREAK_MINUTES = re.compile(r"(\d+)\s*(?:分钟|分|min)", re.IGNORECASE)


def field_of(kind: str, header: str) -> str:
    """The field a header names in a sheet of this kind, or ''."""
    key = normalise(header)
    if not key:
        return ""
    known = aliases(kind)
    if key in known:
        return known[key]
    if len(key) > 14 or re.search(r"\d", key):
        return ""
    found = [
        (len(alias), name)
        for alias, name in known.items()
        if len(alias) >= (4 if alias.isascii() else 2) and alias in key
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
        named = {field_of(kind, c) for c in row} - {"", IGNORED}
        if any(group <= named for group in NEEDS[kind]) and len(named) > most:
            best, most = kind, len(named)
    return best


def find_table(grid: Grid, mapping: dict[int, str] | None = None, kind: str | None = None):
    """The table of a sheet, or None when no row of it names the columns. `kind` and `mapping`
    (column index -> field) are the reader's corrections to what was guessed."""
    hint = kind_hint(grid.name)
    kinds = [kind] if kind else [k for k in (hint, SCRIPT, PRODUCTS, GIVEAWAYS, ADS, WARMUP) if k]
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
        name = "" if name == IGNORED else name
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


FORMULA = re.compile(r"^=\s*(?:[A-Za-z_][\w.]*\s*[(!|]|\$?[A-Z]{1,3}\$?\d+)")


def formula_problems(line: Line) -> list[str]:
    """A formula saved without its value (or a CSV cell that tries to be one) is not read."""
    found = [text for text in line.cells.values() if FORMULA.match(text)]
    problem = _("“%(formula)s” is a formula, not a value: save the sheet with its values.")
    return [problem % {"formula": text[:40]} for text in found]
