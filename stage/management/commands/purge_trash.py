"""Deletes for good the broadcasts that have been in a team's trash for more than 30 days."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from stage.broadcasts import Broadcast
from stage.views.workflow import TRASH_DAYS


class Command(BaseCommand):
    help = "Purge broadcasts deleted more than 30 days ago (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        cutoff = timezone.now() - timedelta(days=TRASH_DAYS)
        purged, _per_model = Broadcast.objects.filter(deleted_at__lt=cutoff).delete()
        self.stdout.write(f"Purged {purged} rows of broadcasts deleted before {cutoff:%Y-%m-%d}.")
