import zoneinfo

from django import forms
from django.db.models import Q
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast, Platform, Status
from stage.sharing import LIFETIMES, SHOW_DAY, ShareLink
from stage.sheets.files import MAX_BYTES
from stage.showtemplates import ShowTemplate
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


class BroadcastFilter(forms.Form):
    q = forms.CharField(label=_("Search titles"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Status.choices],
    )
    platform = forms.ChoiceField(
        label=_("Platform"),
        required=False,
        choices=[("", _("All platforms")), *Platform.choices],
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(Q(title__icontains=data["q"]))
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["platform"]:
            queryset = queryset.filter(platform=data["platform"])
        return queryset


class ShareLinkForm(forms.ModelForm):
    days = forms.TypedChoiceField(
        label=_("Valid for"), choices=LIFETIMES, coerce=int, initial=SHOW_DAY
    )

    class Meta:
        model = ShareLink
        fields = ["label", "include_figures"]
        help_texts = {"label": _("Who it is for, e.g. “Studio B crew”.")}


class SheetForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(".xlsx or .csv, up to 2 MB; every sheet of a workbook is read."),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.xlsm,.csv,.tsv,.txt"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("JSON file"),
        help_text=_("A broadcast exported from STAGE as JSON, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than the limit of 2 MB."))
        return file


class WeekForm(forms.Form):
    week = forms.DateField(
        label=_("Week of"), required=False, widget=forms.DateInput({"type": "date"})
    )
    room = forms.CharField(label=_("Room"), required=False, max_length=100)
    host = forms.CharField(label=_("Host"), required=False, max_length=200)


class NewShowForm(forms.Form):
    """Title and start of a show made from another plan; the rest comes from the plan."""

    title = forms.CharField(label=_("Title"), max_length=200)
    scheduled_start = BroadcastForm.base_fields["scheduled_start"]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ShowTemplate
        fields = ["name"]
