"""History: who changed what and when in a broadcast and its five checklists, from
django-simple-history, with restore of a row to any recorded version."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stage.access import can_edit, get_broadcast
from stage.broadcasts import Broadcast
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem

# The rows with a history, by the name used in URLs, with their checklist letter.
ROW_MODELS = {
    "segment": (Segment, "T"),
    "adplan": (AdPlan, "A"),
    "adslot": (AdSlot, "A"),
    "product": (Product, "S"),
    "giveaway": (Giveaway, "G"),
    "warmupitem": (WarmupItem, "E"),
}
LIMIT = 300  # most recent records per model on the page
SKIP = {"version", "live_version", "updated", "ends_at"}
KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def _changes(record, previous) -> list[tuple[str, object, object]]:
    """(field, before, after) for each field this record changed; bookkeeping fields aside."""
    model = record.instance_type
    skip = [f.name for f in model._meta.fields if f.name in SKIP]
    out = []
    for change in record.diff_against(previous, excluded_fields=skip).changes:
        field = model._meta.get_field(change.field)
        choices = dict(field.flatchoices) if field.choices else {}
        old, new = (choices.get(v, v) for v in (change.old, change.new))
        out.append((field.verbose_name, old, new))
    return out


def _entries(broadcast) -> list[dict]:
    sources = [("broadcast", Broadcast.history.filter(id=broadcast.pk), "")]
    for key, (model, letter) in ROW_MODELS.items():
        sources.append((key, model.history.filter(broadcast_id=broadcast.pk), letter))
    entries = []
    for key, queryset, letter in sources:
        records = list(queryset.select_related("history_user").order_by("-history_date")[:LIMIT])
        records.reverse()  # oldest first, to pair each record with the one before it
        last = {}
        for record in records:
            entries.append(
                {
                    "record": record,
                    "key": key,
                    "letter": letter,
                    "kind": KINDS.get(record.history_type, "changed"),
                    "model": record.instance_type._meta.verbose_name,
                    "changes": _changes(record, last[record.id]) if record.id in last else [],
                }
            )
            last[record.id] = record
    entries.sort(key=lambda e: e["record"].history_date, reverse=True)
    return entries


def broadcast_history(request, pk: int):
    broadcast, membership = get_broadcast(request, pk)
    ctx = {
        "broadcast": broadcast,
        "entries": _entries(broadcast),
        "can_write": can_edit(broadcast, membership),
    }
    return render(request, "stage/history.html", ctx)


@require_POST
def history_restore(request, pk: int, model: str, history_id: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    if model not in ROW_MODELS:
        raise Http404
    row_model, _letter = ROW_MODELS[model]
    record = get_object_or_404(
        row_model.history.model, history_id=history_id, broadcast_id=broadcast.pk
    )
    row = record.instance
    row.broadcast = broadcast  # the one whose version its save moves (PlanRow)
    current = row_model.objects.filter(pk=row.pk).first()
    row.version = (current.version if current else record.version) + 1
    for field in row._meta.concrete_fields:  # links to rows deleted since then are dropped
        target = getattr(row, field.attname)
        linked = field.many_to_one and field.name != "broadcast" and target is not None
        if linked and not field.related_model.objects.filter(pk=target).exists():
            setattr(row, field.attname, None)
    with transaction.atomic():
        row._change_reason = _("restored")
        row.save()
    messages.success(request, _("“%(row)s” restored to that version.") % {"row": row})
    return redirect("broadcast_history", pk=pk)
