"""The "plan vs actual per segment" picture: paired bars of minutes, GMV and UV, drawn by
includes/review_chart.html on the page and in the PDF."""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from openpyxl.chart import BarChart, Reference

WIDTH, LABEL_UNITS = 760, 24
MIN_X, MIN_W = 180, 140
GMV_X, GMV_W = 370, 160
UV_X, UV_W = 600, 100
TOP, ROW, BAR = 32, 24, 9


def _clip(text: str, units: int = LABEL_UNITS) -> str:
    """Text cut to about `units` half-width characters (a Chinese character counts two)."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > units:
            return text[:i] + "…"
    return text


def _pair(x0: int, width: int, top: int, scale, values, labels) -> list[dict]:
    """A planned bar above an actual one; an unknown value has no bar, only its dash."""
    bars = []
    for offset, value, label in zip((2, 3 + BAR), values, labels, strict=True):
        w = 0 if value is None else round(float(Decimal(value) / scale) * width, 1)
        y = top + offset
        bars.append({"x": x0, "y": y, "w": w, "text_x": x0 + w + 4, "text_y": y + BAR - 1,
                     "label": label})  # fmt: skip
    return bars


def chart(review) -> dict:
    rows = review.segments
    top_minutes = max(
        [1, *(s.planned_minutes for s in rows), *(s.actual_minutes or 0 for s in rows)]
    )
    top_gmv = max([0, *(s.planned_sales for s in rows), *(s.actual_gmv or 0 for s in rows)])
    top_uv = max([0, *(s.actual_uv or 0 for s in rows)])

    def whole(amount) -> str:
        if amount is None:
            return "—"
        return f"{review.currency}{amount.quantize(Decimal('1'), ROUND_HALF_UP):,}"

    drawn = []
    for i, s in enumerate(rows):
        y = TOP + i * ROW
        minutes = (s.planned_minutes, s.actual_minutes)
        row = {
            "y": y,
            "text_y": y + 16,
            "rule_y": y + ROW,
            "label": f"{s.number} {_clip(s.title)}",
            "title": f"{s.number} {s.title}",
            "minutes": _pair(MIN_X, MIN_W, y, top_minutes, minutes,
                             ["—" if m is None else m for m in minutes]),
        }  # fmt: skip
        if top_gmv:
            gmv = (s.planned_sales, s.actual_gmv)
            row["gmv"] = _pair(GMV_X, GMV_W, y, top_gmv, gmv, [whole(g) for g in gmv])
        if top_uv:  # no plan per segment: one bar, where the actual bars sit
            uv = s.actual_uv
            bar = _pair(UV_X, UV_W, y, top_uv, (None, uv), ["", "—" if uv is None else f"{uv:,}"])
            row["uv"] = bar[1:]
        drawn.append(row)
    return {
        "width": WIDTH,
        "height": TOP + len(rows) * ROW + 6,
        "rows": drawn,
        "show_gmv": bool(top_gmv),
        "show_uv": bool(top_uv),
        "min_x": MIN_X,
        "gmv_x": GMV_X,
        "uv_x": UV_X,
        "bar": BAR,
        "head_y": TOP - 12,
        "legend_y": TOP - 21,
        "bottom": TOP + len(rows) * ROW,
    }


# The same comparison in the review's workbook: bar charts beside its Segments sheet.


def xlsx_charts(book, review) -> None:
    """Minutes and GMV (plan against actual) and UV per segment, as Excel bar charts drawn from
    the Segments sheet's own cells, so they follow any correction made in the file."""
    ws = book.worksheets[[t.key for t in review.tables].index("segments")]
    rows = len(review.segments)
    if not rows:
        return
    column = {str(cell.value): cell.column for cell in ws[1]}
    names = Reference(ws, min_col=column[_("Segment")], min_row=2, max_row=rows + 1)
    charts = [
        (_("Minutes"), [_("Planned min"), _("Actual min")]),
        (_("GMV"), [_("Planned sales"), _("Actual GMV")]),
        ("UV", [_("UV")]),
    ]
    for n, (title, series) in enumerate(charts):
        chart = BarChart()
        chart.type, chart.title = "bar", title
        chart.y_axis.title = title
        chart.height, chart.width = max(7.5, rows * 0.9), 16
        chart.x_axis.scaling.orientation = "maxMin"  # the first segment on top, as on paper
        for label in series:
            data = Reference(ws, min_col=column[label], min_row=1, max_row=rows + 1)
            chart.add_data(data, titles_from_data=True)
        chart.set_categories(names)
        ws.add_chart(chart, f"U{1 + n * (int(chart.height * 2) + 2)}")
