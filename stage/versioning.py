"""No lost edits: a form carries the version of the row it was read at, and a save over a newer
version is refused with what the other person changed, the user's own input kept in the form.
"""

from django import forms
from django.db.models import F
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from stage.accounts import display_name


class VersionConflict(Exception):
    """The row changed between the form's check and its save (a concurrent save)."""


def describe_change(instance, read_version: int) -> str:
    """Who changed the row since the given version, and how, from its history."""
    history = list(instance.history.filter(version__gte=read_version).order_by("version"))
    if len(history) < 2:
        return _("Someone else saved this row while you were editing it.")
    before, after = history[0], history[-1]
    changes = []
    for change in after.diff_against(before, excluded_fields=["version"]).changes:
        field = instance._meta.get_field(change.field)
        choices = dict(field.flatchoices) if field.choices else {}
        old, new = (choices.get(v, v) for v in (change.old, change.new))
        changes.append(f"{field.verbose_name}: “{old or '—'}” → “{new or '—'}”")
    who = display_name(after.history_user) if after.history_user else _("someone")
    message = _("%(user)s saved this row at %(time)s while you were editing it.") % {
        "user": who,
        "time": date_format(localtime(after.history_date), "H:i"),
    }
    if changes:
        message += " " + _("Their change: %(changes)s.") % {"changes": "; ".join(changes)}
    return message


class VersionInput(forms.HiddenInput):
    """Without an id: htmx settles elements by id, and would briefly put the old version back
    into a freshly swapped form."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("id", None)
        return context


class VersionedForm(forms.ModelForm):
    """A ModelForm that refuses to save over a version newer than the one it was read at."""

    version = forms.IntegerField(widget=VersionInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        read = cleaned.get("version")
        if self.instance.pk and read != self.instance.version:
            self.refuse(read or 0)
        return cleaned

    def refuse(self, read: int) -> None:
        """Adds the conflict to the form; saving it again then overwrites, knowingly."""
        message = (
            describe_change(self.instance, read)
            + " "
            + _("Your input is kept below: save again to replace their change, or cancel.")
        )
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = self.instance.version
        self.add_error(None, message)

    def save(self, commit=True):
        instance = super().save(commit=False)
        if instance.pk:
            read = self.cleaned_data["version"]
            model = type(instance)
            claimed = model.objects.filter(pk=instance.pk, version=read).update(
                version=F("version") + 1
            )
            if not claimed:
                raise VersionConflict
            instance.version = read + 1
        if commit:
            instance.save()
            self._save_m2m()
        return instance


def save_or_refuse(form) -> bool:
    """Saves a valid form; on a concurrent save in between, refuses it like clean() would."""
    try:
        form.save()
    except VersionConflict:
        fresh = type(form.instance).objects.get(pk=form.instance.pk)
        form.instance.version = fresh.version
        form.refuse(form.cleaned_data["version"])
        return False
    return True
