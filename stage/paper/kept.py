"""PDFs kept in the database, one per show, document and variant: every app server serves the
one any of them made, and a long show's PDF is made by the task worker, off the request."""

from django.db import models
from django.utils import timezone

from stage.broadcasts import Broadcast


class Paper(models.Model):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="+")
    name = models.CharField(max_length=20)  # "run-sheet" or "review"
    variant = models.CharField(max_length=120)  # paper size, reader, language, time zone
    version = models.CharField(max_length=40)  # the show's version it was asked for
    asked_at = models.DateTimeField(default=timezone.now)
    pdf = models.BinaryField(null=True, editable=False)
    stale_at = models.DateTimeField(null=True)  # a warm-up item turns overdue
    failed = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "name", "variant"], name="one_paper")
        ]

    def __str__(self):
        return f"{self.name} {self.variant} of {self.broadcast_id}"


def version_of(broadcast) -> str:
    return f"{broadcast.created.timestamp()}:{broadcast.live_version}"
