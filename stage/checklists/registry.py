"""The five checklists by letter, in the order of the STAGE method: their names, their rows, the
form that edits a row, what the add button says.

The one table of the letters. The model layer reads it too (a broadcast's readiness, the plan),
so it imports no models or forms: each is found by name when first asked for.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Checklist:
    letter: str
    name: Promise
    method: str  # Kuaishou's name for the checklist, shown beside the name in any language
    model_name: str
    form_name: str  # in stage.checklists.forms
    add_label: Promise
    columns: int  # in its table (templates/stage/checklists/<letter>.html), for full-width rows
    # The team orders its rows; else they list in time order (stage.plan.load_plan).
    orderable: bool = True

    @property
    def model(self):
        return apps.get_model("stage", self.model_name)

    @property
    def form(self):
        return getattr(import_module("stage.checklists.forms"), self.form_name)

    @property
    def rows(self) -> str:
        """The broadcast's name for its rows of this letter: broadcast.segments, …"""
        return self.model._meta.get_field("broadcast").remote_field.related_name


CHECKLIST_BY_LETTER = {
    c.letter: c
    for c in [
        Checklist("T", _("Timing script"), "盘直播", "Segment", "SegmentForm", _("Add segment"), 6),
        Checklist(
            "A", _("Ad-spend plan"), "盘商业化", "AdSlot", "AdSlotForm", _("Add time slot"), 5
        ),
        Checklist(
            "S", _("Product lineup"), "盘货品", "Product", "ProductForm", _("Add product"), 10
        ),
        Checklist(
            "G", _("Giveaways"), "盘福利", "Giveaway", "GiveawayForm", _("Add giveaway"), 6,
            orderable=False,
        ),
        Checklist(
            "E", _("Warm-up content"), "盘亮点", "WarmupItem", "WarmupForm",
            _("Add warm-up item"), 6, orderable=False,
        ),
    ]
}  # fmt: skip
LETTERS = list(CHECKLIST_BY_LETTER)
