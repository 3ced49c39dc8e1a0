"""The control room (场控 / 中控) during the show: timed cues, messages to the host, stock.

Cues are generated from the plan (S's links and units per showing, G's giveaways, A's slots)
and edited like any row; on air the operator ticks each off. Every write here moves the
broadcast's live_version (Broadcast.touch), so the live views and run-sheet follow.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast
from stage.checklists.adspend import AdSlot
from stage.checklists.fields import AT_MOST_A_BILLION, WITHIN_A_DAY, money_field
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.teams import Team
from stage.versioning import ShowRow

MESSAGE_LENGTH = 200


class CueKind(models.TextChoices):
    LIST = "list", _("List cart link")
    UNLIST = "unlist", _("Unlist cart link")
    PRICE = "price", _("Change price")
    RELEASE = "release", _("Release units")
    GIVEAWAY = "giveaway", _("Fire giveaway")
    CARD = "card", _("Show product card")
    AD_START = "ad_start", _("Start ad slot")
    AD_STOP = "ad_stop", _("Stop ad slot")
    REMIND = "remind", _("Spoken reminder")


class CueOwner(models.TextChoices):
    CONTROL = "control", _("Control room")
    HOST = "host", _("Host")
    ADS = "ads", _("Ad buyer")
    OPS = "ops", _("Operations")


class Cue(ShowRow):
    """One timed action of the control room: at `offset` minutes into its segment."""

    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="cues")
    segment = models.ForeignKey(
        Segment, models.CASCADE, related_name="control_cues", verbose_name=_("segment")
    )
    offset = models.IntegerField(
        _("minutes into the segment"),
        default=0,
        validators=[MinValueValidator(0, _("A cue cannot come before its segment.")), WITHIN_A_DAY],
    )
    kind = models.CharField(_("action"), max_length=10, choices=CueKind, default=CueKind.REMIND)
    product = models.ForeignKey(
        Product, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("link")
    )
    units = models.IntegerField(
        _("units"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1, _("Release at least one unit.")), AT_MOST_A_BILLION],
    )
    price = money_field(_("new price"), null=True, blank=True)
    giveaway = models.ForeignKey(
        Giveaway,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("giveaway"),
    )
    ad_slot = models.ForeignKey(
        AdSlot, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("ad slot")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    owner = models.CharField(_("who"), max_length=10, choices=CueOwner, default=CueOwner.CONTROL)
    generated = models.BooleanField(default=False, editable=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["segment__position", "segment_id", "offset", "pk"]
        verbose_name = _("cue")
        verbose_name_plural = _("cues")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """What to do, in a line: 'Release units #1 ×500'."""
        parts = [self.get_kind_display()]
        if self.product_id:
            parts.append(f"#{self.product.link_number} {self.product.name}")
        if self.giveaway_id:
            parts.append(str(self.giveaway))
        if self.units:
            parts.append(f"×{self.units}")
        if self.price is not None:
            parts.append(f"→ {self.broadcast.currency_symbol}{self.price:,.2f}")
        if self.note:
            parts.append(self.note)
        return " · ".join(parts)


class HostMessage(models.Model):
    """A message from the control room to the big screen; shown until cleared, and kept."""

    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="host_messages")
    text = models.CharField(
        _("message"), max_length=MESSAGE_LENGTH, validators=[MaxLengthValidator(MESSAGE_LENGTH)]
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("message to the host")
        verbose_name_plural = _("messages to the host")

    def __str__(self):
        return self.text


class StockEntry(models.Model):
    """Units the control room released to a cart link, and units sold, at one moment."""

    product = models.ForeignKey(Product, models.CASCADE, related_name="stock_entries")
    released = models.IntegerField(
        _("released"), default=0, validators=[MinValueValidator(0, _("Cannot be negative."))]
    )
    sold = models.IntegerField(
        _("sold"), default=0, validators=[MinValueValidator(0, _("Cannot be negative."))]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("stock entry")
        verbose_name_plural = _("stock entries")

    def __str__(self):
        return f"{self.product} +{self.released} −{self.sold}"


DEFAULT_PRESETS = [
    _("Speed up"),
    _("Put the link up"),
    _("Keep them watching"),
    _("Lucky bag next"),
    _("Selling points"),
    _("Say the stock"),
]


class MessagePresets(models.Model):
    """A team's one-tap messages to the host."""

    team = models.OneToOneField(Team, models.CASCADE, related_name="message_presets")
    lines = models.TextField(_("one-tap messages"), help_text=_("One per line."), max_length=5_000)

    def __str__(self):
        return f"{self.team}: {len(self.as_list())}"

    def as_list(self) -> list[str]:
        return [line.strip() for line in self.lines.splitlines() if line.strip()]


def presets_for(team: Team) -> list[str]:
    presets = MessagePresets.objects.filter(team=team).first()
    return presets.as_list() if presets else [str(text) for text in DEFAULT_PRESETS]


def generate_cues(plan) -> list[Cue]:
    """The cues the plan implies, not saved: list each link shown and release its units per
    showing at the segment's start, fire each giveaway when it is due, start and stop each ad
    slot inside the show."""
    cues = []
    segments = plan.segments
    if not segments:
        return cues

    def placed(minute: int):
        """(segment, minutes into it) for a minute from the show's start, within the show."""
        for s in segments:
            if s.start_offset <= minute < s.end_offset:
                return s, minute - s.start_offset
        return None, 0

    def add(segment, offset, kind, owner=CueOwner.CONTROL, **fields):
        cues.append(
            Cue(broadcast=plan.broadcast, segment=segment, offset=offset, kind=kind,
                owner=owner, generated=True, **fields)
        )  # fmt: skip

    for s in segments:
        for p in s.shown_products:
            add(s, 0, CueKind.LIST, product=p)
            if p.release_units:
                add(s, 0, CueKind.RELEASE, product=p, units=p.release_units)
    for g in plan.giveaways:
        if g.fires_at is not None:
            segment, offset = placed(g.fires_at)
            if segment is not None:
                add(segment, offset, CueKind.GIVEAWAY, giveaway=g)
    starts = {slot.start_offset for slot in plan.ad_slots}
    for slot in plan.ad_slots:
        segment, offset = placed(slot.start_offset)
        if segment is not None:
            add(segment, offset, CueKind.AD_START, owner=CueOwner.ADS, ad_slot=slot)
        segment, offset = placed(slot.end_offset)
        if segment is not None and slot.end_offset not in starts:  # not handed on to the next
            add(segment, offset, CueKind.AD_STOP, owner=CueOwner.ADS, ad_slot=slot)
    order = {s.pk: i for i, s in enumerate(segments)}
    cues.sort(key=lambda c: (order[c.segment.pk], c.offset))
    return cues


def current_message(broadcast) -> HostMessage | None:
    return broadcast.host_messages.filter(cleared_at__isnull=True).first()


def stock_by_link(plan, live) -> list[dict]:
    """The cart links on air now and next: stock, units released and sold so far, what is in
    the cart and what is left to release; warns when a release due now or next asks for more
    than is left. (Only these links: the answer stays small on a long show.)"""
    on_air = {row.segment_id for row in (live.current, live.next) if row is not None}
    products = {p.pk: p for s in plan.segments if s.pk in on_air for p in s.shown_products}
    totals = {
        row["product_id"]: row
        for row in StockEntry.objects.filter(product__in=list(products))
        .values("product_id")
        .annotate(released=models.Sum("released"), sold=models.Sum("sold"))
    }
    due = {}
    for a in live.actions:
        cue = a["cue"]
        if cue.kind == CueKind.RELEASE and cue.product_id and not cue.done_at:
            due[cue.product_id] = due.get(cue.product_id, 0) + (cue.units or 0)
    lines = []
    for p in sorted(products.values(), key=lambda p: (p.link_number, p.pk)):
        t = totals.get(p.pk, {})
        released, sold = t.get("released") or 0, t.get("sold") or 0
        left = p.stock - released
        lines.append({
            "product": p, "released": released, "sold": sold, "in_cart": released - sold,
            "left": left, "due": due.get(p.pk), "short": due.get(p.pk, 0) > left,
        })  # fmt: skip
    return lines


def host_card(live, stock: list[dict]) -> dict | None:
    """What the host needs now: the products on air as they are said (price, flash price,
    limit, selling points) with the stock left, the segment's deals and its host lines."""
    if live.current is None:
        return None
    left = {line["product"].link_number: line for line in stock}
    return {
        "products": [(p, left.get(p.link_number)) for p in live.current.products],
        "deals": [g for g in live.current.giveaways if g.terms],
        "host_lines": live.current.host_lines,
    }


def edits_on_air(broadcast, since) -> list:
    """The timing script's rows added, edited or deleted since the show went live, newest
    first: the operator sees what changed under their feet."""
    if since is None:
        return []
    history = Segment.history.filter(broadcast_id=broadcast.pk, history_date__gte=since)
    return list(history.select_related("history_user").order_by("-history_date")[:5])
