"""A spreadsheet file's bytes → its sheets as grids of text, merged cells filled in.

Hostile files are refused here, before any parsing costs much: too large, too many rows or cells,
a zip that inflates too far, an old .xls, or something that is not a spreadsheet at all.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_INFLATED = 40 * 1024 * 1024  # an .xlsx's XML, uncompressed
MAX_ROWS = 2000  # per sheet, blank rows not counted
MAX_COLUMNS = 60
MAX_SHEETS = 20
MAX_SHARED_STRINGS = MAX_ROWS * MAX_COLUMNS
EXTENSIONS = {"", "csv", "tsv", "txt", "xlsx", "xlsm"}
LAST_ROW = re.compile(rb'<(?:\w+:)?(?:row|c)\b[^>]*?\br="[A-Z]*(\d+)"')
MERGE = re.compile(rb'<mergeCell ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


class Refused(Exception):
    """The whole file is refused; the message says why."""


@dataclass
class Grid:
    """One sheet: its name and its rows of text, numbered as the spreadsheet numbers them."""

    name: str
    rows: list[list[str]] = field(default_factory=list)

    def payload(self) -> list:
        return [self.name, self.rows]


def read_book(content: bytes, filename: str) -> list[Grid]:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if len(content) > MAX_BYTES:
        raise Refused(_("The file is larger than 2 MB."))
    if not content.strip():
        raise Refused(_("The file is empty."))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(_("This is an old .xls file: save it as .xlsx or .csv first."))
    if content.startswith(b"PK\x03\x04") or extension in {"xlsx", "xlsm"}:
        return xlsx_grids(content)
    utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
    if extension not in EXTENSIONS or (b"\x00" in content and not utf16):
        raise Refused(not_a_spreadsheet())
    text = content.decode("utf-16", errors="replace") if utf16 else decode(content)
    name = filename.rsplit(".", 1)[0] if "." in filename else filename
    return [Grid(name or "CSV", trim(csv_rows(text)))]


def not_a_spreadsheet() -> str:
    return _("This is not a spreadsheet: upload an .xlsx or .csv file.")


def decode(content: bytes) -> str:
    """UTF-8 with or without BOM, else GB18030 (GBK's superset): what Chinese Excel saves."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("gb18030", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise Refused(_("The file's text encoding could not be read: save it as UTF-8 CSV."))
    return text


def csv_rows(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    delimiter = max(",\t;", key=lambda d: sum(line.count(d) for line in lines))
    rows = Rows()
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.add(record)
    except csv.Error as error:  # e.g. a cell over csv's 128 KB limit
        raise Refused(_("This CSV file could not be read: %(error)s") % {"error": error}) from error
    return rows


class Rows(list):
    """A sheet's rows as text, refused as soon as there are too many."""

    filled = 0

    def add(self, record) -> None:
        row = [text_of(value) for value in record[:MAX_COLUMNS]]
        self.filled += any(row)
        if self.filled > MAX_ROWS or len(self) > MAX_ROWS * 50:  # blank rows are cheap, not free
            raise Refused(_("A sheet has more than %(n)d rows.") % {"n": MAX_ROWS})
        self.append(row if any(row) else [])


def xlsx_grids(content: bytes) -> list[Grid]:
    from openpyxl import load_workbook

    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise Refused(not_a_spreadsheet()) from error
    if sum(m.file_size for m in members) > MAX_INFLATED or len(members) > 500:
        raise Refused(_("The workbook unpacks to more than 40 MB: it is not a 直播脚本."))
    measure(archive, members)
    grids, book = [], None
    try:  # a damaged workbook can fail in many ways, on opening or on any row
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        for sheet in book.worksheets[:MAX_SHEETS]:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            rows = Rows()
            for record in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                rows.add(record)
            fill_merges(rows, merges(archive, sheet._worksheet_path))
            grids.append(Grid(sheet.title, trim(rows)))
    except Refused:
        raise
    except Exception as error:
        raise Refused(not_a_spreadsheet()) from error
    finally:
        if book is not None:
            book.close()
    return grids


def measure(archive: zipfile.ZipFile, members) -> None:
    """Refuses a workbook by what its XML says it holds, before openpyxl reads a row: the last
    row numbered in each sheet (a cell at row 20,000,000 makes a reader walk every row before
    it) and the count of shared strings (millions fit in a few KB of zip)."""
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            xml = archive.read(member)
            tail = xml[-65536:]
            numbers = [int(m) for m in LAST_ROW.findall(tail[tail.find(b"<") :])]
            if max(numbers, default=0) > MAX_ROWS * 50:
                raise Refused(_("A sheet has more than %(n)d rows.") % {"n": MAX_ROWS})
        elif member.filename == "xl/sharedStrings.xml":
            xml = archive.read(member)
            if xml.count(b"<si>") + xml.count(b"<si ") + xml.count(b":si>") > MAX_SHARED_STRINGS:
                raise Refused(_("The workbook holds more text than %(n)d rows.") % {"n": MAX_ROWS})


def merges(archive: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    """Merged ranges as (first row, first column, last row, last column), 0-based: read-only
    openpyxl does not report them, so they are read from the sheet's XML."""
    xml = archive.read(path.lstrip("/"))
    found = []
    for first_col, first_row, last_col, last_row in MERGE.findall(xml):
        r1, c1 = int(first_row) - 1, column_index(first_col)
        r2 = int(last_row) - 1 if last_row else r1
        c2 = column_index(last_col) if last_col else c1
        found.append((r1, c1, r2, min(c2, MAX_COLUMNS - 1)))
    return found


def trim(rows: list[list[str]]) -> list[list[str]]:
    """Without the empty cells at the end of each row and the empty rows at the end."""
    rows = [row[: max((i + 1 for i, c in enumerate(row) if c), default=0)] for row in rows]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def column_index(letters: bytes) -> int:
    index = 0
    for letter in letters.decode():
        index = index * 26 + ord(letter) - 64
    return index - 1


def fill_merges(rows: list[list[str]], ranges) -> None:
    """Every cell of a merged range gets the range's value, as a reader sees it on screen."""
    for r1, c1, r2, c2 in ranges:
        if r1 >= len(rows) or (r2 - r1 + 1) * (c2 - c1 + 1) > 5000:
            continue
        value = rows[r1][c1] if c1 < len(rows[r1]) else ""
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            row.extend([""] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                row[c] = value


def text_of(value) -> str:
    """A cell's value as the text a person reads in it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.year < 1901:  # Excel keeps a time of day as a date of 1899-12-30
            return value.strftime("%H:%M")
        return value.strftime("%Y-%m-%d %H:%M" if value.time() != time() else "%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):
        return f"{int(value.total_seconds() // 60)}分钟"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.6g}"
    if isinstance(value, bool):
        return str(value)
    text = str(value)
    # Control characters (other than line breaks and tabs) are never meant: drop them.
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text).strip()
