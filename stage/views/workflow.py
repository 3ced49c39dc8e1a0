"""Team workflow: duplicate, templates, trash and the read-only lock of past shows."""

from datetime import datetime, timedelta
from http import HTTPStatus

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stage.access import get_broadcast_for_writer, team_required, writer
from stage.broadcasts import Broadcast
from stage.copying import carry_conclusions, copy_broadcast
from stage.forms import NewShowForm, TemplateForm
from stage.showtemplates import ShowTemplate
from stage.transfer import ImportProblems, export_broadcast

TRASH_DAYS = 30


def _new_show(request, document, team, initial, action_title, back, then=None):
    """The title-and-start form, and on POST the new show made from the document (and then
    given to `then`, in the same transaction)."""
    form = NewShowForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                show = copy_broadcast(
                    document, team, title=data["title"], start=data["scheduled_start"]
                )
                if then:
                    then(show)
        except ImportProblems as problems:
            for place, message in problems.problems:
                form.add_error(None, f"{place}: {message}" if place else message)
        else:
            messages.success(request, _("“%(title)s” created.") % {"title": show.title})
            return redirect("broadcast_detail", pk=show.pk)
    ctx = {"form": form, "title": action_title, "back": back, "carries": then is not None}
    return render(
        request,
        "stage/new_show.html",
        ctx,
        status=HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def broadcast_duplicate(request, pk: int):
    broadcast, membership = get_broadcast_for_writer(request, pk)
    initial = {
        "title": _("%(title)s (copy)") % {"title": broadcast.title},
        "scheduled_start": broadcast.local_start + timedelta(days=7),
    }
    document = export_broadcast(broadcast)
    title = _("Duplicate “%(title)s”") % {"title": broadcast.title}
    return _new_show(request, document, broadcast.team, initial, title, broadcast)


@require_http_methods(["GET", "POST"])
def next_show(request, pk: int):
    """A copy of the show for next week, with its review's conclusions on the copied rows."""
    broadcast, membership = get_broadcast_for_writer(request, pk)
    initial = {
        "title": broadcast.title,
        "scheduled_start": broadcast.local_start + timedelta(days=7),
    }
    title = _("Plan the next show from “%(title)s”") % {"title": broadcast.title}
    return _new_show(
        request,
        export_broadcast(broadcast),
        broadcast.team,
        initial,
        title,
        broadcast,
        then=lambda show: carry_conclusions(broadcast, show),
    )


@require_POST
def template_save(request, pk: int):
    broadcast, membership = get_broadcast_for_writer(request, pk)
    form = TemplateForm({"name": request.POST.get("name") or broadcast.title})
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["name"]))
        return redirect("broadcast_detail", pk=pk)
    form.instance.team, form.instance.created_by = broadcast.team, request.user
    form.instance.document = export_broadcast(broadcast)
    template = form.save()
    message = _("Saved as the team template “%(name)s”.") % {"name": template.name}
    messages.success(request, message)
    return redirect("template_list")


@team_required
def template_list(request):
    membership = request.membership
    templates = ShowTemplate.objects.filter(team=membership.team).select_related("created_by")
    ctx = {"templates": templates, "can_write": membership.can_write}
    return render(request, "stage/templates.html", ctx)


@require_http_methods(["GET", "POST"])
def template_use(request, template_id: int):
    membership = writer(request.membership)
    template = get_object_or_404(ShowTemplate, pk=template_id, team=membership.team)
    start = timezone.localtime() + timedelta(days=7)
    planned = template.document["broadcast"]["scheduled_start"]
    clock = datetime.fromisoformat(planned)
    initial = {
        "title": template.document["broadcast"]["title"],
        "scheduled_start": start.replace(hour=clock.hour, minute=clock.minute, second=0),
    }
    title = _("New show from “%(name)s”") % {"name": template.name}
    return _new_show(request, template.document, membership.team, initial, title, None)


@require_POST
def template_delete(request, template_id: int):
    membership = writer(request.membership)
    template = get_object_or_404(ShowTemplate, pk=template_id, team=membership.team)
    template.delete()
    messages.success(request, _("Template “%(name)s” deleted.") % {"name": template.name})
    return redirect("template_list")


@team_required
def trash(request):
    membership = request.membership
    cutoff = timezone.now() - timedelta(days=TRASH_DAYS)
    trashed = Broadcast.objects.trashed().filter(team=membership.team, deleted_at__gte=cutoff)
    ctx = {"trashed": trashed, "can_write": membership.can_write, "days": TRASH_DAYS}
    return render(request, "stage/trash.html", ctx)


@require_POST
def trash_restore(request, pk: int):
    membership = writer(request.membership)
    broadcast = get_object_or_404(Broadcast.objects.trashed(), pk=pk, team=membership.team)
    broadcast.deleted_at = None
    broadcast.save(update_fields=["deleted_at"])
    messages.success(request, _("“%(title)s” restored.") % {"title": broadcast.title})
    return redirect("broadcast_detail", pk=pk)


@require_POST
def broadcast_lock(request, pk: int):
    """Locks a show that is over as a read-only record, or unlocks it."""
    broadcast, membership = get_broadcast_for_writer(request, pk)
    if not broadcast.can_be_locked:
        messages.error(request, _("Only a show that is done or reviewed can be locked."))
        return redirect("broadcast_detail", pk=pk)
    broadcast.locked = request.POST.get("locked") == "1"
    broadcast.save(update_fields=["locked"])
    if broadcast.locked:
        messages.success(request, _("Locked: the plan of this show is now read-only."))
    else:
        messages.success(request, _("Unlocked: the plan can be edited again."))
    return redirect("broadcast_detail", pk=pk)
