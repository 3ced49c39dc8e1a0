"""The load test's tables: p50 / p95 / max / requests / errors / conflicts per request group.

Usage: report.py PREFIX. Reads what load/run leaves beside PREFIX: PREFIX_requests.csv (every
request as locust saw it, from load/locustfile.py), access.log (gunicorn: the time each request
spent inside a worker, "srv"), PREFIX_cpu.txt and PREFIX_locust_cpu.txt (where the CPU went).
Two tables: the whole run, and the steady state after the last member logged in (a login hashes
the password for ~0.5 s of CPU, so 50 logins in 5 s saturate 2 cores for a while). The gap
between the client's and the server's time is time spent queued for a free worker (or a core).
Exit 1 when any request failed; with LOAD_STRICT=1, also when a targeted group's p95 is over
LOAD_TARGET_MS (150 by default) in the whole run.
"""

import csv
import math
import os
import re
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

TARGET_MS = float(os.environ.get("LOAD_TARGET_MS", "150"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "2"))
LETTERS = [f"checklist {c}" for c in "TASGE"]
ORDER = ["login page", "login", "broadcast list", "hub", *LETTERS, "run-sheet", "row edit form"]
ORDER += ["row save", "all requests"]
TARGETED = {"hub", *LETTERS, "row save"}
ACCESS = re.compile(r"\[(.+?)\] (\w+) (\S+) (\S*) (\d+) (\d+)$")


def group(method: str, path: str, query: str) -> str:
    """The locustfile's name for a request gunicorn logged."""
    if path == "/login/":
        return "login" if method == "POST" else "login page"
    if path == "/":
        return "broadcast list"
    if m := re.fullmatch(r"/b/\d+/(?:([TASGE])/(rows/\d+/)?|(run-sheet/))?", path):
        letter, row, runsheet = m.groups()
        if row:
            return "row save"
        if letter:
            return "row edit form" if "edit=" in query else f"checklist {letter}"
        return "run-sheet" if runsheet else "hub"
    return path


def read(path: str) -> list[dict]:
    if not Path(path).exists():
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def server_times(path: Path) -> list[tuple[float, str, float]]:
    """(start, group, ms) of each request gunicorn served."""
    served = []
    for line in path.read_text().splitlines() if path.exists() else []:
        if m := ACCESS.search(line):
            end = datetime.strptime(m[1], "%d/%b/%Y:%H:%M:%S %z").timestamp()
            served.append((end - int(m[6]) / 1e6, group(m[2], m[3], m[4]), int(m[6]) / 1000))
    return served


def percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value that p% of the values are at or below."""
    return values[max(0, math.ceil(p / 100 * len(values)) - 1)] if values else 0.0


def table(title: str, rows: list[dict], served: list) -> tuple[int, int]:
    groups, srv = defaultdict(list), defaultdict(list)
    for r in rows:
        groups[r["name"]].append(r)
    groups["all requests"] = rows
    for _start, name, ms in served:
        srv[name].append(ms)
        srv["all requests"].append(ms)
    starts = [float(r["start"]) for r in rows]
    seconds = max(max(starts) - min(starts), 1)
    busy = sum(srv["all requests"]) / 1000 / seconds / WORKERS
    print(
        f"\n{title}: {len(rows)} requests in {seconds:.0f} s ({len(rows) / seconds:.1f}/s); "
        f"gunicorn's {WORKERS} workers busy {100 * busy:.0f}% of the time"
    )
    head = f"{'request group':<16}{'requests':>9}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}"
    head += f"{'srv p50':>9}{'srv p95':>9}{'errors':>8}{'conflicts':>10}  p95 <= {TARGET_MS:.0f} ms"
    print(head + "\n" + "-" * len(head))
    errors = missed = 0
    for name in sorted(groups, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER)):
        times, own = sorted(float(r["ms"]) for r in groups[name]), sorted(srv[name])
        failed = sum(r["outcome"] == "error" for r in groups[name])
        clash = sum(r["outcome"] == "conflict" for r in groups[name])
        p95, verdict = percentile(times, 95), ""
        if name in TARGETED:
            ok = p95 <= TARGET_MS and not failed
            missed += not ok
            verdict = "met" if ok else "MISSED"
        errors += failed if name != "all requests" else 0
        print(
            f"{name:<16}{len(times):>9}{percentile(times, 50):>8.0f}{p95:>8.0f}{times[-1]:>8.0f}"
            f"{percentile(own, 50):>9.0f}{percentile(own, 95):>9.0f}{failed:>8}{clash:>10}  "
            f"{verdict}"
        )
    return errors, missed


def cpu_report(prefix: str, requests: int) -> None:
    """Where the CPU went: this test's processes, and everything else on the machine."""
    try:
        with open(f"{prefix}_cpu.txt") as f:
            w0, pg0, busy0, all0, w1, pg1, busy1, all1, hz, cores = map(int, f.read().split())
        locust = float(Path(f"{prefix}_locust_cpu.txt").read_text())
    except (OSError, ValueError):
        return
    capacity = (all1 - all0) / hz  # CPU-seconds the machine had during the run
    workers, postgres, busy = (w1 - w0) / hz, (pg1 - pg0) / hz, (busy1 - busy0) / hz
    others = busy - workers - postgres - locust

    def share(seconds: float) -> str:
        return f"{seconds:.1f} CPU-s ({100 * seconds / capacity:.0f}%)"

    print(
        f"\nCPU over {capacity / cores:.0f} s on {cores} cores, {share(busy)} used: gunicorn's "
        f"workers {share(workers)}, {1000 * workers / max(requests, 1):.0f} ms per request; "
        f"PostgreSQL {share(postgres)}; locust {share(locust)}; "
        f"other processes on the machine {share(others)}"
    )


def main(prefix: str) -> int:
    rows = read(f"{prefix}_requests.csv")
    if not rows:
        print(
            f"No requests recorded in {prefix}_requests.csv (see the locust log)", file=sys.stderr
        )
        return 1
    served = server_times(Path(prefix).parent / "access.log")
    first = min(float(r["start"]) for r in rows) - 1  # leaves out the readiness probe
    errors, missed = table("Whole run", rows, [s for s in served if s[0] >= first])
    # Steady state: once every member has logged in and opened the broadcast (phase "start").
    ends = [float(r["start"]) + float(r["ms"]) / 1000 for r in rows if r["phase"] == "start"]
    steady = [r for r in rows if ends and float(r["start"]) >= max(ends)]
    if steady:
        after = [s for s in served if s[0] >= max(ends)]
        table("Steady state, once every member has logged in", steady, after)
    cpu_report(prefix, len(rows))
    for r in read(f"{prefix}_failures.csv")[:10]:
        print(f"  error: {r['Name']}: {r['Error'][:160]} (x{r['Occurrences']})")
    for r in read(f"{prefix}_exceptions.csv"):
        errors += int(r["Count"])
        print(f"  exception in the locustfile (x{r['Count']}): {r['Message'][:160]}")
    print(f"\n{errors} errors; target {'met' if not missed else f'missed in {missed} groups'}.")
    if errors:
        return 1
    return 1 if missed and os.environ.get("LOAD_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
