"""A bad JSON file of a broadcast is refused with every problem at its place, and nothing is
written."""

import pytest

from stage.transfer import SCHEMA, ImportProblems, export_broadcast, import_broadcast
from tests import transfer_helpers
from tests.factories import make_broadcast
from tests.transfer_helpers import edit, row_counts

pytestmark = pytest.mark.django_db

# The shared fixtures, bound by assignment: imported, they would read as unused (F401, F811).
example, other_team = transfer_helpers.example, transfer_helpers.other_team


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


def test_a_checklist_of_more_than_1000_rows_is_refused(team):
    from stage.transfer import MAX_ROWS

    document = export_broadcast(make_broadcast(team=team, title="Big"))
    document["warmup_items"] = [{}] * (MAX_ROWS + 1)
    with pytest.raises(ImportProblems) as refused:
        import_broadcast(document, team)
    assert refused.value.problems == [("warmup_items", "At most 1000 rows in one broadcast.")]
