"""The pulse of a broadcast's page: who else is here, the version of the show, the bell.

Every page of a broadcast asks once a second (static/js/together.js). The answer names the
broadcast's version and the people on it; the page refetches its own content only when the
version moved. An unchanged answer is a 304 without a body, decided from one read of the
presence rows, so an idle page costs the same at 10 segments as at 1,000. Presence lives in
the database: any app server can answer any pulse.
"""

import hashlib

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from stage.access import get_broadcast
from stage.comments import Notification
from stage.presence import PAGES, here_now, leave, record
from stage.versioning import their_changes


def number_in(request, name: str) -> int | None:
    """A small whole number from the query (a row id, a version), or None."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@require_http_methods(["GET", "POST"])
def broadcast_pulse(request, pk: int):
    """GET: I am on ?page=, editing ?editing=; who else is here? POST: I left ?page=."""
    broadcast, _membership = get_broadcast(request, pk)
    page = request.GET.get("page")
    page = page if page in PAGES else "hub"
    if request.method == "POST":
        leave(broadcast, request.user, page)
        return HttpResponse(status=204)
    now = timezone.now()
    present = here_now(broadcast, now)
    record(broadcast, request.user, page, number_in(request, "editing"), now, present)
    others = [p for p in present if p.user_id != request.user.pk]
    people = [(p.user_id, p.page, p.editing) for p in others]
    unread = Notification.objects.visible_to(request).unread().count()  # the bell follows
    state = repr((broadcast.live_version, get_language(), people, unread)).encode()
    etag = f'"pulse-{hashlib.sha256(state).hexdigest()[:16]}"'
    response = get_conditional_response(request, etag=etag) or render(
        request,
        "stage/includes/together.html#pulse",
        {"broadcast": broadcast, "others": others, "page": page, "unread": unread},
    )
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache, private"
    return response


def all_it_changed(response, broadcast):
    """The answer of a write that shows the page everything the write changed on it: if the
    write moved the show's version once, it says from what to what, and a page that was at
    the first takes the second without fetching itself again (static/js/together.js), which
    would also wipe the answer's own confirmation."""
    if moved := broadcast.moved_once():
        response["STAGE-Version"] = " ".join(map(str, moved))
    return response


def their_changes_answer(request, form):
    """For an open form: what others saved since ?since=, with their values to take."""
    changes = their_changes(form, number_in(request, "since") or 0)
    return render(request, "stage/includes/clash.html#changed", {"changes": changes})
