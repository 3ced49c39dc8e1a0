"""Chromium, a cold context each run: first loads, and the inline edit from keypress to swap."""

import json
import statistics
import time

from bench.common import CHECKLIST_ROWS, RUNSHEET_ROWS, SIZES, log, ms, stats
from bench.server import warm
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS

# Looks for all rows from the first moment of the document: polling while it is parsed, and
# when parsing ends (readystatechange comes before the deferred scripts run, which a poll would
# wait for). A MutationObserver over the whole document would be more exact but is itself the
# slowest part of the load: a 633 KB table parses in about 65 ms without one and 365 ms with one.
ROWS_OBSERVER = """
(() => {
  const selector = %s, expected = %d;
  const trs = document.getElementsByTagName("tr");
  const check = () => {
    if (window.__rowsAt !== undefined) return;
    if (trs.length >= expected && document.querySelectorAll(selector).length >= expected) {
      window.__rowsAt = performance.now();
    } else {
      setTimeout(check, 2);
    }
  };
  document.addEventListener("readystatechange", check);
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
    if not CHROMIUM:
        return None
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


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
    document.addEventListener(name, (event) => {
      // Only the save's own answer (a readiness refresh may land after the next keypress).
      const path = (event.detail.pathInfo && event.detail.pathInfo.requestPath) || "";
      if (!path.includes("/rows/")) return;
      if (window.__edit.key !== undefined && window.__edit[name] === undefined) {
        window.__edit[name] = performance.now();
        if (name === "htmx:beforeSwap") {
          const xhr = performance.getEntriesByType("resource")
            .filter((r) => r.initiatorType === "xmlhttprequest").at(-1);
          Object.assign(window.__edit, {
            fetchStart: xhr.fetchStart, requestStart: xhr.requestStart,
            responseStart: xhr.responseStart,
          });
        }
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
  // The readiness and figures above the table fetch themselves after the row's answer.
  document.addEventListener("htmx:afterSwap", (event) => {
    const path = (event.detail.pathInfo && event.detail.pathInfo.requestPath) || "";
    if (path.includes("part=status") && window.__edit.key !== undefined) {
      window.__edit.readiness = performance.now();
    }
  });
}
"""


def inline_edits(browser, base, cookie_value, show, runs: int, field: str = "title") -> dict:
    """Opens a segment's inline edit, types a new title (or length: every row after it gets a
    new clock time), presses Enter; keypress to settle."""
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
    marks = {
        "sent": [],
        "server": [],
        "response": [],
        "swap": [],
        "paint": [],
        "settle": [],
        "readiness": [],
    }
    for run in range(runs + 1):
        title_input = page.locator("#id_edit-title")
        title_input.wait_for()
        wait_js(page, "document.activeElement && document.activeElement.id === 'id_edit-title'")
        title = f"{segment.title} · 浏览器第 {run} 次"
        if field == "minutes":
            title = segment.title
            page.locator("#id_edit-minutes").fill(str(segment.minutes + 1 + run % 2))
        else:
            title_input.fill(title)
        page.keyboard.press("Enter")
        wait_js(
            page,
            "window.__edit.paint !== undefined && window.__edit.settled !== undefined"
            " && window.__edit.readiness !== undefined",
        )
        e = page.evaluate("window.__edit")
        row = page.locator(f"#row-{segment.pk}")
        shown = row.text_content()
        assert title in shown, ("the saved title is not in the row", title, shown[:300])
        if run:  # the first is a warm-up
            marks["sent"].append(e["fetchStart"] - e["key"])
            marks["server"].append(e["responseStart"] - e["requestStart"])
            marks["response"].append(e["htmx:beforeSwap"] - e["key"])
            marks["swap"].append(e["htmx:afterSwap"] - e["key"])
            marks["paint"].append(e["paint"] - e["key"])
            marks["settle"].append(e["htmx:afterSettle"] - e["key"])
            marks["readiness"].append(e["readiness"] - e["key"])
        # Open the inline edit again, the way a user does: the row's Edit button.
        page.locator(f"#row-{segment.pk} .row-buttons a").first.click()
    context.close()
    return {k: stats(v) for k, v in marks.items()}


def measure_browser(port, cookie_value, shows, runs: int, edit_sizes) -> dict | None:
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}"
    cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie_value}"}
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
                warm(port, path, cookie)
                cold_load(browser, base, cookie_value, path, selector, n)  # warm-up
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
            n = max(SIZES)  # a length edit against a title edit, at 1,000 segments
            for field in ("title", "minutes"):
                edits = inline_edits(browser, base, cookie_value, shows[n], runs, field)
                out["edits"][(field, n)] = edits
                log(f"Chromium {field} edit {n}: painted {ms(edits['paint'])} ms")
        finally:
            browser.close()
    return out
