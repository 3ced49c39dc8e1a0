"""The account lifecycle: password reset (throttled), invitations into a team, open sign-up.

Django's auth views do the password work; these views add what a team tool needs around them.
"""

from datetime import timedelta
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stage.access import require_owner
from stage.account_forms import (
    FirstTeamForm,
    InviteForm,
    LoginForm,
    ProfileForm,
    ResetForm,
    SignUpForm,
)
from stage.accounts import (
    Invitation,
    Profile,
    client_ip,
    hash_token,
    invitation_url,
    language_of,
    throttled,
)
from stage.teams import SESSION_KEY, Membership, Role

BACKEND = "stage.accounts.UsernameOrEmailBackend"
TOO_MANY_SIGNUPS = gettext_lazy("Too many sign-ups from here this hour: try again later.")


def send_mail(to: str, template: str, ctx: dict) -> None:
    """A plain-text and an HTML mail from templates/emails/<template>…, in the current language."""
    subject = render_to_string(f"emails/{template}_subject.txt", ctx).strip()
    body = render_to_string(f"emails/{template}.txt", ctx)
    mail = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    mail.attach_alternative(render_to_string(f"emails/{template}.html", ctx), "text/html")
    mail.send()


class LoginView(auth_views.LoginView):
    """Django's login, with the ways in for people without an account or a password, and the
    person's own language from then on."""

    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"open_signup": settings.OPEN_SIGNUP}

    def form_valid(self, form):
        response = super().form_valid(form)
        if language := language_of(form.get_user()):
            remember_language(response, language)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Says the same whatever the address; past five tries an hour (per address or per
    client) it quietly sends nothing."""

    form_class = ResetForm
    subject_template_name = "emails/password_reset_subject.txt"
    email_template_name = "emails/password_reset.txt"
    html_email_template_name = "emails/password_reset.html"

    def form_valid(self, form):
        email = form.cleaned_data["email"].lower()
        hour = timedelta(hours=1)
        if throttled("reset", email, client_ip(self.request), limit=5, window=hour):
            return redirect(self.success_url)
        return super().form_valid(form)


@require_POST
def invite_create(request):
    owner = require_owner(request)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("team_detail")
    if throttled("invite", str(owner.team_id), limit=30, window=timedelta(hours=1)):
        messages.error(request, _("Too many invitations this hour: try again later."))
        return redirect("team_detail")
    email, role = form.cleaned_data["email"], form.cleaned_data["role"]
    invitation, token = Invitation.make(owner.team, role, request.user, email)
    link = invitation_url(request, token)
    if email:
        ctx = {"invitation": invitation, "link": link, "inviter": request.user}
        send_mail(email, "invitation", ctx)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
    else:  # shown once: only the token's hash is kept
        request.session["new_invitation_link"] = link
        messages.success(request, _("Invitation link made: copy it now, it is shown only once."))
    return redirect("team_detail")


@require_POST
def invite_revoke(request, pk: int):
    owner = require_owner(request)
    invitation = get_object_or_404(Invitation, pk=pk, team=owner.team)
    Invitation.objects.open().filter(pk=invitation.pk).update(revoked_at=timezone.now())
    messages.success(request, _("Invitation revoked."))
    return redirect("team_detail")


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """Open an invitation: join with this account, or sign up and join."""
    found = Invitation.objects.select_related("team").filter(token_hash=hash_token(token)).first()
    if found is None or found.state != "open":
        return closed(request, found)
    form = SignUpForm(request.POST or None, initial={"email": found.email})
    if request.method == "POST" and request.user.is_authenticated:
        with transaction.atomic():
            taken = take(found, request.user)
        return joined(request, found) if taken else closed(request)
    if request.method == "POST" and form.is_valid():
        if throttled("signup", client_ip(request), limit=10, window=timedelta(hours=1)):
            form.add_error(None, TOO_MANY_SIGNUPS)
        else:
            with transaction.atomic():
                user = form.save()
                if not (taken := take(found, user)):
                    transaction.set_rollback(True)  # no account without its team
            if not taken:
                return closed(request)
            login(request, user, backend=BACKEND)
            return joined(request, found)
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200
    ctx = {"invitation": found, "form": form, "next": request.path}
    return render(request, "registration/invitation.html", ctx, status=status)


def take(invitation: Invitation, user) -> bool:
    """Single use, even when two people open the same link at once."""
    opened = Invitation.objects.open().filter(pk=invitation.pk)
    if not opened.update(accepted_at=timezone.now(), accepted_by=user):
        return False
    Membership.objects.get_or_create(
        team=invitation.team, user=user, defaults={"role": invitation.role}
    )
    return True


def joined(request, invitation: Invitation):
    request.session[SESSION_KEY] = invitation.team_id
    messages.success(request, _("Welcome to %(team)s.") % {"team": invitation.team.name})
    return redirect("broadcast_list")


def closed(request, invitation: Invitation | None = None):
    ctx = {"invitation": invitation}
    return render(request, "registration/invitation_closed.html", ctx, status=410)


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request):
    """An account and its first team, when sign-up is open; otherwise by invitation only."""
    if not settings.OPEN_SIGNUP:
        raise Http404(_("Sign-up is by invitation only."))
    form = SignUpForm(request.POST or None)
    team_form = FirstTeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and team_form.is_valid():
        if throttled("signup", client_ip(request), limit=10, window=timedelta(hours=1)):
            form.add_error(None, TOO_MANY_SIGNUPS)
        else:
            with transaction.atomic():
                user = form.save()
                team = team_form.save()
                Membership.objects.create(team=team, user=user, role=Role.OWNER)
            login(request, user, backend=BACKEND)
            request.session[SESSION_KEY] = team.pk
            messages.success(request, _("Welcome to STAGE."))
            return redirect("broadcast_list")
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors or team_form.errors else 200
    ctx = {"form": form, "team_form": team_form}
    return render(request, "registration/signup.html", ctx, status=status)


@require_http_methods(["GET", "POST"])
def profile(request):
    """The name others see, the email for resets, the language of the app and of mails, and
    whether notifications come by mail too."""
    chosen = Profile.objects.filter(user=request.user).values("language", "notify_by_email")
    initial = chosen.first() or {}
    form = ProfileForm(request.POST or None, instance=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        language = form.cleaned_data["language"]
        by_mail = form.cleaned_data["notify_by_email"]
        Profile.objects.update_or_create(
            user=request.user, defaults={"language": language, "notify_by_email": by_mail}
        )
        response = redirect("profile")
        remember_language(response, language)
        with translation.override(language or translation.get_language()):
            messages.success(request, _("Profile saved."))  # in the language just chosen
        return response
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200
    return render(request, "registration/profile.html", {"form": form}, status=status)


def remember_language(response, language: str) -> None:
    """The language cookie LocaleMiddleware reads: set to a chosen language, cleared for the
    browser's."""
    if language:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
