"""What one row of the run-sheet's timeline carries: its products as the host says them, the
giveaways that fire in it, the ad slot running and the control room's timed cues. Values made
by stage.runsheet.compose, read by every format."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from stage.checklists.giveaways import said_amount
from stage.checklists.lineup import discount_label, link_label


@dataclass(frozen=True)
class ProductCue:
    """A product as the host says it in a segment: link, name, price and the deal around it."""

    link_number: int
    name: str
    live_price: Decimal
    units: int | None
    currency: str = "¥"
    list_price: Decimal | None = None
    flash_price: Decimal | None = None  # a flash sale of it fires in this segment
    limit: int | None = None
    sku: str = ""
    selling_points: tuple[str, ...] = ()

    def __str__(self):
        """One line a spreadsheet (and the import reading it back) keeps per product."""
        units = f" ×{self.units}" if self.units else ""
        return f"#{self.link_number} {self.name} {self.live_price:f}{units}"

    @property
    def link(self) -> str:
        return link_label(self.link_number)

    @property
    def price(self) -> Decimal:
        return self.live_price if self.flash_price is None else self.flash_price

    @property
    def price_said(self) -> str:
        price = said_amount(self.price, self.currency)
        if self.flash_price is None:
            return price
        return _("flash %(price)s") % {"price": price}

    @property
    def deal(self) -> str:
        """What surrounds the price: list price and discount, limit, units released, SKU."""
        parts = []
        if self.flash_price is not None:
            live = said_amount(self.live_price, self.currency)
            parts.append(_("live %(price)s") % {"price": live})
        if self.list_price and self.list_price > self.price:
            listed = said_amount(self.list_price, self.currency)
            discount = discount_label(self.list_price, self.price)
            parts.append(_("list %(price)s, %(off)s") % {"price": listed, "off": discount})
        if self.limit:
            parts.append(_("limit %(n)s per buyer") % {"n": self.limit})
        if self.units:
            parts.append(_("release %(n)s") % {"n": self.units})
        if self.sku:
            parts.append(f"SKU {self.sku}")
        return " · ".join(parts)

    @property
    def details(self) -> str:
        """The deal and the selling points, for a spreadsheet's product details column."""
        said = f"{self.link} {self.price_said}"
        return " · ".join(filter(None, [said, self.deal, *self.selling_points]))


@dataclass(frozen=True)
class GiveawayCue:
    at: str
    kind: str
    prize: str
    quantity: int
    entry: str
    terms: str = ""  # 满150减10, flash price ¥149

    def __str__(self):
        what = " ".join(filter(None, [self.prize, self.terms]))
        return f"{self.at} {self.kind} {what} ×{self.quantity} ({self.entry})"


@dataclass(frozen=True)
class SlotCue:
    start: str
    end: str
    share: Decimal
    money: Decimal | None

    def __str__(self):
        return f"{self.start}–{self.end} {self.share.normalize():f}%"


@dataclass(frozen=True)
class ActionCue:
    """A control-room cue at its planned clock time."""

    cue_id: int
    at: str
    offset: int  # minutes into the segment
    label: str
    owner: str
    done: bool

    def __str__(self):
        return f"{self.at} {self.label} ({self.owner})"


@dataclass(frozen=True)
class TimelineRow:
    number: int
    segment_id: int
    start: str
    end: str
    start_offset: int
    end_offset: int
    minutes: int
    kind: str
    kind_label: str
    title: str
    hard_start: str
    gap: str
    host_lines: str
    cues: str
    notes: str
    products: list[ProductCue]
    giveaways: list[GiveawayCue]
    slot: SlotCue | None
    actions: list[ActionCue] = field(default_factory=list)

    @property
    def cue_lines(self) -> str:
        """The free-text cues and the timed actions, a line each, for spreadsheets."""
        return "\n".join(filter(None, [self.cues, *map(str, self.actions)]))
