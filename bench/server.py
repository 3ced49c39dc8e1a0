"""The app under gunicorn, and what is measured against it: pages and floors, saves, exports."""

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from bench.common import (
    EDITED,
    EXPORT_SIZES,
    PAGES,
    ROOT,
    SIZES,
    edit_fields,
    edited,
    log,
    ms,
    page_path,
    stats,
    with_title,
)


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


def warm(port: int, path: str, headers: dict) -> None:
    """Two requests at a time, a few times: each gunicorn worker renders and keeps the page
    (one after the other, the same worker tends to take every request)."""
    with ThreadPoolExecutor(2) as pool:
        for _ in range(3):
            list(pool.map(lambda _: fetch(port, "GET", path, headers), range(2)))


def measure_pages(port, cookie, shows, floors, runs: dict) -> dict:
    headers = {"Cookie": cookie}
    for _ in range(4):  # both workers: templates compiled, connections open
        for page in PAGES:
            fetch(port, "GET", page_path(shows[SIZES[0]].pk, page), headers)
            fetch(port, "GET", floors[(page, SIZES[0])])
    kept = [page for page in PAGES if page not in EDITED]
    for n in SIZES:  # each worker renders each unchanged show once, as after any change
        for page in kept:
            warm(port, page_path(shows[n].pk, page), headers)
    times = {key: [] for key in floors}
    floor = {key: [] for key in floors}
    ratio = {key: [] for key in floors}

    def measure(n, page):
        status, body, t = fetch(port, "GET", page_path(shows[n].pk, page), headers)
        assert status == 200, (page, n, status)
        fstatus, fbody, f = fetch(port, "GET", floors[(page, n)])
        # The same page: only its nonce, token and the show's version number may differ
        # (edited pages move the version, 9 → 10 is one more byte).
        assert fstatus == 200 and abs(len(fbody) - len(body)) <= 8, (page, n, fstatus)
        times[(page, n)].append(t * 1000)
        floor[(page, n)].append(f * 1000)
        ratio[(page, n)].append(t / f)

    # Views of unchanged shows first: an edit makes every kept page of its show out of date.
    for run in range(max(runs.values())):
        for n in SIZES:
            if run < runs[n]:
                for page in kept:
                    measure(n, page)
    for run in range(max(runs.values())):
        for n in SIZES:
            for page in EDITED:
                if run < runs[n]:
                    edited(shows[n])
                    measure(n, page)
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
            path = f"/b/{shows[n].pk}/run-sheet.{kind}"
            times, again, size = [], [], 0
            for _ in range(runs[(kind, n)]):
                edited(shows[n])  # a PDF is kept per version of the show: time a new one
                status, body, t = fetch(port, "GET", path, headers)
                assert status == 200, (kind, n, status)
                times.append(t)
                size = len(body)
                if kind == "pdf":  # and the same again: kept by the worker that made it
                    again += [fetch(port, "GET", path, headers)[2] for _ in range(2)]
            out[(kind, n)] = {"s": stats(times), "bytes": size}
            if again:
                out[(kind, n)]["again_s"] = stats(again)
            log(f"{kind.upper()} {n}: {ms(out[(kind, n)]['s'], 2)} s")
    return out


def measure_polls(port, cookie, shows: dict, runs: int, screens: int = 50) -> dict:
    """The live views' 1 s poll on a show on air, per size: unchanged (304), and after a change
    as `screens` screens poll it (two at a time, as two gunicorn workers take them): the first
    poll of each worker renders the partial, the others are served the kept one."""
    out = {}
    for n, show in shows.items():
        for view in ("phone", "operator"):
            path = f"/b/{show.pk}/live/{view}/" if view != "operator" else f"/b/{show.pk}/live/"
            # A browser keeps its CSRF cookie, which the poll's ETag covers.
            headers = {"Cookie": f"{cookie}; csrftoken={'c' * 32}", "HX-Request": "true"}
            warm(port, path, headers)
            unchanged, changed, slowest = [], [], []
            for _ in range(runs):
                for _attempt in range(2):  # the partial is kept a minute: a new one may begin
                    etag = probe_etag(port, path, headers)
                    status, _body, t = fetch(port, "GET", path, {**headers, "If-None-Match": etag})
                    if status == 304:
                        break
                assert status == 304, ("unchanged poll", n, view, status)
                unchanged.append(t * 1000)
                edited(show)
                polled = []
                poll = {**headers, "If-None-Match": etag}
                with ThreadPoolExecutor(2) as pool:
                    answers = pool.map(lambda _: fetch(port, "GET", path, poll), range(screens))  # noqa: B023
                    for status, body, t in answers:
                        assert status == 200 and b'id="live"' in body, ("poll", n, view, status)
                        polled.append(t * 1000)
                slowest.append(max(polled))
                changed.append(sum(polled) / len(polled))
            out[(view, n)] = {
                "unchanged_ms": stats(unchanged),
                "changed_per_screen_ms": stats(changed),
                "slowest_ms": stats(slowest),
                "bytes": len(body),
            }
            log(
                f"poll {view} {n}: unchanged {ms(out[(view, n)]['unchanged_ms'], 1)} ms, "
                f"after a change {ms(out[(view, n)]['changed_per_screen_ms'], 1)} ms a screen"
            )
    return out


def probe_etag(port, path, headers) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.getheader("ETag")
    finally:
        conn.close()


def workers_rss_mb(server: subprocess.Popen) -> float:
    """The resident memory of gunicorn's workers together (the children of its master)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    total = 0
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def measure_memory(server, port, cookie, show, edits: int = 30) -> dict:
    """Workers' memory after the first and the last of `edits` edit-and-view rounds of a long
    show: its run-sheet and timing checklist rendered and kept again each time."""
    headers = {"Cookie": cookie}
    pages = [f"/b/{show.pk}/run-sheet/", f"/b/{show.pk}/T/"]
    after = []
    for _ in range(edits):
        edited(show)
        for path in pages:
            warm(port, path, headers)  # both workers render and keep the new version
        after.append(workers_rss_mb(server))
    log("workers' memory (MB) after each edit: " + " ".join(f"{mb:.0f}" for mb in after))
    return {
        "first_mb": after[0],
        "last_mb": after[-1],
        "edits": edits,
        "segments": show.segments.count(),
        "series_mb": after,
    }
