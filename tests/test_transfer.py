"""The JSON file of a broadcast: out, into another team, and out again the same.

Bad files: tests/test_transfer_refusals.py; downloads and uploads: tests/test_transfer_views.py.
"""

import json
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stage.broadcasts import Broadcast, Status
from stage.checklists.adspend import AdPlan
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.teams import Team
from stage.transfer import SCHEMA, VERSION, export_broadcast, import_broadcast
from tests import transfer_helpers
from tests.factories import SHANGHAI, make_broadcast
from tests.transfer_helpers import fresh

pytestmark = pytest.mark.django_db

# The shared fixtures, bound by assignment: imported, they would read as unused (F401, F811).
example, other_team = transfer_helpers.example, transfer_helpers.other_team


# Export


def test_export_reads_as_documented(example):
    document = export_broadcast(example)
    assert document["schema"] == SCHEMA == "stage.broadcast"
    assert document["version"] == VERSION == 1
    assert document["broadcast"] == {
        "title": "美妆 × 零食 晚间专场", "platform": "kuaishou", "account": "", "hosts": "",
        "scheduled_start": "2030-12-01T19:00:00+08:00", "planned_minutes": 180,
        "gmv_target": "300000.00", "currency": "CNY", "notes": "",
    }  # fmt: skip
    assert [s["minutes"] for s in document["segments"]] == [10, 15, 35, 15, 35, 15, 25, 20, 10]
    assert document["ad_plan"]["target_roi"] == "3.00"
    assert document["ad_slots"][0] == {
        "start_offset": -30, "end_offset": 0, "share": "10.00", "emphasis": "paid", "note": "",
    }  # fmt: skip
    serum = document["products"][1]
    assert [serum[k] for k in ("name", "live_price", "unit_cost", "segments")] == [
        "玻尿酸精华", "159.00", "52.00", [2, 5, 7]
    ]  # fmt: skip
    assert document["giveaways"][2]["segment"] == 3
    assert document["giveaways"][2]["prize_product"] == 1
    assert document["giveaways"][0]["prize_product"] is None
    assert document["warmup_items"][0]["offset_minutes"] == 24 * 60  # in time order: D-1 19:00


def test_export_leaves_out_keys_team_status_and_signoffs(example):
    text = json.dumps(export_broadcast(example))
    for word in ('"id"', '"pk"', '"team"', '"status": "ready"', '"signoffs"', '"position"'):
        assert word not in text


def test_an_empty_broadcast_without_ad_plan_goes_out_and_back_in(broadcast, other_team):
    document = export_broadcast(fresh(broadcast))
    assert document["ad_plan"] is None
    assert document["segments"] == []
    imported = import_broadcast(document, other_team)
    assert not AdPlan.objects.filter(broadcast=imported).exists()
    assert export_broadcast(fresh(imported)) == document


def filled(team, count: int) -> Broadcast:
    """A broadcast with `count` segments, products shown in them, and giveaways of both."""
    broadcast = make_broadcast(team=team, planned_minutes=1440)
    segments = Segment.objects.bulk_create(
        Segment(broadcast=broadcast, position=i, title=f"段 {i}", minutes=5) for i in range(count)
    )
    products = Product.objects.bulk_create(
        Product(broadcast=broadcast, position=i, link_number=i + 1, name=f"品 {i}",
                list_price=Decimal("10"), live_price=Decimal("9.9"))
        for i in range(count)
    )  # fmt: skip
    pairs = list(zip(segments, products, strict=True))
    Product.segments.through.objects.bulk_create(
        Product.segments.through(product=p, segment=s) for s, p in pairs
    )
    Giveaway.objects.bulk_create(
        Giveaway(broadcast=broadcast, position=i, segment=s, prize_product=p)
        for i, (s, p) in enumerate(pairs)
    )
    return fresh(broadcast)


def test_export_query_count_does_not_grow_with_the_rows(team, django_assert_num_queries):
    small, large = filled(team, 10), filled(team, 200)
    with CaptureQueriesContext(connection) as queries:
        export_broadcast(small)
    # load_plan's: segments, ad plan, slots, products, links, giveaways, warm-up, cues, sign-offs.
    assert len(queries) == 9
    with django_assert_num_queries(len(queries)):
        document = export_broadcast(large)
    assert len(document["segments"]) == 200
    assert document["products"][-1]["segments"] == [199]
    assert document["giveaways"][-1]["prize_product"] == 199


# Round trip


def test_export_import_export_across_teams_gives_the_same_document(example, other_team):
    document = export_broadcast(example)
    text = json.dumps(document, ensure_ascii=False, indent=2).encode()
    imported = import_broadcast(text, other_team)
    assert export_broadcast(fresh(imported)) == document
    assert export_broadcast(imported) == document


def test_imported_rows_equal_the_original(example, other_team):
    imported = fresh(import_broadcast(export_broadcast(example), other_team))
    assert imported.team == other_team
    assert imported.status == Status.DRAFT
    assert not imported.signoffs.exists()
    assert imported.scheduled_start == example.scheduled_start
    assert imported.ends_at == example.ends_at
    assert imported.gmv_target == Decimal("300000.00")

    def rows(broadcast, related, *fields):
        return list(getattr(broadcast, related).values_list(*fields))

    segment_fields = ("position", "title", "kind", "minutes", "hard_start", "host_lines", "cues")
    assert rows(imported, "segments", *segment_fields) == rows(example, "segments", *segment_fields)
    assert imported.segments.get(position=3).host_lines == "精华原价 299，今天直播间 159。"

    products = imported.products.all()
    assert [p.live_price for p in products] == [
        Decimal("9.90"), Decimal("159.00"), Decimal("99.00"), Decimal("399.00"), Decimal("39.90")
    ]  # fmt: skip
    serum = products.get(link_number=2)
    assert [s.title for s in serum.segments.order_by("position")] == [
        "爆款 · 玻尿酸精华", "秒杀 · 精华 149", "返场 · 精华 + 洁面"
    ]  # fmt: skip
    assert all(s.broadcast_id == imported.pk for s in serum.segments.all())

    giveaways = list(imported.giveaways.select_related("segment", "prize_product"))
    assert [(g.segment.title, g.prize_product) for g in giveaways[2:4]] == [
        ("互动 · 粉丝团福袋", serum),
        ("秒杀 · 精华 149", serum),
    ]
    assert giveaways[1].coupon_threshold == Decimal("150.00")
    assert giveaways[1].coupon_discount == Decimal("10.00")
    assert giveaways[4].entry_detail == "明晚见"

    slot_fields = ("start_offset", "end_offset", "share", "emphasis")
    assert rows(imported, "ad_slots", *slot_fields) == rows(example, "ad_slots", *slot_fields)
    assert imported.ad_plan.mix_new == Decimal("35.00")
    item_fields = ("title", "offset_minutes", "owner", "status", "expected_reservations")
    # Warm-up items are exported in time order, not in the order they were entered.
    assert sorted(rows(imported, "warmup_items", *item_fields)) == sorted(
        rows(example, "warmup_items", *item_fields)
    )
    # The original is untouched.
    assert fresh(example).status == Status.READY
    assert example.signoffs.count() == 5


def test_a_team_in_another_zone_gets_the_same_moments(example):
    example.segments.filter(position=5).update(hard_start=time(20, 10))
    berlin = Team.objects.create(name="Berlin", time_zone="Europe/Berlin")
    imported = fresh(import_broadcast(export_broadcast(fresh(example)), berlin))
    assert imported.scheduled_start == datetime(2030, 12, 1, 19, 0, tzinfo=SHANGHAI)
    assert imported.local_start.tzinfo == ZoneInfo("Europe/Berlin")
    # 20:10 in Shanghai is 13:10 in Berlin in December.
    assert imported.segments.get(position=5).hard_start == time(13, 10)
    document = export_broadcast(imported)
    assert document["broadcast"]["scheduled_start"] == "2030-12-01T12:00:00+01:00"
    assert document["segments"][4]["hard_start"] == "13:10"
    assert document["ad_slots"] == export_broadcast(fresh(example))["ad_slots"]


def test_the_documented_example_imports(other_team):
    text = (Path(settings.BASE_DIR) / "docs" / "json-schema.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    imported = fresh(import_broadcast(example.encode(), other_team))
    assert imported.segments.get(position=2).hard_start == time(19, 10)
    assert imported.giveaways.get().prize_product.name == "玻尿酸精华"
    assert export_broadcast(imported) == json.loads(example)
