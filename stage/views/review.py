"""After the show: entering the actuals, and the review (复盘) against the plan.

The review page, its PDF and its XLSX all read the one composed Review (stage/review.py).
"""

from http import HTTPStatus

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stage import exports
from stage.access import can_edit, get_broadcast
from stage.actuals import ShowActuals
from stage.broadcasts import Broadcast, Status
from stage.plan import load_plan
from stage.review import compose_review
from stage.review_chart import chart, xlsx_charts
from stage.review_forms import ActualsForm, BreakdownForm, ConclusionsForm
from stage.sheets.actuals import MEANINGS, Reading, as_pasted, read_actuals
from stage.sheets.files import MAX_BYTES, MAX_COLUMNS, Grid, Refused, csv_rows, read_book, trim
from stage.views.checklists import get_row, written
from stage.views.paper import download, pdf_answer
from stage.views.runsheet import paper_of

CARRIES = {"T", "S"}  # the checklists whose rows carry the last review's conclusions
TEMPLATE = "stage/review.html"
FORM_TEMPLATE = "stage/actuals_form.html"


def _actuals(broadcast: Broadcast) -> ShowActuals | None:
    try:
        return broadcast.actuals
    except ShowActuals.DoesNotExist:
        return None


def _actuals_forms(broadcast, plan, data, initial=None) -> tuple[ActualsForm, BreakdownForm]:
    instance = _actuals(broadcast) or ShowActuals(broadcast=broadcast)
    form = ActualsForm(data, instance=instance, initial=initial)
    return form, BreakdownForm(data, plan=plan, initial=initial)


def _read_sheet(request, plan) -> Reading:
    """The data sheet uploaded or pasted with the form, read against the plan; with "mapped",
    read again with the columns as the reader corrected them."""
    upload, pasted = request.FILES.get("sheet"), request.POST.get("pasted", "")
    mapping, header_row = None, 0
    if request.POST.get("read") == "mapped" and upload is None:
        mapping = {
            int(key[4:]): value
            for key, value in request.POST.items()
            if key.startswith("col-") and key[4:].isdigit() and int(key[4:]) < MAX_COLUMNS
        }
        header_row = _whole(request.POST.get("header_row"))
    try:
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise Refused(_("The file is larger than 2 MB."))
            grids = read_book(upload.read(), upload.name)
        elif pasted.strip():
            grids = [Grid(_("Pasted"), trim(csv_rows(pasted)))]
        else:
            return Reading(problems=[_("Paste the data sheet's cells or choose its file first.")])
    except Refused as refused:
        return Reading(problems=[str(refused)])
    return read_actuals(grids, plan, header_row, mapping)


def _whole(text) -> int:
    return int(text) if str(text or "").isdigit() and len(str(text)) < 5 else 0


@require_http_methods(["GET", "POST"])
def actuals_edit(request, pk: int):
    """GET: the form. POST with "read": the form filled from a data sheet, not saved. POST: save."""
    broadcast, _membership = get_broadcast(request, pk, write=True)
    if not broadcast.open_for_actuals:
        ctx = {"broadcast": broadcast, "closed": True}
        return render(request, FORM_TEMPLATE, ctx, status=HTTPStatus.CONFLICT)
    reading = None
    if request.method == "GET":
        form, breakdown = _actuals_forms(broadcast, load_plan(broadcast), None)
    elif "read" in request.POST:
        # What was typed and what was read, shown for checking: not validated until Save.
        plan = load_plan(broadcast)
        reading = _read_sheet(request, plan)
        typed = {name: value for name, value in request.POST.items() if value}
        form, breakdown = _actuals_forms(broadcast, plan, None, typed | reading.values)
        if reading.grid is not None:  # a file's cells stay on the page to read again
            reading.pasted = as_pasted(reading.grid)
    else:
        with transaction.atomic():
            # A second first save updates the first one's figures; fields left as they were
            # seen take what another saved meanwhile (SavedMeanwhile), read under the lock.
            broadcast.hold()
            form, breakdown = _actuals_forms(broadcast, load_plan(broadcast), request.POST)
            if saved := form.is_valid() & breakdown.is_valid():  # both, for every error
                form.instance.entered_by = request.user
                form.save()
                breakdown.save()
                broadcast.touch(status=Status.REVIEWED)
        if saved:
            messages.success(request, _("Actuals saved. The review compares them with the plan."))
            return redirect("review", pk=broadcast.pk)
    ctx = {
        "broadcast": broadcast,
        "form": form,
        "breakdown": breakdown,
        "reading": reading,
        "meanings": MEANINGS,
    }
    invalid = form.is_bound and reading is None
    return render(
        request, FORM_TEMPLATE, ctx, status=HTTPStatus.UNPROCESSABLE_ENTITY if invalid else 200
    )


@require_POST
def review_conclusions(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    if not broadcast.open_for_actuals:
        ctx = {"broadcast": broadcast, "closed": True}
        return render(request, FORM_TEMPLATE, ctx, status=HTTPStatus.CONFLICT)
    with transaction.atomic():
        broadcast.hold()  # the rows read after any other's save: verdicts left as seen keep it
        form = ConclusionsForm(request.POST, plan=load_plan(broadcast))
        if valid := form.is_valid():
            form.save()
            broadcast.touch()
    if not valid:
        return render(
            request, TEMPLATE, _context(request, pk, form), status=HTTPStatus.UNPROCESSABLE_ENTITY
        )
    messages.success(request, _("Conclusions saved. Plan the next show to carry them over."))
    return redirect(reverse("review", args=[broadcast.pk]) + "#conclusions")


@require_POST
def carried_dismiss(request, pk: int, letter: str, row_id: int):
    """The last review's note on a segment or product, read and put away. Not an edit of the
    plan: the version moves (pages show it gone) but no sign-off is withdrawn."""
    broadcast, membership = get_broadcast(request, pk, write=True)
    if letter not in CARRIES:
        raise Http404
    row = get_row(broadcast, letter, row_id)
    with transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(carried="")
        broadcast.touch()
    return written(request, broadcast, membership, letter)


def _context(request, pk: int, conclusions: ConclusionsForm | None = None) -> dict:
    broadcast, membership = get_broadcast(request, pk)
    plan = load_plan(broadcast)
    review = compose_review(plan, _actuals(broadcast))
    writable = can_edit(broadcast, membership) and broadcast.open_for_actuals
    return {
        "broadcast": broadcast,
        "review": review,
        "chart": chart(review),
        "paper": paper_of(request),
        "can_write": can_edit(broadcast, membership),
        "can_plan_next": membership.can_write,
        "open_for_actuals": broadcast.open_for_actuals,
        "conclusions": conclusions or (ConclusionsForm(plan=plan) if writable else None),
    }


def review(request, pk: int):
    return render(request, TEMPLATE, _context(request, pk))


def review_pdf(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk)
    back = reverse("review", args=[broadcast.pk])
    return pdf_answer(request, broadcast, "review", paper_of(request), "team", back)


def review_xlsx(request, pk: int):
    ctx = _context(request, pk)
    review = ctx["review"]
    xlsx = exports.tables_to_xlsx(
        review.tables,
        ctx["broadcast"].title,
        review.currency,
        then=lambda book: xlsx_charts(book, review),
    )
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return download(xlsx, kind, ctx["broadcast"], "review.xlsx")
