"""No lost edits: a form carries the version of the row it was read at. A save over a newer
version merges field by field, as three people would at one sheet: what only the other person
changed is kept, what only this user changed is saved, and a field both changed differently
(a clash) is refused until the user picks, per field, their value or the other person's, shown
side by side with who saved it and when. Their input is kept in the form meanwhile.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import F, QuerySet
from django.forms.models import model_to_dict
from django.utils import formats
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from stage.accounts import display_name


class Versioned(models.Model):
    """A row edited through VersionedForm: its version (every save bumps it; a form read at an
    older one merges or is refused) and its history (who changed what and when)."""

    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class ShowRow(Versioned):
    """A versioned row of one show: saving or deleting one moves the show's version, which keys
    its kept pages and its live views' ETag. Bulk writes skip save() and touch the show
    themselves."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.edited()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self.edited()
        return deleted

    def edited(self) -> None:
        self.broadcast.touch()


MINE, THEIRS = "mine", "theirs"
CHOICES = [(MINE, gettext_lazy("Keep mine")), (THEIRS, gettext_lazy("Take theirs"))]


class VersionConflict(Exception):
    """The row changed between the form's check and its save (a concurrent save)."""


@dataclass
class Change:
    """One field as someone else left it: what it reads, what its input holds, by whom, when."""

    name: str
    label: str
    theirs: str
    value: object
    who: str
    when: datetime
    mine: str = ""
    input: str = ""  # the name of the keep-mine / take-theirs choice


def shown(instance, name: str, value) -> str:
    """A field's value as people read it."""
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:  # a form's helper field: its value is text already
        field = None
    if field is not None and field.is_relation and not field.many_to_many:
        value = getattr(instance, name)
    elif field is not None and field.choices:
        value = dict(field.flatchoices).get(value, value)
    elif isinstance(value, bool):
        value = _("yes") if value else _("no")
    elif isinstance(value, datetime):
        value = localtime(value)
    elif isinstance(value, list):
        value = "、".join(map(str, value))
    return "—" if value in (None, "", []) else str(formats.localize(value))


def is_linked(instance, name: str) -> bool:
    """A many-to-many field: the history does not keep it, so it is compared as it is now."""
    return any(f.name == name for f in instance._meta.many_to_many)


def changes_since(instance, read: int, names, values_of=model_to_dict) -> dict[str, Change]:
    """The fields someone changed after version `read` of the row, each with the last person
    who changed it (every field, when that version is not in the history). `values_of` reads
    the fields from an instance; their current values come from the database."""
    records = instance.history.filter(version__gte=read).select_related("history_user")
    # A version's first record is what a form read at it saw; saves that move no version
    # (a status change) come after it.
    records = list(records.order_by("version", "history_date", "history_id"))
    base = records.pop(0) if records and records[0].version == read else None
    start = values_of(base.instance, names) if base else None
    last, previous = {}, start
    for record in records:
        values = values_of(record.instance, names)
        last |= {n: record for n in names if previous is None or values[n] != previous[n]}
        previous = values
    if not records and base is None:
        last = dict.fromkeys(names)
    for name in names:
        if is_linked(instance, name):
            last.setdefault(name, records[-1] if records else None)
    fresh = type(instance)._default_manager.get(pk=instance.pk)
    current = values_of(fresh, names)
    changes = {}
    for name, record in last.items():
        if start is not None and current[name] == start[name] and not is_linked(fresh, name):
            continue  # changed and changed back
        user = record.history_user if record else None
        who = display_name(user) if user else _("someone")
        when = record.history_date if record else None
        theirs = shown(fresh, name, current[name])
        changes[name] = Change(name, name, theirs, current[name], who, when)
    return changes


class VersionInput(forms.HiddenInput):
    """Without an id: htmx settles elements by id, and would briefly put the old version back
    into a freshly swapped form."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("id", None)
        return context


# C0 controls but tab, line feed and carriage return; DEL. Pasted from word processors and
# terminals, they print as nothing and make the XLSX export unreadable.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def plain_text(value: str) -> str:
    """Typed or pasted text without control characters; a vertical tab or form feed (a line
    or page break in a word processor) becomes a line break."""
    return CONTROL_CHARACTERS.sub("", value.replace("\x0b", "\n").replace("\x0c", "\n"))


class VersionedForm(forms.ModelForm):
    """A ModelForm that merges a save over a newer version, and refuses one that would
    overwrite a change its user has not seen (`clashes`, for the form's template)."""

    version = forms.IntegerField(widget=VersionInput, required=False)
    clashes: list[Change] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    @property
    def clashes_input(self) -> str:
        return self.add_prefix("clashes")

    # Form fields that are not the model's but are read from it (values_of) and written to it
    # (take): a warm-up item's "publish", its offset as text.
    helpers: tuple[str, ...] = ()

    def model_fields(self) -> list[str]:
        """The fields merged one by one: the model's own in the form, and its helpers."""
        meta = self._meta.model._meta
        own = {f.name for f in [*meta.concrete_fields, *meta.many_to_many]} - {"version"}
        return [name for name in self.fields if name in own or name in self.helpers]

    def values_of(self, instance, names) -> dict:
        return model_to_dict(instance, names)

    def changes(self, read: int, names) -> dict[str, Change]:
        changes = changes_since(self.instance, read, names, self.values_of)
        for change in changes.values():
            change.label = self.fields[change.name].label
        return changes

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = plain_text(value)
        if not self.instance.pk:
            return cleaned
        read = cleaned.get("version") or 0
        if read != self.instance.version:
            self.merge(read)
        else:
            self.apply_choices()
        return cleaned

    def merge(self, read: int) -> None:
        """Takes their value where only they changed a field; refuses on a clash."""
        names = self.model_fields()
        records = self.instance.history.filter(version=read).order_by("history_date", "history_id")
        record = records.first() if read else None
        base = self.values_of(record.instance, names) if record else None
        clashes = []
        linked = [f.name for f in self._meta.model._meta.many_to_many if f.name in self.fields]
        for change in self.changes(read, names).values():
            if change.name in self._errors:
                continue  # theirs or not, this field's value must be fixed first
            field, data = self.fields[change.name], self[change.name].data
            if not field.has_changed(change.value, data):
                continue  # both wrote the same
            if change.name in linked:  # not in the history: any difference is asked about
                clashes.append(change)
            elif base is not None and not field.has_changed(base[change.name], data):
                self.take(change.name, change.value)
            else:
                clashes.append(change)
        self.cleaned_data["version"] = self.instance.version
        if clashes:
            self.refuse(clashes)

    def take(self, name: str, value) -> None:
        """This save writes their value of the field (as the database has it)."""
        field = self.fields[name]
        if name in self.cleaned_data:
            self.cleaned_data[name] = field.clean(field.prepare_value(value))
        self.data = self.data.copy()
        if isinstance(value, list) and hasattr(self.data, "setlist"):
            self.data.setlist(self.add_prefix(name), [str(getattr(v, "pk", v)) for v in value])
        else:
            self.data[self.add_prefix(name)] = field.prepare_value(value)

    def mine(self, name: str) -> str:
        if name not in self.cleaned_data:
            return str(self[name].data or "—")
        field = self.fields[name]
        value = self.cleaned_data[name]
        if isinstance(value, QuerySet | list):
            value = "、".join(map(str, value))
        elif hasattr(field, "choices") and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        elif isinstance(value, bool):
            value = _("yes") if value else _("no")
        return "—" if value in (None, "") else str(formats.localize(value))

    def refuse(self, clashes: list[Change]) -> None:
        """Asks, per clashing field, for the user's choice; the form now reads the current
        version, so the next save is a choice over what is really there."""
        for change in clashes:
            change.mine = self.mine(change.name)
            change.input = self.add_prefix(f"resolve-{change.name}")
        self.clashes = clashes
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = self.instance.version
        self.data[self.add_prefix("clashes")] = ",".join(c.name for c in clashes)
        self.add_error(
            None,
            _(
                "Someone else saved this while you were editing it. For each field below, keep "
                "yours or take theirs, then save again."
            ),  # fmt: skip
        )

    def apply_choices(self) -> None:
        """The second save after a clash: each clashing field as its user chose."""
        named = self.data.get(self.add_prefix("clashes"), "").split(",")
        names = [name for name in named if name in self.model_fields()]
        unchosen = []
        for name in names:
            choice = self.data.get(self.add_prefix(f"resolve-{name}"))
            if choice == THEIRS and name in self.cleaned_data:
                fresh = type(self.instance)._default_manager.get(pk=self.instance.pk)
                self.take(name, self.values_of(fresh, [name])[name])
            elif choice != MINE:
                unchosen.append(name)
        if unchosen:
            clashes = list(self.changes(0, unchosen).values())
            self.refuse(clashes)
            for change in clashes:
                self.add_error(change.name, _("Keep yours or take theirs?"))

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


def their_changes(form, since: int) -> list[Change]:
    """What others saved since an open form was read, each with the value its input takes."""
    changes = list(form.changes(since, form.model_fields()).values())
    for change in changes:
        field = form.fields[change.name]
        value = field.prepare_value(change.value)
        if not isinstance(value, bool):
            value = field.widget.format_value(value)
        change.input = form.add_prefix(change.name)
        change.value = "" if value is None else str(value)
    return changes


def save_or_refuse(form) -> bool:
    """Saves a valid form; on a concurrent save in between, refuses it like clean() would."""
    try:
        with transaction.atomic():  # the version's claim and the save land together
            form.save()
    except VersionConflict:
        read = form.cleaned_data["version"]
        fresh = type(form.instance).objects.get(pk=form.instance.pk)
        form.instance = fresh
        clashes = list(form.changes(read, form.model_fields()).values())
        form.refuse(clashes)
        return False
    return True
