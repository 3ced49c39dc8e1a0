"""The live views: the operator's control, the hosts' big screen and the floor staff's phone.

Each page polls its own `#live` partial every second. A poll answers 304 while nothing has
changed (ETag: the broadcast's live_version, status, language and the minute); countdowns
tick in the browser from the deadline the partial carries.
"""

from django.contrib import messages
from django.http import HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from stage.access import can_edit, get_broadcast
from stage.onair import ShowControlError, live_state, step
from stage.plan import load_plan
from stage.runsheet import compose
from stage.views import INVALID

VIEWS = {
    "operator": "stage/live/operator.html",
    "screen": "stage/live/screen.html",
    "phone": "stage/live/phone.html",
}


def etag_of(broadcast, now) -> str:
    minute = int(now.timestamp() // 60)
    return f'"{broadcast.pk}-{broadcast.live_version}-{broadcast.status}-{get_language()}-{minute}"'


def render_live(request, broadcast, view: str, *, status=200, **extra):
    """The page, or for htmx its #live partial; 304 when the poller already has this state."""
    now = timezone.now()
    etag = etag_of(broadcast, now)
    # GZipMiddleware weakens the ETag it sends (W/"..."), and the browser sends that back.
    seen = request.headers.get("If-None-Match", "").removeprefix("W/")
    if request.htmx and seen == etag and status == 200:
        return HttpResponseNotModified(headers={"ETag": etag})
    plan = load_plan(broadcast)
    sheet = compose(plan)
    ctx = {
        "broadcast": broadcast,
        "sheet": sheet,
        "live": live_state(plan, sheet.rows, now),
        "view": view,
        **extra,
    }
    ctx.setdefault("poll_url", request.path)
    template = VIEWS[view]
    response = render(request, f"{template}#live" if request.htmx else template, ctx, status=status)
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache, private"
    return response


def live_operator(request, pk: int):
    broadcast, membership = get_broadcast(request, pk)
    return render_live(request, broadcast, "operator", can_control=can_edit(broadcast, membership))


def live_screen(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk)
    return render_live(request, broadcast, "screen")


def live_phone(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk)
    return render_live(request, broadcast, "phone")


@require_POST
def live_control(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    status = 200
    try:
        step(broadcast, request.POST.get("action", ""), timezone.now())
    except ShowControlError as refused:
        messages.error(request, str(refused))
        status = INVALID
    if not request.htmx:
        return redirect("live_operator", pk=pk)
    broadcast.refresh_from_db()
    poll_url = reverse("live_operator", args=[pk])
    return render_live(
        request, broadcast, "operator", status=status, can_control=True, poll_url=poll_url
    )
