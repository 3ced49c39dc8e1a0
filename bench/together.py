"""Editing together: the cost of an idle pulse, and how soon a save shows in a second browser."""

import statistics

from bench.browser import wait_js
from bench.common import log, ms, stats
from bench.server import fetch, probe_etag

PULSE_SIZES = [10, 1000]

# In the watching page: the moment the edited row shows the new title.
WATCH = """([id, title]) => {
  window.__seen = undefined;
  const seen = () => {
    const row = document.getElementById(id);
    if (row && row.textContent.includes(title)) { window.__seen = Date.now(); return true; }
    return false;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document.getElementById("rows"), { childList: true, subtree: true });
}"""


def pulse_path(show) -> str:
    return f"/b/{show.pk}/pulse/?page=T"


def pulse_queries(client, shows) -> dict:
    """Queries of an unchanged pulse at each size (in-process)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    out = {}
    for n in PULSE_SIZES:
        etag = client.get(pulse_path(shows[n]))["ETag"]
        with CaptureQueriesContext(connection) as captured:
            response = client.get(pulse_path(shows[n]), headers={"If-None-Match": etag})
        assert response.status_code == 304, ("pulse", n, response.status_code)
        out[n] = len(captured)
    return out


def measure_pulses(port, cookie, shows, runs: int) -> dict:
    """Server time of an unchanged pulse (304) per size, and the bytes of a changed one."""
    headers = {"Cookie": cookie}
    out = {}
    for n in PULSE_SIZES:
        path = pulse_path(shows[n])
        status, body, _t = fetch(port, "GET", path, headers)
        assert status == 200, ("pulse", n, status)
        times, sizes = [], []
        for _ in range(runs):
            etag = probe_etag(port, path, headers)
            status, unchanged, t = fetch(port, "GET", path, {**headers, "If-None-Match": etag})
            assert status == 304, ("idle pulse", n, status)
            times.append(t * 1000)
            sizes.append(len(unchanged))
        out[n] = {"unchanged_ms": stats(times), "unchanged_bytes": max(sizes), "bytes": len(body)}
        log(f"pulse {n}: unchanged {ms(out[n]['unchanged_ms'], 1)} ms, {max(sizes)} bytes")
    return out


def save_to_visible(browser, base, cookie_value, show, runs: int) -> dict:
    """One browser saves a segment's title; ms until a second browser's row shows it."""
    from django.conf import settings

    segment = show.segments.order_by("position")[show.segments.count() // 2]
    pages = []
    for _ in range(2):
        context = browser.new_context()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie_value, "url": base}]
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
        pages.append(page)
    editor, watcher = pages
    watcher.goto(f"{base}/b/{show.pk}/T/")
    delays = []
    for run in range(runs + 1):
        title = f"{segment.title} · 同看 {run}"
        editor.goto(f"{base}/b/{show.pk}/T/?edit={segment.pk}")
        editor.fill("#id_edit-title", title)
        watcher.evaluate(WATCH, [f"row-{segment.pk}", title])
        pressed = editor.evaluate("Date.now()")
        editor.keyboard.press("Enter")
        wait_js(watcher, "window.__seen !== undefined")
        if run:  # the first is a warm-up
            delays.append(watcher.evaluate("window.__seen") - pressed)
    for page in pages:
        page.context.close()
    log(f"save to visible {show.segments.count()}: median {statistics.median(delays):.0f} ms")
    return stats(delays)
