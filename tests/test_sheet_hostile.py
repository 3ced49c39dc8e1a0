"""Hostile spreadsheets: each gets a clear error next to the file field and nothing is written."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from stage.sheets.files import Refused, read_book
from tests.test_sheet_import import counts, csv_bytes, url


def xlsx_with_sheet_xml(xml: bytes) -> bytes:
    """A real workbook whose first sheet's XML is replaced."""
    book = Workbook()
    book.active.append(["环节", "时长"])
    first = io.BytesIO()
    book.save(first)
    out = io.BytesIO()
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            bomb.writestr(item.filename, data)
    return out.getvalue()


def sheet_xml(rows: int) -> bytes:
    head = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    body = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c><c r="B%d"><v>5</v></c></row>'
        % (n, n, n)
        for n in range(1, rows + 1)
    )
    return head + body + b"</sheetData></worksheet>"


def zip_bomb() -> bytes:
    """60 MB of spaces inside a sheet: a few dozen KB on the wire."""
    padding = b" " * (60 * 1024 * 1024)
    return xlsx_with_sheet_xml(sheet_xml(2)[:-14] + padding + b"</sheetData></worksheet>")


def formulas_only() -> bytes:
    rows = [["环节", "时长", "话术"]]
    rows += [[f'=HYPERLINK("http://x","{i}")', "=1+1", "=cmd|' /C calc'!A0"] for i in range(3)]
    return csv_bytes(rows)


def far_row() -> bytes:
    """1.5 KB whose second row is row 20,000,000: a reader walks every row before it."""
    far = b'<row r="20000000"><c r="A20000000"><v>1</v></c></row></sheetData>'
    return xlsx_with_sheet_xml(sheet_xml(1).replace(b"</sheetData>", far))


def shared_strings_bomb() -> bytes:
    """2,200,000 shared strings in 95 KB of zip: 35 s of parsing before anything is read."""
    book = Workbook()
    book.active.append(["环节"])
    first, out = io.BytesIO(), io.BytesIO()
    book.save(first)
    strings = b"<si><t>a</t></si>" * 2_200_000
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % strings
    )
    parts = {
        "[Content_Types].xml": (
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType='
            b'"application/vnd.openxmlformats-officedocument.spreadsheetml.'
            b'sharedStrings+xml"/></Types>',
        ),
        "xl/_rels/workbook.xml.rels": (
            b"</Relationships>",
            b'<Relationship Id="rIdS" Type="http://'
            b"schemas.openxmlformats.org/officeDocument/2006/"
            b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
            b"</Relationships>",
        ),
    }
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in parts:
                data = data.replace(*parts[item.filename])
            bomb.writestr(item.filename, data)
        bomb.writestr("xl/sharedStrings.xml", sst)
    return out.getvalue()


def garbled() -> bytes:
    """Neither UTF-8 nor GBK: broken multi-byte sequences and random bytes."""
    return b"\x81\x30,\xff\xfe\xfd,\n" * 400 + os.urandom(2000).replace(b"\x00", b"")


# fmt: off
HOSTILE = {
    "zip bomb": (zip_bomb, "bomb.xlsx", "unpacks to more than 40 MB"),
    "100,000 rows csv": (lambda: csv_bytes([["环节", "时长"]] + [["a", "5"]] * 100_000),
                         "big.csv", "more than 2000 rows"),
    "100,000 rows xlsx": (lambda: xlsx_with_sheet_xml(sheet_xml(100_000)), "big.xlsx",
                          "more than 2000 rows"),
    "50 MB": (lambda: b"a,b\n" * (50 * 1024 * 256), "huge.csv", "larger than 2 MB"),
    "broken encoding": (garbled, "garbled.csv", "could not be read"),
    "formulas": (formulas_only, "formulas.csv", "No row can be imported"),
    "row 20,000,000": (far_row, "far.xlsx", "more than 2000 rows"),
    "shared strings": (shared_strings_bomb, "strings.xlsx", "more text than 2000 rows"),
}
MEASURED_FIRST = ["zip bomb", "row 20,000,000", "shared strings"]
# fmt: on


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_with_a_reason_and_nothing_written(login, bob, broadcast, case):
    build, name, message = HOSTILE[case]
    before = counts()
    client = login(bob)
    for target in (broadcast, None):
        response = client.post(url(target), {"file": SimpleUploadedFile(name, build())})
        assert response.status_code == 422
        errors = response.context["form"].errors["file"]
        assert any(message in error for error in errors), errors
        assert 'value="import"' not in response.content.decode()
    assert counts() == before


@pytest.mark.parametrize("case", MEASURED_FIRST)
def test_a_workbook_too_large_is_refused_before_it_is_parsed(monkeypatch, case):
    """Issue 18: one such upload held a worker for 40-120 s."""
    build, name, message = HOSTILE[case]

    def parse(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr("openpyxl.load_workbook", parse)
    with pytest.raises(Refused, match=message):
        read_book(build(), name)


def test_formulas_are_named_on_their_rows(login, bob, broadcast):
    response = login(bob).post(
        url(broadcast), {"file": SimpleUploadedFile("f.csv", formulas_only())}
    )
    (item,) = response.context["book"].imports
    assert all("is a formula" in row.problems[0] for row in item.bad_rows)
    assert len(item.bad_rows) == 3
