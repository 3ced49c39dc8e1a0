"""Shared by the tests of the JSON file of a broadcast: the example show marked ready, another
team to import into, and helpers to reload a broadcast, count the rows and edit a document."""

import copy
import json

import pytest

from stage.broadcasts import Broadcast, Status
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem
from stage.demo import fill_example_show
from tests.factories import make_team


@pytest.fixture
def example(broadcast, alice):
    """The example evening show, marked ready with all five letters signed off."""
    fill_example_show(broadcast)
    SignOff.objects.bulk_create(SignOff(broadcast=broadcast, letter=x, user=alice) for x in "TASGE")
    broadcast.status = Status.READY
    broadcast.save()
    return Broadcast.objects.select_related("team").get(pk=broadcast.pk)


@pytest.fixture
def other_team(db):
    return make_team(name="Other Shop")


def fresh(broadcast):
    return Broadcast.objects.select_related("team").get(pk=broadcast.pk)


def row_counts() -> dict:
    models = [Broadcast, Segment, AdPlan, AdSlot, Product, Giveaway, WarmupItem, SignOff]
    counts = {m.__name__: m.objects.count() for m in models}
    counts["links"] = Product.segments.through.objects.count()
    return counts


def edit(document: dict, change) -> bytes:
    document = copy.deepcopy(document)
    change(document)
    return json.dumps(document, ensure_ascii=False).encode()
