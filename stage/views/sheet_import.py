"""T — import a 直播脚本 spreadsheet: upload, preview, confirm.

The confirm step needs no server-side state: the preview carries the parsed rows in a signed hidden
field, and confirming checks them again against the lineup as it is then.
"""

from django import forms
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from stage import sheet_import
from stage.access import get_broadcast
from stage.views import INVALID
from stage.views.checklists import checklist_url, withdraw_signoff

MAX_AGE = 60 * 60


class SheetForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        required=False,
        help_text=gettext_lazy(
            ".xlsx or .csv, up to 2 MB and 500 rows; the first row names the columns."
        ),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv,.tsv,.txt"}),
    )
    payload = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("payload") and "file" not in self.errors:
            self.add_error("file", _("Choose an .xlsx or .csv file."))
        return data


def salt(broadcast) -> str:
    """Per broadcast, so a signed preview cannot be confirmed into another show."""
    return f"stage.sheet_import:{broadcast.pk}"


def page(request, broadcast, form, sheet=None, *, status=200):
    payload = None
    if sheet is not None and sheet.ok:
        payload = signing.dumps(sheet.payload(), salt=salt(broadcast), compress=True)
    ctx = {
        "broadcast": broadcast,
        "form": form,
        "sheet": sheet,
        "payload": payload,
        "existing": broadcast.segments.count() if sheet is not None else 0,
        "t_url": checklist_url(broadcast, "T"),
    }
    return render(request, "stage/segments_import.html", ctx, status=status)


def refuse(request, broadcast, form, sheet):
    """Every problem of the file (or, for row problems, a count) goes next to the file field."""
    for problem in sheet.problems:
        form.add_error("file", problem)
    if bad := len(sheet.bad_rows):
        form.add_error(
            "file",
            ngettext(
                "%(n)d row has a problem: correct the file and upload it again.",
                "%(n)d rows have problems: correct the file and upload it again.",
                bad,
            )
            % {"n": bad},
        )
    return page(request, broadcast, form, sheet, status=INVALID)


@require_http_methods(["GET", "POST"])
def segments_import(request, pk: int):
    broadcast, _membership = get_broadcast(request, pk, write=True)
    if request.method == "GET":
        return page(request, broadcast, SheetForm())
    form = SheetForm(request.POST, request.FILES)
    if not form.is_valid():
        return page(request, broadcast, form, status=INVALID)
    upload = form.cleaned_data["file"]
    if upload:
        sheet = sheet_import.read(upload.read(sheet_import.MAX_BYTES + 1), upload.name)
        if not sheet.problems:
            sheet_import.check(sheet, broadcast)
        if not sheet.ok:
            return refuse(request, broadcast, form, sheet)
        return page(request, broadcast, SheetForm(), sheet)

    try:
        data = signing.loads(form.cleaned_data["payload"], salt=salt(broadcast), max_age=MAX_AGE)
    except signing.SignatureExpired:
        form.add_error("file", _("This preview is more than an hour old: upload the file again."))
        return page(request, broadcast, form, status=INVALID)
    except signing.BadSignature:
        form.add_error("file", _("This preview could not be verified: upload the file again."))
        return page(request, broadcast, form, status=INVALID)
    sheet = sheet_import.Sheet.from_payload(data)
    sheet_import.check(sheet, broadcast)
    if not sheet.ok:
        return refuse(request, broadcast, form, sheet)
    with transaction.atomic():
        segments, products = sheet_import.save(sheet, broadcast)
        withdraw_signoff(broadcast, *(("T", "S") if sheet.touches_lineup else ("T",)))
    n_segments, n_products = len(segments), len(products)
    imported = _("Imported %(segments)s and %(products)s.") % {
        "segments": ngettext("%d segment", "%d segments", n_segments) % n_segments,
        "products": ngettext("%d new product", "%d new products", n_products) % n_products,
    }
    messages.success(request, imported)
    return redirect(checklist_url(broadcast, "T"))
