"""Read-only share links: crew without accounts open the run-sheet and the live views."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast


def new_token() -> str:
    return secrets.token_urlsafe(24)


SHOW_DAY = 0  # until a day after the show's planned end
LIFETIMES = [
    (SHOW_DAY, _("Until 24 hours after the show")),
    (1, _("1 day")),
    (3, _("3 days")),
    (7, _("7 days")),
    (30, _("30 days")),
]


class ShareLink(models.Model):
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    label = models.CharField(_("label"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    include_figures = models.BooleanField(
        _("include figures"),
        default=False,
        help_text=_("GMV target, budgets and costs. Without it crew see plan, prices and stock."),
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return self.label or self.token[:8]

    def is_active(self, now=None) -> bool:
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at
