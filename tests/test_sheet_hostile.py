"""Hostile spreadsheets: each gets a clear error next to the file field and nothing is written."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

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
}
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


def test_formulas_are_named_on_their_rows(login, bob, broadcast):
    response = login(bob).post(
        url(broadcast), {"file": SimpleUploadedFile("f.csv", formulas_only())}
    )
    (item,) = response.context["book"].imports
    assert all("is a formula" in row.problems[0] for row in item.bad_rows)
    assert len(item.bad_rows) == 3
