"""The JSON file of a broadcast: out, into another team, and out again the same; a bad file is
refused with every problem at its place, and nothing is written."""

import copy
import json
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stage.broadcasts import Broadcast, Status
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem
from stage.demo import fill_example_show
from stage.teams import Team
from stage.transfer import SCHEMA, VERSION, ImportProblems, export_broadcast, import_broadcast
from tests.factories import SHANGHAI, make_broadcast, make_member, make_team, make_user

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


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


def upload(content: bytes, name: str = "show.json"):
    return SimpleUploadedFile(name, content, content_type="application/json")


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


# Bad files


def edit(document: dict, change) -> bytes:
    document = copy.deepcopy(document)
    change(document)
    return json.dumps(document, ensure_ascii=False).encode()


NOT_A_DOCUMENT = [
    (b'{"schema": "stage.broadcast",', "line 1, column 30", "This is not valid JSON."),
    ("{}".encode("utf-16"), "", "The file is not UTF-8 text."),
    (b"[" * 100_000, "", "This is not valid JSON."),
    (b"[]", "", "The file must hold one JSON object"),
]


@pytest.mark.parametrize("content,place,message", NOT_A_DOCUMENT)
def test_a_file_that_is_not_a_document_is_refused(other_team, content, place, message):
    before = row_counts()
    with pytest.raises(ImportProblems) as refused:
        import_broadcast(content, other_team)
    assert row_counts() == before
    [(reported, text)] = refused.value.problems
    assert reported == place
    assert message in text


MISSING = object()
# (where in the document, the bad value, the place reported, words of the message)
BAD_VALUES = [
    (("schema",), "stage.team", "schema", "must be “stage.broadcast”"),
    (("version",), 2, "version", "version 2, from a newer STAGE"),
    (("version",), "1", "version", "Unknown version"),
    (("segments", 0, "minutes"), MISSING, "segments[0].minutes", "missing"),
    (("giveaways",), MISSING, "giveaways", "missing"),
    (("segments", 0, "colour"), "red", "segments[0].colour", "Unknown field"),
    (("segments", 3, "minutes"), 0, "segments[3].minutes", "at least one minute"),
    (("segments", 3, "minutes"), "15", "segments[3].minutes", "whole number"),
    (("segments", 3, "minutes"), True, "segments[3].minutes", "whole number"),
    (("segments", 1, "kind"), "dance", "segments[1].kind", "Select a valid choice."),
    (("segments", 2, "hard_start"), "8pm", "segments[2].hard_start", "clock time"),
    (("broadcast", "title"), "", "broadcast.title", "required"),
    (("broadcast", "gmv_target"), 300000.5, "broadcast.gmv_target", "written as a string"),
    (("broadcast", "scheduled_start"), "2030-12-01T19:00", "broadcast.scheduled_start", "offset"),
    (("products", 0, "list_price"), "1e999", "products[0].list_price", "no more than"),
    (("products", 0, "live_price"), "99.00", "products[0].live_price", "above the list price"),
    (("products", 1, "segments", 0), 99, "products[1].segments[0]", "no segments[99]"),
    (("products", 1, "segments"), [2, 2], "products[1].segments[1]", "listed twice"),
    (("giveaways", 2, "prize_product"), 5, "giveaways[2].prize_product", "no products[5]"),
    (("giveaways", 2, "segment"), -1, "giveaways[2].segment", "no segments[-1]"),
    (("giveaways", 1, "coupon_discount"), "150.00", "giveaways[1].coupon_discount", "below"),
    (("ad_plan", "mix_old"), "140", "ad_plan.mix_old", "between 0 and 100"),
    (("ad_slots", 1, "end_offset"), -10, "ad_slots[1].end_offset", "ends before it starts"),
    (("ad_slots", 3, "end_offset"), 900, "ad_slots[3].end_offset", "within 12 hours"),
    (("warmup_items", 1), None, "warmup_items[1]", "Expected an object."),
    (("warmup_items", 0, "link"), "not a url", "warmup_items[0].link", "Enter a valid URL."),
    (("warmup_items", 0, "offset_minutes"), 10**15, "warmup_items[0].offset_minutes", "range"),
]


@pytest.mark.parametrize("path,value,place,message", BAD_VALUES, ids=[c[2] for c in BAD_VALUES])
def test_a_bad_value_is_refused_at_its_place_and_writes_nothing(
    example, other_team, path, value, place, message
):
    def change(document):
        *steps, last = path
        for step in steps:
            document = document[step]
        if value is MISSING:
            del document[last]
        else:
            document[last] = value

    content = edit(export_broadcast(example), change)
    before = row_counts()
    with pytest.raises(ImportProblems) as refused:
        import_broadcast(content, other_team)
    assert row_counts() == before
    problems = refused.value.problems
    assert any(p == place and message in m for p, m in problems), problems


def test_it_reports_every_problem_at_once(example, other_team):
    def break_three(document):
        document["broadcast"]["planned_minutes"] = 0
        document["segments"][3]["minutes"] = -5
        del document["warmup_items"][2]["owner"]

    with pytest.raises(ImportProblems) as refused:
        import_broadcast(edit(export_broadcast(example), break_three), other_team)
    places = [p for p, _m in refused.value.problems]
    assert places == ["broadcast.planned_minutes", "segments[3].minutes", "warmup_items[2].owner"]


def test_a_missing_broadcast_is_one_problem_not_one_per_field(example, other_team):
    with pytest.raises(ImportProblems) as refused:
        import_broadcast(edit(export_broadcast(example), lambda d: d.pop("broadcast")), other_team)
    assert refused.value.problems == [("broadcast", "This field is missing.")]


def test_problems_are_a_value_error_with_a_readable_message(other_team):
    with pytest.raises(ValueError, match="version: This file is version 7"):
        import_broadcast({"schema": SCHEMA, "version": 7}, other_team)


# Views


def test_a_member_downloads_the_json_file(login, bob, example):
    response = login(bob).get(reverse("broadcast_json", args=[example.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    filename = quote("2030-12-01-美妆-零食-晚间专场.json")
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{filename}"
    text = response.content.decode("utf-8")
    assert "美妆 × 零食" in text  # not \u escapes
    assert text.startswith('{\n  "schema": "stage.broadcast",')
    assert json.loads(text) == export_broadcast(example)


@pytest.mark.parametrize("persona,status", [("vera", 200), ("charlie", 404)])
def test_viewers_may_download_the_json_file_and_outsiders_not(
    request, login, broadcast, persona, status
):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("broadcast_json", args=[broadcast.pk])).status_code == status


def test_anonymous_users_go_to_login(client, broadcast):
    for url in [reverse("broadcast_json", args=[broadcast.pk]), reverse("broadcast_import")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_viewer_may_not_import(login, vera, example):
    client = login(vera)
    before = row_counts()
    assert client.get(reverse("broadcast_import")).status_code == 403
    content = json.dumps(export_broadcast(example)).encode()
    response = client.post(reverse("broadcast_import"), {"file": upload(content)})
    assert response.status_code == 403
    assert row_counts() == before


def test_a_user_without_team_is_sent_to_create_one(login, db):
    response = login(make_user("newbie")).get(reverse("broadcast_import"))
    assert response.status_code == 302
    assert response["Location"] == reverse("team_new")


def test_an_editor_imports_into_the_current_team(login, bob, team, other_team):
    source = make_broadcast(team=other_team, title="源 · 双十二")
    fill_example_show(source)
    content = json.dumps(export_broadcast(fresh(source)), ensure_ascii=False).encode()
    client = login(bob)
    page = client.get(reverse("broadcast_import"))
    assert page.status_code == 200
    assert 'type="file"' in page.text
    response = client.post(reverse("broadcast_import"), {"file": upload(content)}, follow=True)
    imported = Broadcast.objects.get(team=team, title="源 · 双十二")
    assert response.redirect_chain == [(reverse("broadcast_detail", args=[imported.pk]), 302)]
    assert "Broadcast “源 · 双十二” imported." in response.text
    assert imported.segments.count() == 9
    assert imported.status == Status.DRAFT


def test_htmx_import_redirects_the_client(login, bob, example, team):
    content = json.dumps(export_broadcast(example)).encode()
    response = login(bob).post(reverse("broadcast_import"), {"file": upload(content)}, **HTMX)
    newest = Broadcast.objects.filter(team=team).latest("pk")
    assert newest.pk != example.pk
    assert response["HX-Redirect"] == reverse("broadcast_detail", args=[newest.pk])


def field_block(html: str) -> str:
    """The file field's own block: the input and the errors right after it."""
    return html.split('id="id_file"', 1)[1].split("</div>", 1)[0]


def test_a_refused_upload_lists_each_problem_next_to_the_field(login, bob, example):
    def break_two(document):
        document["segments"][3]["minutes"] = 0
        document["products"][1]["segments"][0] = 42

    content = edit(export_broadcast(example), break_two)
    before = row_counts()
    response = login(bob).post(reverse("broadcast_import"), {"file": upload(content)}, **HTMX)
    assert response.status_code == 422
    block = field_block(response.text)
    assert "segments[3].minutes: A segment lasts at least one minute." in block
    assert "products[1].segments[0]: There is no segments[42]" in block
    assert "nothing has been saved" in response.text
    assert row_counts() == before


def test_a_file_of_more_than_2_mb_is_refused(login, bob, team):
    before = row_counts()
    content = b" " * (2 * 1024 * 1024 + 1)
    response = login(bob).post(reverse("broadcast_import"), {"file": upload(content)})
    assert response.status_code == 422
    assert "The file is larger than the limit of 2 MB." in field_block(response.text)
    assert row_counts() == before


def test_an_upload_without_a_file_is_refused(login, bob, team):
    response = login(bob).post(reverse("broadcast_import"), {})
    assert response.status_code == 422
    assert "This field is required." in field_block(response.text)


def test_a_very_bad_file_shows_the_first_fifty_problems(login, bob, example):
    def break_all(document):  # 30 rows × (7 missing fields + 1 unknown) = 240 problems
        document["segments"] = [{"x": i} for i in range(30)]

    content = edit(export_broadcast(example), break_all)
    response = login(bob).post(reverse("broadcast_import"), {"file": upload(content)})
    assert response.status_code == 422
    assert "… and 190 more." in field_block(response.text)


def test_an_editor_of_two_teams_imports_into_the_current_one(login, bob, example, other_team):
    make_member(other_team, bob)
    client = login(bob)
    client.post(reverse("team_switch"), {"team": other_team.pk})
    content = json.dumps(export_broadcast(example)).encode()
    client.post(reverse("broadcast_import"), {"file": upload(content)})
    assert Broadcast.objects.filter(team=other_team, title=example.title).count() == 1


def test_a_checklist_of_more_than_1000_rows_is_refused(team):
    from stage.transfer import MAX_ROWS

    document = export_broadcast(make_broadcast(team=team, title="Big"))
    document["warmup_items"] = [{}] * (MAX_ROWS + 1)
    with pytest.raises(ImportProblems) as refused:
        import_broadcast(document, team)
    assert refused.value.problems == [("warmup_items", "At most 1000 rows in one broadcast.")]
