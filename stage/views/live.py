"""The live views: the operator's control, the hosts' big screen and the floor staff's phone.

Each page polls its own URL for its `#live` partial every second. The partial is rendered once
per version of the show and minute (kept_html), however many screens poll it, and a poll that
already holds it gets a 304. The page and its partial share a URL, so every answer varies on
HX-Request (stage.middleware) and the partial's ETag names the partial: a browser can never
revalidate one with the other's. Countdowns tick in the browser from the deadlines the
partial carries and the server clock the responses' Date headers tell.
"""

import hashlib
from datetime import timedelta
from http import HTTPStatus

from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from stage.access import can_edit, get_broadcast
from stage.broadcasts import Status
from stage.control import current_message, edits_on_air, host_card, presets_for, stock_by_link
from stage.control_forms import MessageForm, StockForm
from stage.onair import ShowControlError, live_state, step
from stage.plan import load_plan
from stage.rendered import CSRF_HOLE, kept_part
from stage.runsheet import timeline

VIEWS = {
    "operator": "stage/live/operator.html",
    "screen": "stage/live/screen.html",
    "phone": "stage/live/phone.html",
}


def live_context(broadcast, view: str, now, **extra) -> dict:
    plan = load_plan(broadcast)
    live = live_state(plan, timeline(plan), now)
    stock = stock_by_link(plan, live)
    return {
        "broadcast": broadcast,
        "currency": broadcast.currency_symbol,
        "live": live,
        "view": view,
        "message": current_message(broadcast),
        "stock": stock,
        "card": host_card(live, stock),
        "edits": edits_on_air(broadcast, live.started_at) if view == "operator" else [],
        "changed_letters": plan.changed_letters if broadcast.status == Status.READY else [],
        **extra,
    }


def live_part(request, broadcast, view: str, minute, who: tuple, **extra) -> bytes:
    """The #live partial as this request sees it, kept per version of the show, minute and
    `who` (view, rights, share link: its token is in the partial's poll URL)."""

    def render_part():
        ctx = live_context(broadcast, view, minute, csrf_token=CSRF_HOLE, **extra)
        html = render_to_string(f"{VIEWS[view]}#live", ctx, request=request)
        return html, minute + timedelta(minutes=1)

    view_, moment, *rights = who
    store = caches["live"]
    return kept_part(
        request, broadcast, f"live-{view_}", render_part, *rights, store=store, moment=moment
    )


def render_live(request, broadcast, view: str, page=None, **extra):
    """The page (with `page`, what only the page shows), or for htmx its #live partial; 304
    when the poller already holds this one."""
    now = timezone.now()
    extra.setdefault("poll_url", request.path)
    if not request.htmx:
        ctx = live_context(broadcast, view, now, **extra) | (page or {})
        response = render(request, VIEWS[view], ctx)
        response["Cache-Control"] = "no-store"
        return response
    minute = now.replace(second=0, microsecond=0)
    share = extra.get("share")
    who = (view, int(minute.timestamp()), int(bool(extra.get("can_control"))), share and share.pk)
    # The partial carries this browser's CSRF token: another login on the same browser must
    # not be answered "keep yours".
    get_token(request)  # a browser without the cookie yet gets it now, and keeps it
    csrf = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()[:8]
    state = (broadcast.pk, broadcast.live_version, get_language(),
             timezone.get_current_timezone_name(), *who, csrf)  # fmt: skip
    etag = f'"live-{"-".join(map(str, state))}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        live_part(request, broadcast, view, minute, who, **extra)
    )
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache, private"
    return response


def live_operator(request, pk: int):
    broadcast, membership = get_broadcast(request, pk)
    can_control = can_edit(broadcast, membership)
    page = None
    if can_control:
        page = {
            "message_form": MessageForm(),
            "stock_form": StockForm(broadcast=broadcast),
            "presets": presets_for(broadcast.team),
        }
    return render_live(request, broadcast, "operator", page, can_control=can_control)


def live_screen(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk)
    return render_live(request, broadcast, "screen")


def live_phone(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk)
    return render_live(request, broadcast, "phone")


@require_POST
def live_control(request, pk: int):
    """One show-control step; htmx gets the operator's #live partial as it is now."""
    broadcast, _membership = get_broadcast(request, pk, write=True)
    status = 200
    try:
        confirmed = {name for name in ("early", "changes") if request.POST.get(name) == "1"}
        at = request.POST.get("at", "")
        at = int(at) if at.isdecimal() and at.isascii() and len(at) < 10 else None
        action = request.POST.get("action", "")
        step(broadcast, action, timezone.now(), confirmed=confirmed, at=at)
    except ShowControlError as refused:
        messages.error(request, str(refused))
        status = HTTPStatus.UNPROCESSABLE_ENTITY
    return operator_live(request, broadcast, status)


def operator_live(request, broadcast, status=200):
    """The answer to an operator's press: the #live partial as it is now, with any refusal
    (htmx), or the operator view (a plain form)."""
    if not request.htmx:
        return redirect("live_operator", pk=broadcast.pk)
    broadcast.refresh_from_db()
    poll_url = reverse("live_operator", args=[broadcast.pk])
    ctx = live_context(broadcast, "operator", timezone.now(), can_control=True, poll_url=poll_url)
    return render(request, f"{VIEWS['operator']}#live", ctx | {"refusals": True}, status=status)
