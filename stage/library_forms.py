"""The product library's forms: a product of the catalogue, and the products a lineup draws."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage.library import CatalogueItem
from stage.versioning import plain_text


class CatalogueItemForm(forms.ModelForm):
    class Meta:
        model = CatalogueItem
        fields = [
            "name",
            "spec",
            "sku",
            "list_price",
            "unit_cost",
            "stock",
            "selling_points",
            "image_url",
        ]
        widgets = {"selling_points": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.team = team

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = plain_text(value).strip()
        sku = data.get("sku")
        others = CatalogueItem.objects.filter(team=self.instance.team, sku=sku)
        if sku and others.exclude(pk=self.instance.pk).exists():
            self.add_error("sku", _("The library already has a product with this SKU."))
        return data


class DrawForm(forms.Form):
    """Library products to add to a lineup, each on the next free cart link."""

    items = forms.ModelMultipleChoiceField(
        queryset=CatalogueItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Library products"),
        error_messages={"required": gettext_lazy("Tick at least one product.")},
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = CatalogueItem.objects.filter(team=team)
