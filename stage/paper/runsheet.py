"""The run-sheet on paper: header, timeline picture, one row per segment, appendix, lint."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from stage.paper import blocks as paper
from stage.paper import typeset
from stage.paper.blocks import Cell, column, facts, heading, line, table, text
from stage.templatetags.stage_tags import money, pct
from stage.timeline import picture


def runsheet_pdf(sheet, paper_size: str = "a4", names: bool = True) -> bytes:
    """The composed run-sheet as a PDF; without `names` (share links), no one is named."""
    return typeset(sheet.broadcast.title, sheet_blocks(sheet, names), paper_size)


def sheet_blocks(sheet, names: bool) -> list[dict]:
    svg = render_to_string(
        "stage/includes/timeline.html", {"picture": picture(sheet), "sheet": sheet}
    )
    found = [
        *header(sheet, names),
        paper.picture(svg, _("Timeline")),
        timeline_table(sheet),
    ]
    for data in sheet.printed_appendix:
        found.append(heading(data.title))
        if data.rows:
            found.append(paper.table_of(data, sheet.currency))
        else:
            found.append(line((_("Nothing here yet."), "m")))
    if sheet.lint is not None:
        found += [heading(_("Show lint")), lint(sheet.lint)]
    return found


def header(sheet, names: bool) -> list[dict]:
    planned = _("planned %(minutes)s min, to %(end)s") % {
        "minutes": sheet.planned_minutes,
        "end": sheet.planned_end,
    }
    over = f"{_('Over / under')} {sheet.over_under_label} {_('min')}"
    percent, *summary = paper.phrases(
        render_to_string("stage/includes/readiness.html", {"readiness": sheet.summary})
    )
    letters = []
    for s in sheet.readiness:
        if s["changed"]:
            state = f"⚠ {_('changed since sign-off')}"
        elif s["signoff"]:
            state = f"✓ {s['signoff'].user.get_username() if names else _('signed off')}"
        elif s["errors"]:
            n = s["errors"]
            state = "✗ " + ngettext("%(n)s error", "%(n)s errors", n) % {"n": n}
        else:
            state = _("not signed off")
        letters += [(f"{s['letter']} ", "b"), (f"{state}   ", "")]
    return [
        line((f"{sheet.start}–{sheet.end}", "b"), (f"   {planned}   ", ""), (over, "b")),
        facts(sheet.facts),
        line(
            (f"{_('Readiness')} ", "b"), (percent, "b"), ("".join(f"   {s}" for s in summary), "")
        ),
        line(*letters),
    ]


def timeline_table(sheet) -> dict:
    columns = [
        column(_("Time"), 0.6),
        column(_("Segment"), 1.5),
        column(_("Host lines"), 2.4),
        column(_("Cues"), 1.6),
        column(_("Products"), 2.2),
        column(_("Giveaways"), 1.6),
        column(_("Ad slot"), 0.8),
    ]
    rows = [row_cells(r, sheet.currency) for r in sheet.rows]
    return table(columns, rows)


def row_cells(r, currency: str) -> list[Cell]:
    minutes = _("min")
    time = [[(r.start, "b")], [(f"–{r.end}", "")], [(f"{r.minutes} {minutes}", "m")]]
    if r.hard_start:
        time.append([(f"⚑ {r.hard_start}", "b")])
    if r.gap:
        time.append([(f"{r.gap} {minutes}", "m")])
    segment = [[(f"{r.number} ", "b"), (r.title, "b")], [(r.kind_label, "m")]]
    segment += text(r.notes, "s")
    cues = text(r.cues)
    for a in r.actions:
        cues.append(
            [(f"{a.at} ", "b"), ("✓ " if a.done else "", ""), (f"{a.label} ", ""), (a.owner, "m")]
        )
    products = []
    for p in r.products:
        products.append([(f"{p.link} ", "b"), (f"{p.name} ", ""), (p.price_said, "b")])
        if p.deal:
            products.append([(p.deal, "s")])
        products += [[(f"· {point}", "s")] for point in p.selling_points]
    giveaways = []
    for g in r.giveaways:
        terms = [(f" {g.terms}", "b")] if g.terms else []
        giveaways.append(
            [(f"{g.at} ", "b"), (f"{g.kind} · {g.prize}", ""), *terms, (f" ×{g.quantity}", "")]
        )
        giveaways.append([(g.entry, "m")])
    slot = []
    if r.slot:
        slot = [[(f"{r.slot.start}–{r.slot.end}", "")], [(pct(r.slot.share), "b")]]
        if r.slot.money is not None:
            slot.append([(money(r.slot.money, currency), "m")])
    return [time, segment, text(r.host_lines), cues, products, giveaways, slot]


def lint(items) -> dict:
    entries = []
    for item in items:
        f = item.finding
        level = _("Error") if f.is_error else _("Warning")
        rows = " · ".join(str(label or pk) for pk, label in item.rows)
        entries.append(
            [[(f"{f.letter} · {level} ", "b"), (str(f.message), "")]]
            + ([[(rows, "m")]] if rows else [])
        )
    return {"kind": "list", "items": entries}
