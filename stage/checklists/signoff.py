"""Readiness: each letter's manual sign-off. An edit to a letter clears its sign-off."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast, Status


class SignOff(models.Model):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="signoffs")
    letter = models.CharField(max_length=1)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["broadcast", "letter"], name="one_signoff_per_letter")
        ]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")

    def __str__(self):
        return f"{self.broadcast} {self.letter} by {self.user}"


def withdraw_signoff(broadcast, *letters: str) -> None:
    """After any edit, or on request: the letters' sign-offs no longer hold, nor does ready."""
    SignOff.objects.filter(broadcast=broadcast, letter__in=letters).delete()
    if broadcast.status == Status.READY:
        broadcast.status = Status.DRAFT
    broadcast.touch(status=broadcast.status)
