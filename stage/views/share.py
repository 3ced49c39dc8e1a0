"""Share links: owners and editors hand crew a read-only link to the run-sheet and live views.

A token opens only its broadcast's run-sheet, big screen and phone view, and nothing once it
is revoked or expired.
"""

from datetime import timedelta
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from stage.access import get_broadcast
from stage.forms import ShareLinkForm
from stage.sharing import SHOW_DAY, ShareLink
from stage.views.live import render_live
from stage.views.runsheet import pdf_download, sheet_page


def expiry(broadcast, days: int):
    """A link lasts the chosen days from now or, by default, until a day after the show's
    planned end (and at least a day, for a show already over)."""
    now = timezone.now()
    if days != SHOW_DAY:
        return now + timedelta(days=days)
    end = broadcast.scheduled_start + timedelta(minutes=broadcast.planned_minutes)
    return max(end, now) + timedelta(days=1)


@require_http_methods(["GET", "POST"])
def share_links(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    form = ShareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = form.save(commit=False)
        link.broadcast, link.created_by = broadcast, request.user
        link.expires_at = expiry(broadcast, form.cleaned_data["days"])
        link.save()
        messages.success(request, _("Share link created."))
        return redirect("share_links", pk=pk)
    ctx = {
        "broadcast": broadcast,
        "form": form,
        "links": broadcast.share_links.select_related("created_by"),
        "now": timezone.now(),
    }
    return render(
        request,
        "stage/share_links.html",
        ctx,
        status=HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200,
    )


@require_POST
def share_revoke(request, pk: int, link_id: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    link = get_object_or_404(ShareLink, pk=link_id, broadcast=broadcast)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    messages.success(request, _("Share link revoked: it opens nothing any more."))
    return redirect("share_links", pk=pk)


def _open(request, token: str):
    """The link's broadcast in its team's time zone; a clear page when it no longer holds."""
    links = ShareLink.objects.select_related("broadcast__team")
    link = links.filter(token=token, broadcast__deleted_at__isnull=True).first()
    if link is None:
        raise Http404
    if not link.is_active():
        if request.htmx:  # an open live view: reload it so it shows the page below
            return link, HttpResponseClientRefresh()
        page = render(request, "stage/share_gone.html", {"link": link}, status=HTTPStatus.GONE)
        return link, page
    timezone.activate(link.broadcast.team.time_zone)
    return link, None


@login_not_required
@require_safe
def shared_runsheet(request, token: str):
    link, refused = _open(request, token)
    if refused:
        return refused
    return sheet_page(request, link.broadcast, share=link)


@login_not_required
@require_safe
def shared_runsheet_pdf(request, token: str):
    link, refused = _open(request, token)
    return refused or pdf_download(request, link.broadcast, share=link)


@login_not_required
@require_safe
def shared_screen(request, token: str):
    link, refused = _open(request, token)
    return refused or render_live(request, link.broadcast, "screen", share=link)


@login_not_required
@require_safe
def shared_phone(request, token: str):
    link, refused = _open(request, token)
    return refused or render_live(request, link.broadcast, "phone", share=link)
