"""The run-sheet page and its exports: all read the one composed RunSheet."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from stage import exports
from stage.access import get_broadcast
from stage.plan import load_plan
from stage.runsheet import compose
from stage.timeline import picture

PAPERS = ("a4", "letter")
TEMPLATE = "stage/runsheet.html"


def sheet_context(request, broadcast) -> dict:
    """What the run-sheet template needs, for members and share links alike."""
    sheet = compose(load_plan(broadcast))
    paper = request.GET.get("paper")
    return {
        "broadcast": broadcast,
        "sheet": sheet,
        "picture": picture(sheet),
        "paper": paper if paper in PAPERS else "a4",
    }


def _context(request, pk):
    broadcast, _membership = get_broadcast(request, pk)
    return sheet_context(request, broadcast)


def download(content: bytes, content_type: str, broadcast, extension: str) -> HttpResponse:
    day = broadcast.local_start.strftime("%Y-%m-%d")
    name = f"{day}-{slugify(broadcast.title, allow_unicode=True) or 'broadcast'}.{extension}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def runsheet(request, pk):
    return render(request, TEMPLATE, _context(request, pk))


def runsheet_pdf(request, pk):
    ctx = _context(request, pk)
    html = render_to_string(TEMPLATE, {**ctx, "for_pdf": True}, request=request)
    pdf = exports.to_pdf(html, request.build_absolute_uri("/"))
    return download(pdf, "application/pdf", ctx["broadcast"], "pdf")


def runsheet_xlsx(request, pk):
    ctx = _context(request, pk)
    xlsx = exports.to_xlsx(ctx["sheet"])
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return download(xlsx, kind, ctx["broadcast"], "xlsx")


def runsheet_csv(request, pk):
    ctx = _context(request, pk)
    return download(
        exports.to_csv(ctx["sheet"]), "text/csv; charset=utf-8", ctx["broadcast"], "csv"
    )
