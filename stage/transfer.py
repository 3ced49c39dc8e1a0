"""A whole broadcast as one JSON document, out and back in (documented in docs/json-schema.md).

The import checks the document with the UI's own forms before it writes anything, and refuses
it with every problem found, each at its place in the document (`segments[3].minutes`).
"""

import json
import re
from datetime import datetime, time, timedelta

from django.db import transaction
from django.forms.forms import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from stage.broadcasts import Broadcast, Status
from stage.checklists.forms import AdPlanForm
from stage.checklists.lineup import Product
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.clock import clock_offset
from stage.forms import BroadcastForm
from stage.plan import load_plan
from stage.sheets.forms import ImportGiveawayForm, ImportProductForm
from stage.teams import Team

SCHEMA = "stage.broadcast"
VERSION = 1

# The keys of version 1, in order, and the kind of each value. "?" allows null; "decimal" is a
# string; "clock" is "HH:MM"; "segment" / "product" are indexes into those lists.
# fmt: off
BROADCAST = {
    "title": "text", "platform": "text", "account": "text", "hosts": "text",
    "scheduled_start": "datetime", "planned_minutes": "int", "gmv_target": "decimal",
    "currency": "text", "notes": "text",
}
SEGMENT = {
    "title": "text", "kind": "text", "minutes": "int", "hard_start": "clock?",
    "host_lines": "text", "cues": "text", "notes": "text",
}
AD_PLAN = {
    "budget": "decimal", "tool": "text", "objective": "text", "target_roi": "decimal",
    "conversion_pct": "decimal", "aov": "decimal",
    "mix_old": "decimal", "mix_new": "decimal", "mix_paid": "decimal",
}
AD_SLOT = {
    "start_offset": "int", "end_offset": "int", "share": "decimal", "emphasis": "text",
    "note": "text",
}
PRODUCT = {
    "link_number": "int", "name": "text", "sku": "text", "role": "text", "audience": "text",
    "list_price": "decimal", "live_price": "decimal", "unit_cost": "decimal?", "stock": "int",
    "per_buyer_limit": "int?", "planned_units": "int", "release_units": "int?",
    "selling_points": "text",
    "segments": "segment list",
}
GIVEAWAY = {
    "kind": "text", "segment": "segment?", "at_minute": "int?", "entry_rule": "text",
    "entry_detail": "text", "quantity": "int", "prize_product": "product?", "prize": "text",
    "unit_value": "decimal", "countdown_minutes": "int?", "coupon_threshold": "decimal?",
    "coupon_discount": "decimal?", "per_person_limit": "int?", "flash_price": "decimal?",
}
WARMUP_ITEM = {
    "channel": "text", "title": "text", "offset_minutes": "int", "owner": "text",
    "status": "text", "link": "text", "expected_reservations": "int",
}
LISTS = {
    "segments": SEGMENT, "ad_slots": AD_SLOT, "products": PRODUCT, "giveaways": GIVEAWAY,
    "warmup_items": WARMUP_ITEM,
}
TOP = {
    "schema": str, "version": int, "broadcast": dict, "segments": list, "ad_plan": dict | None,
    "ad_slots": list, "products": list, "giveaways": list, "warmup_items": list,
}
# fmt: on
# Keys added since version 1: documents and team templates saved before them lack them.
ADDED_LATER = {"flash_price"}
CLOCK = re.compile(r"^\d{2}:\d{2}$")
MAX_ROWS = 1000  # per checklist; the file itself is at most 2 MB


# Export


def dump(value, kind: str):
    if value is None:
        return None
    if kind.startswith("decimal"):
        return f"{value:.2f}"
    if kind.startswith("clock"):
        return value.strftime("%H:%M")
    return value


def dump_row(row, spec: dict, **given) -> dict:
    return {
        key: given[key] if key in given else dump(getattr(row, key), kind)
        for key, kind in spec.items()
    }


def export_broadcast(broadcast: Broadcast) -> dict:
    """The broadcast and its five checklists; a fixed number of queries whatever the rows."""
    plan = load_plan(broadcast)
    segment_at = {s.pk: i for i, s in enumerate(plan.segments)}
    product_at = {p.pk: i for i, p in enumerate(plan.products)}
    return {
        "schema": SCHEMA,
        "version": VERSION,
        # In the team's zone, so hard starts ("HH:MM") read against the same UTC offset.
        "broadcast": dump_row(
            broadcast, BROADCAST, scheduled_start=broadcast.local_start.isoformat()
        ),
        "segments": [dump_row(s, SEGMENT) for s in plan.segments],
        "ad_plan": dump_row(plan.ad_plan, AD_PLAN) if plan.ad_plan.pk else None,
        "ad_slots": [dump_row(s, AD_SLOT) for s in plan.ad_slots],
        "products": [
            dump_row(p, PRODUCT, segments=[segment_at[s.pk] for s in p.shown_in])
            for p in plan.products
        ],
        "giveaways": [
            dump_row(
                g,
                GIVEAWAY,
                segment=segment_at.get(g.segment_id),
                prize_product=product_at.get(g.prize_product_id),
            )
            for g in plan.giveaways
        ],
        "warmup_items": [dump_row(w, WARMUP_ITEM) for w in plan.warmup_items],
    }


# Import


class ImportProblems(ValueError):
    """Everything wrong with a document, as (place, message); place "" is the whole file."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("\n".join(f"{p}: {m}" if p else m for p, m in problems))


ROW_MODELS = {c.rows: c.model for c in CHECKLIST_BY_LETTER.values()}
ROW_FORMS = {c.rows: c.form for c in CHECKLIST_BY_LETTER.values()}
# Links to segments and prizes are checked by index: they are not saved yet.
ROW_FORMS |= {"products": ImportProductForm, "giveaways": ImportGiveawayForm}
# Form fields that read a document key in another shape.
FORM_KEYS = {"start": "start_offset", "end": "end_offset", "publish": "offset_minutes"}


def parse(data) -> object:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportProblems([("", _("The file is not UTF-8 text."))]) from error
    if isinstance(data, str):
        try:
            return json.loads(data)
        except json.JSONDecodeError as error:
            where = {"line": error.lineno, "column": error.colno}
            place = _("line %(line)s, column %(column)s") % where
            raise ImportProblems([(place, _("This is not valid JSON."))]) from error
        except (ValueError, RecursionError) as error:  # e.g. a number of 5,000 digits
            raise ImportProblems([("", _("This is not valid JSON."))]) from error
    return data


class Reader:
    def __init__(self, document: dict):
        self.problems: list[tuple[str, str]] = []
        self.places: set[str] = set()
        self.sizes = {
            key: len(document[key]) if isinstance(document.get(key), list) else 0
            for key in ("segments", "products")
        }

    def add(self, place: str, message: str) -> None:
        self.problems.append((place, str(message)))
        self.places.add(place)

    def keys(self, place: str, item: dict, keys) -> None:
        for key in keys:
            if key not in item and key not in ADDED_LATER:
                self.add(f"{place}{key}", _("This field is missing."))
        for key in item:
            if key not in keys:
                self.add(f"{place}{key}", _("Unknown field."))

    def values(self, place: str, item: dict, spec: dict) -> dict:
        """The values of known keys that have the right kind; the others become problems."""
        self.keys(f"{place}.", item, spec)
        values = {}
        for key, kind in spec.items():
            if key not in item:
                continue
            value, message = self.value(f"{place}.{key}", item[key], kind)
            if message:
                self.add(f"{place}.{key}", message)
            else:
                values[key] = value
        return values

    def value(self, place: str, value, kind: str):
        base = kind.rstrip("?")
        if value is None:
            return None, None if kind.endswith("?") else _("This field cannot be null.")
        if base == "text":
            return value, None if isinstance(value, str) else _("Expected text (a string).")
        if base == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
            return value, None if ok else _("Expected a whole number.")
        if base == "decimal":
            ok = isinstance(value, str)
            return value, None if ok else _("Expected a number written as a string: “159.00”.")
        if base == "clock":
            if isinstance(value, str) and CLOCK.match(value):
                try:
                    return time.fromisoformat(value), None
                except ValueError:
                    pass
            return None, _("Expected a clock time such as “20:00”.")
        if base == "datetime":
            try:
                when = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                when = None
            if when is None or when.tzinfo is None:
                return None, _(
                    "Expected a date and time with its UTC offset: “2030-12-01T19:00:00+08:00”."
                )
            if not 1 < when.year < 9999:  # room for any time zone and a day's show
                return None, _("This date is out of range.")
            return when, None
        if base == "segment list":
            if not isinstance(value, list):
                return None, _("Expected a list of indexes into “segments”.")
            seen = set()
            for j, index in enumerate(value):
                _index, message = self.value(f"{place}[{j}]", index, "segment")
                if not message and index in seen:
                    message = _("This segment is listed twice.")
                if message:
                    self.add(f"{place}[{j}]", message)
                else:
                    seen.add(index)
            return value, None
        # An index into the segments or the products.
        name = f"{base}s"
        if not isinstance(value, int) or isinstance(value, bool):
            return None, _("Expected the index of a row in “%(list)s”.") % {"list": name}
        if not 0 <= value < self.sizes[name]:
            return None, _("There is no %(list)s[%(index)s]: the list has %(count)s rows.") % {
                "list": name,
                "index": value,
                "count": self.sizes[name],
            }
        return value, None

    def checked(self, place: str, form):
        """The form's instance; its errors become problems, except where the document's own
        problem at the same place says more."""
        for field, messages in form.errors.items():
            where = place if field == NON_FIELD_ERRORS else f"{place}.{FORM_KEYS.get(field, field)}"
            if where not in self.places:
                for message in messages:
                    self.add(where, message)
        return form.instance

    def reshape(self, key: str, place: str, values: dict, local_start, doc_start) -> None:
        """Puts the document's values into the shape the UI's form reads."""
        if key == "segments" and values.get("hard_start") and doc_start:
            # A clock time in the document's UTC offset, as the same moment in the team's zone.
            offset = clock_offset(doc_start, values["hard_start"])
            values["hard_start"] = (local_start + timedelta(minutes=offset)).time()
        for name, field in (("start_offset", "start"), ("end_offset", "end")):
            if key == "ad_slots" and name in values:
                try:
                    clock = (local_start + timedelta(minutes=values[name])).time()
                except OverflowError:
                    clock = None
                if clock is None or clock_offset(local_start, clock) != values[name]:
                    message = _("A time slot must lie within 12 hours of the show's start.")
                    self.add(f"{place}.{name}", message)
                    clock = None
                values[field] = clock
        if key == "warmup_items" and "offset_minutes" in values:
            try:
                publish = local_start - timedelta(minutes=values["offset_minutes"])
                values["publish"] = publish.strftime("%Y-%m-%d %H:%M")
            except OverflowError:
                self.add(f"{place}.offset_minutes", _("This number is out of range."))


def read_document(data) -> dict:
    document = parse(data)
    if not isinstance(document, dict):
        raise ImportProblems([("", _("The file must hold one JSON object, as STAGE exports it."))])
    if document.get("schema") != SCHEMA:
        message = _("This is not a STAGE broadcast: “schema” must be “%(schema)s”.")
        raise ImportProblems([("schema", message % {"schema": SCHEMA})])
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportProblems([("version", _("Unknown version: expected %(v)s.") % {"v": VERSION})])
    if version > VERSION:
        message = _(
            "This file is version %(version)s, from a newer STAGE; this STAGE reads version "
            "%(known)s. Export it again from a STAGE of the same version, or update this one."
        )
        raise ImportProblems([("version", message % {"version": version, "known": VERSION})])
    return document


def import_broadcast(data, team: Team) -> Broadcast:
    """A new draft broadcast in `team` from a document (parsed, or the file's bytes or text).

    Raises ImportProblems, having written nothing, unless every part of it is right."""
    document = read_document(data)
    reader = Reader(document)
    reader.keys("", document, TOP)
    for key, kind in TOP.items():
        if key in document and not isinstance(document[key], kind):
            reader.add(key, _("Expected a list.") if kind is list else _("Expected an object."))
        elif key in LISTS and len(document.get(key) or []) > MAX_ROWS:
            reader.add(key, _("At most %(n)s rows in one broadcast.") % {"n": MAX_ROWS})

    broadcast, doc_start = Broadcast(team=team, status=Status.DRAFT), None
    if isinstance(document.get("broadcast"), dict):
        values = reader.values("broadcast", document["broadcast"], BROADCAST)
        doc_start = values.get("scheduled_start")
        reader.checked("broadcast", BroadcastForm(values, instance=broadcast))
    if broadcast.scheduled_start is None:  # still check the rows, against any start
        broadcast.scheduled_start = doc_start or timezone.now()

    ad_plan = None
    if isinstance(document.get("ad_plan"), dict):
        values = reader.values("ad_plan", document["ad_plan"], AD_PLAN)
        ad_plan = reader.checked("ad_plan", AdPlanForm(values, broadcast=broadcast))

    rows = {key: [] for key in LISTS}
    links = {"products": [], "giveaways": []}
    for key, spec in LISTS.items():
        items = document.get(key)
        if not isinstance(items, list) or len(items) > MAX_ROWS:
            continue  # reported above
        for i, item in enumerate(items):
            place = f"{key}[{i}]"
            if not isinstance(item, dict):
                reader.add(place, _("Expected an object."))
                continue
            values = reader.values(place, item, spec)
            reader.reshape(key, place, values, broadcast.local_start, doc_start)
            rows[key].append(reader.checked(place, ROW_FORMS[key](values, broadcast=broadcast)))
            if key == "products":
                links[key].append(values.get("segments", []))
            elif key == "giveaways":
                links[key].append((values.get("segment"), values.get("prize_product")))

    links_taken = set()
    for i, product in enumerate(rows["products"]):
        if product.link_number is not None and product.link_number in links_taken:
            message = _("Another product of this show is on this link.")
            reader.add(f"products[{i}].link_number", message)
        links_taken.add(product.link_number)
    if reader.problems:
        raise ImportProblems(reader.problems)
    with transaction.atomic():
        broadcast.save()
        saved = {key: save_rows(key, rows[key], broadcast) for key in LISTS if key != "giveaways"}
        if ad_plan is not None:
            ad_plan.broadcast = broadcast
            ad_plan.save()
        Product.segments.through.objects.bulk_create(
            Product.segments.through(product=product, segment=saved["segments"][index])
            for product, indexes in zip(saved["products"], links["products"], strict=True)
            for index in indexes
        )
        for giveaway, (segment, prize) in zip(rows["giveaways"], links["giveaways"], strict=True):
            giveaway.segment = None if segment is None else saved["segments"][segment]
            giveaway.prize_product = None if prize is None else saved["products"][prize]
        save_rows("giveaways", rows["giveaways"], broadcast)
    return broadcast


def save_rows(key: str, rows: list, broadcast: Broadcast) -> list:
    for position, row in enumerate(rows, start=1):
        row.broadcast, row.position = broadcast, position
    return bulk_create_with_history(rows, ROW_MODELS[key])
