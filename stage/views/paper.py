"""Answers for a PDF: the one kept in the database; typeset in the request for a show of up to
PAPER_INLINE_SEGMENTS segments; for a longer one, made by the task worker while a page says so
and polls for it."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from stage.paper import PaperError
from stage.paper.kept import Paper, version_of
from stage.paper.make import Spec, typeset_paper
from stage.paper.tasks import make_paper

STOP_POLLING = 286  # htmx stops a poll answered with it
EXTENSIONS = {"run-sheet": "pdf", "review": "review.pdf"}


def download(content: bytes, content_type: str, broadcast, extension: str) -> HttpResponse:
    day = broadcast.local_start.strftime("%Y-%m-%d")
    name = f"{day}-{slugify(broadcast.title, allow_unicode=True) or 'broadcast'}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def pdf_answer(request, broadcast, name: str, paper: str, audience: str, back: str):
    spec = Spec(name, paper, audience, get_language())
    version = version_of(broadcast)
    kept = Paper.objects.filter(broadcast=broadcast, name=name, variant=spec.variant).first()
    now = timezone.now()
    current = kept is not None and kept.version == version
    if current and kept.pdf is not None and (kept.stale_at is None or kept.stale_at > now):
        if request.htmx:
            return waiting(request, broadcast, back, kept, None, status=STOP_POLLING, ready=True)
        return download(bytes(kept.pdf), "application/pdf", broadcast, EXTENSIONS[name])
    segments = broadcast.segments.count()
    if segments <= settings.PAPER_INLINE_SEGMENTS and not request.htmx:
        return typeset_here(request, broadcast, spec, version, back)
    if current and kept.failed:
        return waiting(request, broadcast, back, kept, segments, status=STOP_POLLING, failed=True)
    lost = current and kept.asked_at < now - timedelta(seconds=3 * settings.PAPER_SECONDS)
    if not current or kept.pdf is not None or lost:
        fields = {"version": version, "asked_at": now, "pdf": None, "stale_at": None, "failed": ""}
        kept = keep(broadcast, spec, fields)
        make_paper.enqueue(broadcast.pk, name, spec.paper, spec.audience, spec.language)
    return waiting(request, broadcast, back, kept, segments)


def keep(broadcast, spec: Spec, fields: dict) -> Paper:
    """The show's one Paper row for this document and variant, with `fields`."""
    found = Paper.objects.filter(broadcast=broadcast, name=spec.name, variant=spec.variant)
    if not found.update(**fields):
        try:
            with transaction.atomic():
                return Paper.objects.create(
                    broadcast=broadcast, name=spec.name, variant=spec.variant, **fields
                )
        except IntegrityError:  # the same PDF asked for at the same moment
            found.update(**fields)
    return Paper(broadcast=broadcast, name=spec.name, variant=spec.variant, **fields)


def typeset_here(request, broadcast, spec: Spec, version: str, back: str):
    try:
        pdf, stale_at = typeset_paper(broadcast, spec)
    except PaperError:
        messages.error(
            request,
            _("The PDF could not be made within %(seconds)s seconds: print this page instead.")
            % {"seconds": settings.PAPER_SECONDS},
        )
        return redirect(back)
    keep(broadcast, spec, {"version": version, "pdf": pdf, "stale_at": stale_at, "failed": ""})
    return download(pdf, "application/pdf", broadcast, EXTENSIONS[spec.name])


def waiting(request, broadcast, back, kept, segments, status=200, ready=False, failed=False):
    """The page that waits for a long show's PDF (for htmx, its part), polling every 2 s."""
    ctx = {
        "broadcast": broadcast,
        "back": back,
        "ready": ready,
        "failed": failed,
        "seconds": int((timezone.now() - kept.asked_at).total_seconds()),
        "segments": segments,
    }
    template = "stage/paper_waiting.html"
    response = render(request, f"{template}#waiting" if request.htmx else template, ctx)
    response.status_code = status
    response["Cache-Control"] = "no-store"
    return response
