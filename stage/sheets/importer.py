"""A workbook's drafts checked with the checklists' own forms and written in one transaction.

`prepare` reads every sheet (with the reader's corrections: a sheet's kind, a column's meaning,
rows to skip) into one `Import` per broadcast it fills; nothing is written until `save`.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from stage.broadcasts import Broadcast, Status
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.forms import AdPlanForm, AdSlotForm, WarmupForm
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.signoff import record_edit
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem
from stage.forms import BroadcastForm
from stage.plan import schedule
from stage.sheets import cells, lists, shows
from stage.sheets.files import Grid
from stage.sheets.forms import ImportSegmentForm, form_problems
from stage.sheets.matching import check_giveaways, match_products
from stage.sheets.table import Table, find_table
from stage.sheets.words import ADS, GIVEAWAYS, PRODUCTS, SCRIPT

IGNORE = "ignore"


@dataclass
class Choices:
    """The reader's corrections, from the preview form."""

    kinds: dict[int, str] = field(default_factory=dict)  # sheet -> kind or IGNORE
    columns: dict[int, dict[int, str]] = field(default_factory=dict)  # sheet -> column -> field
    skip: dict[int, set[int]] = field(default_factory=dict)  # sheet -> row numbers


@dataclass
class Sheet:
    index: int
    grid: Grid
    table: Table | None
    kind: str  # SCRIPT, PRODUCTS, GIVEAWAYS or IGNORE
    note: str = ""
    lines: list[tuple] = field(default_factory=list)  # (Line, what it became or None)


@dataclass
class Import:
    """What one broadcast receives."""

    show: shows.Show
    broadcast: Broadcast
    new: bool
    problems: list[str] = field(default_factory=list)
    segments: list[tuple[shows.Row, Segment]] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)  # new ones
    linked: list[Product] = field(default_factory=list)  # already in the lineup
    product_rows: list[lists.ListRow] = field(default_factory=list)
    shown: list[tuple[shows.Row, Product]] = field(default_factory=list)
    giveaways: list[tuple[Giveaway, shows.Row | None]] = field(default_factory=list)
    giveaway_rows: list[lists.ListRow] = field(default_factory=list)
    ad_plan: AdPlan | None = None
    ad_plan_values: dict = field(default_factory=dict)
    slot_rows: list[lists.ListRow] = field(default_factory=list)
    slots: list[AdSlot] = field(default_factory=list)
    warmup_rows: list[lists.ListRow] = field(default_factory=list)
    warmups: list[WarmupItem] = field(default_factory=list)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.broadcast.team.time_zone)

    @property
    def bad_rows(self) -> list[shows.Row]:
        return [row for row in self.show.rows if row.problems]

    @property
    def minutes(self) -> int:
        return sum(segment.minutes for _row, segment in self.segments)


@dataclass
class Book:
    filename: str
    sheets: list[Sheet]
    imports: list[Import]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and any(i.segments or i.products for i in self.imports)


def prepare(grids: list[Grid], filename: str, choices: Choices, *, team, into=None) -> Book:
    sheets = []
    for index, grid in enumerate(grids):
        kind = choices.kinds.get(index)
        table = None
        if kind != IGNORE:
            table = find_table(grid, choices.columns.get(index), kind)
        sheets.append(Sheet(index, grid, table, table.kind if table else IGNORE))
    scripts = [s for s in sheets if s.kind == SCRIPT]
    if into is not None:
        for sheet in scripts[1:]:
            sheet.kind, sheet.note = IGNORE, _("A broadcast takes one script: this one is left.")
        scripts = scripts[:1]
    names = [filename.rsplit(".", 1)[0]]
    book = Book(filename, sheets, [])
    for sheet in scripts:
        show = shows.read_script(sheet.table, names, choices.skip.get(sheet.index, set()))
        book.imports.append(checked(show, team, into))
    read: dict[int, dict] = {}  # sheet -> line number -> what it became, for the preview
    for sheet in sheets:
        if sheet.kind == SCRIPT:
            item = next(i for i in book.imports if i.show.sheet == sheet.grid.name)
            read[sheet.index] = {row.line.number: row for row in item.show.rows}
        elif sheet.kind != IGNORE and book.imports:
            read[sheet.index] = read_list(sheet, book.imports, choices.skip.get(sheet.index, set()))
    for item in book.imports:
        lineup = match_products(item)
        check_giveaways(item, lineup)
        if not item.problems:
            check_plan(item)
    for sheet in sheets:
        if sheet.table is not None:
            found = read.get(sheet.index, {})
            sheet.lines = [(line, found.get(line.number)) for line in sheet.table.lines]
    if scripts and not any(item.segments or item.products for item in book.imports):
        book.problems.append(_("No row can be imported: the reason is shown next to each row."))
    if not scripts:
        book.problems.append(
            _("No sheet has a script: one row must name the columns (环节, 时间 or 时长, 话术 …).")
        )
    return book


def checked(show: shows.Show, team, into) -> Import:
    zone = ZoneInfo(team.time_zone)
    if into is None:
        broadcast = Broadcast(team=team, status=Status.DRAFT)
        item = Import(show, broadcast, new=True)
        with timezone.override(zone):  # the sheet's clock times are the team's
            form = BroadcastForm(broadcast_data(show, zone), instance=broadcast)
            if not form.is_valid():
                item.problems += form_problems(form)
        base = (broadcast.scheduled_start or datetime.now(zone)).astimezone(zone)
    else:
        broadcast = into
        item = Import(show, broadcast, new=False)
        existing = list(broadcast.segments.only("minutes", "hard_start"))
        schedule(broadcast.local_start, existing)
        end = existing[-1].end_offset if existing else 0
        base = broadcast.local_start + timedelta(minutes=end)
    cursor = 0  # where the last row that comes in ends; rows left out leave a gap
    for row in show.rows:
        data = dict(row.data)
        if row.start is None or show.start is None:  # no time written: after the row before
            row.offset = cursor + row.break_before
        row.clock = (base + timedelta(minutes=row.offset)).strftime("%H:%M")
        if row.offset != cursor and "hard_start" not in data:
            data["hard_start"] = row.clock
        form = ImportSegmentForm(data, broadcast=broadcast)
        if form.is_valid() and not row.problems:
            item.segments.append((row, form.instance))
            cursor = row.offset + form.instance.minutes
        elif not form.is_valid():
            row.problems += form_problems(form)
    return item


def broadcast_data(show: shows.Show, zone) -> dict:
    info = show.info
    day = show.day or datetime.now(zone).date()
    start = show.start if show.start is not None else 19 * 60
    start_at = datetime.combine(day, time()) + timedelta(minutes=start)
    title = info.get("title") or show.title or show.sheet
    currency = info.get("currency", "").upper()
    if currency not in ("CNY", "USD"):
        currency = "USD" if "$" in info.get("gmv", "") else "CNY"
    return {
        "title": title[:200],
        "platform": shows.platform_of(info.get("platform", ""))
        or shows.platform_of(title)
        or "other",
        "account": info.get("account", "")[:100],
        "hosts": re.sub(r"[ \t]+", " ", info.get("hosts", ""))[:200],
        "scheduled_start": start_at.strftime("%Y-%m-%d %H:%M"),
        "planned_minutes": str(show.length or 120),
        "gmv_target": str(cells.amount(info.get("gmv", "")) or 0),
        "currency": currency,
        "notes": info.get("notes", ""),
    }


def read_list(sheet: Sheet, imports: list[Import], skip: set[int]) -> dict:
    """A product list goes to every show of the workbook; the other lists to the first."""
    table, first = sheet.table, imports[0]
    if sheet.kind == PRODUCTS:
        for item in reversed(imports):
            rows = lists.read_products(table, skip)
            item.product_rows += rows
    elif sheet.kind == GIVEAWAYS:
        rows = lists.read_giveaways(table, skip)
        first.giveaway_rows += rows
    elif sheet.kind == ADS:
        values, rows = lists.read_ads(table, skip)
        first.ad_plan_values |= values
        first.slot_rows += rows
    else:
        start = first.broadcast.scheduled_start or timezone.now()
        rows = lists.read_warmup(table, skip, first.show.day, start.astimezone(first.zone))
        first.warmup_rows += rows
    return {row.line.number: row for row in rows}


def check_plan(item: Import) -> None:
    """A and E: the ad plan (only where the show has none), its slots, the warm-up items."""
    broadcast = item.broadcast
    if item.ad_plan_values and (
        item.new or not AdPlan.objects.filter(broadcast=broadcast).exists()
    ):
        defaults = {f.name: f.get_default() for f in AdPlan._meta.concrete_fields}
        values = {name: defaults[name] for name in AdPlanForm.Meta.fields}
        form = AdPlanForm(values | item.ad_plan_values, broadcast=broadcast)
        if form.is_valid():
            item.ad_plan = form.instance
        elif item.slot_rows:
            item.slot_rows[0].problems += form_problems(form)
    for rows, form_class, found in (
        (item.slot_rows, AdSlotForm, item.slots),
        (item.warmup_rows, WarmupForm, item.warmups),
    ):
        for row in rows:
            form = form_class(row.values, broadcast=broadcast)
            if form.is_valid() and not row.problems:
                found.append(form.instance)
            else:
                row.problems += form_problems(form)


def save(book: Book) -> list[Import]:
    """Writes every import in one transaction: the same few queries for any number of rows."""
    done = []
    with transaction.atomic():
        for item in book.imports:
            if not (item.segments or item.products) or item.problems:
                continue
            write(item)
            done.append(item)
    return done


def write(item: Import) -> None:
    broadcast = item.broadcast
    if item.new:
        broadcast.save()
    append(item, Segment, [segment for _row, segment in item.segments])
    append(item, Product, item.products)
    segment_of = {id(row): segment for row, segment in item.segments}
    links = {(product.pk, segment_of[id(row)].pk) for row, product in item.shown}
    through = Product.segments.through
    through.objects.bulk_create(through(product_id=p, segment_id=s) for p, s in sorted(links))
    for giveaway, row in item.giveaways:
        giveaway.segment = segment_of.get(id(row)) if row is not None else None
    append(item, Giveaway, [giveaway for giveaway, _row in item.giveaways])
    if item.ad_plan is not None:
        item.ad_plan.broadcast = broadcast
        item.ad_plan.save()
    append(item, AdSlot, item.slots)
    append(item, WarmupItem, item.warmups)
    if not item.new:
        touched = {
            "T": True,
            "S": item.products or item.shown,
            "G": item.giveaways,
            "A": item.ad_plan or item.slots,
            "E": item.warmups,
        }
        record_edit(broadcast, *(letter for letter, changed in touched.items() if changed))


def append(item: Import, model, rows: list) -> None:
    """Rows after the broadcast's own, with their history: one insert for any number."""
    if not rows:
        return
    last = 0
    if not item.new:
        found = model.objects.filter(broadcast=item.broadcast).aggregate(m=Max("position"))
        last = found["m"] or 0
    for position, row in enumerate(rows, start=last + 1):
        row.broadcast, row.position = item.broadcast, position
    bulk_create_with_history(rows, model)
