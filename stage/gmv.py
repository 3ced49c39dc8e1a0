"""The GMV planner: both forms of the GMV equation, solved for whichever factor is left empty.

Classic:       GMV = UV × conversion × AOV
Kuaishou seed: GMV = UV × watch minutes × orders per viewer-minute × AOV × repurchase
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _


class PlannerError(ValueError):
    pass


def solve(gmv: Decimal | None, factors: dict[str, Decimal | None]) -> tuple[str, Decimal]:
    """Returns (name, value) of the one unknown: "gmv" or a factor's name."""
    unknown = [name for name, value in {"gmv": gmv, **factors}.items() if value is None]
    if len(unknown) != 1:
        raise PlannerError(_("Leave exactly one field empty: the one to solve for."))
    known = Decimal(1)
    for value in factors.values():
        if value is not None:
            known *= value
    if unknown == ["gmv"]:
        return "gmv", known
    if not known:
        raise PlannerError(_("A factor of zero makes the GMV zero whatever the rest."))
    return unknown[0], gmv / known


def number(label, **kwargs):
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=20, decimal_places=6, **kwargs
    )


class PlannerForm(forms.Form):
    gmv = number(_("GMV"))
    uv = number(_("UV (unique viewers)"))
    aov = number(_("Average order value"))
    # Percentages are entered as percent and solved as fractions.
    percent_fields: tuple[str, ...] = ()

    def result(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        factors = {
            name: (
                data[name] / 100
                if name in self.percent_fields and data[name] is not None
                else data[name]
            )
            for name in self.factor_names
        }
        try:
            name, value = solve(data["gmv"], factors)
            if name in self.percent_fields:
                value *= 100
            value = value.quantize(Decimal("0.01"))
        except (PlannerError, InvalidOperation) as error:
            return {"error": str(error) or _("These figures are out of range.")}
        return {"name": name, "label": self.fields[name].label, "value": value}


class ClassicPlannerForm(PlannerForm):
    conversion = number(_("Conversion %"))
    factor_names = ("uv", "conversion", "aov")
    percent_fields = ("conversion",)
    field_order = ["gmv", "uv", "conversion", "aov"]


class SeedPlannerForm(PlannerForm):
    watch_minutes = number(_("Average watch minutes"))
    orders_per_minute = number(_("Orders per viewer-minute"))
    repurchase = number(_("Repurchase frequency"))
    factor_names = ("uv", "watch_minutes", "orders_per_minute", "aov", "repurchase")
    field_order = ["gmv", "uv", "watch_minutes", "orders_per_minute", "aov", "repurchase"]


def planner_from(query, plan) -> dict:
    """Both planners, bound to the query string, or pre-filled from the plan on first view."""
    if query.get("planner"):
        classic = ClassicPlannerForm(query, prefix="c")
        seed = SeedPlannerForm(query, prefix="s")
    else:
        target, ad = plan.broadcast.gmv_target, plan.ad_plan
        classic = ClassicPlannerForm(
            {"c-gmv": target, "c-conversion": ad.conversion_pct or "", "c-aov": ad.aov or ""},
            prefix="c",
        )
        seed = SeedPlannerForm(
            {"s-gmv": target, "s-aov": ad.aov or "", "s-repurchase": 1}, prefix="s"
        )
    return {"classic": classic, "seed": seed}
