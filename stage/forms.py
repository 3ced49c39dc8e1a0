import zoneinfo

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast
from stage.teams import Role, Team
from stage.versioning import VersionedForm


class FormRenderer(TemplatesSetting):
    """Every field renders as one block: label, widget, then its errors."""

    field_template_name = "forms/field.html"


def within_this_century(moment) -> None:
    """A show's date a calendar can hold in any time zone, and warm-up offsets before it."""
    if not 2000 <= moment.year <= 2099:
        raise forms.ValidationError(_("Choose a date between 2000 and 2099."))


class BroadcastForm(VersionedForm):
    """The show's facts. Its status moves only through actions (mark ready, start, end,
    enter actuals), each checking its own preconditions."""

    scheduled_start = forms.DateTimeField(
        label=_("Scheduled start"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "invalid": _("Enter a date and time such as 2026-12-01 19:00."),
        },
        validators=[within_this_century],
    )

    class Meta:
        model = Broadcast
        fields = [
            "title",
            "platform",
            "account",
            "hosts",
            "scheduled_start",
            "planned_minutes",
            "gmv_target",
            "currency",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "gmv_target": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            "planned_minutes": forms.NumberInput(attrs={"min": "1"}),
        }


class TeamForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), initial="Asia/Shanghai")

    class Meta:
        model = Team
        fields = ["name", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(z, z) for z in sorted(zoneinfo.available_timezones())]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role)
