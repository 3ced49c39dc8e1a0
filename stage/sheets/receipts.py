"""Which import previews were imported: confirming one again (a double click, a second tab, a
retried request) is refused instead of importing its rows twice."""

import hashlib

from django.db import IntegrityError, models, transaction

from stage.teams import Team


class ImportReceipt(models.Model):
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the signed preview
    team = models.ForeignKey(Team, models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"import {self.digest[:12]} for {self.team}"


class AlreadyImported(Exception):
    pass


def import_once(payload: str, team, save):
    """save() with a receipt for the preview, in one transaction; AlreadyImported if the same
    preview was imported before (or is being imported by a request at this moment)."""
    digest = hashlib.sha256(payload.encode()).hexdigest()
    try:
        with transaction.atomic():
            ImportReceipt.objects.create(digest=digest, team=team)
            return save()
    except IntegrityError as clash:
        if ImportReceipt.objects.filter(digest=digest).exists():
            raise AlreadyImported from clash
        raise
