"""Forms of the account lifecycle: invite, sign up (with a first team, when sign-up is open)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from stage.forms import TeamForm
from stage.teams import Role


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Leave it empty to make a link to pass on yourself."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role, initial=Role.EDITOR)


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"), help_text=_("For password resets."))

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "email"]


class FirstTeamForm(TeamForm):
    prefix = "team"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Team name")
        self.fields["name"].help_text = _("Your shop or live room, e.g. 星选美妆.")
