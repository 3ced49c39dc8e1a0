"""What a foreign 直播脚本 sample is (`Sample`, the `Show` values a file must import as) and the
helpers its builders share: time arithmetic, openpyxl styling, Excel-like xlsx and CSV bytes.
Only stdlib + openpyxl: importable without Django."""

import csv
import io
from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side


@dataclass
class Show:
    segments: int  # how many segments the show has (breaks and section rows are NOT segments)
    first_title: str  # its 环节 cell as written, whitespace-trimmed; first line if several
    last_title: str
    first_start: str  # "HH:MM" clock time the first segment starts
    last_end: str  # "HH:MM" clock time the last segment ends
    total_minutes: int  # sum of segment lengths, breaks excluded
    products: dict[int, str]  # link number -> live price ("39.9"); every product exactly once
    giveaways: list[tuple[str, str, int]]  # (kind, "HH:MM", qty) by time from the start, kind
    info: dict[str, str] = field(default_factory=dict)  # date, platform, gmv_target, hosts


@dataclass
class Sample:
    name: str  # short id, e.g. "kuaishou_beauty_xlsx"
    filename: str  # e.g. "12.12美妆专场直播脚本.xlsx"
    content: bytes
    shows: list[Show]  # one per show in the file (a workbook with one sheet per show has several)


LB, CP, RP, FS, LO, FC = "lucky_bag", "coupon", "red_packet", "flash_sale", "lottery", "fan_club"


def _m(hhmm: str) -> int:
    hours, minutes = hhmm.replace("：", ":").strip().split(":")
    return int(hours) * 60 + int(minutes)


def _hm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _info(day, platform, hosts, gmv_target=None) -> dict[str, str]:
    info = {"date": day, "platform": platform, "hosts": hosts}
    return info | ({"gmv_target": gmv_target} if gmv_target else {})


def _show(segs, products, info=None, extra=()) -> Show:
    """segs: (start, minutes, 环节 cell, [(kind, qty)]); extra: (kind, time, qty) from 福利."""
    for a, b in zip(segs, segs[1:], strict=False):  # rows never overlap; a gap is a break
        assert (_m(b[0]) - _m(a[0])) % 1440 >= a[1], (a, b)
    t0 = _m(segs[0][0])
    gives = [(kind, start, qty) for start, _, _, perks in segs for kind, qty in perks]
    gives = sorted([*gives, *extra], key=lambda g: ((_m(g[1]) - t0) % 1440, g[0]))
    first, last = (s[2].strip().splitlines()[0].strip() for s in (segs[0], segs[-1]))
    end = _hm(_m(segs[-1][0]) + segs[-1][1])
    total = sum(s[1] for s in segs)
    return Show(len(segs), first, last, _hm(t0), end, total, products, gives, info or {})


THIN = Side(style="thin", color="A0A0A0")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _look(ws, first, last, cols, bold=False, fill=None, widths=()):
    """Borders, wrapping, optional bold/fill on rows first..last; column widths from A."""
    for row in ws.iter_rows(min_row=first, max_row=last, max_col=cols):
        for cell in row:
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.font = Font(bold=bold)
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = width


def _merge_row(ws, text, cols, fill="FCE4D6"):
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=cols)
    _look(ws, ws.max_row, ws.max_row, cols, bold=True, fill=fill)


def _xlsx(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(rows, encoding, width) -> bytes:
    """Like Excel's CSV export: padded rows, minimal quoting, CRLF rows, LF inside quoted cells."""
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows([[*r, *[""] * (width - len(r))] for r in rows])
    return buf.getvalue().encode(encoding)
