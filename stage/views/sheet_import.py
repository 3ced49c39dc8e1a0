"""Import a 直播脚本 workbook: upload, preview (each sheet's kind, each column's meaning, rows to
skip), import. Into a broadcast's Timing script, or as new broadcasts, one per script sheet.

The preview needs no server-side state: it carries the file's cells in a signed hidden field,
so any app server can answer the next step, and importing checks everything again.
"""

import re
import secrets
from http import HTTPStatus

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from stage.access import get_broadcast, team_writer_required
from stage.forms import SheetForm
from stage.sheets import files
from stage.sheets.importer import IGNORE, Choices, prepare, save
from stage.sheets.receipts import AlreadyImported, import_once
from stage.sheets.words import ADS, FIELDS, GIVEAWAYS, IGNORED, PRODUCTS, SCRIPT, WARMUP

MAX_AGE = 60 * 60
KIND_LABELS = {
    SCRIPT: gettext_lazy("Script (segments)"),
    PRODUCTS: gettext_lazy("Product list"),
    GIVEAWAYS: gettext_lazy("Giveaways"),
    ADS: gettext_lazy("Ad-spend plan"),
    WARMUP: gettext_lazy("Warm-up calendar"),
    IGNORE: gettext_lazy("Ignore this sheet"),
}


def salt(team, into) -> str:
    """Per team and broadcast, so a signed preview cannot be imported anywhere else."""
    return f"stage.sheets:{team.pk}:{into.pk if into else 'new'}"


@require_http_methods(["GET", "POST"])
def segments_import(request, pk: int):
    broadcast, membership = get_broadcast(request, pk, write=True)
    return import_flow(request, membership.team, into=broadcast)


@require_http_methods(["GET", "POST"])
@team_writer_required
def shows_import(request):
    return import_flow(request, request.membership.team)


def import_flow(request, team, into=None):
    if request.method == "GET":
        return page(request, team, into, SheetForm())
    if "payload" not in request.POST:
        form = SheetForm(request.POST, request.FILES)
        if not form.is_valid():
            return page(request, team, into, form, status=HTTPStatus.UNPROCESSABLE_ENTITY)
        upload = form.cleaned_data["file"]
        try:
            grids = files.read_book(upload.read(files.MAX_BYTES + 1), upload.name)
        except files.Refused as refusal:
            form.add_error("file", str(refusal))
            return page(request, team, into, form, status=HTTPStatus.UNPROCESSABLE_ENTITY)
        return preview(request, team, into, grids, upload.name, Choices(), form=form)
    try:
        data = signing.loads(request.POST["payload"], salt=salt(team, into), max_age=MAX_AGE)
    except signing.SignatureExpired:
        return refused(
            request, team, into, _("This preview is more than an hour old: upload the file again.")
        )
    except signing.BadSignature:
        return refused(
            request, team, into, _("This preview could not be verified: upload the file again.")
        )
    grids = [files.Grid(name, rows) for name, rows in data["grids"]]
    choices = choices_of(request.POST)
    if request.POST.get("action") != "import":
        return preview(request, team, into, grids, data["filename"], choices)
    book = prepare(grids, data["filename"], choices, team=team, into=into)
    if not book.ok:
        return preview(
            request,
            team,
            into,
            grids,
            data["filename"],
            choices,
            status=HTTPStatus.UNPROCESSABLE_ENTITY,
        )
    try:
        done = import_once(request.POST["payload"], team, lambda: save(book))
    except AlreadyImported:
        return refused(request, team, into, _("This preview has already been imported."))
    return finished(request, into, done)


def refused(request, team, into, message: str):
    return page(
        request, team, into, SheetForm(), problems=[message], status=HTTPStatus.UNPROCESSABLE_ENTITY
    )


def choices_of(post) -> Choices:
    choices = Choices()
    for key, value in post.items():
        if match := re.fullmatch(r"kind-(\d+)", key):
            if value in KIND_LABELS:
                choices.kinds[int(match[1])] = value
        elif match := re.fullmatch(r"col-(\d+)-(\d+)", key):
            sheet = int(match[1])
            choices.columns.setdefault(sheet, {})[int(match[2])] = value
    for key in post:
        if match := re.fullmatch(r"skip-(\d+)-(\d+)", key):
            choices.skip.setdefault(int(match[1]), set()).add(int(match[2]))
    for sheet, columns in choices.columns.items():  # meanings of another kind of sheet: guess again
        fields = FIELDS.get(choices.kinds.get(sheet), {})
        choices.columns[sheet] = {
            i: name for i, name in columns.items() if not name or name in fields
        }
    return choices


def preview(request, team, into, grids, filename, choices, *, status=200, form=None):
    book = prepare(grids, filename, choices, team=team, into=into)
    problems = []
    if book.problems:  # no script, or no row to import: said next to the file field
        if form is not None:
            for problem in book.problems:
                form.add_error("file", problem)
        else:
            problems = book.problems
        status = HTTPStatus.UNPROCESSABLE_ENTITY
    # "once" tells two previews of the same file apart: each imports once (import_once).
    grid_data = [grid.payload() for grid in grids]
    payload = {"filename": filename, "grids": grid_data, "once": secrets.token_hex(8)}
    signed = signing.dumps(payload, salt=salt(team, into), compress=True)
    ctx = {"book": book, "payload": signed, "choices": choices, "problems": problems}
    return page(request, team, into, form or SheetForm(), status=status, **ctx)


def page(
    request, team, into, form, *, book=None, payload=None, choices=None, problems=(), status=200
):
    ctx = {
        "team": team,
        "broadcast": into,
        "form": form,
        "book": book,
        "problems": problems,
        "payload": payload,
        "skip": choices.skip if choices else {},
        "kinds": KIND_LABELS,
        "fields": {
            kind: {"": _("Not imported")} | {k: v[0] for k, v in f.items() if k != IGNORED}
            for kind, f in FIELDS.items()
        },
        "back": into.checklist_url("T") if into else "/",
    }
    return render(request, "stage/sheet_import.html", ctx, status=status)


def finished(request, into, done):
    for item in done:
        counts = {
            "segments": ngettext("%d segment", "%d segments", len(item.segments))
            % len(item.segments),
            "products": ngettext("%d new product", "%d new products", len(item.products))
            % len(item.products),
            "giveaways": ngettext("%d giveaway", "%d giveaways", len(item.giveaways))
            % len(item.giveaways),
        }
        message = _("%(title)s: imported %(segments)s, %(products)s and %(giveaways)s.")
        messages.success(request, message % {"title": item.broadcast.title, **counts})
    if into is not None:
        return redirect(into.checklist_url("T"))
    if len(done) == 1:
        return redirect(done[0].broadcast.get_absolute_url())
    return redirect("broadcast_list")
