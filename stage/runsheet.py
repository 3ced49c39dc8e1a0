"""The run-sheet: a broadcast composed into the one document the control room holds on set.

`compose(plan)` is pure: it reads a loaded Plan and returns a RunSheet value (header, timeline
rows, appendix tables, lint). The HTML page, the PDF and every export read this value and only
format it; none of them computes a figure of its own.
"""

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from operator import attrgetter

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from stage import tables
from stage.broadcasts import Broadcast
from stage.checklists.giveaways import GiveawayKind
from stage.checklists.lineup import link_label
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.checklists.timing import SegmentKind
from stage.checks import Finding
from stage.clock import clock, signed_minutes
from stage.plan import Plan
from stage.tables import INT, MONEY, TEXT, Column, Table
from stage.timeline_rows import ActionCue, GiveawayCue, ProductCue, SlotCue, TimelineRow


@dataclass(frozen=True)
class LintItem:
    finding: Finding
    rows: list[tuple[int, str]]  # (pk, label) of the rows involved, in the finding's letter


@dataclass
class RunSheet:
    broadcast: object
    facts: list[tuple[str, str]]
    readiness: list[dict]
    summary: object  # stage.plan.Readiness
    start: str
    end: str
    planned_end: str
    timeline_minutes: int
    planned_minutes: int
    over_under: int
    currency: str
    rows: list[TimelineRow]
    slots: list[dict]  # offsets and shares for the timeline picture
    giveaway_marks: list[tuple[int, str]]
    appendix: list[Table] = field(default_factory=list)
    lint: list[LintItem] | None = field(default_factory=list)  # None: not for this reader
    figures: bool = True  # the team's money figures are in it

    @property
    def printed_appendix(self) -> list[Table]:
        return [table.printed for table in self.appendix]

    @property
    def over_under_label(self) -> str:
        return signed_minutes(self.over_under)

    @property
    def timeline_table(self) -> Table:
        """The timeline flattened to one line per segment, for CSV and spreadsheets, with the
        show's facts that a spreadsheet writes above it."""
        columns = [
            Column(_("No."), INT, 5),
            Column(_("Start"), TEXT, 7),
            Column(_("End"), TEXT, 7),
            Column(_("Min"), INT, 6),
            Column(_("Kind"), TEXT, 14),
            Column(_("Segment"), TEXT, 28),
            Column(_("Host lines"), TEXT, 40),
            Column(_("Cues"), TEXT, 30),
            Column(_("Products"), TEXT, 34),
            Column(_("Product details"), TEXT, 40),
            Column(_("Giveaways"), TEXT, 30),
            Column(_("Ad slot"), TEXT, 16),
            Column(_("Slot budget"), MONEY, 12, figure=True),
            Column(_("Notes"), TEXT, 24),
            Column(_("Hard start"), TEXT, 8),
            Column(_("Timed cues"), TEXT, 30),
        ]
        rows = [
            (
                r.number,
                r.start,
                r.end,
                r.minutes,
                r.kind_label,
                r.title,
                r.host_lines,
                r.cues,
                "\n".join(map(str, r.products)),
                "\n".join(p.details for p in r.products),
                "\n".join(map(str, r.giveaways)),
                str(r.slot or ""),
                r.slot.money if r.slot else None,
                r.notes,
                r.hard_start,
                "\n".join(map(str, r.actions)),
            )
            for r in self.rows
        ]
        return Table("timeline", _("Run-sheet"), columns, rows, facts=self.sheet_facts)

    @property
    def sheet_facts(self) -> tuple:
        """The show's facts as a 直播脚本 writes them above its table, readable by the import."""
        b = self.broadcast
        facts = [
            (_("Date"), b.local_start.date().isoformat()),
            (_("Time"), f"{self.start}-{self.planned_end}"),
            (_("Platform"), b.get_platform_display()),
            (_("Account / room"), b.account),
            (_("Host(s)"), b.hosts),
            (_("GMV target"), b.gmv_target),
            (capfirst(Broadcast._meta.get_field("currency").verbose_name), b.currency),
            (_("Notes"), b.notes),
        ]
        return tuple(f for f in facts if self.figures or f[0] != _("GMV target"))


def _slot_for(plan: Plan, start: int, end: int):
    """The ad slot running during a segment: the one overlapping it most (first on a tie)."""
    best, best_overlap = None, 0
    for slot in plan.ad_slots:
        overlap = min(end, slot.end_offset) - max(start, slot.start_offset)
        if overlap > best_overlap:
            best, best_overlap = slot, overlap
    return best


def _firing(plan: Plan) -> dict[int, list]:
    """The giveaways firing in each segment, by segment id, in one pass over both lists: tied
    to the segment, or timed (minutes from start) within it."""
    untied = sorted(
        (g for g in plan.giveaways if g.segment_id is None and g.fires_at is not None),
        key=lambda g: g.fires_at,
    )
    starts = [g.fires_at for g in untied]
    found: dict[int, list] = {s.pk: [] for s in plan.segments}
    for g in plan.giveaways:
        if g.segment_id in found:
            found[g.segment_id].append(g)
    for s in plan.segments:
        low = bisect_left(starts, s.start_offset)
        found[s.pk].extend(untied[low : bisect_left(starts, s.end_offset, lo=low)])
    in_time = attrgetter("fires_at", "position", "pk")
    return {pk: sorted(giveaways, key=in_time) for pk, giveaways in found.items()}


def _giveaway_cue(g, at) -> GiveawayCue:
    entry = g.get_entry_rule_display()
    if g.entry_detail:
        entry = f"{entry}: {g.entry_detail}"
    prize = g.prize_label
    if g.prize_product is not None:
        prize = f"{link_label(g.prize_product.link_number)} {prize}"
    return GiveawayCue(at(g.fires_at), g.get_kind_display(), prize, g.quantity, entry, g.terms)


def _product_cues(segment, firing: list, symbol: str) -> list[ProductCue]:
    flash = {
        g.prize_product_id: g.flash_price
        for g in firing
        if g.kind == GiveawayKind.FLASH_SALE and g.flash_price is not None
    }
    return [
        ProductCue(
            p.link_number,
            p.name,
            p.live_price,
            p.release_units,
            currency=symbol,
            list_price=p.list_price,
            flash_price=flash.get(p.pk),
            limit=p.per_buyer_limit,
            sku=p.sku,
            selling_points=tuple(p.selling_point_lines),
        )
        for p in segment.shown_products
    ]


def _actions(plan: Plan, at) -> dict[int, list[ActionCue]]:
    """The control room's cues by segment id, at their clock times."""
    found: dict[int, list[ActionCue]] = {s.pk: [] for s in plan.segments}
    for c in plan.cues:
        minute = c.segment.start_offset + c.offset
        found[c.segment_id].append(
            ActionCue(c.pk, at(minute), c.offset, c.label, c.get_owner_display(), bool(c.done_at))
        )
    return found


def _timeline(plan: Plan, at) -> list[TimelineRow]:
    rows, kinds = [], dict(SegmentKind.choices)
    firing = _firing(plan)
    actions = _actions(plan, at)
    for number, s in enumerate(plan.segments, start=1):
        slot = _slot_for(plan, s.start_offset, s.end_offset)
        rows.append(
            TimelineRow(
                number=number,
                segment_id=s.pk,
                start=at(s.start_offset),
                end=at(s.end_offset),
                start_offset=s.start_offset,
                end_offset=s.end_offset,
                minutes=s.minutes,
                kind=s.kind,
                kind_label=str(kinds.get(s.kind, s.kind)),
                title=s.title,
                hard_start=s.hard_start.strftime("%H:%M") if s.hard_start else "",
                gap=signed_minutes(s.gap) if s.gap else "",
                host_lines=s.host_lines,
                cues=s.cues,
                notes=s.notes,
                products=_product_cues(s, firing[s.pk], plan.broadcast.currency_symbol),
                giveaways=[_giveaway_cue(g, at) for g in firing[s.pk]],
                slot=SlotCue(at(slot.start_offset), at(slot.end_offset), slot.share, slot.money)
                if slot
                else None,
                actions=actions[s.pk],
            )
        )
    return rows


def _lint(plan: Plan) -> list[LintItem]:
    labels = {
        "T": {s.pk: s.title for s in plan.segments},
        "A": {s.pk: f"{clock(plan.broadcast.local_start, s.start_offset)}" for s in plan.ad_slots},
        "S": {p.pk: f"#{p.link_number} {p.name}" for p in plan.products},
        "G": {g.pk: str(g) for g in plan.giveaways},
        "E": {i.pk: i.title for i in plan.warmup_items},
    }
    return [
        LintItem(f, [(pk, labels[f.letter].get(pk, "")) for pk in f.rows]) for f in plan.findings
    ]


def clock_of(plan: Plan):
    """Minutes from the show's start to its local clock time ('' for none)."""
    start = plan.broadcast.local_start

    def at(offset):
        return "" if offset is None else clock(start, offset)

    return at


def timeline(plan: Plan) -> list[TimelineRow]:
    """The timeline rows alone, for the live views: no appendix, no lint (a fifth of the cost
    of the whole run-sheet on a long show)."""
    return _timeline(plan, clock_of(plan))


def compose(plan: Plan, *, figures: bool = True) -> RunSheet:
    """The run-sheet; without `figures` (crew share links), no GMV target, budget or cost."""
    b = plan.broadcast
    at = clock_of(plan)
    facts = [
        (_("Platform"), b.get_platform_display()),
        (_("Account / room"), b.account),
        (_("Host(s)"), b.hosts),
        (_("Date"), date_format(b.local_start, "DATE_FORMAT")),
        (_("GMV target"), f"{b.currency_symbol}{b.gmv_target:,.2f}"),
        (_("Status"), b.get_status_display()),
    ]
    rows, appendix = _timeline(plan, at), tables.appendix(plan, at)
    if not figures:
        facts = [fact for fact in facts if fact[0] != _("GMV target")]
        rows = [replace(r, slot=r.slot and replace(r.slot, money=None)) for r in rows]
        appendix = [tables.without_figures(t) for t in appendix]
    readiness = [
        {"letter": c.letter, "name": c.name, **plan.state(c.letter)}
        for c in CHECKLIST_BY_LETTER.values()
    ]
    slots = [
        {
            "start": s.start_offset,
            "end": s.end_offset,
            "share": s.share,
            "label": at(s.start_offset),
        }
        for s in plan.ad_slots
    ]
    marks = [(g.fires_at, g.get_kind_display()) for g in plan.giveaways if g.fires_at is not None]
    return RunSheet(
        broadcast=b,
        facts=facts,
        readiness=readiness,
        summary=plan.readiness,
        start=at(0),
        end=at(plan.timeline_minutes),
        planned_end=at(b.planned_minutes),
        timeline_minutes=plan.timeline_minutes,
        planned_minutes=b.planned_minutes,
        over_under=plan.over_under,
        currency=b.currency_symbol,
        rows=rows,
        slots=slots,
        giveaway_marks=marks,
        appendix=appendix,
        lint=_lint(plan) if figures else None,  # findings quote the target and budgets
        figures=figures,
    )
