"""The task worker's part (manage.py db_worker): a long show's PDF, made off the request."""

from django.tasks import task

from stage.broadcasts import Broadcast
from stage.paper import PaperError
from stage.paper.kept import Paper, version_of
from stage.paper.make import Spec, typeset_paper


@task()
def make_paper(broadcast_id: int, name: str, paper: str, audience: str, language: str) -> None:
    spec = Spec(name, paper, audience, language)
    broadcast = Broadcast.objects.in_use().select_related("team").filter(pk=broadcast_id).first()
    if broadcast is None:
        return
    version = version_of(broadcast)
    asked = Paper.objects.filter(broadcast=broadcast, name=name, variant=spec.variant)
    if not asked.filter(version=version, pdf__isnull=True).exists():
        return  # made already, or asked again for a newer version
    try:
        pdf, stale_at = typeset_paper(broadcast, spec)
    except PaperError as error:
        asked.filter(version=version).update(failed=str(error)[:2000])
        return
    asked.filter(version=version).update(pdf=pdf, stale_at=stale_at, failed="")
