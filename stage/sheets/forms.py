"""The checklists' own forms, as an import uses them: on a show that may not be saved yet."""

from django.utils.text import capfirst

from stage.checklists.forms import GiveawayForm, ProductForm, SegmentForm


class ImportSegmentForm(SegmentForm):
    def validate_constraints(self):
        """Segment's one constraint repeats the minutes validator: no SELECT per row."""


class ImportProductForm(ProductForm):
    """Without the segment choices: links to segments are set on saving."""

    class Meta(ProductForm.Meta):
        fields = [name for name in ProductForm.Meta.fields if name != "segments"]

    def __init__(self, *args, **kwargs):
        super(ProductForm, self).__init__(*args, **kwargs)

    def clean_link_number(self):
        """The import numbers its products against the lineup it has read: no query per row."""
        return self.cleaned_data["link_number"]


class ImportGiveawayForm(GiveawayForm):
    """Without the segment and prize choices: both are set on saving."""

    class Meta(GiveawayForm.Meta):
        fields = [f for f in GiveawayForm.Meta.fields if f not in ("segment", "prize_product")]

    def __init__(self, *args, **kwargs):
        super(GiveawayForm, self).__init__(*args, **kwargs)

    def clean(self):
        """A coupon without its terms ('关注领无门槛券') or a flash sale without its price comes
        in, to be completed on G (the lint points at it)."""
        data = super().clean()
        for name in ("coupon_threshold", "coupon_discount", "flash_price"):
            if not self.data.get(name):
                self.errors.pop(name, None)
        return data


def form_problems(form, prefix: str = "") -> list[str]:
    problems = []
    for name, errors in form.errors.items():
        label = f"{capfirst(form.fields[name].label)}: " if name in form.fields else ""
        problems += [f"{prefix}{label}{error}" for error in errors]
    return problems
