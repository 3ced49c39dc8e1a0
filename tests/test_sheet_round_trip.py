"""STAGE's own XLSX export, imported as a new show, is the same show: the JSON exports agree."""

from datetime import time

import pytest
from django.urls import reverse
from django.utils import translation

from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.sheets.files import read_book
from stage.sheets.importer import Choices, prepare, save
from stage.transfer import export_broadcast
from tests.factories import make_broadcast


def a_full_show(team):
    """The example show, with what the example lacks: a hard start, a timed giveaway, a
    prize from the lineup, SKUs, limits, selling points, notes and a warm-up link."""
    show = make_broadcast(team=team, title="双12 美妆 × 零食", account="小鹿家", hosts="小鹿、阿杰",
                          notes="备用机位在左侧")  # fmt: skip
    fill_example_show(show)
    segments = list(show.segments.all())
    segments[5].hard_start = time(20, 55)  # a five-minute pause before the flash sale
    segments[5].notes = "秒杀前暂停 5 分钟"
    segments[5].save()
    serum = Product.objects.get(broadcast=show, link_number=2)
    Product.objects.filter(pk=serum.pk).update(
        sku="HA-30", per_buyer_limit=2, selling_points="玻尿酸 + B5\n熬夜急救"
    )
    last = show.giveaways.order_by("-position").first().position
    Giveaway.objects.create(broadcast=show, position=last + 1, kind="lottery", at_minute=175,
                            quantity=1, prize_product=serum, countdown_minutes=3,
                            entry_rule="keyword", entry_detail="美美")  # fmt: skip
    show.warmup_items.update(link="https://v.kuaishou.com/abc")
    return show


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_xlsx_export_imports_back_into_the_same_show(login, alice, team, language):
    show = a_full_show(team)
    client = login(alice)
    client.cookies["django_language"] = language
    content = client.get(reverse("runsheet_xlsx", args=[show.pk])).content
    with translation.override("zh-hans" if language == "en" else "en"):  # the other language
        book = prepare(read_book(content, "run-sheet.xlsx"), "run-sheet.xlsx", Choices(), team=team)
    assert book.problems == []
    (item,) = book.imports
    assert item.problems == [] and item.bad_rows == []
    for rows in (item.product_rows, item.giveaway_rows, item.slot_rows, item.warmup_rows):
        assert all(not row.problems for row in rows), [row.problems for row in rows]
    (copy,) = [i.broadcast for i in save(book)]
    assert copy.pk != show.pk
    assert in_calendar_order(export_broadcast(copy)) == in_calendar_order(export_broadcast(show))
    assert Segment.objects.filter(broadcast=copy).exclude(hard_start=None).count() == 1


def in_calendar_order(document: dict) -> dict:
    """The warm-up sheet is a calendar: its items come back in publish order, whatever order
    they were entered in. Everything else compares as it is."""
    items = sorted(document["warmup_items"], key=lambda item: -item["offset_minutes"])
    return {**document, "warmup_items": items}
