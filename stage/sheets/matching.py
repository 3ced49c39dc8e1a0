"""An import's products and giveaways matched and checked: products against the lineup (by name
despite spec and spacing, then by link), giveaways tied to their segments, each list once."""

from datetime import time

from django.utils.translation import gettext as _

from stage.checklists.giveaways import Giveaway
from stage.clock import clock_offset
from stage.sheets import cells
from stage.sheets.forms import ImportGiveawayForm, ImportProductForm, form_problems


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


def match_products(item) -> Lineup:
    existing = [] if item.new else list(item.broadcast.products.all())
    lineup = Lineup(existing)
    for row in item.product_rows:
        if row.problems:
            continue
        if found := lineup.find(row.mention):
            if found.pk is not None and found not in item.linked:
                item.linked.append(found)
            continue
        values = dict(row.values)
        if not values["link_number"] or int(values["link_number"]) in lineup.by_link:
            values["link_number"] = str(lineup.next_link())
        add_product(item, lineup, values, row.problems)
    for row, _segment in item.segments:
        for mention in row.mentions:
            product = lineup.find(mention)
            if product is None and not mention.name:
                row.warnings.append(_("Link %(n)d is not in the lineup.") % {"n": mention.link})
                continue
            if product is None:
                product = add_product(item, lineup, new_product(mention, lineup), row.warnings)
                if product is not None and mention.price is None:
                    row.warnings.append(
                        _("“%(name)s” has no price: it is added at ¥0, to be priced on S.")
                        % {"name": mention.name}
                    )
            if product is not None:
                if product.pk is not None and product not in item.linked:
                    item.linked.append(product)
                item.shown.append((row, product))
    return lineup


def new_product(mention: cells.Mention, lineup: Lineup) -> dict:
    link = mention.link if mention.link and mention.link not in lineup.by_link else None
    price = str(mention.price or 0)
    return {
        "link_number": str(link or lineup.next_link()),
        "name": mention.name[:200],
        "role": "profit",
        "audience": "all",
        "list_price": price,
        "live_price": price,
        "stock": "0",
        "planned_units": "0",
    }


def add_product(item, lineup: Lineup, values: dict, problems: list):
    form = ImportProductForm(values, broadcast=item.broadcast)
    if not form.is_valid():
        problems += form_problems(form, prefix=f"{values['name']}: ")
        return None
    item.products.append(form.instance)
    lineup.add(form.instance)
    return form.instance


def check_giveaways(item, lineup: Lineup) -> None:
    """The giveaway list's rows first (at their segment or minute), then the 福利 cells' ones
    that the list does not already hold: a team that keeps both lists each giveaway twice."""
    rows = [row for row, _segment in item.segments]
    by_number = {row.line.cells.get("number", ""): row for row in rows}
    listed = []  # (kind, segment row or None, minute or None)
    for sheet_row in item.giveaway_rows:
        if sheet_row.problems and not sheet_row.values:
            continue
        data = dict(sheet_row.values)
        row = by_number.get(sheet_row.segment) if sheet_row.segment else None
        if row is None and sheet_row.segment.isdigit() and 0 < int(sheet_row.segment) <= len(rows):
            row = rows[int(sheet_row.segment) - 1]
        minute = None
        if row is None and sheet_row.clock is not None:
            minute = minute_of(item, sheet_row.clock)
            data["at_minute"] = str(minute)
        if giveaway := giveaway_of(item, data, sheet_row.problems):
            if (prize := lineup.by_link.get(sheet_row.prize_link)) is not None:
                giveaway.prize_product, giveaway.prize = prize, ""
            item.giveaways.append((giveaway, row))
            listed.append((giveaway.kind, row, minute))
    for row, segment in item.segments:
        for perk in row.perks:
            end = row.offset + segment.minutes
            if any(
                kind == perk.kind and (at is row or (m is not None and row.offset <= m < end))
                for kind, at, m in listed
            ):
                continue
            if giveaway := giveaway_of(item, perk.form_data(), row.warnings):
                item.giveaways.append((giveaway, row))


def minute_of(item, clock: int) -> int:
    """A clock time as minutes from the show's start (before it: negative, within 12 hours)."""
    if not item.new:
        return clock_offset(item.broadcast.local_start, time(*divmod(clock % (24 * 60), 60)))
    start = item.show.start or 0
    return (clock - start + 12 * 60) % (24 * 60) - 12 * 60


def giveaway_of(item, data: dict, problems: list) -> Giveaway | None:
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
