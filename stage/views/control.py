"""The control room's cue list (planned and edited before the show) and its writes on air:
ticking a cue off, a message to the host, a stock entry."""

from http import HTTPStatus
from operator import attrgetter

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from stage.access import can_edit, get_broadcast
from stage.control import Cue, generate_cues, presets_for
from stage.control_forms import CueForm, MessageForm, StockForm
from stage.plan import load_plan
from stage.runsheet import timeline
from stage.versioning import save_or_refuse
from stage.views.live import VIEWS, operator_live

OPERATOR = VIEWS["operator"]
what_it_does = attrgetter("segment_id", "kind", "product_id", "giveaway_id", "ad_slot_id")


def render_cues(request, broadcast, membership, *, add_form=None, edit_form=None, status=200):
    can_write = can_edit(broadcast, membership)
    plan = load_plan(broadcast)
    if can_write and add_form is None:
        add_form = CueForm(broadcast=broadcast, prefix="add")
    editing = request.GET.get("edit")
    if can_write and edit_form is None and editing and editing.isdecimal() and editing.isascii():
        cue = next((c for c in plan.cues if c.pk == int(editing)), None)
        edit_form = cue and CueForm(instance=cue, broadcast=broadcast, prefix="edit")
    ctx = {
        "broadcast": broadcast,
        "rows": timeline(plan),
        "can_write": can_write,
        "add_form": add_form,
        "edit_form": edit_form,
        "editing_id": edit_form.instance.pk if edit_form else None,
        "generated": sum(c.generated for c in plan.cues),
    }
    return render(request, "stage/cues.html", ctx, status=status)


@require_http_methods(["GET", "POST"])
def cue_list(request, pk: int):
    """The cue list by segment; a POST adds a cue."""
    broadcast, membership = get_broadcast(request, pk, write=request.method == "POST")
    if request.method == "POST":
        form = CueForm(request.POST, broadcast=broadcast, prefix="add")
        if not form.is_valid():
            return render_cues(
                request,
                broadcast,
                membership,
                add_form=form,
                status=HTTPStatus.UNPROCESSABLE_ENTITY,
            )
        form.save()
        messages.success(request, _("Cue added."))
        return redirect("cue_list", pk=pk)
    return render_cues(request, broadcast, membership)


@require_POST
def cue_update(request, pk: int, cue_id: int):
    broadcast, membership = get_broadcast(request, pk, write=True)
    cue = get_object_or_404(broadcast.cues, pk=cue_id)
    form = CueForm(request.POST, instance=cue, broadcast=broadcast, prefix="edit")
    if not form.is_valid() or not save_or_refuse(form):
        return render_cues(
            request, broadcast, membership, edit_form=form, status=HTTPStatus.UNPROCESSABLE_ENTITY
        )
    return redirect("cue_list", pk=pk)


@require_POST
def cue_delete(request, pk: int, cue_id: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    get_object_or_404(broadcast.cues, pk=cue_id).delete()
    return redirect("cue_list", pk=pk)


@require_POST
def cues_generate(request, pk: int):
    """Cues made from the plan again: generated cues not yet done are replaced; cues added by
    hand and cues already done stay."""
    broadcast, _membership = get_broadcast(request, pk, write=True)
    with transaction.atomic():
        broadcast.cues.filter(generated=True, done_at__isnull=True).delete()
        done = set(map(what_it_does, broadcast.cues.filter(generated=True)))
        fresh = [c for c in generate_cues(load_plan(broadcast)) if what_it_does(c) not in done]
        Cue.objects.bulk_create(fresh)
        broadcast.touch()
    made = ngettext("%(n)d cue made from the plan.", "%(n)d cues made from the plan.", len(fresh))
    messages.success(request, made % {"n": len(fresh)})
    return redirect("cue_list", pk=pk)


def form_answer(request, broadcast, template: str, status: int, **ctx):
    """An operator's message or stock form answered with itself (its errors, or empty again);
    after a write, #live fetches itself (live-changed)."""
    if not request.htmx:
        return redirect("live_operator", pk=broadcast.pk)
    response = render(request, template, {"broadcast": broadcast, **ctx}, status=status)
    if status == 200:
        trigger_client_event(response, "live-changed")
    return response


@require_POST
def live_cue_done(request, pk: int, cue_id: int):
    """Ticks a cue off (who, when), or back on (done=0) when it was ticked by mistake. The
    button says which, so two operators pressing at once agree: the first tick's who and when
    stay."""
    broadcast, _membership = get_broadcast(request, pk, write=True)
    cue = get_object_or_404(Cue, pk=cue_id, broadcast=broadcast)
    cues = Cue.objects.filter(pk=cue.pk)
    if request.POST.get("done") == "0":
        changed = cues.exclude(done_at=None).update(done_at=None, done_by=None)
    else:
        changed = cues.filter(done_at=None).update(done_at=timezone.now(), done_by=request.user)
    if changed:
        broadcast.touch()
    return operator_live(request, broadcast)


@require_POST
def live_message(request, pk: int):
    """Sends a message to the big screen (it replaces the one showing), or clears it."""
    broadcast, _membership = get_broadcast(request, pk, write=True)
    data = request.POST.copy()
    if request.POST.get("preset"):  # a one-tap message: the button's own text
        data["text"] = request.POST["preset"]
    form = MessageForm(data)
    status = 200
    if request.POST.get("clear"):
        broadcast.host_messages.filter(cleared_at__isnull=True).update(cleared_at=timezone.now())
        form = MessageForm()
    elif form.is_valid():
        with transaction.atomic():
            broadcast.host_messages.filter(cleared_at__isnull=True).update(
                cleared_at=timezone.now()
            )
            form.instance.broadcast, form.instance.sent_by = broadcast, request.user
            form.save()
        form = MessageForm()
    else:
        status = HTTPStatus.UNPROCESSABLE_ENTITY
    if status == 200:
        broadcast.touch()
    presets = presets_for(broadcast.team)
    template = f"{OPERATOR}#message-form"
    return form_answer(request, broadcast, template, status, message_form=form, presets=presets)


@require_POST
def live_stock(request, pk: int):
    """Records units released to a cart link and units sold."""
    broadcast, _membership = get_broadcast(request, pk, write=True)
    form = StockForm(request.POST, broadcast=broadcast)
    status = HTTPStatus.UNPROCESSABLE_ENTITY
    if form.is_valid():
        entry = form.save(commit=False)
        entry.recorded_by = request.user
        entry.save()
        broadcast.touch()
        form, status = StockForm(broadcast=broadcast), 200
    return form_answer(request, broadcast, f"{OPERATOR}#stock-form", status, stock_form=form)
