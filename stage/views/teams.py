from http import HTTPStatus

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stage.access import require_owner, team_required
from stage.account_forms import InviteForm
from stage.accounts import display_name
from stage.control import MessagePresets, presets_for
from stage.control_forms import PresetsForm
from stage.forms import RoleForm, TeamForm
from stage.teams import SESSION_KEY, Membership, Role, Team, membership_for


@team_required
def team_detail(request):
    return _team_page(request)


def _team_page(request, status: int = 200, presets_form=None):
    team = request.membership.team
    if presets_form is None:
        presets_form = PresetsForm(initial={"lines": "\n".join(presets_for(team))})
    ctx = {
        "invite_form": InviteForm(),
        "invitations": team.invitations.select_related("accepted_by")[:30],
        "new_link": request.session.pop("new_invitation_link", None),
        "presets_form": presets_form,
        "team": team,
        "members": team.memberships.select_related("user").order_by("user__username"),
        "is_owner": request.membership.is_owner,
        "roles": Role.choices,
    }
    return render(request, "stage/team.html", ctx, status=status)


@require_POST
def presets_save(request):
    """The team's one-tap messages to the host (owners)."""
    owner = require_owner(request)
    with transaction.atomic():
        owner.team.hold()
        instance = MessagePresets.objects.filter(team=owner.team).first()
        form = PresetsForm(request.POST, instance=instance or MessagePresets(team=owner.team))
        if not form.is_valid():
            return _team_page(request, HTTPStatus.UNPROCESSABLE_ENTITY, presets_form=form)
        form.save()
    messages.success(request, _("One-tap messages saved."))
    return redirect("team_detail")


def _other_owners(member: Membership) -> bool:
    """Inside the transaction that demotes or removes `member`: the other owners stay owners
    until it commits, so two owners demoting each other at once leave one of them."""
    Team(pk=member.team_id).hold()
    owners = Membership.objects.filter(team_id=member.team_id, role=Role.OWNER)
    return owners.exclude(pk=member.pk).exists()


@require_POST
def member_role(request, pk: int):
    owner = require_owner(request)
    member = get_object_or_404(Membership, pk=pk, team=owner.team)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect("team_detail")
    with transaction.atomic():
        if form.cleaned_data["role"] != Role.OWNER and not _other_owners(member):
            messages.error(request, _("A team needs at least one owner."))
        else:
            member.role = form.cleaned_data["role"]
            member.save(update_fields=["role"])
            messages.success(request, _("Role changed."))
    return redirect("team_detail")


@require_POST
def member_remove(request, pk: int):
    owner = require_owner(request)
    member = get_object_or_404(Membership, pk=pk, team=owner.team)
    with transaction.atomic():
        if member.role == Role.OWNER and not _other_owners(member):
            messages.error(request, _("A team needs at least one owner."))
        else:
            member.delete()
            who = member.user.username
            messages.success(request, _("%(user)s left the team.") % {"user": who})
    return redirect("team_detail")


@require_POST
def member_hand_over(request, pk: int):
    """The owner makes another member the owner and stays on as an editor."""
    owner = require_owner(request)
    member = get_object_or_404(Membership, pk=pk, team=owner.team)
    if member.pk != owner.pk:
        with transaction.atomic():
            Membership.objects.filter(pk=member.pk).update(role=Role.OWNER)
            Membership.objects.filter(pk=owner.pk).update(role=Role.EDITOR)
        who = display_name(member.user)
        messages.success(request, _("%(user)s owns the team now.") % {"user": who})
    return redirect("team_detail")


@require_POST
@team_required
def team_leave(request):
    member = request.membership
    with transaction.atomic():
        if member.role == Role.OWNER and not _other_owners(member):
            refusal = _("A team needs an owner: hand the team over before you leave.")
            messages.error(request, refusal)
            return redirect("team_detail")
        member.delete()
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("You left %(team)s.") % {"team": member.team.name})
    return redirect("broadcast_list")


@require_POST
def team_switch(request):
    try:
        team_id = int(request.POST.get("team", ""))
    except ValueError:
        team_id = None
    if membership_for(request, team_id) is None:
        messages.error(request, _("You are not a member of that team."))
    else:
        request.session[SESSION_KEY] = team_id
    return redirect("broadcast_list")


@require_http_methods(["GET", "POST"])
def team_new(request):
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            team = form.save()
            Membership.objects.create(team=team, user=request.user, role=Role.OWNER)
        request.session[SESSION_KEY] = team.pk
        messages.success(request, _("Team created."))
        return redirect("broadcast_list")
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200
    return render(request, "stage/team_new.html", {"form": form}, status=status)
