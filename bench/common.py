"""What the benchmark's parts share: the sizes and pages, figures, the inline edit form."""

import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [10, 100, 500, 1000]
EXPORT_SIZES = [120, 500]
# Pages are rendered once per version of the show (stage/rendered.py): the pages are views of an
# unchanged show, the "edited" ones the first view after a change.
EDITED = ["T edited", "run-sheet edited"]
PAGES = ["hub", "T", "A", "S", "G", "E", "run-sheet", *EDITED]
PARTS = ["pages", "saves", "exports", "polls", "browser", "memory", "together"]
POLL_SIZES = [10, 500, 2000]  # shows on air, for the live views' poll
MEMORY_SIZE = 2000  # the show edited and viewed 30 times for the workers' memory
RUNSHEET_ROWS = ".rs-timeline tbody tr"
CHECKLIST_ROWS = "table.rows tbody tr[data-id]"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Figures


def stats(values: list[float]) -> dict:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def ms(s: dict, digits: int = 0) -> str:
    fmt = f"{{:.{digits}f}}"
    return f"{fmt.format(s['median'])} ({fmt.format(s['min'])}–{fmt.format(s['max'])})"


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 10 * 1024 else f"{n / 1024:,.1f} KB"


def page_path(pk: int, page: str) -> str:
    if page == "hub":
        return f"/b/{pk}/"
    page = page.removesuffix(" edited")
    if page == "run-sheet":
        return f"/b/{pk}/run-sheet/"
    return f"/b/{pk}/{page}/"


class FormFields(HTMLParser):
    """The fields of the inline edit form (names starting with the prefix), as a browser
    would submit them: checked boxes, selected options, textarea text."""

    def __init__(self, prefix: str):
        super().__init__(convert_charrefs=True)
        self.prefix = prefix
        self.fields: list[tuple[str, str]] = []
        self._select = None
        self._select_first = None
        self._select_chosen = False
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name") or ""
        if tag == "input" and name.startswith(self.prefix):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name.startswith(self.prefix):
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name.startswith(self.prefix):
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def edit_fields(html: str) -> list[tuple[str, str]]:
    parser = FormFields("edit-")
    parser.feed(html)
    return parser.fields


def with_title(fields: list[tuple[str, str]], title: str) -> list[tuple[str, str]]:
    return [(k, title if k == "edit-title" else v) for k, v in fields]


def edited(show) -> None:
    """What any edit does to the show's rendered sheets: they are out of date."""
    show.touch()


def dict_of(fields: list[tuple[str, str]]) -> dict:
    out: dict[str, list[str]] = {}
    for k, v in fields:
        out.setdefault(k, []).append(v)
    return out
