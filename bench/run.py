"""`make bench`: STAGE's pages, saves, exports and first loads on synthetic shows.

    .venv/bin/python -m bench.run [--runs N] [--quick] [--json PATH] [--keep]

Builds shows of 10, 100, 500 and 1,000 segments (and 120 for the export target) in a throw-away
SQLite file, serves the app with gunicorn (DEBUG off, whitenoise, hashed static files), then
measures from outside the server:

* server time (client-side time to the last byte on 127.0.0.1) of the hub, the five checklist
  pages and the run-sheet, each run paired with the same bytes served as a static file by the same
  server (the floor); the ratio is taken per pair, in the same run;
* queries per page at each size (in-process, the test client under CaptureQueriesContext);
* an htmx row save of a segment: server time and response bytes against the full page's bytes;
* PDF and XLSX exports at 120 and 500 segments;
* in Chromium, cold context each run: navigation until all rows are in the page for the run-sheet
  and the timing checklist, first-load bytes and request count, keypress (Enter) to confirmation
  of an inline edit.

Machines are noisy: each figure is the median with min and max over its runs. Timings live
here, not in the timed tests.
"""

import argparse
import gzip
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SIZES = [10, 100, 500, 1000]
EXPORT_SIZES = [120, 500]
# The run-sheet and checklist rows are rendered once per version of the show (stage/rendered.py):
# the pages are views of an unchanged show, "run-sheet edited" the first view after a change.
EDITED = "run-sheet edited"
PAGES = ["hub", "T", "A", "S", "G", "E", "run-sheet", EDITED]
PARTS = ["pages", "saves", "exports", "browser"]
RUNSHEET_ROWS = ".rs-timeline tbody tr"
CHECKLIST_ROWS = "table.rows tbody tr[data-id]"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


# Set-up: a throw-away database and static root, the shows, a logged-in session


def setup_django(work: Path) -> None:
    os.environ["STAGE_BENCH_DIR"] = str(work)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    # Playwright's sync API runs an event loop in this thread; the ORM is used synchronously.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()


def build_shows(sizes: list[int]):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench.data import make_show
    from stage.teams import Membership, Role, Team

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    log(f"database and static files ready in {time.perf_counter() - started:.1f} s")
    user = get_user_model().objects.create_user("bench", password="bench-pw")
    team = Team.objects.create(name="Bench 直播运营")
    Membership.objects.create(team=team, user=user, role=Role.OWNER)
    started = time.perf_counter()
    shows = {n: make_show(team, n) for n in sizes}
    log(
        f"shows of {', '.join(map(str, sizes))} segments built in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return user, shows


def page_path(pk: int, page: str) -> str:
    if page == "hub":
        return f"/b/{pk}/"
    if page in ("run-sheet", EDITED):
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


def in_process(user, shows: dict, work: Path) -> dict:
    """Queries and bytes per page at each size, the save's queries; writes the floor files."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    floor_dir = work / "static" / "bench-floor"
    floor_dir.mkdir(parents=True)
    queries, sizes, floors, gz = {}, {}, {}, {}
    for n in SIZES:
        pk = shows[n].pk
        # An htmx row save of a segment in the middle of the show (before the pages are read,
        # so the floor files hold the bytes the server will send).
        segment = shows[n].segments.order_by("position")[n // 2]
        form_page = client.get(f"/b/{pk}/T/?edit={segment.pk}").content.decode()
        fields = with_title(edit_fields(form_page), f"{segment.title} · 改")
        with CaptureQueriesContext(connection) as captured:
            response = client.post(
                f"/b/{pk}/T/rows/{segment.pk}/",
                dict_of(fields),
                headers={"HX-Request": "true", "HX-Target": f"row-{segment.pk}"},
            )
        assert response.status_code == 200, ("save", n, response.status_code)
        queries[("T save", n)] = len(captured)
        for page in PAGES:
            if n == SIZES[0] or page == "run-sheet":
                client.get(page_path(pk, page))  # templates compiled, caches warm
            if page == EDITED:
                edited(shows[n])
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page_path(pk, page))
            assert response.status_code == 200, (page, n, response.status_code)
            queries[(page, n)] = len(captured)
            sizes[(page, n)] = len(response.content)
            gz[(page, n)] = len(gzip.compress(response.content, 6))
            name = f"{page}-{n}.html".replace(" ", "-")
            (floor_dir / name).write_bytes(response.content)
            floors[(page, n)] = f"/static/bench-floor/{name}"
    client.logout()
    return {"queries": queries, "bytes": sizes, "gzip": gz, "floors": floors}


def edited(show) -> None:
    """What any edit does to the show's rendered sheets: they are out of date."""
    show.touch()


def dict_of(fields: list[tuple[str, str]]) -> dict:
    out: dict[str, list[str]] = {}
    for k, v in fields:
        out.setdefault(k, []).append(v)
    return out


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# The server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(work: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "STAGE_BENCH_DIR": str(work),
    }
    command = [
        sys.executable, "-m", "gunicorn", "stage.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", "2",
        # The 500-segment PDF takes about as long as gunicorn's default 30 s timeout.
        "--timeout", "300",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _body, _t = fetch(port, "GET", "/login/")
            if status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited")
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in 30 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def fetch(port: int, method: str, path: str, headers=None, body=None):
    """(status, body, seconds): a new connection, as gunicorn's sync workers close each one."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    return response.status, data, time.perf_counter() - started


# Measurements against the server


def measure_pages(port, cookie, shows, floors, runs: dict) -> dict:
    headers = {"Cookie": cookie}
    for _ in range(4):  # both workers: templates compiled, connections open
        for page in PAGES:
            fetch(port, "GET", page_path(shows[SIZES[0]].pk, page), headers)
            fetch(port, "GET", floors[(page, SIZES[0])])
    for n in SIZES:  # each worker renders each unchanged show once, as after any change
        for _ in range(3):
            for page in PAGES[:-1]:
                fetch(port, "GET", page_path(shows[n].pk, page), headers)
    times = {key: [] for key in floors}
    floor = {key: [] for key in floors}
    ratio = {key: [] for key in floors}

    def measure(n, page):
        status, body, t = fetch(port, "GET", page_path(shows[n].pk, page), headers)
        assert status == 200, (page, n, status)
        fstatus, fbody, f = fetch(port, "GET", floors[(page, n)])
        assert fstatus == 200 and len(fbody) == len(body), (page, n, fstatus)
        times[(page, n)].append(t * 1000)
        floor[(page, n)].append(f * 1000)
        ratio[(page, n)].append(t / f)

    # Views of unchanged shows first: an edit makes every kept page of its show out of date.
    for run in range(max(runs.values())):
        for n in SIZES:
            if run < runs[n]:
                for page in PAGES[:-1]:
                    measure(n, page)
    for run in range(max(runs.values())):
        for n in SIZES:
            if run < runs[n]:
                edited(shows[n])
                measure(n, EDITED)
    return {
        "render_ms": {k: stats(v) for k, v in times.items()},
        "floor_ms": {k: stats(v) for k, v in floor.items()},
        "ratio": {k: stats(v) for k, v in ratio.items()},
    }


def measure_saves(port, cookie, shows, runs: int) -> dict:
    """An htmx save of one segment's title, the edit form read fresh (with its version) first."""
    csrf = "b" * 32  # any secret: the header carries it unmasked and matches the cookie
    headers = {"Cookie": f"{cookie}; csrftoken={csrf}"}
    out = {}
    for n in SIZES:
        pk = shows[n].pk
        segment = shows[n].segments.order_by("position")[n // 3]
        times, sizes = [], []
        for run in range(runs):
            form_headers = {**headers, "HX-Request": "true"}
            status, body, _t = fetch(port, "GET", f"/b/{pk}/T/?edit={segment.pk}", form_headers)
            assert status == 200, ("edit form", n, status)
            fields = [(k, v) for k, v in edit_fields(body.decode()) if k != "csrfmiddlewaretoken"]
            title = f"{segment.title} · 第 {run} 次修改"
            post = urlencode(with_title(fields, title)).encode()
            status, body, t = fetch(
                port,
                "POST",
                f"/b/{pk}/T/rows/{segment.pk}/",
                {
                    **headers,
                    "HX-Request": "true",
                    "HX-Target": f"row-{segment.pk}",
                    "X-CSRFToken": csrf,
                    "Origin": f"http://127.0.0.1:{port}",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                post,
            )
            assert status == 200, ("save", n, status, body[:500])
            assert title.encode() in body, ("save not confirmed", n)
            times.append(t * 1000)
            sizes.append(len(body))
        out[n] = {"ms": stats(times), "bytes": statistics.median(sizes)}
    return out


def measure_exports(port, cookie, shows, runs: dict) -> dict:
    headers = {"Cookie": cookie}
    out = {}
    fetch(port, "GET", f"/b/{shows[EXPORT_SIZES[0]].pk}/run-sheet.xlsx", headers)
    fetch(port, "GET", f"/b/{shows[10].pk}/run-sheet.pdf", headers)  # fonts and CSS loaded
    fetch(port, "GET", f"/b/{shows[10].pk}/run-sheet.pdf", headers)  # in both workers
    for kind in ("xlsx", "pdf"):
        for n in EXPORT_SIZES:
            times, size = [], 0
            for _ in range(runs[(kind, n)]):
                status, body, t = fetch(port, "GET", f"/b/{shows[n].pk}/run-sheet.{kind}", headers)
                assert status == 200, (kind, n, status)
                times.append(t)
                size = len(body)
            out[(kind, n)] = {"s": stats(times), "bytes": size}
            log(f"{kind.upper()} {n}: {ms(out[(kind, n)]['s'], 2)} s")
    return out


# Chromium

# Polls, from the first moment of the document, until all rows are in it. A MutationObserver
# over the whole document would be more exact but is itself the slowest part of the load: a
# 633 KB table parses in about 65 ms without one and 365 ms with one (measured in Chromium).
ROWS_OBSERVER = """
(() => {
  const selector = %s, expected = %d;
  const trs = document.getElementsByTagName("tr");
  const check = () => {
    if (trs.length >= expected && document.querySelectorAll(selector).length >= expected) {
      window.__rowsAt = performance.now();
    } else {
      setTimeout(check, 2);
    }
  };
  check();
})();
"""


def wait_js(page, expression: str, timeout: float = 30) -> None:
    """Polls an expression with page.evaluate (DevTools, so the page's CSP, which forbids eval,
    does not apply, unlike wait_for_function's in-page polling)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        page.wait_for_timeout(10)


def launch_browser(playwright):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        return None
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def cold_load(browser, base, cookie_value, path, selector, expected) -> dict:
    from django.conf import settings

    context = browser.new_context()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie_value, "url": base}]
    )
    page = context.new_page()
    page.add_init_script(ROWS_OBSERVER % (json.dumps(selector), expected))
    cdp = context.new_cdp_session(page)
    requests: dict[str, dict] = {}

    def sent(e):
        if not e["request"]["url"].startswith("data:"):
            requests.setdefault(e["requestId"], {"url": e["request"]["url"], "body": 0})

    def received(e):
        if e["requestId"] in requests:
            requests[e["requestId"]]["body"] += e["dataLength"]

    def finished(e):
        if e["requestId"] in requests:
            requests[e["requestId"]]["wire"] = e["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.dataReceived", received)
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    page.goto(base + path, wait_until="load")
    page.wait_for_timeout(100)  # the last loadingFinished events
    wait_js(page, "window.__rowsAt !== undefined")
    timing = page.evaluate(
        """(selector) => {
          const nav = performance.getEntriesByType("navigation")[0];
          return {rows_at: window.__rowsAt, rows: document.querySelectorAll(selector).length,
                  response_start: nav.responseStart, response_end: nav.responseEnd,
                  dom_interactive: nav.domInteractive,
                  dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
        }""",
        selector,
    )
    context.close()
    timing["requests"] = len(requests)
    timing["wire_bytes"] = sum(r.get("wire", 0) for r in requests.values())
    timing["html_wire_bytes"] = sum(
        r.get("wire", 0) for r in requests.values() if r["url"] == base + path
    )
    timing["body_bytes"] = sum(r["body"] for r in requests.values())
    timing["urls"] = sorted(r["url"].replace(base, "") for r in requests.values())
    return timing


EDIT_LISTENERS = """
() => {
  window.__edit = {};
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter") window.__edit = {key: e.timeStamp};
  }, true);
  for (const name of ["htmx:beforeSwap", "htmx:afterSwap", "htmx:afterSettle"]) {
    document.addEventListener(name, () => {
      if (window.__edit.key !== undefined && window.__edit[name] === undefined) {
        window.__edit[name] = performance.now();
        if (name === "htmx:afterSwap") {
          // The next frame after the swap: the confirmation is painted.
          requestAnimationFrame(() => setTimeout(() => {
            window.__edit.paint = performance.now();
          }, 0));
        }
        if (name === "htmx:afterSettle") window.__edit.settled = true;
      }
    });
  }
}
"""


def inline_edits(browser, base, cookie_value, show, runs: int) -> dict:
    """Opens a segment's inline edit, types a new title, presses Enter; keypress to settle."""
    from django.conf import settings

    segment = show.segments.order_by("position")[show.segments.count() // 2]
    context = browser.new_context()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie_value, "url": base}]
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{base}/b/{show.pk}/T/?edit={segment.pk}")
    page.evaluate(EDIT_LISTENERS)
    marks = {"response": [], "swap": [], "paint": [], "settle": []}
    for run in range(runs + 1):
        title_input = page.locator("#id_edit-title")
        title_input.wait_for()
        wait_js(page, "document.activeElement && document.activeElement.id === 'id_edit-title'")
        title = f"{segment.title} · 浏览器第 {run} 次"
        title_input.fill(title)
        page.keyboard.press("Enter")
        wait_js(page, "window.__edit.paint !== undefined && window.__edit.settled !== undefined")
        e = page.evaluate("window.__edit")
        row = page.locator(f"#row-{segment.pk}")
        assert title in row.inner_text(), "the saved title is not in the row"
        if run:  # the first is a warm-up
            marks["response"].append(e["htmx:beforeSwap"] - e["key"])
            marks["swap"].append(e["htmx:afterSwap"] - e["key"])
            marks["paint"].append(e["paint"] - e["key"])
            marks["settle"].append(e["htmx:afterSettle"] - e["key"])
        # Open the inline edit again, the way a user does: the row's Edit button.
        page.locator(f"#row-{segment.pk} .row-buttons a").first.click()
    context.close()
    return {k: stats(v) for k, v in marks.items()}


def measure_browser(port, cookie_value, shows, runs: int, edit_sizes) -> dict | None:
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}"
    out = {"loads": {}, "edits": {}}
    with sync_playwright() as p:
        browser = launch_browser(p)
        if browser is None:
            log("Chromium not found: browser figures skipped (make bench installs it as root)")
            return None
        try:
            n = 500
            targets = [
                ("run-sheet", f"/b/{shows[n].pk}/run-sheet/", RUNSHEET_ROWS),
                ("T", f"/b/{shows[n].pk}/T/", CHECKLIST_ROWS),
            ]
            for name, path, selector in targets:
                for _ in range(3):  # warm-up: the browser, and the page kept in both workers
                    cold_load(browser, base, cookie_value, path, selector, n)
                loads = [
                    cold_load(browser, base, cookie_value, path, selector, n) for _ in range(runs)
                ]
                assert all(t["rows"] == n for t in loads), (name, [t["rows"] for t in loads])
                out["loads"][(name, n)] = {
                    "rows_ms": stats([t["rows_at"] for t in loads]),
                    "dom_interactive_ms": stats([t["dom_interactive"] for t in loads]),
                    "load_ms": stats([t["load"] for t in loads]),
                    "response_start_ms": stats([t["response_start"] for t in loads]),
                    "response_end_ms": stats([t["response_end"] for t in loads]),
                    "html_wire_bytes": statistics.median(t["html_wire_bytes"] for t in loads),
                    "requests": statistics.median(t["requests"] for t in loads),
                    "wire_bytes": statistics.median(t["wire_bytes"] for t in loads),
                    "body_bytes": statistics.median(t["body_bytes"] for t in loads),
                    "urls": loads[-1]["urls"],
                }
                rows_ms = out["loads"][(name, n)]["rows_ms"]
                log(f"Chromium {name} {n}: all rows in the page {ms(rows_ms)} ms")
            for n in edit_sizes:
                out["edits"][n] = inline_edits(browser, base, cookie_value, shows[n], runs)
                log(f"Chromium inline edit {n}: settle {ms(out['edits'][n]['settle'])} ms")
        finally:
            browser.close()
    return out


# The report


def table(rows: list[list[str]], head: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]

    def line(r):
        cells = zip(r, widths, strict=True)
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(cells)
        )

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(head), sep, *(line(r) for r in rows)])


def report(r: dict) -> tuple[str, list[dict]]:
    out = []
    sizes = [f"{n} seg." for n in SIZES]
    pages = r.get("pages")
    if pages:
        out.append(
            "Server time per page, ms: median (min–max) of "
            + ", ".join(f"{r['runs'][n]} runs at {n}" for n in SIZES)
        )
        out.append(
            table(
                [[p, *(ms(pages["render_ms"][(p, n)]) for n in SIZES)] for p in PAGES],
                ["page", *sizes],
            )
        )
        out.append("\nStatic floor: the same bytes as a static file through the same server, ms")
        out.append(
            table(
                [[p, *(ms(pages["floor_ms"][(p, n)], 1) for n in SIZES)] for p in PAGES],
                ["page", *sizes],
            )
        )
        out.append("\nRatio page / floor (pairs in the same run): median (min–max)")
        out.append(
            table(
                [[p, *(ms(pages["ratio"][(p, n)]) for n in SIZES)] for p in PAGES], ["page", *sizes]
            )
        )
    out.append("\nPage bytes (gzip -6 in brackets; the app sends HTML uncompressed)")
    out.append(
        table(
            [
                [p, *(f"{kb(r['bytes'][(p, n)])} ({kb(r['gzip'][(p, n)])})" for n in SIZES)]
                for p in PAGES
            ],
            ["page", *sizes],
        )
    )
    out.append("\nQueries per request (in-process)")
    qrows = []
    for p in [*PAGES, "T save"]:
        counts = [r["queries"][(p, n)] for n in SIZES]
        qrows.append([p, *counts, "yes" if len(set(counts)) == 1 else "NO"])
    out.append(table(qrows, ["request", *sizes, "constant"]))
    if "saves" in r:
        out.append("\nhtmx row save (a segment's title, T checklist): server ms, response bytes")
        srows = []
        for n in SIZES:
            s = r["saves"][n]
            full = r["bytes"][("T", n)]
            srows.append(
                [f"{n} seg.", ms(s["ms"]), kb(s["bytes"]), kb(full), f"{s['bytes'] / full:.0%}"]
            )
        out.append(table(srows, ["size", "server ms", "response", "full page", "share"]))
    if "exports" in r:
        out.append("\nRun-sheet exports, seconds: median (min–max)")
        erows = []
        for kind in ("pdf", "xlsx"):
            for n in EXPORT_SIZES:
                e = r["exports"][(kind, n)]
                erows.append(
                    [f"{kind.upper()} {n} seg.", ms(e["s"], 2), e["s"]["n"], kb(e["bytes"])]
                )
        out.append(table(erows, ["export", "seconds", "runs", "size"]))
    b = r.get("browser")
    if b:
        out.append(
            f"\nChromium, cold context each run ({b['loads'][('T', 500)]['rows_ms']['n']}"
            " runs), 500 segments: ms from navigation start"
        )
        lrows, notes = [], []
        for (name, n), t in b["loads"].items():
            lrows.append(
                [
                    name,
                    ms(t["response_start_ms"]),
                    ms(t["response_end_ms"]),
                    ms(t["rows_ms"]),
                    ms(t["load_ms"]),
                    f"{t['requests']:.0f}",
                    kb(t["wire_bytes"]),
                    kb(t["html_wire_bytes"]),
                    kb(t["body_bytes"]),
                ]
            )
            page = "run-sheet" if name == "run-sheet" else name
            gzipped = t["wire_bytes"] - t["html_wire_bytes"] + r["gzip"][(page, n)]
            notes.append(f"  {name}: {kb(gzipped)} on the wire if the HTML were gzipped (-6)")
        out.append(
            table(
                lrows,
                [
                    "page",
                    "first byte",
                    "last byte",
                    "all rows in",
                    "load event",
                    "requests",
                    "wire",
                    "of it HTML",
                    "decoded",
                ],
            )
        )
        out.extend(notes)
        out.append("\nChromium inline edit (a segment's title, Enter): ms from the keydown")
        edrows = [
            [f"{n} seg.", ms(e["response"]), ms(e["swap"]), ms(e["paint"]), ms(e["settle"])]
            for n, e in b["edits"].items()
        ]
        out.append(table(edrows, ["size", "response in", "swapped", "next frame", "htmx settled"]))

    checks = []

    def target(name, limit, measured, ok):
        checks.append({"target": name, "limit": limit, "measured": measured, "pass": ok})

    if b:
        t = b["loads"][("run-sheet", 500)]
        target(
            "Run-sheet 500, cold: all rows in the page",
            "<= 300 ms",
            f"{ms(t['rows_ms'])} ms",
            t["rows_ms"]["median"] <= 300,
        )
        t = b["loads"][("T", 500)]
        target(
            "Timing checklist 500, cold: all rows in",
            "<= 300 ms",
            f"{ms(t['rows_ms'])} ms",
            t["rows_ms"]["median"] <= 300,
        )
        e = b["edits"][500]
        target(
            "Inline edit 500: keypress to settled",
            "<= 27 ms median",
            f"{ms(e['settle'])} ms",
            e["settle"]["median"] <= 27,
        )
        e = b["edits"][10]
        target(
            "(Inline edit 10: keypress to settled)",
            "<= 27 ms median",
            f"{ms(e['settle'])} ms",
            e["settle"]["median"] <= 27,
        )
        t = b["loads"][("run-sheet", 500)]
        target(
            "Run-sheet 500 first load: bytes (wire)",
            "<= 200 KB",
            kb(t["wire_bytes"]),
            t["wire_bytes"] <= 200 * 1024,
        )
        target(
            "Run-sheet 500 first load: requests",
            "<= 10",
            f"{t['requests']:.0f}",
            t["requests"] <= 10,
        )
    if pages:
        ratio = pages["ratio"][("run-sheet", 500)]
        target(
            "Run-sheet 500 server time / static floor",
            "<= 3 ×",
            f"{ms(ratio, 1)} ×",
            ratio["median"] <= 3,
        )
    varying = [p for p in [*PAGES, "T save"] if r["queries"][(p, 10)] != r["queries"][(p, 1000)]]
    target(
        "Queries per page at 10 and 1,000 segments",
        "identical",
        "identical" if not varying else "differ: " + ", ".join(varying),
        not varying,
    )
    if "exports" in r:
        e = r["exports"][("pdf", 120)]
        target(
            "PDF of a 120-segment show", "<= 1.5 s", f"{ms(e['s'], 2)} s", e["s"]["median"] <= 1.5
        )
        e = r["exports"][("xlsx", 120)]
        target(
            "XLSX of a 120-segment show", "<= 0.3 s", f"{ms(e['s'], 2)} s", e["s"]["median"] <= 0.3
        )
    out.append("\nTargets (this machine)")
    out.append(
        table(
            [
                [c["target"], c["limit"], c["measured"], "pass" if c["pass"] else "FAIL"]
                for c in checks
            ],
            ["target", "limit", "measured", "result"],
        )
    )
    return "\n".join(out), checks


def jsonable(value):
    if isinstance(value, dict):
        return {
            (" ".join(map(str, k)) if isinstance(k, tuple) else str(k)): jsonable(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def machine() -> str:
    import django

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"Django {django.get_version()}, SQLite, gunicorn 2 sync workers, DEBUG=false"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per page at 10 and 100 seg.")
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke test")
    parser.add_argument("--json", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"a comma-separated subset of {','.join(PARTS)}"
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    big = max(3, args.runs * 2 // 3)
    runs = {10: args.runs, 100: args.runs, 500: big, 1000: big}
    export_runs = {("xlsx", 120): 5, ("xlsx", 500): 5, ("pdf", 120): 3, ("pdf", 500): 1}
    browser_runs, save_runs = 5, 5
    if args.quick:
        runs = dict.fromkeys(SIZES, 3)
        export_runs = {("xlsx", 120): 1, ("xlsx", 500): 1, ("pdf", 120): 1, ("pdf", 500): 1}
        browser_runs, save_runs = 2, 2

    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="stage-bench-"))
    server = None
    try:
        setup_django(work)
        user, shows = build_shows(sorted({*SIZES, *EXPORT_SIZES}))
        measured = in_process(user, shows, work)
        cookie_value = session_cookie(user)
        from django.conf import settings
        from django.db import connection

        connection.close()
        cookie = f"{settings.SESSION_COOKIE_NAME}={cookie_value}"
        port = free_port()
        server = start_server(work, port)
        log(f"gunicorn on 127.0.0.1:{port}")
        if "pages" in only:
            log("pages, floors and ratios")
            measured["pages"] = measure_pages(port, cookie, shows, measured["floors"], runs)
        if "saves" in only:
            log("htmx row saves")
            measured["saves"] = measure_saves(port, cookie, shows, save_runs)
        if "exports" in only:
            log("exports")
            measured["exports"] = measure_exports(port, cookie, shows, export_runs)
        if "browser" in only:
            log("Chromium")
            measured["browser"] = measure_browser(
                port, cookie_value, shows, browser_runs, [10, 500]
            )
        measured["runs"] = runs
    finally:
        if server is not None:
            stop_server(server)
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    text, checks = report(measured)
    load = (load_before, os.getloadavg()[0])
    header = (
        f"STAGE benchmark, {datetime.now():%Y-%m-%d %H:%M}: {machine()}\n"
        f"Whole run {elapsed:.0f} s; 1-minute load average {load[0]:.1f} at the start, "
        f"{load[1]:.1f} at the end (other work on the machine skews every figure).\n"
    )
    print(header)
    print(text)
    del measured["floors"]
    Path(args.json).write_text(
        json.dumps(
            {
                "when": datetime.now().isoformat(timespec="seconds"),
                "machine": machine(),
                "seconds": round(elapsed, 1),
                "load_average": load,
                "targets": checks,
                **jsonable(measured),
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    print(f"\nWritten to {os.path.relpath(args.json)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
