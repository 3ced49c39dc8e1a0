"""The forms after a show: its actuals, their breakdown per row, and the review's conclusions."""

import json

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage.actuals import ShowActuals
from stage.checklists.fields import AT_MOST_A_BILLION, ZERO, Verdict
from stage.clock import clock

MONEY_INPUT = forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"})
COUNT_INPUT = forms.NumberInput(attrs={"min": "0", "step": "1", "inputmode": "numeric"})
MONEY_FIELDS = ("gmv", "ad_spend", "ad_gmv")
TRAFFIC = ("uv_natural", "uv_followers", "uv_paid", "uv_video", "uv_other")


def _text(value) -> str:
    return "" if value is None else str(value).replace("\r\n", "\n")


class SavedMeanwhile:
    """A form two people may fill at once. It carries the saved values its user saw (SEEN);
    a field its user left as they saw it takes what is saved now, so one person's save does
    not blank or undo what another saved meanwhile. `saved()`: field name -> saved value;
    `seen`: the hidden field's name, one per form posted together."""

    seen = "seen"

    def saved(self) -> dict:
        raise NotImplementedError

    def add_seen(self) -> None:
        seen = json.dumps({k: _text(v) for k, v in self.saved().items()}, ensure_ascii=False)
        self.fields[self.seen] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=seen
        )

    @property
    def seen_field(self):
        return self[self.seen]

    def keep_saved(self, data: dict) -> dict:
        try:
            seen = json.loads(self.data.get(self.add_prefix(self.seen)) or "{}")
        except ValueError:
            seen = {}
        if not isinstance(seen, dict):
            return data
        for name, value in self.saved().items():
            posted = _text(self.data.get(self.add_prefix(name), ""))
            if name in data and name in seen and posted == _text(seen[name]):
                data[name] = value
        return data


class ActualsForm(SavedMeanwhile, forms.ModelForm):
    """The show's figures; the model refuses negative numbers, clean() impossible ones."""

    seen = "seen-show"

    class Meta:
        model = ShowActuals
        fields = [
            "gmv",
            "uv",
            "pv",
            "orders",
            "buyers",
            "new_followers",
            "avg_watch_seconds",
            "reservations",
            "ad_spend",
            "ad_gmv",
            *TRAFFIC,
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "notes":
                field.widget = MONEY_INPUT if name in MONEY_FIELDS else COUNT_INPUT
        self.add_seen()

    def saved(self) -> dict:
        return {name: getattr(self.instance, name) for name in self._meta.fields}

    @property
    def figures(self):
        return [self[name] for name in self.fields if name not in (*TRAFFIC, "notes", self.seen)]

    @property
    def traffic(self):
        return [self[name] for name in TRAFFIC]

    def clean(self):
        data = self.keep_saved(super().clean())
        buyers, orders, uv = data.get("buyers"), data.get("orders"), data.get("uv")
        if buyers is not None and orders is not None and buyers > orders:
            self.add_error(
                "buyers", _("Buyers cannot exceed orders: each buyer placed at least one.")
            )
        elif buyers is not None and uv is not None and buyers > uv:
            self.add_error("buyers", _("Buyers cannot exceed UV: every buyer watched the show."))
        return data


def money_field(label: str, initial) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        initial=initial,
        required=False,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(ZERO, _("Amounts cannot be negative."))],
        widget=MONEY_INPUT,
    )


def count_field(label: str, initial) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        initial=initial,
        required=False,
        validators=[MinValueValidator(0, _("Cannot be negative.")), AT_MOST_A_BILLION],
        widget=COUNT_INPUT,
    )


# Per kind of row: its prefix, and each figure's model field, form name, field maker and label.
SEGMENT, PRODUCT, SLOT = "seg", "prod", "slot"
# fmt: off
BREAKDOWN = {
    SEGMENT: [
        ("actual_gmv", "gmv", money_field, gettext_lazy("GMV of segment %(row)s")),
        ("actual_orders", "orders", count_field, gettext_lazy("Orders of segment %(row)s")),
        ("actual_uv", "uv", count_field, gettext_lazy("UV of segment %(row)s")),
        ("actual_new_followers", "followers", count_field,
         gettext_lazy("New followers of segment %(row)s")),
    ],
    PRODUCT: [
        ("actual_units", "units", count_field, gettext_lazy("Units sold of link %(row)s")),
        ("actual_gmv", "gmv", money_field, gettext_lazy("GMV of link %(row)s")),
        ("actual_refunds", "refunds", money_field, gettext_lazy("Refunds of link %(row)s")),
    ],
    SLOT: [
        ("actual_spend", "spend", money_field, gettext_lazy("Spend of the %(row)s slot")),
        ("actual_gmv", "gmv", money_field, gettext_lazy("Ad GMV of the %(row)s slot")),
    ],
}
# fmt: on


def field_name(kind: str, pk: int, figure: str) -> str:
    """seg-12-gmv, prod-3-units, slot-7-spend."""
    return f"{kind}-{pk}-{figure}"


class BreakdownForm(SavedMeanwhile, forms.Form):
    """Per segment, product and ad slot, what each really did; every figure may stay empty."""

    seen = "seen-rows"

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        start = plan.broadcast.local_start
        self.rows = {
            SEGMENT: [(s, n) for n, s in enumerate(plan.segments, start=1)],
            PRODUCT: [(p, p.link_number) for p in plan.products],
            SLOT: [(s, clock(start, s.start_offset)) for s in plan.ad_slots],
        }
        for kind, rows in self.rows.items():
            for row, label in rows:
                for attribute, figure, make, text in BREAKDOWN[kind]:
                    self.fields[field_name(kind, row.pk, figure)] = make(
                        text % {"row": label}, getattr(row, attribute)
                    )
        self.add_seen()

    def saved(self) -> dict:
        return {
            field_name(kind, row.pk, figure): getattr(row, attribute)
            for kind, rows in self.rows.items()
            for row, _label in rows
            for attribute, figure, *_rest in BREAKDOWN[kind]
        }

    def clean(self):
        return self.keep_saved(super().clean())

    def table(self, kind: str) -> list:
        """(row, its bound fields in BREAKDOWN's order) for the template."""
        return [
            (row, [self[field_name(kind, row.pk, f[1])] for f in BREAKDOWN[kind]])
            for row, _label in self.rows[kind]
        ]

    @property
    def segments(self):
        return self.table(SEGMENT)

    @property
    def products(self):
        return self.table(PRODUCT)

    @property
    def slots(self):
        return self.table(SLOT)

    def save(self) -> None:
        for kind, rows in self.rows.items():
            changed = [attribute for attribute, *_rest in BREAKDOWN[kind]]
            for row, _label in rows:
                for attribute, figure, *_rest in BREAKDOWN[kind]:
                    setattr(row, attribute, self.cleaned_data[field_name(kind, row.pk, figure)])
            if rows:
                type(rows[0][0]).objects.bulk_update([row for row, _label in rows], changed)


class ConclusionsForm(SavedMeanwhile, forms.Form):
    """The review's verdict and a line on each segment and product, for the next show."""

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = {SEGMENT: plan.segments, PRODUCT: plan.products}
        for kind, rows in self.rows.items():
            for row in rows:
                self.fields[field_name(kind, row.pk, "verdict")] = forms.ChoiceField(
                    label=_("Verdict"),
                    choices=[("", "—"), *Verdict.choices],
                    required=False,
                    initial=row.verdict,
                )
                self.fields[field_name(kind, row.pk, "conclusion")] = forms.CharField(
                    label=_("Conclusion"), max_length=500, required=False, initial=row.conclusion
                )
        self.add_seen()

    def saved(self) -> dict:
        return {
            field_name(kind, row.pk, name): getattr(row, name)
            for kind, rows in self.rows.items()
            for row in rows
            for name in ("verdict", "conclusion")
        }

    def clean(self):
        return self.keep_saved(super().clean())

    @property
    def lines(self) -> list[tuple]:
        """(the row's name, its verdict field, its conclusion field): segments, then products."""
        names = {
            SEGMENT: lambda n, s: f"{n} {s.title}",
            PRODUCT: lambda n, p: f"{_('Link %(n)s') % {'n': p.link_number}} {p.name}",
        }
        return [
            (
                names[kind](n, row),
                self[field_name(kind, row.pk, "verdict")],
                self[field_name(kind, row.pk, "conclusion")],
            )
            for kind, rows in self.rows.items()
            for n, row in enumerate(rows, start=1)
        ]

    def save(self) -> None:
        for kind, rows in self.rows.items():
            for row in rows:
                row.verdict = self.cleaned_data[field_name(kind, row.pk, "verdict")]
                row.conclusion = self.cleaned_data[field_name(kind, row.pk, "conclusion")]
            if rows:
                type(rows[0]).objects.bulk_update(rows, ["verdict", "conclusion"])
