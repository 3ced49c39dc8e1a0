"""Comment threads (on a row or on the broadcast), sign-off requests, and each person's
notifications. Any member of the broadcast's team may read, comment, resolve and ask, viewers
included, and a locked broadcast still takes comments: none of it changes the plan."""

from http import HTTPStatus

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stage.access import get_broadcast
from stage.accounts import display_name
from stage.comment_forms import CommentForm, SignoffRequestForm
from stage.comments import (
    Anchor,
    Comment,
    Notification,
    add_comment,
    get_anchor,
    request_signoff,
    team_members,
)

LIST_LENGTH = 100  # the newest notifications; older ones are not shown


def site_of(request) -> str:
    """Scheme and host, for the links in mails."""
    return request.build_absolute_uri("/").removesuffix("/")


def render_thread(request, broadcast, anchor: Anchor, members, form, *, status=200):
    """The thread page, or for htmx its #thread partial."""
    comments = Comment.objects.filter(
        broadcast=broadcast, letter=anchor.letter, row_id=anchor.row_id
    ).select_related("author", "resolved_by")
    ctx = {
        "broadcast": broadcast,
        "anchor": anchor,
        "thread_url": anchor.url(broadcast.pk),
        "row_url": anchor.row_url(broadcast.pk),
        "comments": comments,
        "members": members,
        "form": form,
    }
    template = "stage/comments.html#thread" if request.htmx else "stage/comments.html"
    return render(request, template, ctx, status=status)


@require_http_methods(["GET", "POST"])
def thread(request, pk: int):
    """The comments of `?on=` (S-12: row 12 of S; nothing: the broadcast); a POST adds one."""
    broadcast, _membership = get_broadcast(request, pk)
    anchor = get_anchor(broadcast, request.GET.get("on", ""))
    members = team_members(broadcast.team)
    users = [m.user for m in members]
    if request.method == "GET":
        return render_thread(request, broadcast, anchor, members, CommentForm(users=users))
    form = CommentForm(request.POST, users=users)
    if not form.is_valid():
        return render_thread(
            request, broadcast, anchor, members, form, status=HTTPStatus.UNPROCESSABLE_ENTITY
        )
    with transaction.atomic():
        body, author = form.cleaned_data["body"], request.user
        comment = add_comment(broadcast, anchor, author, body, users, site=site_of(request))
        broadcast.touch()  # pages kept per version show the row's count of open comments
    if request.htmx:
        return render_thread(request, broadcast, anchor, members, CommentForm(users=users))
    return redirect(f"{anchor.url(broadcast.pk)}#comment-{comment.pk}")


@require_POST
def comment_resolve(request, pk: int, comment_id: int):
    """Resolves a comment, or with action=reopen opens it again."""
    broadcast, _membership = get_broadcast(request, pk)
    comment = get_object_or_404(Comment, pk=comment_id, broadcast=broadcast)
    with transaction.atomic():
        if request.POST.get("action") == "reopen":
            comment.reopen()
        else:
            comment.resolve(request.user)
        broadcast.touch()
    anchor = get_anchor(broadcast, Anchor(comment.letter, comment.row_id).param)
    if request.htmx:
        members = team_members(broadcast.team)
        form = CommentForm(users=[m.user for m in members])
        return render_thread(request, broadcast, anchor, members, form)
    return redirect(f"{anchor.url(broadcast.pk)}#comment-{comment.pk}")


@require_http_methods(["GET", "POST"])
def signoff_request(request, pk: int, letter: str):
    """Asks a member to sign off a letter: a notification (and a mail, if they chose so).
    GET: the form, opened (kept checklist pages hold only its summary: the team changes
    without the show's version moving)."""
    broadcast, _membership = get_broadcast(request, pk)
    members = team_members(broadcast.team)
    if request.method == "GET":
        ctx = {"broadcast": broadcast, "letter": letter, "members": members, "opened": True}
        return render(request, "stage/includes/signoff_request.html", ctx)
    form = SignoffRequestForm(request.POST, members=members, asking=request.user)
    sent = ""
    if form.is_valid():
        to, note = form.cleaned_data["member"], form.cleaned_data["note"]
        with transaction.atomic():
            request_signoff(broadcast, letter, request.user, to, note, site=site_of(request))
        sent = _("Asked %(name)s to sign off %(letter)s.") % {
            "name": display_name(to),
            "letter": letter,
        }
    if not request.htmx:
        if sent:
            messages.success(request, sent)
        else:
            errors = (e for field_errors in form.errors.values() for e in field_errors)
            messages.error(request, " ".join(errors))
        return redirect("checklist", pk=broadcast.pk, letter=letter)
    ctx = {
        "broadcast": broadcast,
        "letter": letter,
        "members": members,
        "request_form": None if sent else form,
        "sent": sent,
    }
    status = 200 if sent else HTTPStatus.UNPROCESSABLE_ENTITY
    return render(request, "stage/includes/signoff_request.html", ctx, status=status)


@require_GET
def notifications(request):
    """The person's notifications, newest first, in the teams they are still in."""
    items = (
        Notification.objects.visible_to(request)
        .select_related("actor", "broadcast")
        .order_by("-created", "-pk")[:LIST_LENGTH]
    )
    return render(request, "stage/notifications.html", {"items": items})


@require_POST
def notifications_read(request):
    """Marks all the person's notifications read, or with `id` one of them."""
    unread = Notification.objects.filter(user=request.user, read_at=None)
    one = request.POST.get("id", "")
    if one:
        unread = unread.filter(pk=int(one) if one.isdecimal() and one.isascii() else 0)
    unread.update(read_at=timezone.now())
    return redirect("notifications")


@require_POST
def notification_open(request, notification_id: int):
    """Marks a notification read and goes where it points: the comment, or the checklist."""
    visible = Notification.objects.visible_to(request)
    notification = get_object_or_404(visible, pk=notification_id)
    visible.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())
    return redirect(notification.get_absolute_url())
