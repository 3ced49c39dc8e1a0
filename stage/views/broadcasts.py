from http import HTTPStatus

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from stage.access import can_edit, get_broadcast, team_required, team_writer_required
from stage.broadcasts import Broadcast
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.comments import comment_counts
from stage.forms import BroadcastFilter, BroadcastForm
from stage.plan import load_plan
from stage.rendered import kept_html, kept_page
from stage.runsheet import compose
from stage.timeline import picture
from stage.versioning import save_or_refuse
from stage.views.together import their_changes_answer


@team_required
def broadcast_list(request):
    filters = BroadcastFilter(request.GET)
    team_broadcasts = Broadcast.objects.in_use().filter(team=request.membership.team)
    broadcasts = filters.filter(team_broadcasts)
    broadcasts = broadcasts.with_readiness()
    ctx = {
        "filters": filters,
        "upcoming": broadcasts.upcoming(),
        "past": broadcasts.past(),
        "can_write": request.membership.can_write,
    }
    template = "stage/broadcast_list.html"
    return render(request, f"{template}#results" if request.htmx else template, ctx)


@require_http_methods(["GET", "POST"])
@team_writer_required
def broadcast_new(request):
    membership = request.membership
    form = BroadcastForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.team = membership.team
        broadcast = form.save()
        messages.success(request, _("Broadcast created."))
        url = broadcast.get_absolute_url()
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200
    template = "stage/broadcast_form.html"
    ctx = {"form": form, "action": request.path}
    return render(request, f"{template}#form" if request.htmx else template, ctx, status=status)


def broadcast_detail(request, pk: int):
    broadcast, membership = get_broadcast(request, pk)
    ctx = {
        "broadcast": broadcast,
        "can_write": can_edit(broadcast, membership),
        "can_lock": membership.can_write and broadcast.can_be_locked,
        # Only the details card shows it, and a kept page is served without it.
        "comment_counts": SimpleLazyObject(lambda: comment_counts(broadcast)),
    }
    template = "stage/broadcast_detail.html"
    if request.htmx and request.GET.get("part") == "readiness":  # a row of the list asks
        return HttpResponse(kept_html(broadcast, "readiness", lambda: readiness_html(broadcast)))
    if request.htmx:  # the details card alone, e.g. when an inline edit is cancelled
        return render(request, f"{template}#details", ctx)

    def page_ctx():  # kept per version of the show
        plan = load_plan(broadcast)
        sheet = compose(plan)
        letters = [(c, plan.state(c.letter)) for c in CHECKLIST_BY_LETTER.values()]
        # The review opens when the show's scheduled end passes: the page changes then too.
        ends = broadcast.ends_at if not broadcast.is_past else None
        stale_at = min(filter(None, [plan.next_overdue_at, ends]), default=None)
        page = {"plan": plan, "letters": letters, "sheet": sheet, "picture": picture(sheet)}
        return page, stale_at

    return kept_page(request, broadcast, template, ctx, page_ctx, ctx["can_write"], ctx["can_lock"])


def readiness_html(broadcast) -> tuple[str, object]:
    plan = load_plan(broadcast)
    html = render_to_string("stage/includes/readiness.html", {"readiness": plan.readiness})
    return html, plan.next_overdue_at


@require_http_methods(["GET", "POST"])
def broadcast_edit(request, pk: int):
    broadcast, membership = get_broadcast(request, pk, write=True)
    form = BroadcastForm(request.POST or None, instance=broadcast)
    if request.htmx and request.method == "GET" and "changes" in request.GET:
        return their_changes_answer(request, form)
    if request.method == "POST" and form.is_valid() and save_or_refuse(form):
        if not request.htmx:
            messages.success(request, _("Changes saved."))
            return redirect(broadcast)
        ctx = {"broadcast": broadcast, "can_write": True, "saved": True}
        ctx["comment_counts"] = comment_counts(broadcast)
        ctx["can_lock"] = broadcast.can_be_locked
        return render(request, "stage/broadcast_detail.html#details", ctx)
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200
    if form.errors:
        # Keep showing what is saved, not the refused input, outside the form.
        broadcast.refresh_from_db()
    ctx = {"form": form, "broadcast": broadcast, "action": request.path}
    template = "stage/broadcast_form.html"
    return render(request, f"{template}#form" if request.htmx else template, ctx, status=status)


@require_http_methods(["GET", "POST"])
def broadcast_delete(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    if request.method == "POST":
        broadcast.deleted_at = timezone.now()
        broadcast.save(update_fields=["deleted_at"])
        message = _("“%(title)s” is in the trash for 30 days: restore it from there.")
        messages.success(request, message % {"title": broadcast.title})
        return redirect("broadcast_list")
    return render(request, "stage/broadcast_delete.html", {"broadcast": broadcast})
