"""E — Warm-up content: teasers and notices before the show, and the reservations they bring."""

import re
from datetime import datetime, timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from stage.broadcasts import Broadcast
from stage.checklists.fields import AT_MOST_A_BILLION
from stage.checklists.signoff import PlanRow


class Channel(models.TextChoices):
    SHORT_VIDEO = "short_video", _("Short video")
    IMAGE_POST = "image_post", _("Image post")
    LIVE_NOTICE = "live_notice", _("Live notice")
    GROUP = "group", _("Private / fan group")
    PUSH = "push", _("Push")
    OTHER_PLATFORM = "other_platform", _("Other platform")


class WarmupStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    DRAFTED = "drafted", _("Drafted")
    SCHEDULED = "scheduled", pgettext_lazy("warm-up status", "Scheduled")
    PUBLISHED = "published", _("Published")


OFFSET = re.compile(
    r"^\s*(?:D\s*-\s*(?P<days>\d{1,3})(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"
    r"|H\s*(?P<sign>[-+])\s*(?P<hours>\d{1,3})(?::(?P<minutes>\d{2}))?)\s*$",
    re.IGNORECASE,
)


def parse_publish(text: str, start: datetime) -> datetime | None:
    """Reads an offset against the show's local start: D-1 20:00 (the day before at 20:00),
    D-3 (three days before, same clock time), H-1 or H-1:30 (before), H+0:15 (after).
    None when the text is not an offset."""
    match = OFFSET.match(text)
    if not match:
        return None
    parts = match.groupdict()
    if parts["hours"] is not None:
        minutes = int(parts["hours"]) * 60 + int(parts["minutes"] or 0)
        if parts["minutes"] is not None and int(parts["minutes"]) > 59:
            return None
        return start - timedelta(minutes=minutes if parts["sign"] == "-" else -minutes)
    day = start - timedelta(days=int(parts["days"]))
    if parts["hour"] is not None:
        if int(parts["hour"]) > 23 or int(parts["minute"]) > 59:
            return None
        day = day.replace(hour=int(parts["hour"]), minute=int(parts["minute"]))
    return day


def offset_label(publish: datetime, start: datetime) -> str:
    """The offset name of a publish time against the local start: D-1 20:00, H-1, H-0:30."""
    local_publish = publish.astimezone(start.tzinfo)
    days = (start.date() - local_publish.date()).days
    if days > 0:
        return f"D-{days} {local_publish:%H:%M}"
    minutes = int((start - publish).total_seconds() // 60)
    if minutes < 0:
        return f"H+{-minutes // 60}:{-minutes % 60:02d}"
    if minutes % 60 == 0:
        return f"H-{minutes // 60}"
    return f"H-{minutes // 60}:{minutes % 60:02d}"


class WarmupItem(PlanRow):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="warmup_items")
    position = models.PositiveIntegerField(default=0)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel, default=Channel.SHORT_VIDEO
    )
    title = models.CharField(_("title"), max_length=200)
    # Minutes before the show's start, so the item moves with the show.
    offset_minutes = models.IntegerField(_("minutes before start"))
    owner = models.CharField(_("owner"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WarmupStatus, default=WarmupStatus.IDEA
    )
    link = models.URLField(_("link"), blank=True)
    expected_reservations = models.IntegerField(
        _("expected reservations"),
        default=0,
        validators=[MinValueValidator(0, _("Cannot be negative.")), AT_MOST_A_BILLION],
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("warm-up item")
        verbose_name_plural = _("warm-up items")

    def __str__(self):
        return self.title

    @property
    def publish_at(self) -> datetime:
        return self.broadcast.local_start - timedelta(minutes=self.offset_minutes)

    @property
    def offset_label(self) -> str:
        return offset_label(self.publish_at, self.broadcast.local_start)

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.status != WarmupStatus.PUBLISHED and self.publish_at < (now or timezone.now())
