"""The review (复盘) on paper: the misses, the show's figures, the chart, segments and slots."""

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from stage.paper import typeset
from stage.paper.blocks import column, heading, line, picture, table, text
from stage.templatetags.stage_tags import money, pct, signed

NONE = "—"


def review_pdf(broadcast, review, chart, paper_size: str = "a4") -> bytes:
    title = f"{_('Review')} · {broadcast.title}"
    return typeset(title, review_blocks(broadcast, review, chart), paper_size)


def review_blocks(broadcast, review, chart) -> list[dict]:
    start = broadcast.local_start
    when = f"{date_format(start, 'DATE_FORMAT')} {start:%H:%M}"
    where = " · ".join(filter(None, [broadcast.get_platform_display(), broadcast.account]))
    found = [line((when, "b"), (f"   {where}   ", ""), (broadcast.get_status_display(), "m"))]
    if review.actuals is None:
        found += [heading(_("No actuals yet")), line((_("Nothing here yet."), "m"))]
    else:
        found += misses(review) + figures(review)
    found.append(heading(_("Plan against actual per segment")))
    if review.segments:
        svg = render_to_string("stage/includes/review_chart.html", {"chart": chart})
        found.append(picture(svg, _("Plan against actual per segment")))
        found += [heading(_("Segments")), segments(review)]
    else:
        found.append(line((_("The timing script has no segments yet."), "m")))
    if review.products:
        found += [heading(_("Products")), products(review)]
    if review.slots:
        found += [heading(_("Ad slots")), slots(review)]
    return found + conclusions(review)


def misses(review) -> list[dict]:
    found = [heading(_("Largest misses"))]
    if not review.misses:
        return [*found, line((_("Every planned figure was met."), ""))]
    for f in review.misses:
        against = _("%(actual)s against %(plan)s planned") % {
            "actual": f.actual_text,
            "plan": f.planned_text,
        }
        found.append(line((f"{f.label} ", "b"), (f"{f.difference_pct_text} ", "b"), (against, "")))
    return found


def figures(review) -> list[dict]:
    columns = [
        column(_("Figure"), 2),
        column(_("Plan"), 1, "right"),
        column(_("Actual"), 1, "right"),
        column(_("Difference"), 1, "right"),
        column(_("Difference %"), 1, "right"),
    ]
    rows = [
        [
            text(("▼ " if f in review.misses else "") + str(f.label), "b"),
            text(f.planned_text),
            text(f.actual_text, "b"),
            text(f.difference_text),
            text(f.difference_pct_text),
        ]
        for f in review.figures
    ]
    found = [heading(_("The show")), table(columns, rows)]
    if review.actuals.notes:
        found.append({"kind": "list", "items": [text(review.actuals.notes)]})
    return found


def segments(review) -> dict:
    symbol = review.currency
    columns = [
        column(_("No."), 0.4, "right"),
        column(_("Segment"), 2.4),
        column(_("Start: plan / actual"), 1.4),
        column(_("Minutes: plan / actual"), 1, "right"),
        column("±", 0.5, "right"),
        column(_("Planned sales"), 1.2, "right"),
        column(_("Actual GMV"), 1.2, "right"),
        column("±%", 0.7, "right"),
        column(_("Orders"), 0.8, "right"),
        column("UV", 0.8, "right"),
        column("GPM", 1, "right"),
    ]
    rows = []
    for s in review.segments:
        delay = f" ({signed(s.start_delay)})" if s.start_delay else ""
        minutes = NONE if s.minutes_difference is None else signed(s.minutes_difference)
        rows.append(
            [
                text(s.number),
                [[(s.title, "b")], [(s.kind_label, "m")]],
                text(f"{s.planned_start} / {s.actual_start or NONE}{delay}"),
                text(f"{s.planned_minutes} / {_none(s.actual_minutes)}"),
                text(minutes),
                text(money(s.planned_sales, symbol)),
                text(money(s.actual_gmv, symbol) or NONE),
                text(s.gmv_difference_pct_text),
                text(_none(s.actual_orders)),
                text(_none(s.actual_uv)),
                text(money(s.gpm, symbol) or NONE),
            ]
        )
    t = review.totals  # a dict
    foot = [
        text(""),
        text(_("Total")),
        text(""),
        text(f"{t['planned_minutes']} / {_none(t['actual_minutes'])}"),
        text(""),
        text(money(t["planned_sales"], symbol)),
        text(money(t["actual_gmv"], symbol) or NONE),
        text(""),
        text(""),
        text(""),
        text(""),
    ]
    return table(columns, rows, foot)


def products(review) -> dict:
    symbol = review.currency
    columns = [
        column(_("Link"), 0.6, "right"),
        column(_("Product"), 2.4),
        column(_("Units: plan / sold"), 1.2, "right"),
        column(_("Planned sales"), 1.2, "right"),
        column(_("Actual GMV"), 1.2, "right"),
        column("±%", 0.7, "right"),
        column(_("Refunds"), 1, "right"),
        column(_("Sell-through"), 0.9, "right"),
    ]
    rows = [
        [
            text(p.link),
            [[(p.name, "b")], [(p.role_label, "m")]],
            text(f"{p.planned_units} / {_none(p.actual_units)}"),
            text(money(p.planned_sales, symbol)),
            text(money(p.actual_gmv, symbol) or NONE),
            text(p.gmv_difference_pct_text),
            text(money(p.actual_refunds, symbol) or NONE),
            text(pct(p.sell_through)),
        ]
        for p in review.products
    ]
    return table(columns, rows)


def conclusions(review) -> list[dict]:
    """The rows furthest from plan with their reasons, and every verdict recorded."""
    decided = [(f"{s.number} {s.title}", s.verdict, s.conclusion) for s in review.segments] + [
        (f"{_('Link %(n)s') % {'n': p.link}} {p.name}", p.verdict, p.conclusion)
        for p in review.products
    ]
    decided = [row for row in decided if row[1] or row[2]]
    apart = review.rows_apart
    if not decided and not apart:
        return []
    found = [heading(_("Conclusions for the next show"))]
    for name, change, way, why in apart:
        mark = "▼ " if way == "miss" else "▲ "
        found.append(line((f"{mark}{name} ", "b"), (f"{change} ", "b"), (why, "")))
    if decided:
        columns = [column(_("Row"), 2.4), column(_("Verdict"), 0.8), column(_("Conclusion"), 4)]
        rows = [[text(name), text(verdict), text(why)] for name, verdict, why in decided]
        found.append(table(columns, rows))
    return found


def slots(review) -> dict:
    symbol = review.currency
    columns = [
        column(_("Slot"), 1.2),
        column(_("Share of budget"), 1, "right"),
        column(_("Budget"), 1.2, "right"),
        column(_("Actual spend"), 1.2, "right"),
        column("±%", 0.7, "right"),
        column(_("Actual ad GMV"), 1.2, "right"),
        column(_("ROI: target / actual"), 1.2, "right"),
    ]
    rows = [
        [
            text(f"{s.start}–{s.end}"),
            text(pct(s.share)),
            text(money(s.planned, symbol)),
            text(money(s.actual_spend, symbol) or NONE),
            text(s.spend_difference_pct_text),
            text(money(s.actual_gmv, symbol) or NONE),
            text(f"{s.target_roi} / {_none(s.roi)}"),
        ]
        for s in review.slots
    ]
    return table(columns, rows)


def _none(value) -> str:
    return NONE if value is None else str(value)
