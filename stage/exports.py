"""Run-sheet exports: each formats the composed RunSheet and computes nothing of its own."""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from stage.checklists.lineup import in_chinese
from stage.runsheet import RunSheet
from stage.tables import DISCOUNT, INT, MONEY, PCT, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula becomes plain text (OWASP CSV injection);
    control characters, which XLSX cannot hold, are dropped."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# CSV


def to_csv(sheet: RunSheet) -> bytes:
    """The timeline, UTF-8 with a BOM so Excel opens the Chinese text correctly."""
    table = sheet.timeline_table
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(c.label) for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else neutralise(str(v)) for v in row])
    return out.getvalue().encode("utf-8-sig")


# XLSX

HEAD_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
FACT_FONT = Font(color="666666")
FACTS_PER_ROW = 4
HEAD_FILL = PatternFill("solid", fgColor="333333")
FORMATS = {MONEY: "#,##0.00", PCT: "0.0%", INT: "#,##0"}


def _cell_value(value, kind):
    if value is None:
        return None
    if kind == PCT or (kind == DISCOUNT and not in_chinese()):
        return float(Decimal(value) / 100)
    if kind == DISCOUNT:  # 折: tenths of the list price paid
        return float((100 - Decimal(value)) / 10)
    if isinstance(value, Decimal):
        return float(value)
    return neutralise(value)


def _add_sheet(book: Workbook, table: Table, currency: str, title: str = "") -> None:
    """A sheet per table: a title and the table's facts above it (label, value pairs, as a
    直播脚本 has them), then the header row, frozen, and the rows."""
    ws = book.create_sheet(str(table.title)[:31])
    if title:
        ws.append([neutralise(title)])
        ws.cell(1, 1).font = TITLE_FONT
    for start in range(0, len(table.facts), FACTS_PER_ROW):
        pairs = table.facts[start : start + FACTS_PER_ROW]
        ws.append([v for label, value in pairs for v in (str(label), _fact_value(value))])
        for cell in ws[ws.max_row][::2]:
            cell.font = FACT_FONT
    if ws.max_row > 1 or title or table.facts:
        ws.append([])
    ws.append([str(c.label) for c in table.columns])
    header = ws.max_row
    for cell in ws[header]:
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in table.rows:
        ws.append([_cell_value(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        number_format = FORMATS.get(column.kind)
        if column.kind == DISCOUNT:
            number_format = '0.0"折"' if in_chinese() else '0%" off"'
        if column.kind == MONEY:
            number_format = f'"{currency}"{number_format}'
        for (cell,) in ws.iter_rows(min_row=header + 1, min_col=index, max_col=index):
            if number_format:
                cell.number_format = number_format
            else:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = f"A{header}:{get_column_letter(len(table.columns))}{ws.max_row}"


def _fact_value(value):
    return float(value) if isinstance(value, Decimal) else neutralise(value)


def tables_to_xlsx(
    tables: list[Table], title: str, currency: str, *, titled=False, then=None
) -> bytes:
    """A workbook with one sheet per table, named after it; `titled`: the first sheet starts
    with the title; `then(book)` may add to it (charts) before it is saved."""
    book = Workbook()
    book.remove(book.active)
    for index, table in enumerate(tables):
        _add_sheet(book, table, currency, title if titled and index == 0 else "")
    book.properties.title = ILLEGAL_CHARACTERS_RE.sub("", title)
    if then:
        then(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_xlsx(sheet: RunSheet) -> bytes:
    """The run-sheet as a 直播脚本: the show's facts above the timeline, then a sheet for each
    appendix table with every column, so the file imports back into the same show."""
    tables = [sheet.timeline_table, *sheet.appendix]
    return tables_to_xlsx(tables, sheet.broadcast.title, sheet.currency, titled=True)
