"""The blocks a paper document is made of, and their text as runs of (text, style)."""

import re
from html import unescape

from stage.templatetags.stage_tags import cell

RIGHT = {"money", "int", "pct", "number", "discount"}

Run = tuple[str, str]  # (text, style): "" plain, "b" bold, "m" muted, "s" small
Cell = list[list[Run]]  # lines of runs


def text(value, style: str = "") -> Cell:
    """Text as lines of one style (a cell's line breaks kept)."""
    return [[(line, style)] for line in str(value or "").splitlines()]


def phrases(html: str) -> list[str]:
    """A rendered snippet's phrases (translated, with their plurals), one per element, as the
    screen shows them apart."""
    found = re.findall(r"<(?:b|span)\b[^>]*>([^<]*)</(?:b|span)>", html)
    return [" ".join(unescape(p).split()) for p in found if p.strip()]


def heading(title) -> dict:
    return {"kind": "heading", "text": str(title)}


def line(*runs: Run) -> dict:
    return {"kind": "line", "runs": [(str(t), s) for t, s in runs]}


def facts(items) -> dict:
    return {"kind": "facts", "items": [(str(label), str(value or "—")) for label, value in items]}


def picture(svg_html: str, alt: str = "") -> dict:
    """An inline SVG (a template's <figure><svg>…</svg></figure>) as a picture."""
    svg = svg_html[svg_html.index("<svg") : svg_html.rindex("</svg>") + 6]
    if "xmlns=" not in svg[:200]:
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    return {"kind": "svg", "svg": svg, "alt": alt}


def column(label, width: float | str = 1, align: str = "left") -> dict:
    return {"label": str(label), "width": width, "align": align}


KEEP_WHOLE = 900  # characters in a row's longest cell: a row that fits on a page stays whole


def table(columns: list[dict], rows: list[list[Cell]], foot: list[Cell] | None = None) -> dict:
    keep = [max((_length(c) for c in row), default=0) <= KEEP_WHOLE for row in rows]
    return {"kind": "table", "columns": columns, "rows": rows, "keep": keep, "foot": foot}


def _length(cell: Cell) -> int:
    return sum(len(text) for line in cell for text, _style in line)


def table_of(data, currency: str) -> dict:
    """A stage.tables.Table as printed: each value formatted by its column's kind."""
    columns = [
        column(
            c.label,
            "auto" if c.kind in RIGHT else c.width / 10,
            "right" if c.kind in RIGHT else "left",
        )
        for c in data.columns
    ]
    rows = [[text(cell(value, kind, currency)) for value, kind in row] for row in data.cells]
    return table(columns, rows)
