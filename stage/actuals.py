"""After the show: what really happened, for the review (复盘) against the plan."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage.broadcasts import Broadcast
from stage.checklists.fields import count_field, money_field


class ShowActuals(models.Model):
    broadcast = models.OneToOneField(Broadcast, models.CASCADE, related_name="actuals")
    gmv = money_field(_("GMV"))
    uv = count_field(_("UV (unique viewers)"))
    pv = count_field(_("PV (views)"))
    avg_watch_seconds = count_field(_("average watch time (seconds)"))
    orders = count_field(_("orders"))
    buyers = count_field(_("buyers"))
    new_followers = count_field(_("new followers"))
    ad_spend = money_field(_("ad spend"))
    ad_gmv = money_field(_("GMV from ads"))
    reservations = count_field(_("reservations"), null=True, blank=True)
    # Where the UV came from (流量来源), as the platform's data screen counts it.
    uv_natural = count_field(_("natural (recommended) UV"), null=True, blank=True)
    uv_followers = count_field(_("follower UV"), null=True, blank=True)
    uv_paid = count_field(_("paid UV"), null=True, blank=True)
    uv_video = count_field(_("short-video UV"), null=True, blank=True)
    uv_other = count_field(_("other UV"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=10_000)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("show actuals")
        verbose_name_plural = _("show actuals")

    def __str__(self):
        return f"{self.broadcast} actuals"
