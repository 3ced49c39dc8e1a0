"""The five checklist pages: one view renders the page, its #sheet partial, or one row.

A write answers with the whole sheet, so clock times, totals and checks update together; an
inline edit that moves no other row answers with its row, and the figures above follow.
"""

from http import HTTPStatus

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import retarget, trigger_client_event

from stage.access import can_edit, get_broadcast
from stage.broadcasts import Status
from stage.checklists.adspend import AdPlan
from stage.checklists.forms import PLAYED, AdPlanForm, refuse_taken
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.checklists.signoff import changes_since, sign_off, withdraw_signoff
from stage.comments import comment_counts
from stage.gmv import planner_from
from stage.plan import clock_times, load_plan, load_row
from stage.rendered import kept_page
from stage.versioning import save_or_refuse
from stage.views.together import all_it_changed, their_changes_answer

ROW_LABELS = {
    "edit": gettext_lazy("Edit"),
    "up": gettext_lazy("Move up"),
    "down": gettext_lazy("Move down"),
    "delete": gettext_lazy("Delete"),
    "drag": gettext_lazy("Drag to reorder"),
    "confirm": gettext_lazy("Delete this row?"),
    "dismiss": gettext_lazy("Done with the review note"),
}


def row_context(request, broadcast, letter: str, can_write: bool) -> dict:
    """What a row of the table needs, on the whole sheet and in a row's own answer."""
    checklist = CHECKLIST_BY_LETTER[letter]
    orderable = can_write and checklist.orderable
    return {
        "broadcast": broadcast,
        "letter": letter,
        "letter_template": f"stage/checklists/{letter}.html",
        "checklist": checklist,
        # The letter's own, comments, then for writers the actions and any drag handle.
        "columns": checklist.columns + 1 + can_write + orderable,
        "orderable": orderable,
        "comment_counts": comment_counts(broadcast),
        "can_write": can_write,
        "labels": {name: str(label) for name, label in ROW_LABELS.items()},
        "url": broadcast.checklist_url(letter),
        "rows_url": reverse("row_create", args=[broadcast.pk, letter]),
    }


def target_row(request) -> int | None:
    """The row an htmx request is for (its HX-Target is the row): opening, cancelling or saving
    its inline edit."""
    target = request.htmx.target if request.htmx else None
    prefix, _, pk = (target or "").partition("-")
    return int(pk) if prefix == "row" and pk.isdigit() else None


def row_answer(request, broadcast, membership, letter, row, *, status=200, edit_form=None):
    """One row, without loading the plan. After a save the readiness and figures above the
    table fetch themselves (the sheet-changed event), so the row's confirmation does not wait
    for every check."""
    checklist = CHECKLIST_BY_LETTER[letter]
    row = load_row(broadcast, letter, row)
    can_write = can_edit(broadcast, membership)
    if edit_form is None and can_write and request.GET.get("edit") == str(row.pk):
        edit_form = checklist.form(instance=row, broadcast=broadcast, prefix="edit")
    ids = list(checklist.model.objects.filter(broadcast=broadcast).values_list("pk", flat=True))
    ctx = row_context(request, broadcast, letter, can_write) | {
        "row": row,
        "first_id": ids[0],
        "last_id": ids[-1],
        "edit_form": edit_form,
        "editing_id": edit_form.instance.pk if edit_form else None,
    }
    response = render(request, "stage/checklist.html#row", ctx, status=status)
    if request.method == "POST" and status == 200:
        trigger_client_event(response, "sheet-changed", after="settle")
        all_it_changed(response, broadcast)
    return response


def sheet_answer(request, broadcast, membership, letter, *, status=200, **forms):
    """The sheet with any bound forms: its #sheet partial for htmx, else the whole page."""
    ctx = sheet_context(request, broadcast, letter, can_edit(broadcast, membership), **forms)
    template = "stage/checklist.html#sheet" if request.htmx else "stage/checklist.html"
    return render(request, template, ctx, status=status)


def written(request, broadcast, membership, letter):
    """A write's answer: the sheet for htmx, else back to the page (post/redirect/get)."""
    if request.htmx:
        return sheet_answer(request, broadcast, membership, letter)
    return redirect(broadcast.checklist_url(letter))


def kept_sheet_page(request, broadcast, membership, letter):
    """The page as most visits see it, kept per version of the show."""
    can_write = can_edit(broadcast, membership)
    ctx = {"broadcast": broadcast, "checklist": CHECKLIST_BY_LETTER[letter], "letter": letter}

    def page_ctx():
        page = sheet_context(request, broadcast, letter, can_write)
        return page, page["plan"].next_overdue_at

    return kept_page(request, broadcast, "stage/checklist.html", ctx, page_ctx, letter, can_write)


def sheet_context(request, broadcast, letter, can_write, *, with_forms=True, **forms) -> dict:
    """What the page needs (the readiness alone needs no forms)."""
    checklist = CHECKLIST_BY_LETTER[letter]
    plan = load_plan(broadcast)
    rows = plan.rows(letter)
    editing = forms.get("edit_form")
    if editing is None and request.method == "GET" and can_write:
        row_id = request.GET.get("edit", "")
        row = next((r for r in rows if str(r.pk) == row_id), None)
        if row is not None:
            editing = checklist.form(instance=row, broadcast=broadcast, prefix="edit")
    ctx = row_context(request, broadcast, letter, can_write) | {
        "plan": plan,
        "tabs": [(c.letter, c.name, plan.state(c.letter)) for c in CHECKLIST_BY_LETTER.values()],
        "rows": rows,
        "first_id": rows[0].pk if rows else None,
        "last_id": rows[-1].pk if rows else None,
        "state": plan.state(letter),
        "findings": plan.findings_for(letter),
        "edit_form": editing,
        "editing_id": editing.instance.pk if editing else None,
    }
    signoff = ctx["state"]["signoff"]
    if signoff and signoff.changed_at:
        ctx["changes"] = changes_since(signoff, checklist.model)
    if not with_forms:
        return ctx
    ctx["add_form"] = forms.get("add_form") or checklist.form(broadcast=broadcast, prefix="add")
    if letter == "A":
        ctx["plan_form"] = forms.get("plan_form") or AdPlanForm(
            instance=plan.ad_plan, broadcast=broadcast, prefix="plan"
        )
        planner = planner_from(request.GET, plan)
        ctx["planner_pairs"] = [
            (_("Classic: UV × conversion × AOV"), planner["classic"]),
            (
                _("Kuaishou: UV × watch time × orders per minute × AOV × repurchase"),
                planner["seed"],
            ),
        ]
    return ctx


def checklist(request, pk: int, letter: str):
    """The checklist page; for htmx one of its parts: the form someone has open (?changes),
    the readiness and figures (?part=status), the ad planner (?planner), one row (HX-Target:
    opening or cancelling its inline edit), or the sheet."""
    broadcast, membership = get_broadcast(request, pk)
    if not request.htmx:
        if request.GET:  # ?edit=N without JavaScript
            return sheet_answer(request, broadcast, membership, letter)
        return kept_sheet_page(request, broadcast, membership, letter)
    if "changes" in request.GET:
        return their_changes_answer(request, open_form(broadcast, letter, request.GET["changes"]))
    can_write = can_edit(broadcast, membership)
    if request.GET.get("part") == "status":
        ctx = sheet_context(request, broadcast, letter, can_write, with_forms=False)
        response = render(request, "stage/checklist.html#status", ctx)
        # With them, out of band, the letters' tabs: a save may withdraw a sign-off or an error.
        tabs = render_to_string("stage/checklist.html#tabs", ctx | {"oob": True}, request=request)
        response.content += tabs.encode()
        return response
    if request.GET.get("planner"):
        ctx = sheet_context(request, broadcast, letter, can_write)
        return render(request, "stage/includes/ad_plan.html#planner", ctx)
    if (row_id := target_row(request)) is not None:
        row = get_row(broadcast, letter, row_id)
        return row_answer(request, broadcast, membership, letter, row)
    return sheet_answer(request, broadcast, membership, letter)


def open_form(broadcast, letter: str, which: str):
    """The form someone has open on this sheet: a row's (by id) or the ad plan's ("plan")."""
    if which == "plan" and letter == "A":
        plan = get_object_or_404(AdPlan, broadcast=broadcast)
        return AdPlanForm(instance=plan, broadcast=broadcast, prefix="plan")
    if not which.isdigit() or len(which) > 9:
        raise Http404
    row = get_row(broadcast, letter, int(which))
    return CHECKLIST_BY_LETTER[letter].form(instance=row, broadcast=broadcast, prefix="edit")


@require_POST
def row_create(request, pk: int, letter: str):
    broadcast, membership = get_broadcast(request, pk, write=True)
    checklist = CHECKLIST_BY_LETTER[letter]
    form = checklist.form(request.POST, broadcast=broadcast, prefix="add")
    try:
        with transaction.atomic():
            if saved := form.is_valid():
                rows = checklist.model.objects.filter(broadcast=broadcast)
                form.instance.position = (rows.aggregate(m=Max("position"))["m"] or 0) + 1
                form.save()
    except IntegrityError:  # a link taken by a save racing this one
        refuse_taken(form)
        saved = False
    if not saved:
        status = HTTPStatus.UNPROCESSABLE_ENTITY
        return sheet_answer(request, broadcast, membership, letter, add_form=form, status=status)
    return written(request, broadcast, membership, letter)


def get_row(broadcast, letter: str, row_id: int):
    row = get_object_or_404(CHECKLIST_BY_LETTER[letter].model, pk=row_id, broadcast=broadcast)
    row.broadcast = broadcast  # the one whose version its save moves (PlanRow)
    return row


@require_POST
def row_update(request, pk: int, letter: str, row_id: int):
    broadcast, membership = get_broadcast(request, pk, write=True)
    row = get_row(broadcast, letter, row_id)
    form = CHECKLIST_BY_LETTER[letter].form(
        request.POST, instance=row, broadcast=broadcast, prefix="edit"
    )
    try:
        with transaction.atomic():
            saved = form.is_valid() and save_or_refuse(form)
    except IntegrityError:
        refuse_taken(form)
        saved = False
    inline = target_row(request) == row.pk
    if not saved and inline:
        return row_answer(
            request,
            broadcast,
            membership,
            letter,
            row,
            edit_form=form,
            status=HTTPStatus.UNPROCESSABLE_ENTITY,
        )
    if not saved:
        return sheet_answer(
            request,
            broadcast,
            membership,
            letter,
            edit_form=form,
            status=HTTPStatus.UNPROCESSABLE_ENTITY,
        )
    moved = moves_other_rows(letter, form)
    if inline and moved and letter == "T":
        return row_and_clock_answer(request, broadcast, membership, row)
    if request.htmx and moved:
        return retarget(sheet_answer(request, broadcast, membership, letter), "#sheet")
    if inline:
        return row_answer(request, broadcast, membership, letter, row)
    return written(request, broadcast, membership, letter)


def row_and_clock_answer(request, broadcast, membership, row):
    """A segment's new length or hard start: its row, and out of band the clock times of the
    rows after it. The answer grows with the rows that moved, not with their text."""
    response = row_answer(request, broadcast, membership, "T", row)
    times = clock_times(broadcast)
    after = next(i for i, t in enumerate(times) if t.pk == row.pk) + 1
    ctx = {"part": "moved", "moved": times[after:], "broadcast": broadcast}
    response.content += render_to_string("stage/checklists/T.html", ctx).encode()
    return response


MOVING_FIELDS = {
    "T": {"minutes", "hard_start"},  # the clock times of the rows after it
    "G": {"segment", "at_minute"},  # its place in time order
    "E": {"publish"},
}


def moves_other_rows(letter: str, form) -> bool:
    """An edit that moves other rows' times, or this row's place, answers with the sheet."""
    return bool(MOVING_FIELDS.get(letter, set()) & set(form.changed_data))


@require_POST
def row_delete(request, pk: int, letter: str, row_id: int):
    broadcast, membership = get_broadcast(request, pk, write=True)
    row = get_row(broadcast, letter, row_id)
    if refused := refuse_played(request, broadcast, membership, letter, [row]):
        return refused
    with transaction.atomic():
        row.delete()
    return written(request, broadcast, membership, letter)


def refuse_played(request, broadcast, membership, letter, rows):
    """On air, the segments already played stay as they ran: no delete, no move."""
    if letter != "T" or broadcast.status != Status.LIVE:
        return None
    for row in rows:
        row.broadcast = broadcast
    if not any(row.played for row in rows):
        return None
    messages.error(request, PLAYED)
    return sheet_answer(
        request, broadcast, membership, letter, status=HTTPStatus.UNPROCESSABLE_ENTITY
    )


@require_POST
def ad_plan_save(request, pk: int):
    broadcast, membership = get_broadcast(request, pk, write=True)
    with transaction.atomic():
        broadcast.hold()  # two first saves: the second merges into the first, or asks
        instance = AdPlan.objects.filter(broadcast=broadcast).first()
        form = AdPlanForm(request.POST, instance=instance, broadcast=broadcast, prefix="plan")
        saved = form.is_valid() and save_or_refuse(form)
    if not saved:
        return sheet_answer(
            request,
            broadcast,
            membership,
            "A",
            plan_form=form,
            status=HTTPStatus.UNPROCESSABLE_ENTITY,
        )
    return written(request, broadcast, membership, "A")


@require_POST
def signoff(request, pk: int, letter: str):
    broadcast, membership = get_broadcast(request, pk, write=True)
    if request.POST.get("action") == "withdraw":
        withdraw_signoff(broadcast, letter)
    elif load_plan(broadcast).has_errors(letter):
        messages.error(
            request, _("Fix the errors first: a checklist with errors cannot be signed off.")
        )
    else:
        sign_off(broadcast, letter, request.user)
    return written(request, broadcast, membership, letter)


@require_POST
def broadcast_ready(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    if load_plan(broadcast).can_be_ready:
        broadcast.status = Status.READY
        broadcast.save(update_fields=["status"])
        messages.success(request, _("The broadcast is ready."))
    else:
        messages.error(request, _("All five checklists must be signed off, with no errors."))
    return redirect(broadcast)
