"""The POST bodies the registry sends, each succeeding for a member allowed to write, and the
steps that put a broadcast in the state a request needs (`set_status`)."""

import json

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from stage.broadcasts import Broadcast
from stage.checklists.adspend import AdPlan
from stage.checklists.forms import AdPlanForm
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.forms import BroadcastForm
from stage.library import CatalogueItem
from stage.teams import Role
from stage.transfer import export_broadcast
from tests.factories import make_member, make_user
from tests.registry_world import of_library_item


def signup_data(world, letter=None) -> dict:
    """A new person each time: usernames are unique."""
    name = f"new{get_user_model().objects.count()}"
    account = {"username": name, "email": f"{name}@example.com"}
    passwords = {"password1": "a long pass phrase 7", "password2": "a long pass phrase 7"}
    return account | passwords | {"team-name": "Shop", "team-time_zone": "Asia/Shanghai"}


def library_item_data(world, letter=None) -> dict:
    return {"name": "玻尿酸精华", "spec": "30ml", "sku": "HA-30", "list_price": "299", "stock": "0"}


def library_new_data(world, letter=None) -> dict:
    """A new SKU each time: one library product per SKU."""
    n = CatalogueItem.objects.count()
    return {"name": f"新品 {n}", "sku": f"NEW-{n}", "list_price": "59", "stock": "10"}


def library_sheet_data(world, letter=None) -> dict:
    sheet = "商品名称,货号,原价,库存\n坚果礼盒,NUT-1,168,1500\n".encode()
    return {"sheet": SimpleUploadedFile("catalogue.csv", sheet, "text/csv")}


def draw_data(world, letter=None) -> dict:
    return {"items": [of_library_item(world, None)["item_id"]]}


def form_data(form) -> dict:
    """What the browser would post for a form as rendered: every field's shown value."""
    data = {}
    for bound in form:
        widget = bound.field.widget
        value = widget.format_value(bound.value())
        if isinstance(value, list) and not getattr(widget, "allow_multiple_selected", False):
            value = value[0] if value else ""
        data[bound.html_name] = "" if value is None else value
    return data


def row_form(world, letter: str, *, prefix: str):
    checklist = CHECKLIST_BY_LETTER[letter]
    return checklist.form(instance=world.row(letter), broadcast=world.broadcast, prefix=prefix)


def broadcast_data(world, letter=None) -> dict:
    return {**form_data(BroadcastForm(instance=world.broadcast)), "title": "Changed title"}


def new_broadcast_data(world, letter=None) -> dict:
    data = form_data(BroadcastForm(instance=world.broadcast))
    return {**{k: v for k, v in data.items() if k != "version"}, "title": "A new show"}


def import_data(world, letter=None) -> dict:
    text = json.dumps(export_broadcast(world.broadcast), ensure_ascii=False)
    return {"file": SimpleUploadedFile("show.json", text.encode(), "application/json")}


def sheet_data(world, letter=None) -> dict:
    content = "环节,类型,时长,话术\n开场,暖场,10,欢迎\n".encode("utf-8-sig")
    return {"file": SimpleUploadedFile("直播脚本.csv", content, "text/csv")}


def ad_plan_data(world, letter=None) -> dict:
    plan = AdPlan.objects.get(broadcast=world.broadcast)
    return form_data(AdPlanForm(instance=plan, broadcast=world.broadcast, prefix="plan"))


def row_create_data(world, letter: str) -> dict:
    data = form_data(row_form(world, letter, prefix="add"))
    data.pop("add-version", None)
    if letter == "S":
        data["add-link_number"] = "99"
    return data


def row_update_data(world, letter: str) -> dict:
    return form_data(row_form(world, letter, prefix="edit"))


def reorder_data(world, letter: str) -> dict:
    return {"ids": [str(r.pk) for r in reversed(world.rows(letter))]}


ACTUALS = {
    "gmv": "250000",
    "uv": "50000",
    "pv": "90000",
    "orders": "2600",
    "buyers": "2400",
    "new_followers": "800",
    "avg_watch_seconds": "95",
    "ad_spend": "38000",
    "ad_gmv": "110000",
    "notes": "",
}


def set_status(status: str):
    def prepare(world):
        Broadcast.objects.filter(pk=world.broadcast.pk).update(status=status)

    return prepare


NEW_SHOW = {"title": "Next week", "scheduled_start": "2030-12-08T19:00"}


def stock_data(world, letter=None) -> dict:
    return {"product": world.rows("S")[0].pk, "released": "100", "sold": "0"}


def cue_data(world, letter=None) -> dict:
    segment = world.rows("T")[0]
    return {"add-segment": segment.pk, "add-offset": "2", "add-kind": "remind",
            "add-owner": "host", "add-note": "报一遍库存"}  # fmt: skip


def cue_update_data(world, letter=None) -> dict:
    cue = world.broadcast.cues.first()
    return {"edit-segment": cue.segment_id, "edit-offset": "1", "edit-kind": "remind",
            "edit-owner": "host", "edit-note": "再报一遍", "edit-version": cue.version}  # fmt: skip


def signoff_request_data(world, letter=None) -> dict:
    """Asks sam, an editor who is none of the personas, so that any of them may ask."""
    sam = get_user_model().objects.filter(username="sam").first()
    if sam is None:
        sam = make_user("sam")
        make_member(world.team, sam, role=Role.EDITOR)
    return {"member": str(sam.pk), "note": "请在 18:00 前签核"}


def constant(data: dict):
    return lambda world, letter=None: dict(data)
