from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StageConfig(AppConfig):
    name = "stage"
    verbose_name = _("STAGE")

    def ready(self):
        from stage import memory

        memory.connect()
