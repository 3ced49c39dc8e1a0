"""The team's product library: its catalogue with each product's record across shows, the
catalogue imported from a spreadsheet, and library products drawn into a show's lineup."""

from http import HTTPStatus

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from simple_history.utils import bulk_create_with_history

from stage.access import get_broadcast, team_required, team_writer_required, writer
from stage.checklists.lineup import Product
from stage.checklists.signoff import record_edit
from stage.library import CatalogueItem, records
from stage.library_forms import CatalogueItemForm, DrawForm
from stage.sheets.catalogue import read_catalogue
from stage.sheets.files import MAX_BYTES, Refused, read_book


def _page(request, membership, form=None, problems=(), status=200):
    items = list(CatalogueItem.objects.filter(team=membership.team))
    found = records(membership.team, items)
    writer = membership.can_write
    ctx = {
        "rows": [(item, found[item.pk]) for item in items],
        "form": form or (CatalogueItemForm(team=membership.team) if writer else None),
        "can_write": writer,
        "problems": problems,
    }
    return render(request, "stage/library.html", ctx, status=status)


@require_http_methods(["GET", "POST"])
@team_required
def library(request):
    """GET: the catalogue. POST: a new library product."""
    membership = request.membership
    if request.method == "GET":
        return _page(request, membership)
    writer(membership)
    form = CatalogueItemForm(request.POST, team=membership.team)
    if not form.is_valid():
        return _page(request, membership, form, status=HTTPStatus.UNPROCESSABLE_ENTITY)
    form.save()
    messages.success(request, _("“%(name)s” added to the library.") % {"name": form.instance})
    return redirect("library")


@require_http_methods(["GET", "POST"])
@team_writer_required
def library_item(request, item_id: int):
    membership = request.membership
    item = get_object_or_404(CatalogueItem, pk=item_id, team=membership.team)
    data = request.POST if request.method == "POST" else None
    form = CatalogueItemForm(data, instance=item, team=membership.team)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("“%(name)s” saved.") % {"name": item})
        return redirect("library")
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200
    return render(request, "stage/library_item.html", {"form": form, "item": item}, status=status)


@require_POST
@team_writer_required
def library_delete(request, item_id: int):
    membership = request.membership
    item = get_object_or_404(CatalogueItem, pk=item_id, team=membership.team)
    item.delete()  # lineups keep their rows; they only lose the link to the library
    messages.success(request, _("“%(name)s” removed from the library.") % {"name": item})
    return redirect("library")


@require_POST
@team_writer_required
def library_import(request):
    """A catalogue spreadsheet: every row saved, or none and every problem said."""
    membership = request.membership
    upload = request.FILES.get("sheet")
    try:
        if upload is None:
            raise Refused(_("Choose the catalogue's file first."))
        if upload.size > MAX_BYTES:
            raise Refused(_("The file is larger than 2 MB."))
        catalogue = read_catalogue(read_book(upload.read(), upload.name), membership.team)
    except Refused as refused:
        return _page(
            request, membership, problems=[str(refused)], status=HTTPStatus.UNPROCESSABLE_ENTITY
        )
    if catalogue.problems:
        return _page(
            request, membership, problems=catalogue.problems, status=HTTPStatus.UNPROCESSABLE_ENTITY
        )
    with transaction.atomic():
        for form in catalogue.forms:
            form.save()
    count = len(catalogue.forms)
    text = ngettext(
        "%(n)s library product imported or updated.",
        "%(n)s library products imported or updated.",
        count,
    )
    messages.success(request, text % {"n": count})
    return redirect("library")


@require_http_methods(["GET", "POST"])
def lineup_draw(request, pk: int):
    """Library products into the show's lineup: name, SKU, prices, stock and selling points
    copied; the show's own live price, units and role are set on the lineup afterwards."""
    broadcast, membership = get_broadcast(request, pk, write=True)
    form = DrawForm(request.POST if request.method == "POST" else None, team=broadcast.team)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            broadcast.hold()  # two people drawing at once get different links
            rows = Product.objects.filter(broadcast=broadcast)
            top = rows.aggregate(link=Max("link_number"), position=Max("position"))
            link, position = top["link"] or 0, top["position"] or 0
            drawn = [
                Product(
                    broadcast=broadcast, catalogue_item=item, link_number=link + n,
                    position=position + n, sku=item.sku, name=str(item),
                    list_price=item.list_price, live_price=item.list_price,
                    unit_cost=item.unit_cost, stock=item.stock, selling_points=item.selling_points,
                )
                for n, item in enumerate(form.cleaned_data["items"], start=1)
            ]  # fmt: skip
            bulk_create_with_history(drawn, Product)
            record_edit(broadcast, "S")
        count = len(drawn)
        text = ngettext(
            "%(n)s product added to the lineup.", "%(n)s products added to the lineup.", count
        )
        messages.success(request, text % {"n": count})
        return redirect(broadcast.checklist_url("S"))
    items = list(form.fields["items"].queryset)
    found = records(broadcast.team, items)
    choices = list(zip(form["items"], [found[item.pk] for item in items], strict=True))
    ctx = {"broadcast": broadcast, "form": form, "choices": choices}
    return render(
        request,
        "stage/lineup_draw.html",
        ctx,
        status=HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else 200,
    )
