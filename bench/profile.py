"""Where the time and the bytes go: cProfile of one request, in-process, on a synthetic show.

    .venv/bin/python -m bench.profile run-sheet --size 500
    .venv/bin/python -m bench.profile save --size 10 --top 40
    .venv/bin/python -m bench.profile pdf --size 120 --sort tottime

Requests: hub, T, A, S, G, E, run-sheet, save (an htmx save of a segment), pdf, xlsx.
Prints the profile (cumulative and own time), the queries, and the page's bytes by part.
"""

import argparse
import cProfile
import io
import pstats
import re
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import dict_of, edit_fields, page_path, with_title
from bench.run import setup_django

REQUESTS = ["hub", "T", "A", "S", "G", "E", "run-sheet", "save", "pdf", "xlsx"]


def parts_of(html: str, request: str) -> list[tuple[str, int]]:
    """The page's bytes by part: the big tables and their repeated pieces."""
    total = len(html.encode())
    found = []

    def add(label, pattern, flags=re.S):
        size = sum(len(m.group(0).encode()) for m in re.finditer(pattern, html, flags))
        if size:
            found.append((label, size))

    if request == "run-sheet":
        add("timeline picture (svg)", r"<svg.*?</svg>")
        add("timeline table", r'<table class="rs-timeline">.*?</table>')
        add("  of which host lines", r'<td class="rs-lines">.*?</td>')
        add("  of which cues", r'<td class="rs-cues">.*?</td>')
        add("  of which products", r'<td class="rs-products">.*?</td>')
        add("appendix tables", r'<section class="rs-appendix">.*?</section>')
        add("lint", r'<section class="rs-lint".*?</section>')
    elif request in ("T", "A", "S", "G", "E", "save"):
        add("rows table", r'<table class="rows.*?</table>')
        add("  of which row actions", r'<td class="row-actions">.*?</td>')
        add("  of which csrf inputs", r'<input type="hidden" name="csrfmiddlewaretoken"[^>]*>')
        add("  of which host lines", r'<td class="lines">.*?</td>')
        add("add-row form", r'<section class="card add-row">.*?</section>')
        add("findings", r'<ul class="findings">.*?</ul>')
    elif request == "hub":
        add("timeline picture (svg)", r"<svg.*?</svg>")
        add("lint", r'<section class="card lint.*?</section>')
    found.append(("whole response", total))
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("request", choices=REQUESTS)
    parser.add_argument("--size", type=int, default=500, help="segments in the show")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--queries", action="store_true", help="print every query's SQL")
    parser.add_argument(
        "--dump", metavar="FILE", help="also write the raw profile (pstats, snakeviz)"
    )
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="stage-profile-"))
    try:
        setup_django(work)
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from bench.data import make_show
        from stage.teams import Membership, Role, Team

        call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", verbosity=0, interactive=False)
        user = get_user_model().objects.create_user("bench", password="bench-pw")
        team = Team.objects.create(name="Bench")
        Membership.objects.create(team=team, user=user, role=Role.OWNER)
        show = make_show(team, args.size)
        client = Client()
        client.force_login(user)
        pk = show.pk
        segment = show.segments.order_by("position")[args.size // 2]

        def one(run: int):
            if args.request == "save":
                form = client.get(f"/b/{pk}/T/?edit={segment.pk}").content.decode()
                fields = with_title(edit_fields(form), f"{segment.title} · {run}")
                return lambda: client.post(
                    f"/b/{pk}/T/rows/{segment.pk}/",
                    dict_of(fields),
                    headers={"HX-Request": "true", "HX-Target": f"row-{segment.pk}"},
                )
            if args.request in ("pdf", "xlsx"):
                return lambda: client.get(f"/b/{pk}/run-sheet.{args.request}")
            return lambda: client.get(page_path(pk, args.request))

        one(0)()  # warm: templates compiled, modules imported, fonts loaded
        request = one(1)
        started = time.perf_counter()
        request()
        plain = time.perf_counter() - started
        request = one(2)
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as captured:
            profiler.enable()
            response = request()
            profiler.disable()
        assert response.status_code == 200, response.status_code
        print(
            f"{args.request} at {args.size} segments: {plain * 1000:.0f} ms unprofiled, "
            f"{len(captured)} queries, {len(response.content):,} bytes\n"
        )
        if args.dump:
            profiler.dump_stats(args.dump)
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs()
        stats.sort_stats(args.sort).print_stats(args.top)
        print(out.getvalue())
        by_time = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
        print("Queries, slowest first:")
        for q in by_time if args.queries else by_time[:10]:
            print(f"  {float(q['time']) * 1000:6.1f} ms  {q['sql'][:160]}")
        if response["Content-Type"].startswith("text/html"):
            print("\nBytes by part:")
            for label, size in parts_of(response.content.decode(), args.request):
                print(f"  {label:28} {size:>10,}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
