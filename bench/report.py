"""The printed tables and the targets, from the measured figures."""

import os
import platform
from pathlib import Path

from bench.common import EXPORT_SIZES, PAGES, POLL_SIZES, SIZES, kb, ms


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
    out.append("\nPage bytes (gzip -6 in brackets: what browsers receive, GZipMiddleware)")
    out.append(
        table(
            [
                [p, *(f"{kb(r['bytes'][(p, n)])} ({kb(r['gzip'][(p, n)])})" for n in SIZES)]
                for p in PAGES
            ],
            ["page", *sizes],
        )
    )
    if "gzip_answers" in r:
        out.append(
            f"\nA kept page at {SIZES[-1]:,} segments as gzip (deflated once when kept, spliced per"
            " request) against plain, and against compressing it per request (in-process, median)"
        )
        rows = [
            [page, f"{g['plain_ms']:.1f}", f"{g['gzip_ms']:.1f}",
             f"{g['gzip_ms'] / g['plain_ms']:.2f}", f"{g['compress_ms']:.1f}",
             f"{kb(g['bytes'])} → {kb(g['gzip_bytes'])}"]
            for page, g in r["gzip_answers"].items()
        ]  # fmt: skip
        heads = ["page", "plain ms", "gzip ms", "gzip / plain", "gzip per request ms", "bytes"]
        out.append(table(rows, heads))
    out.append("\nQueries per request (in-process): a kept page / the first view after a change")
    qrows = []
    for p in [*PAGES, "T save"]:
        counts = [(r["queries"][(p, n)], r["first_queries"].get((p, n))) for n in SIZES]
        cells = [
            str(kept) if first in (None, kept) else f"{kept} / {first}" for kept, first in counts
        ]
        qrows.append([p, *cells, "yes" if len(set(counts)) == 1 else "NO"])
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
                again = ms(e["again_s"], 2) if "again_s" in e else ""
                erows.append(
                    [f"{kind.upper()} {n} seg.", ms(e["s"], 2), again, e["s"]["n"], kb(e["bytes"])]
                )
        heads = ["export", "seconds (new)", "again (kept)", "runs", "size"]
        out.append(table(erows, heads))
        out.append(
            "A PDF is kept per version of the show by the worker that made it; another worker"
            " makes its own."
        )
    b = r.get("browser")
    if b:
        out.append(
            f"\nChromium, cold context each run ({b['loads'][('T', 500)]['rows_ms']['n']}"
            " runs), 500 segments: ms from navigation start"
        )
        lrows = []
        for (name, _n), t in b["loads"].items():
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
        out.append("\nChromium inline edit (a segment's title, Enter): ms from the keydown")
        edrows = [
            [f"{n} seg." if isinstance(n, int) else f"{n[0]}, {n[1]} seg."]
            + [
                ms(e[k])
                for k in ("sent", "server", "response", "swap", "paint", "settle", "readiness")
            ]
            for n, e in b["edits"].items()
        ]
        heads = [
            "size",
            "request sent",
            "(server)",
            "response in",
            "swapped",
            "next frame",
            "htmx settled",
            "readiness in",
        ]
        out.append(table(edrows, heads))

    polls = r.get("polls")
    if polls:
        out.append(
            "\nLive poll, ms: unchanged (304) · after a change, per screen when 50 screens poll"
            " (slowest: the workers' renderings) · answer bytes"
        )
        rows = [
            [
                f"{view} {n} seg.",
                ms(v["unchanged_ms"], 1),
                ms(v["changed_per_screen_ms"], 1),
                ms(v["slowest_ms"]),
                kb(v["bytes"]),
            ]
            for (view, n), v in polls.items()
        ]
        out.append(table(rows, ["view", "unchanged", "changed, a screen", "slowest", "bytes"]))

    together = r.get("together")
    if together:
        out.append(
            "\nEditing together: an idle page's pulse (unchanged: 304, no body), server ms ·"
            " queries · bytes of a changed answer; a save in one browser until a second one"
            " shows it, ms from the keypress (median of 10)"
        )
        rows = [
            [
                f"{n} seg.",
                ms(v["unchanged_ms"], 1),
                str(r["pulse_queries"][n]),
                f"{v['unchanged_bytes']} / {v['bytes']} B",
                ms(together["visible"][n]) if n in together["visible"] else "-",
            ]
            for n, v in together["pulse"].items()
        ]
        heads = ["size", "idle pulse", "queries", "body idle / changed", "save to visible"]
        out.append(table(rows, heads))

    checks = []

    def target(name, limit, measured, ok):
        checks.append({"target": name, "limit": limit, "measured": measured, "pass": ok})

    def at_most(name, figure, limit, unit, digits=0):
        """A median (min-max) against its limit."""
        shown = f"{ms(figure, digits)} {unit}"
        target(name, f"<= {limit} {unit}", shown, figure["median"] <= limit)

    if b:
        sheet, timing = b["loads"][("run-sheet", 500)], b["loads"][("T", 500)]
        at_most("Run-sheet 500, cold: all rows in the page", sheet["rows_ms"], 300, "ms")
        at_most("Timing checklist 500, cold: all rows in", timing["rows_ms"], 300, "ms")
        at_most("Inline edit 500: keypress to settled", b["edits"][500]["settle"], 27, "ms")
        at_most("(Inline edit 10: keypress to settled)", b["edits"][10]["settle"], 27, "ms")
        length, title = b["edits"].get(("minutes", 1000)), b["edits"].get(("title", 1000))
        if length and title:
            ratio = length["paint"]["median"] / title["paint"]["median"]
            target(
                "Length edit 1,000 seg. painted / title edit",
                "<= 2 ×",
                f"{ratio:.1f} × ({length['paint']['median']:.0f} / "
                f"{title['paint']['median']:.0f} ms)",
                ratio <= 2,
            )
        wire, requests = sheet["wire_bytes"], sheet["requests"]
        target("Run-sheet 500 first load: bytes (wire)", "<= 200 KB", kb(wire), wire <= 200 * 1024)
        target("Run-sheet 500 first load: requests", "<= 10", f"{requests:.0f}", requests <= 10)
    if pages:
        ratio = pages["ratio"][("run-sheet", 500)]
        at_most("Run-sheet 500 server time / static floor", ratio, 3, "×", digits=1)
    if together and together["visible"]:
        big = max(together["visible"])
        at_most(f"Save visible in a second browser, {big} seg.", together["visible"][big],
                2000, "ms")  # fmt: skip
    if r["pulse_queries"][10] != r["pulse_queries"][1000]:
        target("Idle pulse queries at 10 and 1,000 segments", "identical", "differ", False)
    varying = [
        p
        for p in [*PAGES, "T save"]
        for counts in (r["queries"], r["first_queries"])
        if counts.get((p, 10)) != counts.get((p, 1000))
    ]
    target(
        "Queries per page at 10 and 1,000 segments",
        "identical",
        "identical" if not varying else "differ: " + ", ".join(varying),
        not varying,
    )
    for page, g in r.get("gzip_answers", {}).items():  # deflated when kept, not per request
        ratio = g["gzip_ms"] / g["plain_ms"]
        target(
            f"Gzip answer of a kept {page} page, {SIZES[-1]:,} seg. / plain",
            "<= 1.2 ×",
            f"{ratio:.2f} × ({g['gzip_ms']:.1f} / {g['plain_ms']:.1f} ms)",
            ratio <= 1.2,
        )
    if "polls" in r:
        p = r["polls"][("phone", 500)]
        ratio = p["changed_per_screen_ms"]["median"] / p["unchanged_ms"]["median"]
        target(
            "Poll after a change, 500 seg., 50 screens / unchanged",
            "<= 3 ×",
            f"{ratio:.1f} × ({p['changed_per_screen_ms']['median']:.1f} / "
            f"{p['unchanged_ms']['median']:.1f} ms)",
            ratio <= 3,
        )
        longest = POLL_SIZES[-1]
        for view in ("phone", "operator"):  # a new partial is rendered once per worker and kept
            at_most(
                f"Poll after a change, {longest:,} seg. ({view}), per screen of 50",
                r["polls"][(view, longest)]["changed_per_screen_ms"],
                50,
                "ms",
                digits=1,
            )
    if "memory" in r:
        m = r["memory"]
        ratio = m["last_mb"] / m["first_mb"]
        target(
            f"Workers' memory after {m['edits']} edits of {m['segments']:,} seg. / after 1",
            "<= 1.2 ×",
            f"{ratio:.2f} × ({m['last_mb']:.0f} / {m['first_mb']:.0f} MB)",
            ratio <= 1.2,
        )
    if "exports" in r:
        at_most("PDF of a 120-segment show", r["exports"][("pdf", 120)]["s"], 0.5, "s", digits=2)
        at_most("PDF of a 500-segment show", r["exports"][("pdf", 500)]["s"], 2, "s", digits=2)
        at_most("XLSX of a 120-segment show", r["exports"][("xlsx", 120)]["s"], 0.3, "s", digits=2)
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
