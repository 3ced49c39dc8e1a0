"""Forms of the account lifecycle: invite, sign up (with a first team, when sign-up is open)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.core.validators import MaxLengthValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from stage.accounts import language_of
from stage.forms import TeamForm
from stage.teams import Role


class LoginForm(AuthenticationForm):
    """Django's login form, whose username length is only a widget attribute, with the limit
    enforced: a longer name is refused before it reaches authentication and the lockout
    records (issue 18: 10,000 characters answered 500 on PostgreSQL)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class InviteForm(forms.Form):
    prefix = "invite"  # the Team page has another role field (add a member)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Leave it empty to make a link to pass on yourself."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role, initial=Role.EDITOR)


class ResetForm(PasswordResetForm):
    """Django's reset form; each mail in the language its recipient chose, if any."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = language_of(context["user"]) or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"), help_text=_("For password resets."))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "email"]


class ProfileForm(forms.ModelForm):
    """The display name (the user's first_name), the email, the language and whether
    notifications also come by mail (the last two kept in the Profile)."""

    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The browser's"))] + list(settings.LANGUAGES),
        help_text=_("For the app and the mails STAGE sends you."),
    )
    notify_by_email = forms.BooleanField(
        label=_("Also mail me when someone mentions me or asks me to sign off"),
        required=False,
        help_text=_("The bell at the top shows them either way."),
    )

    class Meta:
        model = get_user_model()
        fields = ["first_name", "email"]
        labels = {"first_name": _("Display name"), "email": _("Email")}
        help_texts = {
            "first_name": _("Shown on sign-offs, history and cues; your username if empty.")
        }


class FirstTeamForm(TeamForm):
    prefix = "team"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Team name")
        self.fields["name"].help_text = _("Your shop or live room, e.g. 星选美妆.")
