"""Shared by the tests of stage.checks: segments, products, giveaways and ad slots made in a
line, and a rule run on a freshly loaded plan."""

from decimal import Decimal

from stage.broadcasts import Broadcast
from stage.checklists.adspend import AdSlot
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product, ProductRole
from stage.checklists.timing import Segment
from stage.plan import load_plan

D = Decimal


def segment(broadcast, minutes=30, **fields):
    position = broadcast.segments.count() + 1
    fields.setdefault("title", f"Segment {position}")
    return Segment.objects.create(broadcast=broadcast, position=position, minutes=minutes, **fields)


def product(broadcast, role=ProductRole.PROFIT, shown_in=(), **fields):
    position = broadcast.products.count() + 1
    row = Product.objects.create(
        broadcast=broadcast,
        position=position,
        link_number=position,
        name=fields.pop("name", f"Product {position}"),
        role=role,
        **{"list_price": D("100"), "live_price": D("80"), **fields},
    )
    row.segments.set(shown_in)
    return row


def giveaway(broadcast, kind, **fields):
    return Giveaway.objects.create(broadcast=broadcast, kind=kind, **fields)


def slot(broadcast, start, end, share="100"):
    return AdSlot.objects.create(
        broadcast=broadcast, start_offset=start, end_offset=end, share=D(share)
    )


def run(rule, broadcast):
    """The rule on a freshly loaded plan, as a page would see it."""
    return rule(load_plan(Broadcast.objects.get(pk=broadcast.pk)))
