"""Who may see and change what. Outsiders get 404, members who may not write get 403, and a
user without a team is asked to make one first.

- get_broadcast(request, pk): a show of one of the user's teams, to read;
- get_broadcast(request, pk, write=True): to change its plan (editors and owners, not while
  the show is locked);
- get_broadcast_for_writer(request, pk): to make something of it or lock it (editors and
  owners, locked or not);
- @team_required, @team_writer_required: the current team's pages and their writes.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from stage.broadcasts import Broadcast
from stage.teams import Membership, membership_for


def get_broadcast(request, pk: int, *, write: bool = False) -> tuple[Broadcast, Membership]:
    """The broadcast if the user is in its team and it is not in the trash; with write=True,
    only for editors and owners, and only while it is not locked."""
    team_ids = [m.team_id for m in request.memberships]
    broadcast = get_object_or_404(
        Broadcast.objects.in_use().select_related("team"), pk=pk, team__in=team_ids
    )
    membership = membership_for(request, broadcast.team_id)
    if write and not can_edit(broadcast, membership):
        raise PermissionDenied
    # A show reads in its own team's clock, whichever of the user's teams is current (kept
    # pages are keyed by that zone, stage/rendered.py).
    timezone.activate(broadcast.team.time_zone)
    return broadcast, membership


def get_broadcast_for_writer(request, pk: int) -> tuple[Broadcast, Membership]:
    """The broadcast for an editor or owner of its team, locked or not: to copy it, keep it as
    a template, lock or unlock it; none of these changes its plan."""
    broadcast, membership = get_broadcast(request, pk)
    writer(membership)
    return broadcast, membership


def can_edit(broadcast: Broadcast, membership: Membership) -> bool:
    return membership.can_write and not broadcast.locked


def writer(membership: Membership | None) -> Membership:
    """The membership, if it may write (editors and owners); 403 otherwise."""
    if membership is None or not membership.can_write:
        raise PermissionDenied
    return membership


def team_required(view):
    """A page of the current team (request.membership); without a team, make one first."""

    @wraps(view)
    def with_team(request, *args, **kwargs):
        if request.membership is None:
            return redirect("team_new")
        return view(request, *args, **kwargs)

    return with_team


def team_writer_required(view):
    """A write to the current team: as team_required, and only for editors and owners."""

    @wraps(view)
    def as_writer(request, *args, **kwargs):
        writer(request.membership)
        return view(request, *args, **kwargs)

    return team_required(as_writer)


def require_owner(request) -> Membership:
    """The current team's membership, only if the user owns the team."""
    membership = request.membership
    if membership is None:
        raise PermissionDenied
    if not membership.is_owner:
        raise PermissionDenied
    return membership
