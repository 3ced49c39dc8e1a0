"""Permission helpers: outsiders get 404, members who may not write get 403."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from stage.broadcasts import Broadcast
from stage.teams import Membership, membership_for


def get_broadcast(request, pk: int, *, write: bool = False) -> tuple[Broadcast, Membership]:
    """The broadcast if the user is in its team; with write=True, only for editors and owners."""
    team_ids = [m.team_id for m in request.memberships]
    broadcast = get_object_or_404(
        Broadcast.objects.select_related("team"), pk=pk, team__in=team_ids
    )
    membership = membership_for(request, broadcast.team_id)
    if write and not membership.can_write:
        raise PermissionDenied
    return broadcast, membership


def require_owner(request) -> Membership:
    """The current team's membership, only if the user owns the team."""
    membership = request.membership
    if membership is None:
        raise PermissionDenied
    if not membership.is_owner:
        raise PermissionDenied
    return membership
