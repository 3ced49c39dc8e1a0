"""The JSON file of a broadcast: download it, or upload one as a new draft in the current team."""

import json
from http import HTTPStatus

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from stage.access import get_broadcast, team_writer_required
from stage.forms import ImportForm
from stage.transfer import ImportProblems, export_broadcast, import_broadcast

SHOWN_PROBLEMS = 50


@require_GET
def broadcast_export_json(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk)
    text = json.dumps(export_broadcast(broadcast), ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(text.encode(), content_type="application/json; charset=utf-8")
    name = slugify(broadcast.title, allow_unicode=True) or "broadcast"
    filename = f"{broadcast.local_start:%Y-%m-%d}-{name}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_http_methods(["GET", "POST"])
@team_writer_required
def broadcast_import(request):
    membership = request.membership
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            broadcast = import_broadcast(form.cleaned_data["file"].read(), membership.team)
        except ImportProblems as problems:
            form.add_error("file", problem_list(problems.problems))
        else:
            messages.success(
                request, _("Broadcast “%(title)s” imported.") % {"title": broadcast.title}
            )
            url = broadcast.get_absolute_url()
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200
    template = "stage/broadcast_import.html"
    ctx = {"form": form, "action": request.path, "team": membership.team}
    return render(request, f"{template}#form" if request.htmx else template, ctx, status=status)


def problem_list(problems: list[tuple[str, str]]) -> list[str]:
    """Each problem as “place: message”, the first few only when there are very many."""
    lines = [f"{place}: {message}" if place else message for place, message in problems]
    if len(lines) > SHOWN_PROBLEMS:
        more = len(lines) - SHOWN_PROBLEMS
        lines = [*lines[:SHOWN_PROBLEMS], _("… and %(count)s more.") % {"count": more}]
    return lines
