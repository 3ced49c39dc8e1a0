"""Forms of the control room: a cue, a message to the host, a stock entry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stage.checklists.forms import RowForm, segment_choices
from stage.control import MESSAGE_LENGTH, Cue, CueKind, HostMessage, MessagePresets, StockEntry

MAX_PRESETS = 12
NEEDS_LINK = {CueKind.LIST, CueKind.UNLIST, CueKind.PRICE, CueKind.RELEASE, CueKind.CARD}


class CueForm(RowForm):
    class Meta:
        model = Cue
        fields = [
            "segment",
            "offset",
            "kind",
            "product",
            "units",
            "price",
            "giveaway",
            "note",
            "owner",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = segment_choices(self.broadcast).only("title", "minutes")
        self.fields["product"].queryset = self.broadcast.products.only("link_number", "name")
        self.fields["giveaway"].queryset = self.broadcast.giveaways.select_related("prize_product")
        self.fields["segment"].empty_label = _("Choose a segment")
        self.fields["product"].empty_label = _("No link")
        self.fields["giveaway"].empty_label = _("No giveaway")

    def clean(self):
        data = super().clean()
        segment, offset, kind = data.get("segment"), data.get("offset"), data.get("kind")
        if segment is not None and offset is not None and offset >= segment.minutes:
            self.add_error(
                "offset",
                _("The segment lasts %(minutes)s min: a cue in it comes at 0–%(last)s.")
                % {"minutes": segment.minutes, "last": segment.minutes - 1},
            )
        if kind in NEEDS_LINK and not data.get("product"):
            self.add_error("product", _("Choose the cart link this action is for."))
        if kind == CueKind.RELEASE and not data.get("units"):
            self.add_error("units", _("How many units to release?"))
        if kind == CueKind.PRICE and data.get("price") is None:
            self.add_error("price", _("What is the new price?"))
        if kind == CueKind.GIVEAWAY and not data.get("giveaway"):
            self.add_error("giveaway", _("Choose the giveaway to fire."))
        return data

    def save(self, commit=True):
        self.instance.generated = False  # edited by hand: making cues again leaves it be
        return super().save(commit)


class MessageForm(forms.ModelForm):
    class Meta:
        model = HostMessage
        fields = ["text"]
        widgets = {
            "text": forms.TextInput(attrs={"maxlength": MESSAGE_LENGTH, "autocomplete": "off"})
        }
        error_messages = {
            "text": {
                "max_length": _(
                    "At most %(limit_value)d characters: the host reads it at a glance."
                ),
                "required": _("Write a message or tap one of the presets."),
            }
        }


class StockForm(forms.ModelForm):
    class Meta:
        model = StockEntry
        fields = ["product", "released", "sold"]

    def __init__(self, *args, broadcast, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = broadcast.products.only("link_number", "name")
        self.fields["product"].label = _("Link")
        self.fields["product"].empty_label = _("Choose a link")
        self.fields["released"].help_text = _("Units put in the cart now.")
        self.fields["sold"].help_text = _("Units sold since the last entry.")

    def clean(self):
        data = super().clean()
        if not data.get("released") and not data.get("sold") and not self.errors:
            raise forms.ValidationError(_("Enter units released or sold."))
        return data


class PresetsForm(forms.ModelForm):
    """The team's one-tap messages: at most twelve, each short enough for the big screen."""

    class Meta:
        model = MessagePresets
        fields = ["lines"]
        widgets = {"lines": forms.Textarea(attrs={"rows": 6})}

    def clean_lines(self):
        lines = [line.strip() for line in self.cleaned_data["lines"].splitlines() if line.strip()]
        if len(lines) > MAX_PRESETS:
            raise forms.ValidationError(_("At most %(n)d messages.") % {"n": MAX_PRESETS})
        if any(len(line) > MESSAGE_LENGTH for line in lines):
            raise forms.ValidationError(
                _("Each message is at most %(n)d characters.") % {"n": MESSAGE_LENGTH}
            )
        return "\n".join(lines)
