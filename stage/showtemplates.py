"""Team templates: a broadcast's plan saved once, to start the next show from it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stage.teams import Team


class ShowTemplate(models.Model):
    team = models.ForeignKey(Team, models.CASCADE, related_name="show_templates")
    name = models.CharField(_("name"), max_length=200)
    # The broadcast and its five checklists as stage.transfer exports them (versioned schema).
    document = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("template")
        verbose_name_plural = _("templates")

    def __str__(self):
        return self.name
