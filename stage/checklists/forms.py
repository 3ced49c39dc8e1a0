"""The row forms of the five checklists. Each refuses what cannot be right, next to the field."""

from datetime import datetime, timedelta

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway, GiveawayKind, said_amount
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem, offset_label, parse_publish
from stage.clock import clock_offset
from stage.versioning import VersionedForm

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
SHORT_TEXT = {"rows": 2}


class RowForm(VersionedForm):
    """A checklist row form: knows its broadcast, so choices and clock times are the show's."""

    def __init__(self, *args, broadcast, **kwargs):
        super().__init__(*args, **kwargs)
        self.broadcast = broadcast
        self.instance.broadcast = broadcast


def refuse_taken(form) -> None:
    """A unique value (a cart link) claimed by another save at the same moment: the form's
    own check could not see it, the database did. Refused next to the field, as the check would."""
    for constraint in form.instance._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            form.add_error(constraint.fields[-1], constraint.violation_error_message)


PLAYED = _("This segment has started: it stays as it runs until the show is over.")


class SegmentForm(RowForm):
    def clean(self):
        if self.instance.pk and self.instance.played:
            raise forms.ValidationError(PLAYED)
        return super().clean()

    class Meta:
        model = Segment
        fields = ["title", "kind", "minutes", "hard_start", "host_lines", "cues", "notes"]
        widgets = {
            "hard_start": TIME_INPUT,
            "host_lines": forms.Textarea(attrs=SHORT_TEXT),
            "cues": forms.Textarea(attrs=SHORT_TEXT),
            "notes": forms.Textarea(attrs=SHORT_TEXT),
        }


class AdPlanForm(RowForm):
    class Meta:
        model = AdPlan
        fields = [
            "budget",
            "tool",
            "objective",
            "target_roi",
            "conversion_pct",
            "aov",
            "mix_old",
            "mix_new",
            "mix_paid",
        ]


class AdSlotForm(RowForm):
    start = forms.TimeField(label=_("Start"), widget=TIME_INPUT)
    end = forms.TimeField(label=_("End"), widget=TIME_INPUT)

    class Meta:
        model = AdSlot
        fields = ["start", "end", "share", "emphasis", "note"]

    helpers = ("start", "end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.update(self.values_of(self.instance, self.helpers))

    def values_of(self, instance, names) -> dict:
        """The slot's clock times, from its offsets against the show's start."""
        values = super().values_of(instance, names)
        local = self.broadcast.local_start
        for name in {"start", "end"} & set(names):
            offset = getattr(instance, f"{name}_offset")
            values[name] = (local + timedelta(minutes=offset)).time()
        return values

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            start = clock_offset(self.broadcast.local_start, data["start"])
            end = clock_offset(self.broadcast.local_start, data["end"])
            if end <= start:
                self.add_error("end", _("The slot ends before it starts."))
            self.instance.start_offset, self.instance.end_offset = start, end
        return data


def segment_choices(broadcast):
    """Segments as choices: only their titles (a long show's host lines stay in the database)."""
    return broadcast.segments.only("title")


class ProductForm(RowForm):
    class Meta:
        model = Product
        fields = [
            "link_number",
            "name",
            "sku",
            "role",
            "audience",
            "list_price",
            "live_price",
            "unit_cost",
            "stock",
            "per_buyer_limit",
            "planned_units",
            "release_units",
            "selling_points",
            "segments",
        ]
        widgets = {
            "selling_points": forms.Textarea(attrs=SHORT_TEXT),
            "segments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segments"].queryset = segment_choices(self.broadcast)

    def clean_link_number(self):
        number = self.cleaned_data["link_number"]
        if self.broadcast.pk is None:  # an import checks its own rows against each other
            return number
        taken = self.broadcast.products.filter(link_number=number).exclude(pk=self.instance.pk)
        if name := taken.values_list("name", flat=True).first():
            raise forms.ValidationError(
                _("Link %(n)s already has “%(name)s”: hosts call products by link number.")
                % {"n": number, "name": name}
            )
        return number

    def clean(self):
        data = super().clean()
        live, listed = data.get("live_price"), data.get("list_price")
        if live is not None and listed is not None and live > listed:
            self.add_error("live_price", _("The live price is above the list price."))
        units, stock = data.get("planned_units"), data.get("stock")
        if units is not None and stock is not None and units > stock:
            self.add_error("planned_units", _("Planned units are more than the stock."))
        return data


class GiveawayForm(RowForm):
    class Meta:
        model = Giveaway
        fields = [
            "kind",
            "segment",
            "at_minute",
            "entry_rule",
            "entry_detail",
            "quantity",
            "prize_product",
            "prize",
            "unit_value",
            "countdown_minutes",
            "flash_price",
            "coupon_threshold",
            "coupon_discount",
            "per_person_limit",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = segment_choices(self.broadcast)
        self.fields["segment"].empty_label = _("No segment")
        products = self.broadcast.products.only("link_number", "name", "live_price")
        self.fields["prize_product"].queryset = products
        self.fields["prize_product"].empty_label = _("Not from the lineup")

    def clean(self):
        data = super().clean()
        threshold, discount = data.get("coupon_threshold"), data.get("coupon_discount")
        if data.get("kind") == GiveawayKind.COUPON:
            if threshold is None and "coupon_threshold" not in self.errors:
                self.add_error("coupon_threshold", _("A coupon needs a threshold."))
            if discount is None and "coupon_discount" not in self.errors:
                self.add_error("coupon_discount", _("A coupon needs a discount."))
        if threshold is not None and discount is not None and discount >= threshold:
            self.add_error("coupon_discount", _("The discount must be below the threshold."))
        if data.get("kind") == GiveawayKind.FLASH_SALE:
            self.clean_flash_sale(data)
        return data

    def clean_flash_sale(self, data) -> None:
        """A flash sale sells a lineup product at its flash price, below the live price."""
        price, product = data.get("flash_price"), data.get("prize_product")
        if price is None and "flash_price" not in self.errors:
            self.add_error("flash_price", _("A flash sale needs its price."))
        if product is not None and price is not None and price >= product.live_price:
            self.add_error(
                "flash_price",
                _("The flash price must be below the live price (%(price)s).")
                % {"price": said_amount(product.live_price, self.broadcast.currency_symbol)},
            )


class WarmupForm(RowForm):
    publish = forms.CharField(
        label=_("Publish"),
        help_text=_("D-1 20:00, D-3, H-1, or a date and time such as 2026-12-01 18:00."),
    )

    class Meta:
        model = WarmupItem
        fields = [
            "channel",
            "title",
            "publish",
            "owner",
            "status",
            "link",
            "expected_reservations",
        ]

    helpers = ("publish",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["publish"] = self.instance.offset_label

    def values_of(self, instance, names) -> dict:
        values = super().values_of(instance, names)
        if "publish" in names:
            start = self.broadcast.local_start
            publish = start - timedelta(minutes=instance.offset_minutes)
            values["publish"] = offset_label(publish, start)
        return values

    def take(self, name: str, value) -> None:
        if name != "publish":
            return super().take(name, value)
        self.data = self.data.copy()
        self.data[self.add_prefix(name)] = value
        if name in self.cleaned_data:
            self.cleaned_data[name] = value
            self.clean_publish()  # their offset, as this save's

    def clean_publish(self):
        text = self.cleaned_data["publish"]
        start = self.broadcast.local_start
        when = parse_publish(text, start)
        if when is None:
            for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
                try:
                    when = datetime.strptime(text.strip(), fmt).replace(tzinfo=start.tzinfo)
                    break
                except ValueError:
                    continue
        if when is None:
            raise forms.ValidationError(
                _("Write D-1 20:00, H-1, or a date such as 2026-12-01 18:00.")
            )
        if abs(start - when) > timedelta(days=366):
            raise forms.ValidationError(_("Publish within a year of the show."))
        self.instance.offset_minutes = int((start - when).total_seconds() // 60)
        return text
