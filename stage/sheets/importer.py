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
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from stage.broadcasts import Broadcast, Status
from stage.checklists.forms import GiveawayForm, ProductForm, SegmentForm
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.clock import clock_offset
from stage.forms import BroadcastForm
from stage.plan import schedule
from stage.sheets import cells, shows
from stage.sheets.files import Grid
from stage.sheets.table import GIVEAWAYS, PRODUCTS, SCRIPT, Table, find_table

IGNORE = "ignore"


class ImportSegmentForm(SegmentForm):
    def validate_constraints(self):
        """Segment's one constraint repeats the minutes validator: no SELECT per row."""


class ImportProductForm(ProductForm):
    """Without the segment choices: the show may not be saved yet, links are set on saving."""

    class Meta(ProductForm.Meta):
        fields = [name for name in ProductForm.Meta.fields if name != "segments"]

    def __init__(self, *args, **kwargs):
        super(ProductForm, self).__init__(*args, **kwargs)


class ImportGiveawayForm(GiveawayForm):
    class Meta(GiveawayForm.Meta):
        fields = [f for f in GiveawayForm.Meta.fields if f not in ("segment", "prize_product")]

    def __init__(self, *args, **kwargs):
        super(GiveawayForm, self).__init__(*args, **kwargs)

    def clean(self):
        """A coupon without its terms ('关注领无门槛券') comes in, to be completed on G."""
        data = super().clean()
        for name in ("coupon_threshold", "coupon_discount"):
            if not self.data.get(name):
                self.errors.pop(name, None)
        return data


def form_problems(form, prefix: str = "") -> list[str]:
    problems = []
    for name, errors in form.errors.items():
        label = f"{capfirst(form.fields[name].label)}: " if name in form.fields else ""
        problems += [f"{prefix}{label}{error}" for error in errors]
    return problems


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
    product_rows: list[shows.ProductRow] = field(default_factory=list)
    shown: list[tuple[shows.Row, Product]] = field(default_factory=list)
    giveaways: list[tuple[Giveaway, shows.Row | None]] = field(default_factory=list)
    giveaway_rows: list[shows.GiveawayRow] = field(default_factory=list)

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
        book.imports.append(checked(show, team, into, filename))
    read: dict[int, dict] = {}  # sheet -> line number -> what it became, for the preview
    for sheet in sheets:
        skip = choices.skip.get(sheet.index, set())
        if sheet.kind == PRODUCTS:
            for item in reversed(book.imports):  # every show gets the list; the first is shown
                rows = shows.read_products_sheet(sheet.table, skip)
                item.product_rows += rows
                read[sheet.index] = {row.line.number: row for row in rows}
        elif sheet.kind == GIVEAWAYS and book.imports:
            rows = shows.read_giveaways_sheet(sheet.table, skip)
            book.imports[0].giveaway_rows += rows
            read[sheet.index] = {row.line.number: row for row in rows}
        elif sheet.kind == SCRIPT:
            item = next(i for i in book.imports if i.show.sheet == sheet.grid.name)
            read[sheet.index] = {row.line.number: row for row in item.show.rows}
    for item in book.imports:
        match_products(item)
        check_giveaways(item)
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


def checked(show: shows.Show, team, into, filename: str) -> Import:
    zone = ZoneInfo(team.time_zone)
    if into is None:
        broadcast = Broadcast(team=team, status=Status.DRAFT)
        item = Import(show, broadcast, new=True)
        with timezone.override(zone):  # the sheet's clock times are the team's
            form = BroadcastForm(broadcast_data(show, filename, zone), instance=broadcast)
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
        if row.offset != cursor:
            data["hard_start"] = row.clock
        form = ImportSegmentForm(data, broadcast=broadcast)
        if form.is_valid() and not row.problems:
            item.segments.append((row, form.instance))
            cursor = row.offset + form.instance.minutes
        elif not form.is_valid():
            row.problems += form_problems(form)
    return item


def broadcast_data(show: shows.Show, filename: str, zone) -> dict:
    info = show.info
    day = show.day or datetime.now(zone).date()
    start = show.start if show.start is not None else 19 * 60
    start_at = datetime.combine(day, time()) + timedelta(minutes=start)
    length = show.length or 120
    notes = [
        _("Imported from %(file)s, sheet “%(sheet)s”.") % {"file": filename, "sheet": show.sheet}
    ]
    title = show.info.get("title") or show.title or show.sheet
    return {
        "title": title[:200],
        "platform": shows.platform_of(" ".join([info.get("platform", ""), title])) or "other",
        "account": info.get("account", "")[:100],
        "hosts": re.sub(r"\s+", " ", info.get("hosts", ""))[:200],
        "scheduled_start": start_at.strftime("%Y-%m-%d %H:%M"),
        "planned_minutes": str(length),
        "gmv_target": str(cells.amount(info.get("gmv", "")) or 0),
        "currency": "USD" if "$" in info.get("gmv", "") else "CNY",
        "status": Status.DRAFT,
        "notes": "\n".join(notes),
    }


def close(one: str, other: str) -> bool:
    short, long = sorted((one, other), key=len)
    if len(short) < 2 or short not in long:
        return False
    return not any(c.isdigit() for c in long.replace(short, "", 1))


class Lineup:
    """The broadcast's products by link number and by name without spec or spacing."""

    def __init__(self, products):
        self.by_link, self.by_key = {}, {}
        for product in products:
            self.add(product)

    def add(self, product) -> None:
        self.by_link.setdefault(product.link_number, product)
        self.by_key.setdefault(cells.name_key(product.name), product)

    def find(self, mention: cells.Mention):
        key = cells.name_key(mention.name)
        if key in self.by_key:
            return self.by_key[key]
        if key:  # '精华小样' for '精华小样套装', never '产品1' for '产品12'
            near = {id(p): p for k, p in self.by_key.items() if close(k, key)}
            if len(near) == 1:
                return next(iter(near.values()))
        if mention.link is not None and (not key or mention.link in self.by_link):
            return self.by_link.get(mention.link)
        return None

    def next_link(self) -> int:
        return max((n for n in self.by_link if n), default=0) + 1


def match_products(item: Import) -> None:
    broadcast = item.broadcast
    existing = [] if item.new else list(broadcast.products.all())
    lineup = Lineup(existing)
    for product_row in item.product_rows:
        if product_row.problems:
            continue
        if found := lineup.find(product_row.mention):
            if found.pk is not None and found not in item.linked:
                item.linked.append(found)
            continue
        values = dict(product_row.values)
        if not values["link_number"] or int(values["link_number"]) in lineup.by_link:
            values["link_number"] = str(lineup.next_link())
        add_product(item, lineup, values, product_row.problems)
    for row, _segment in item.segments:
        for mention in row.mentions:
            product = lineup.find(mention)
            if product is None and not mention.name:
                row.warnings.append(_("Link %(n)d is not in the lineup.") % {"n": mention.link})
                continue
            if product is None:
                price = mention.price
                link = mention.link if mention.link and mention.link not in lineup.by_link else None
                values = {
                    "link_number": str(link or lineup.next_link()),
                    "name": mention.name[:200],
                    "role": "profit",
                    "audience": "all",
                    "list_price": str(price or 0),
                    "live_price": str(price or 0),
                    "stock": "0",
                    "planned_units": "0",
                }
                if price is None:
                    row.warnings.append(
                        _("“%(name)s” has no price: it is added at ¥0, to be priced on S.")
                        % {"name": mention.name}
                    )
                product = add_product(item, lineup, values, row.warnings)
            if product is not None:
                if product.pk is not None and product not in item.linked:
                    item.linked.append(product)
                item.shown.append((row, product))


def add_product(item: Import, lineup: Lineup, values: dict, problems: list) -> Product | None:
    form = ImportProductForm(values, broadcast=item.broadcast)
    if not form.is_valid():
        problems += form_problems(form, prefix=f"{values['name']}: ")
        return None
    product = form.instance
    item.products.append(product)
    lineup.add(product)
    return product


def check_giveaways(item: Import) -> None:
    start = item.broadcast.local_start if not item.new else None
    for row, _segment in item.segments:
        for perk in row.perks:
            if giveaway := giveaway_of(item, perk.form_data(), row.warnings):
                item.giveaways.append((giveaway, row))
    for giveaway_row in item.giveaway_rows:
        if giveaway_row.perk is None:
            continue
        data = giveaway_row.perk.form_data()
        if giveaway_row.clock is not None:
            if start is not None:
                at = clock_offset(start, time(*divmod(giveaway_row.clock % (24 * 60), 60)))
            else:
                at = (giveaway_row.clock - (item.show.start or 0)) % (24 * 60)
            data["at_minute"] = str(at)
        if giveaway := giveaway_of(item, data, giveaway_row.problems):
            item.giveaways.append((giveaway, None))


def giveaway_of(item: Import, data: dict, problems: list) -> Giveaway | None:
    form = ImportGiveawayForm(data, broadcast=item.broadcast)
    if form.is_valid():
        if data["kind"] == "coupon" and not data.get("coupon_discount"):
            problems.append(
                _("“%(text)s”: a coupon without its terms (满…减…): complete it on G.")
                % {"text": data["prize"]}
            )
        return form.instance
    problems += form_problems(form, prefix=f"{data.get('prize', '')}: ")
    return None


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
    segments = [segment for _row, segment in item.segments]
    last = 0 if item.new else broadcast.segments.aggregate(m=Max("position"))["m"] or 0
    for position, segment in enumerate(segments, start=last + 1):
        segment.broadcast, segment.position = broadcast, position
    bulk_create_with_history(segments, Segment)
    last = 0 if item.new else broadcast.products.aggregate(m=Max("position"))["m"] or 0
    for position, product in enumerate(item.products, start=last + 1):
        product.broadcast, product.position = broadcast, position
    bulk_create_with_history(item.products, Product)
    segment_of = {id(row): segment for row, segment in item.segments}
    links = {(product.pk, segment_of[id(row)].pk) for row, product in item.shown}
    through = Product.segments.through
    through.objects.bulk_create(through(product_id=p, segment_id=s) for p, s in sorted(links))
    last = 0 if item.new else broadcast.giveaways.aggregate(m=Max("position"))["m"] or 0
    giveaways = []
    for position, (giveaway, row) in enumerate(item.giveaways, start=last + 1):
        giveaway.broadcast, giveaway.position = broadcast, position
        giveaway.segment = segment_of.get(id(row)) if row is not None else None
        giveaways.append(giveaway)
    bulk_create_with_history(giveaways, Giveaway)
    if not item.new:
        letters = (
            ["T"] + (["S"] if item.products or item.shown else []) + (["G"] if giveaways else [])
        )
        SignOff.objects.filter(broadcast=broadcast, letter__in=letters).delete()
        if broadcast.status == Status.READY:
            broadcast.status = Status.DRAFT
        broadcast.touch(status=broadcast.status)
