"""`make bench`: STAGE's pages, saves, exports and first loads on synthetic shows.

    .venv/bin/python -m bench.run [--runs N] [--quick] [--json PATH] [--keep]

Builds shows of 10, 100, 500 and 1,000 segments (120 for the export target, 2,000 for the
workers' memory) in a throw-away SQLite file, serves the app with gunicorn (DEBUG off,
whitenoise, hashed static files), then measures from outside the server:

* server time (client-side time to the last byte on 127.0.0.1) of the hub, the five checklist
  pages and the run-sheet, each run paired with the same bytes served as a static file by the same
  server (the floor); the ratio is taken per pair, in the same run;
* queries per page at each size (in-process, the test client under CaptureQueriesContext);
* an htmx row save of a segment: server time and response bytes against the full page's bytes;
* PDF and XLSX exports at 120 and 500 segments;
* the live views' poll on shows of 10, 500 and 2,000 segments on air: unchanged (304), and
  after a change as 50 screens poll it;
* editing together: an unchanged pulse (304) at 10 and 1,000 segments, its queries and bytes,
  and in Chromium the time from a save's keypress in one browser to the row showing it in a
  second one (median of 10);
* in Chromium, cold context each run: navigation until all rows are in the page for the run-sheet
  and the timing checklist, first-load bytes and request count, keypress (Enter) to confirmation
  of an inline edit.

Machines are noisy: each figure is the median with min and max over its runs. Timings live
here, not in the timed tests.
"""

import argparse
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.browser import measure_browser
from bench.common import (
    EDITED,
    EXPORT_SIZES,
    MEMORY_SIZE,
    PAGES,
    PARTS,
    POLL_SIZES,
    ROOT,
    SIZES,
    dict_of,
    edit_fields,
    edited,
    log,
    page_path,
    with_title,
)
from bench.report import jsonable, machine, report
from bench.server import (
    free_port,
    measure_exports,
    measure_memory,
    measure_pages,
    measure_polls,
    measure_saves,
    start_server,
    stop_server,
)
from bench.together import PULSE_SIZES, measure_pulses, pulse_queries, save_to_visible

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


def on_air(user, sizes: list[int]) -> dict:
    """Shows of each size, live in their first segment."""
    from django.utils import timezone

    from bench.data import make_show
    from stage.broadcasts import Status
    from stage.onair import step

    team = user.teams.get()
    shows = {}
    for n in sizes:
        show = make_show(team, n)
        show.status = Status.READY
        show.save(update_fields=["status"])
        step(show, "start", timezone.now(), confirmed={"early"})
        shows[n] = show
    return shows


def in_process(user, shows: dict, work: Path) -> dict:
    """Queries and bytes per page at each size, the save's queries; writes the floor files."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    floor_dir = work / "static" / "bench-floor"
    floor_dir.mkdir(parents=True)
    queries, first_queries, sizes, floors, gz = {}, {}, {}, {}, {}
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
            if n == SIZES[0]:
                client.get(page_path(pk, page))  # templates compiled
            # The first view after a change renders in full; the next is the kept page (but
            # the "edited" pages are that first view).
            edited(shows[n])
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page_path(pk, page))
            first_queries[(page, n)] = len(captured)
            if page not in EDITED:
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(page_path(pk, page))
            assert response.status_code == 200, (page, n, response.status_code)
            queries[(page, n)] = len(captured)
            sizes[(page, n)] = len(response.content)
            gz[(page, n)] = len(gzip.compress(response.content, 6))
            name = f"{page}-{n}.html".replace(" ", "-")
            (floor_dir / name).write_bytes(response.content)
            floors[(page, n)] = f"/static/bench-floor/{name}"
    pulse = pulse_queries(client, shows)
    spliced = gzip_answers(client, shows[SIZES[-1]].pk)
    client.logout()
    return {
        "gzip_answers": spliced,
        "pulse_queries": pulse,
        "queries": queries,
        "first_queries": first_queries,
        "bytes": sizes,
        "gzip": gz,
        "floors": floors,
    }


def gzip_answers(client, pk: int, runs: int = 15) -> dict:
    """A kept page answered plain and as gzip (its pieces deflated once, stage/gzipped.py),
    alternating, against compressing the same page per request as GZipMiddleware would."""
    found = {}
    for page in ("T", "run-sheet"):
        path = page_path(pk, page)
        client.get(path)  # kept
        plain, zipped, redone = [], [], []
        for _ in range(runs):
            began = time.perf_counter()
            answer = client.get(path)
            plain.append(time.perf_counter() - began)
            began = time.perf_counter()
            packed = client.get(path, headers={"accept-encoding": "gzip"})
            zipped.append(time.perf_counter() - began)
            began = time.perf_counter()
            gzip.compress(answer.content, 6)
            redone.append(time.perf_counter() - began)
        assert packed["Content-Encoding"] == "gzip", page
        found[page] = {
            "plain_ms": statistics.median(plain) * 1000,
            "gzip_ms": statistics.median(zipped) * 1000,
            "compress_ms": statistics.median(redone) * 1000,
            "bytes": len(answer.content),
            "gzip_bytes": len(packed.content),
        }
    return found


def together(port, cookie, cookie_value, shows, quick: bool) -> dict:
    from playwright.sync_api import sync_playwright

    from bench.browser import launch_browser

    out = {"pulse": measure_pulses(port, cookie, shows, 5 if quick else 20), "visible": {}}
    with sync_playwright() as p:
        browser = launch_browser(p)
        if browser is None:
            return out
        try:
            base = f"http://127.0.0.1:{port}"
            for n in PULSE_SIZES:
                runs = 3 if quick else 10
                out["visible"][n] = save_to_visible(browser, base, cookie_value, shows[n], runs)
        finally:
            browser.close()
    return out


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


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
        memory_size = {MEMORY_SIZE} if "memory" in only else set()
        user, shows = build_shows(sorted({*SIZES, *EXPORT_SIZES, *memory_size}))
        live_shows = on_air(user, POLL_SIZES) if "polls" in only else {}
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
        if "polls" in only:
            log("live polls")
            measured["polls"] = measure_polls(port, cookie, live_shows, 3 if args.quick else 7)
        if "browser" in only:
            log("Chromium")
            measured["browser"] = measure_browser(
                port, cookie_value, shows, browser_runs, [10, 500]
            )
        if "memory" in only:
            log(f"workers' memory over 30 edits of the {MEMORY_SIZE:,}-segment show")
            measured["memory"] = measure_memory(server, port, cookie, shows[MEMORY_SIZE])
        if "together" in only:
            log("editing together")
            measured["together"] = together(port, cookie, cookie_value, shows, args.quick)
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
