"""The five checklists by letter: which rows, which form, what the add button says."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stage.checklists import forms
from stage.checklists.adspend import AdSlot
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem


@dataclass(frozen=True)
class Checklist:
    letter: str
    model: type
    form: type
    add_label: Promise
    columns: int  # in its table (templates/stage/checklists/<letter>.html), for full-width rows
    # The team orders its rows; else they list in time order (stage.plan.load_plan).
    orderable: bool = True


CHECKLIST_BY_LETTER = {
    c.letter: c
    for c in [
        Checklist("T", Segment, forms.SegmentForm, _("Add segment"), 6),
        Checklist("A", AdSlot, forms.AdSlotForm, _("Add time slot"), 5),
        Checklist("S", Product, forms.ProductForm, _("Add product"), 10),
        Checklist("G", Giveaway, forms.GiveawayForm, _("Add giveaway"), 6, orderable=False),
        Checklist("E", WarmupItem, forms.WarmupForm, _("Add warm-up item"), 6, orderable=False),
    ]
}
