"""After the show: entering the actuals, and the review (复盘) against the plan.

The review page, its PDF and its XLSX all read the one composed Review (stage/review.py).
"""

from django import forms
from django.contrib import messages
from django.core.validators import MinValueValidator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stage import exports
from stage.access import can_edit, get_broadcast
from stage.actuals import ShowActuals
from stage.broadcasts import Broadcast, Status
from stage.checklists.adspend import AdSlot
from stage.checklists.fields import AT_MOST_A_BILLION, ZERO
from stage.checklists.timing import Segment
from stage.clock import clock
from stage.plan import load_plan
from stage.review import chart, compose_review
from stage.views import INVALID
from stage.views.paper import download, pdf_answer
from stage.views.runsheet import paper_of

TEMPLATE = "stage/review.html"
FORM_TEMPLATE = "stage/actuals_form.html"
CONFLICT = 409

MONEY_INPUT = forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"})
COUNT_INPUT = forms.NumberInput(attrs={"min": "0", "step": "1", "inputmode": "numeric"})


class ActualsForm(forms.ModelForm):
    """The show's figures; the model refuses negative numbers, clean() impossible ones."""

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
            "ad_spend",
            "ad_gmv",
            "notes",
        ]
        widgets = {
            **{name: MONEY_INPUT for name in ("gmv", "ad_spend", "ad_gmv")},
            **{
                name: COUNT_INPUT
                for name in ("uv", "pv", "orders", "buyers", "new_followers", "avg_watch_seconds")
            },
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
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


class BreakdownForm(forms.Form):
    """Per segment GMV and orders, per ad slot spend and ad GMV; each may stay empty.

    Fields are named after the row: seg-<pk>-gmv, seg-<pk>-orders, slot-<pk>-spend, slot-<pk>-gmv.
    """

    def __init__(self, *args, segments: list[Segment], slots: list[AdSlot], start, **kwargs):
        super().__init__(*args, **kwargs)
        self.segments, self.slots = segments, slots
        for n, s in enumerate(segments, start=1):
            self.fields[f"seg-{s.pk}-gmv"] = money_field(
                _("GMV of segment %(n)s") % {"n": n}, s.actual_gmv
            )
            self.fields[f"seg-{s.pk}-orders"] = count_field(
                _("Orders of segment %(n)s") % {"n": n}, s.actual_orders
            )
        for slot in slots:
            at = clock(start, slot.start_offset)
            self.fields[f"slot-{slot.pk}-spend"] = money_field(
                _("Spend of the %(at)s slot") % {"at": at}, slot.actual_spend
            )
            self.fields[f"slot-{slot.pk}-gmv"] = money_field(
                _("Ad GMV of the %(at)s slot") % {"at": at}, slot.actual_gmv
            )

    @property
    def segment_rows(self):
        return [(s, self[f"seg-{s.pk}-gmv"], self[f"seg-{s.pk}-orders"]) for s in self.segments]

    @property
    def slot_rows(self):
        return [(s, self[f"slot-{s.pk}-spend"], self[f"slot-{s.pk}-gmv"]) for s in self.slots]

    def save(self) -> None:
        data = self.cleaned_data
        for s in self.segments:
            s.actual_gmv, s.actual_orders = data[f"seg-{s.pk}-gmv"], data[f"seg-{s.pk}-orders"]
        for s in self.slots:
            s.actual_spend, s.actual_gmv = data[f"slot-{s.pk}-spend"], data[f"slot-{s.pk}-gmv"]
        Segment.objects.bulk_update(self.segments, ["actual_gmv", "actual_orders"])
        AdSlot.objects.bulk_update(self.slots, ["actual_spend", "actual_gmv"])


def _actuals(broadcast: Broadcast) -> ShowActuals | None:
    try:
        return broadcast.actuals
    except ShowActuals.DoesNotExist:
        return None


def _actuals_forms(broadcast, plan, data) -> tuple[ActualsForm, BreakdownForm]:
    form = ActualsForm(data, instance=_actuals(broadcast) or ShowActuals(broadcast=broadcast))
    breakdown = BreakdownForm(
        data, segments=plan.segments, slots=plan.ad_slots, start=broadcast.local_start
    )
    return form, breakdown


@require_http_methods(["GET", "POST"])
def actuals_edit(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    if not broadcast.open_for_actuals:
        ctx = {"broadcast": broadcast, "closed": True}
        return render(request, FORM_TEMPLATE, ctx, status=CONFLICT)
    plan = load_plan(broadcast)
    if request.method == "GET":
        form, breakdown = _actuals_forms(broadcast, plan, None)
    else:
        with transaction.atomic():
            broadcast.hold()  # a second first save updates the first one's figures
            form, breakdown = _actuals_forms(broadcast, plan, request.POST)
            if saved := form.is_valid() & breakdown.is_valid():  # both, for every error
                form.instance.entered_by = request.user
                form.save()
                breakdown.save()
                broadcast.touch(status=Status.REVIEWED)
        if saved:
            messages.success(request, _("Actuals saved. The review compares them with the plan."))
            return redirect("review", pk=broadcast.pk)
    ctx = {"broadcast": broadcast, "form": form, "breakdown": breakdown}
    return render(request, FORM_TEMPLATE, ctx, status=INVALID if form.is_bound else 200)


def _context(request, pk: int) -> dict:
    broadcast, membership = get_broadcast(request, pk)
    review = compose_review(load_plan(broadcast), _actuals(broadcast))
    return {
        "broadcast": broadcast,
        "review": review,
        "chart": chart(review),
        "paper": paper_of(request),
        "can_write": can_edit(broadcast, membership),
        "open_for_actuals": broadcast.open_for_actuals,
    }


def review(request, pk: int):
    return render(request, TEMPLATE, _context(request, pk))


def review_pdf(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk)
    back = reverse("review", args=[broadcast.pk])
    return pdf_answer(request, broadcast, "review", paper_of(request), "team", back)


def review_xlsx(request, pk: int):
    ctx = _context(request, pk)
    review = ctx["review"]
    xlsx = exports.tables_to_xlsx(review.tables, ctx["broadcast"].title, review.currency)
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return download(xlsx, kind, ctx["broadcast"], "review.xlsx")
