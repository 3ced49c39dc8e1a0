"""A broadcast: one livestream show that the team plans with the five STAGE checklists."""

from datetime import datetime, timedelta
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stage.checklists.registry import CHECKLIST_BY_LETTER, LETTERS
from stage.teams import Team
from stage.versioning import Versioned


class Platform(models.TextChoices):
    KUAISHOU = "kuaishou", _("Kuaishou")
    DOUYIN = "douyin", _("Douyin")
    TAOBAO = "taobao", _("Taobao Live")
    WECHAT = "wechat", _("WeChat Channels")
    TIKTOK = "tiktok", _("TikTok Shop")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready")
    LIVE = "live", _("Live")
    DONE = "done", _("Done")
    REVIEWED = "reviewed", _("Reviewed")


class Currency(models.TextChoices):
    CNY = "CNY", "CNY ¥"
    USD = "USD", "USD $"


CURRENCY_SYMBOLS = {Currency.CNY: "¥", Currency.USD: "$"}


class BroadcastQuerySet(models.QuerySet):
    def with_readiness(self):
        """Each broadcast's letters at a glance: which are started, which signed off."""
        annotations = {
            f"started_{letter}": models.Exists(
                checklist.model.objects.filter(broadcast=models.OuterRef("pk"))
            )
            for letter, checklist in CHECKLIST_BY_LETTER.items()
        }
        return self.annotate(**annotations).prefetch_related("signoffs")

    def in_use(self):
        """Everything but the trash."""
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False).order_by("-deleted_at")

    def upcoming(self, now=None):
        """Shows that have not ended yet, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("scheduled_start", "pk")

    def past(self, now=None):
        """Shows that have ended, most recent first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-scheduled_start", "-pk")


class Broadcast(Versioned):
    team = models.ForeignKey(Team, models.CASCADE, related_name="broadcasts")
    title = models.CharField(_("title"), max_length=200)
    platform = models.CharField(
        _("platform"), max_length=20, choices=Platform, default=Platform.KUAISHOU
    )
    account = models.CharField(_("account / room"), max_length=100, blank=True)
    hosts = models.CharField(_("host(s)"), max_length=200, blank=True)
    scheduled_start = models.DateTimeField(_("scheduled start"))
    planned_minutes = models.IntegerField(
        _("planned length (minutes)"),
        default=120,
        validators=[
            MinValueValidator(1, _("A show lasts at least one minute.")),
            MaxValueValidator(24 * 60, _("A show lasts at most 24 hours (1,440 minutes).")),
        ],
    )
    # Stored so the list can split upcoming from past in the database.
    ends_at = models.DateTimeField(editable=False)
    gmv_target = models.DecimalField(
        _("GMV target"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"), _("The GMV target cannot be negative."))],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency, default=Currency.CNY)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    notes = models.TextField(_("notes"), blank=True, max_length=10_000)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # In the team's trash since then (purged after 30 days); None while in use.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A past show locked against edits: its plan is the record of what was planned.
    locked = models.BooleanField(_("locked"), default=False)
    # Bumped by every show-control step and checklist edit: the live views' ETag.
    live_version = models.PositiveIntegerField(default=0, editable=False)

    objects = BroadcastQuerySet.as_manager()

    class Meta:
        ordering = ["scheduled_start"]
        indexes = [models.Index(fields=["team", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_minutes__gte=1), name="broadcast_length_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(gmv_target__gte=0), name="broadcast_target_not_negative"
            ),
        ]
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.ends_at = self.scheduled_start + timedelta(minutes=self.planned_minutes)
        self.__dict__.pop("local_start", None)
        adding = self._state.adding
        if not adding:
            # live_version is only ever counted up in SQL (touch): a stale copy must not undo it.
            fields = kwargs.get("update_fields")
            if fields is None:
                fields = [f.name for f in self._meta.concrete_fields if not f.primary_key]
            kwargs["update_fields"] = {*fields, "ends_at"} - {"live_version"}
        super().save(*args, **kwargs)
        if not adding:
            self.touch()

    def get_absolute_url(self) -> str:
        return reverse("broadcast_detail", args=[self.pk])

    def checklist_url(self, letter: str) -> str:
        return reverse("checklist", args=[self.pk, letter])

    def touch(self, **changes) -> None:
        """Records that the broadcast or its plan changed (with any field changes given).

        live_version keys the rendered sheets (stage/rendered.py) and the live views' ETag.
        """
        changes["live_version"] = models.F("live_version") + 1
        Broadcast.objects.filter(pk=self.pk).update(**changes)
        self.live_version = Broadcast.objects.values_list("live_version", flat=True).get(pk=self.pk)
        self.touches = getattr(self, "touches", 0) + 1

    def moved_once(self) -> tuple[int, int] | None:
        """The version this copy's one touch moved the show from and to; None after no touch
        or several. A page that was at the first has missed nothing but this write: had
        another come between the update and its read-back, the first would be a version no
        page has seen."""
        if getattr(self, "touches", 0) != 1:
            return None
        return self.live_version - 1, self.live_version

    def hold(self) -> None:
        """Inside a transaction, waits for any other writer holding the show: a row the show
        has one of (its ad plan, its actuals) is then read after another's first save."""
        Broadcast.objects.select_for_update().filter(pk=self.pk).values_list("pk").get()

    @property
    def can_be_locked(self) -> bool:
        """Only a show that is over becomes a read-only record."""
        return self.status in (Status.DONE, Status.REVIEWED)

    @property
    def open_for_actuals(self) -> bool:
        """Actuals exist once the show is over: ended on air, reviewed, or past its scheduled
        end without being run from show control (the team ran it elsewhere)."""
        if self.status in (Status.DONE, Status.REVIEWED):
            return True
        return self.status != Status.LIVE and self.is_past

    @property
    def currency_symbol(self) -> str:
        return CURRENCY_SYMBOLS.get(self.currency, self.currency)

    @cached_property
    def local_start(self) -> datetime:
        """The scheduled start in the team's time zone: clock times are read against it."""
        return self.scheduled_start.astimezone(ZoneInfo(self.team.time_zone))

    @property
    def letters_at_a_glance(self) -> list[tuple[str, str]]:
        """(letter, "signed" | "started" | "empty") from with_readiness()."""
        signed = {s.letter for s in self.signoffs.all()}

        def state(letter):
            if letter in signed:
                return "signed"
            return "started" if getattr(self, f"started_{letter}", False) else "empty"

        return [(letter, state(letter)) for letter in LETTERS]

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()
