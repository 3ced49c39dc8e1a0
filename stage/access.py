"""Permission helpers: outsiders get 404, members who may not write get 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
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


def can_edit(broadcast: Broadcast, membership: Membership) -> bool:
    return membership.can_write and not broadcast.locked


def require_owner(request) -> Membership:
    """The current team's membership, only if the user owns the team."""
    membership = request.membership
    if membership is None:
        raise PermissionDenied
    if not membership.is_owner:
        raise PermissionDenied
    return membership
