"""No lost edits: a save over a newer version is refused, shows the other change, keeps input."""

from datetime import timedelta

import pytest
from django.urls import reverse

from stage.broadcasts import Broadcast
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.forms import AdSlotForm, ProductForm, SegmentForm, WarmupForm
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem
from stage.forms import BroadcastForm
from stage.versioning import save_or_refuse
from tests.test_permissions import VALID_POST

pytestmark = pytest.mark.django_db
HTMX = {"headers": {"HX-Request": "true"}}


@pytest.fixture
def segment(broadcast):
    return Segment.objects.create(broadcast=broadcast, title="暖场", minutes=10, cues="开福袋")


def edit(segment, **changes):
    data = {"title": segment.title, "kind": segment.kind, "minutes": segment.minutes}
    data.update({"version": segment.version, "cues": segment.cues, **changes})
    return {f"edit-{k}": v for k, v in data.items()}


def test_a_clash_is_refused_field_by_field_then_resolved(login, alice, bob, broadcast, segment):
    url = reverse("row_update", args=[broadcast.pk, "T", segment.pk])
    read_by_bob = edit(segment, title="Bob's title", minutes=12)
    assert login(alice).post(url, edit(segment, title="Alice's title"), **HTMX).status_code == 200

    response = login(bob).post(url, read_by_bob, **HTMX)
    assert response.status_code == 422
    text = response.text
    # Only the title clashes: both changed it. Their value, who and when, beside his own.
    assert text.count('class="clash"') == 1
    assert 'name="edit-clashes" value="title"' in text
    assert "Alice&#x27;s title" in text and "alice at " in text
    assert 'name="edit-resolve-title" value="theirs"' in text
    # Bob's own input is kept in the form, which now reads the current version.
    assert 'value="Bob&#x27;s title"' in text and 'value="12"' in text
    assert 'name="edit-version" value="2"' in text
    saved = Segment.objects.get(pk=segment.pk)
    assert (saved.title, saved.minutes, saved.version) == ("Alice's title", 10, 2)

    # Saving again without a choice is refused again, next to the field.
    again = {**read_by_bob, "edit-version": "2", "edit-clashes": "title"}
    response = login(bob).post(url, again, **HTMX)
    assert response.status_code == 422 and "Keep yours or take theirs?" in response.text
    assert Segment.objects.get(pk=segment.pk).version == 2

    # He takes her title and keeps his minutes.
    response = login(bob).post(url, {**again, "edit-resolve-title": "theirs"}, **HTMX)
    assert response.status_code == 200
    saved.refresh_from_db()
    assert (saved.title, saved.minutes, saved.version) == ("Alice's title", 12, 3)
    users = [h.history_user.username for h in saved.history.order_by("version")[1:]]
    assert users == ["alice", "bob"]


def test_keep_mine_replaces_theirs_knowingly(login, alice, bob, broadcast, segment):
    url = reverse("row_update", args=[broadcast.pk, "T", segment.pk])
    read_by_bob = edit(segment, title="Bob's title")
    login(alice).post(url, edit(segment, title="Alice's title"), **HTMX)
    login(bob).post(url, read_by_bob, **HTMX)
    choice = {"edit-version": "2", "edit-clashes": "title", "edit-resolve-title": "mine"}
    assert login(bob).post(url, {**read_by_bob, **choice}, **HTMX).status_code == 200
    assert Segment.objects.get(pk=segment.pk).title == "Bob's title"


def test_changes_to_different_fields_merge_without_asking(login, alice, bob, broadcast, segment):
    url = reverse("row_update", args=[broadcast.pk, "T", segment.pk])
    read_by_bob = edit(segment, minutes=12)
    login(alice).post(url, edit(segment, title="Alice's title", cues="开福袋 + 抽奖"), **HTMX)
    assert login(bob).post(url, read_by_bob, **HTMX).status_code == 200
    saved = Segment.objects.get(pk=segment.pk)
    assert (saved.title, saved.cues, saved.minutes) == ("Alice's title", "开福袋 + 抽奖", 12)


def test_the_same_change_twice_is_no_clash(login, alice, bob, broadcast, segment):
    url = reverse("row_update", args=[broadcast.pk, "T", segment.pk])
    read_by_bob = edit(segment, title="Same")
    login(alice).post(url, edit(segment, title="Same"), **HTMX)
    assert login(bob).post(url, read_by_bob, **HTMX).status_code == 200


def test_a_plain_post_is_refused_the_same_way(login, alice, bob, broadcast):
    url = reverse("broadcast_edit", args=[broadcast.pk])
    assert login(alice).post(url, {**VALID_POST, "title": "Alice"}).status_code == 302
    response = login(bob).post(url, {**VALID_POST, "title": "Bob", "planned_minutes": "90"})
    assert response.status_code == 422 and "<html" in response.text
    assert 'name="resolve-title"' in response.text and ">Alice<" in response.text
    assert 'value="Bob"' in response.text
    assert Broadcast.objects.get(pk=broadcast.pk).title == "Alice"
    choice = {"version": "2", "clashes": "title", "resolve-title": "mine"}
    data = {**VALID_POST, "title": "Bob", "planned_minutes": "90", **choice}
    assert login(bob).post(url, data).status_code == 302
    saved = Broadcast.objects.get(pk=broadcast.pk)
    assert (saved.title, saved.planned_minutes) == ("Bob", 90)


def test_an_open_form_learns_what_others_saved(login, alice, bob, broadcast, segment):
    url = reverse("row_update", args=[broadcast.pk, "T", segment.pk])
    login(alice).post(url, edit(segment, title="Alice's title", minutes=15), **HTMX)
    sheet = reverse("checklist", args=[broadcast.pk, "T"])
    response = login(bob).get(sheet, {"changes": segment.pk, "since": 1}, **HTMX)
    assert response.status_code == 200
    assert 'data-take="edit-title" data-value="Alice&#x27;s title"' in response.text
    assert 'data-take="edit-minutes" data-value="15"' in response.text
    assert "edit-cues" not in response.text  # unchanged
    assert login(bob).get(sheet, {"changes": "x"}, **HTMX).status_code == 404


def test_the_ad_plan_is_versioned_too(login, alice, bob, broadcast):
    AdPlan.objects.create(broadcast=broadcast)
    url = reverse("ad_plan_save", args=[broadcast.pk])
    fields = {"budget": "40000", "tool": "jinniu", "objective": "room", "target_roi": "3",
              "conversion_pct": "5", "aov": "100", "mix_old": "40", "mix_new": "35",
              "mix_paid": "25", "version": "1"}  # fmt: skip
    data = {f"plan-{k}": v for k, v in fields.items()}
    assert login(alice).post(url, data, **HTMX).status_code == 200
    response = login(bob).post(url, {**data, "plan-budget": "50000"}, **HTMX)
    assert response.status_code == 422
    assert AdPlan.objects.get(broadcast=broadcast).budget == 40000


def test_a_form_without_its_version_cannot_overwrite(login, bob, broadcast, segment):
    url = reverse("row_update", args=[broadcast.pk, "T", segment.pk])
    data = edit(segment, title="No version")
    del data["edit-version"]
    assert login(bob).post(url, data, **HTMX).status_code == 422
    assert Segment.objects.get(pk=segment.pk).title == "暖场"


def test_a_concurrent_save_between_check_and_save_is_refused(broadcast, segment):
    form = SegmentForm(
        {"title": "Mine", "kind": "warmup", "minutes": "10", "version": "1"},
        instance=segment,
        broadcast=broadcast,
    )
    assert form.is_valid()
    # Someone else's save lands after the check, before ours.
    theirs = Segment.objects.get(pk=segment.pk)
    theirs.title, theirs.version = "Theirs", 2
    theirs.save()
    assert save_or_refuse(form) is False
    assert "keep yours or take theirs" in str(form.non_field_errors())
    assert [c.name for c in form.clashes] == ["title"]
    assert Segment.objects.get(pk=segment.pk).title == "Theirs"


def test_new_rows_need_no_version(login, bob, broadcast):
    url = reverse("row_create", args=[broadcast.pk, "T"])
    data = {"add-title": "新环节", "add-kind": "hero", "add-minutes": "5"}
    assert login(bob).post(url, data, **HTMX).status_code == 200
    assert Segment.objects.get(title="新环节").version == 1


def as_read(broadcast, **changes) -> dict:
    """The broadcast form as its page shows it, with some fields changed."""
    form = BroadcastForm(instance=broadcast)
    data = {name: form[name].field.widget.format_value(form[name].value()) for name in form.fields}
    return {k: "" if v is None else v for k, v in {**data, **changes}.items()}


def test_a_stale_form_does_not_undo_a_status_move(login, alice, bob, broadcast):
    """Marked ready after Bob opened the form (a save that moves no version): his save of
    another field keeps it ready."""
    url = reverse("broadcast_edit", args=[broadcast.pk])
    read_by_bob = as_read(broadcast, planned_minutes="150")
    assert login(alice).post(url, as_read(broadcast, title="Alice")).status_code == 302
    shown = Broadcast.objects.get(pk=broadcast.pk)
    shown.status = "ready"
    shown.save(update_fields=["status"])
    assert login(bob).post(url, read_by_bob).status_code == 302
    saved = Broadcast.objects.get(pk=broadcast.pk)
    assert (saved.title, saved.planned_minutes, saved.status) == ("Alice", 150, "ready")


def test_a_warm_up_items_publish_time_merges_too(login, alice, bob, broadcast):
    """The publish time is typed as an offset ("D-1 20:00") but kept as minutes: someone's new
    time survives a stale save of another field, and two new times clash."""
    item = WarmupItem.objects.create(broadcast=broadcast, title="预告短视频", offset_minutes=60)
    url = reverse("row_update", args=[broadcast.pk, "E", item.pk])
    shown = WarmupForm(instance=item, broadcast=broadcast)
    read = {f"edit-{n}": shown[n].field.widget.format_value(shown[n].value()) for n in shown.fields}
    read = {k: "" if v is None else v for k, v in read.items()}
    assert login(alice).post(url, {**read, "edit-publish": "D-1 20:00"}, **HTMX).status_code == 200
    moved = WarmupItem.objects.get(pk=item.pk).offset_minutes

    assert login(bob).post(url, {**read, "edit-owner": "小王"}, **HTMX).status_code == 200
    saved = WarmupItem.objects.get(pk=item.pk)
    assert (saved.offset_minutes, saved.owner) == (moved, "小王")

    response = login(bob).post(url, {**read, "edit-publish": "H-2"}, **HTMX)
    assert response.status_code == 422 and 'name="edit-resolve-publish"' in response.text
    assert WarmupItem.objects.get(pk=item.pk).offset_minutes == moved


def read_form(form_class, instance, broadcast, **changes) -> dict:
    """A row's edit form as its page shows it, with some fields changed (edit- names)."""
    form = form_class(instance=instance, broadcast=broadcast, prefix="edit")
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list):
            data[f"edit-{name}"] = [str(v) for v in value]
        else:
            shown = field.widget.format_value(value)
            data[f"edit-{name}"] = "" if shown is None else shown
    return {**data, **{f"edit-{k}": v for k, v in changes.items()}}


def test_an_ad_slots_clock_times_merge_too(login, alice, bob, broadcast):
    slot = AdSlot.objects.create(broadcast=broadcast, start_offset=0, end_offset=30, share=20)
    url = reverse("row_update", args=[broadcast.pk, "A", slot.pk])
    read_by_bob = read_form(AdSlotForm, slot, broadcast, share="30")
    start = (broadcast.local_start - timedelta(minutes=60)).strftime("%H:%M")
    assert (
        login(alice)
        .post(url, read_form(AdSlotForm, slot, broadcast, start=start), **HTMX)
        .status_code
        == 200
    )
    assert login(bob).post(url, read_by_bob, **HTMX).status_code == 200
    saved = AdSlot.objects.get(pk=slot.pk)
    assert (saved.start_offset, saved.share) == (-60, 30)


def test_a_products_segments_are_asked_about_not_reverted(login, alice, bob, broadcast, serum):
    segment = Segment.objects.create(broadcast=broadcast, title="爆款", minutes=10)
    url = reverse("row_update", args=[broadcast.pk, "S", serum.pk])
    read_by_bob = read_form(ProductForm, serum, broadcast, name="玻尿酸精华 30ml")
    with_segment = read_form(ProductForm, serum, broadcast, segments=[str(segment.pk)])
    assert login(alice).post(url, with_segment, **HTMX).status_code == 200
    response = login(bob).post(url, read_by_bob, **HTMX)
    assert response.status_code == 422 and 'name="edit-resolve-segments"' in response.text
    assert list(serum.segments.all()) == [segment]


def test_times_in_a_clash_read_in_the_teams_clock(login, alice, bob, broadcast):
    url = reverse("broadcast_edit", args=[broadcast.pk])
    read_by_bob = as_read(broadcast, scheduled_start="2030-12-02T21:00")
    assert (
        login(alice).post(url, as_read(broadcast, scheduled_start="2030-12-02T20:00")).status_code
        == 302
    )
    response = login(bob).post(url, read_by_bob)
    assert response.status_code == 422
    clash = response.text[response.text.index('class="clash"') :]
    assert "8 p.m." in clash or "20:00" in clash, clash[:600]


def test_a_write_that_moved_the_show_once_says_from_what_to_what(broadcast):
    fresh = Broadcast.objects.get(pk=broadcast.pk)
    assert fresh.moved_once() is None
    fresh.touch()
    assert fresh.moved_once() == (fresh.live_version - 1, fresh.live_version)
    fresh.touch()  # a page at the first version would have missed the second move
    assert fresh.moved_once() is None
