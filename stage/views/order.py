"""Putting a checklist's rows in order: a step up or down from the keyboard, or the whole list
after a drag and drop. Played segments of a show on air keep their place."""

from django.db import transaction
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from stage.access import get_broadcast
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.checklists.signoff import record_edit
from stage.views.checklists import refuse_played, written


def renumber(rows: list) -> None:
    for position, row in enumerate(rows, start=1):
        row.position = position
    if rows:
        type(rows[0]).objects.bulk_update(rows, ["position"])


@require_POST
def row_move(request, pk: int, letter: str, row_id: int):
    """Keyboard reordering: one step up or down."""
    broadcast, membership = get_broadcast(request, pk, write=True)
    rows = list(CHECKLIST_BY_LETTER[letter].model.objects.filter(broadcast=broadcast))
    index = next((i for i, r in enumerate(rows) if r.pk == row_id), None)
    if index is None:
        return HttpResponseBadRequest()
    target = index - 1 if request.POST.get("direction") == "up" else index + 1
    if 0 <= target < len(rows):
        swapped = [rows[index], rows[target]]
        if refused := refuse_played(request, broadcast, membership, letter, swapped):
            return refused
        rows[index], rows[target] = rows[target], rows[index]
        with transaction.atomic():
            renumber(rows)
            record_edit(broadcast, letter)
    return written(request, broadcast, membership, letter)


@require_POST
def reorder(request, pk: int, letter: str):
    """Drag-and-drop reordering: the full list of the checklist's row ids, in the new order."""
    broadcast, membership = get_broadcast(request, pk, write=True)
    rows = {r.pk: r for r in CHECKLIST_BY_LETTER[letter].model.objects.filter(broadcast=broadcast)}
    try:
        ids = [int(i) for i in request.POST.getlist("ids")]
    except ValueError:
        return HttpResponseBadRequest()
    if sorted(ids) != sorted(rows):
        return HttpResponseBadRequest(_("The list of rows does not match this checklist."))
    moved = [rows[i] for i, old in zip(ids, rows, strict=True) if i != old]
    if refused := refuse_played(request, broadcast, membership, letter, moved):
        return refused
    with transaction.atomic():
        renumber([rows[i] for i in ids])
        record_edit(broadcast, letter)
    return written(request, broadcast, membership, letter)
