"""The run-sheet page and its exports: all read the one composed RunSheet."""

from django.http import HttpResponse
from django.urls import reverse

from stage import exports
from stage.access import get_broadcast
from stage.plan import load_plan
from stage.rendered import kept_page
from stage.runsheet import compose
from stage.timeline import picture
from stage.views.paper import download, pdf_answer

PAPERS = ("a4", "letter")
TEMPLATE = "stage/runsheet.html"


def paper_of(request) -> str:
    paper = request.GET.get("paper")
    return paper if paper in PAPERS else "a4"


def audience(share) -> str:
    """Who a run-sheet is for: the team, or crew with or without the team's figures."""
    if share is None:
        return "team"
    return "crew-figures" if share.include_figures else "crew"


def sheet_page(request, broadcast, share=None) -> HttpResponse:
    """The run-sheet page, for members and share links alike. The sheet itself is rendered once
    per version of the broadcast."""

    def sheet_ctx():
        plan = load_plan(broadcast)
        sheet = compose(plan, figures=share is None or share.include_figures)
        return {"sheet": sheet, "picture": picture(sheet)}, plan.next_overdue_at

    ctx = {"broadcast": broadcast, "paper": paper_of(request), "share": share}
    return kept_page(request, broadcast, TEMPLATE, ctx, sheet_ctx, audience(share), part="body")


def _sheet(request, pk):
    """The broadcast and its composed run-sheet, for the exports that draw no picture."""
    broadcast, _membership = get_broadcast(request, pk)
    return broadcast, compose(load_plan(broadcast))


def runsheet(request, pk):
    broadcast, _membership = get_broadcast(request, pk)
    return sheet_page(request, broadcast)


def runsheet_pdf(request, pk):
    broadcast, _membership = get_broadcast(request, pk)
    return pdf_download(request, broadcast)


def pdf_download(request, broadcast, share=None):
    """The run-sheet as a PDF: the producer, the hosts and the control room get the same one."""
    back = reverse("shared_runsheet", args=[share.token]) if share else None
    back = back or reverse("runsheet", args=[broadcast.pk])
    return pdf_answer(request, broadcast, "run-sheet", paper_of(request), audience(share), back)


def runsheet_xlsx(request, pk):
    broadcast, sheet = _sheet(request, pk)
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return download(exports.to_xlsx(sheet), kind, broadcast, "xlsx")


def runsheet_csv(request, pk):
    broadcast, sheet = _sheet(request, pk)
    return download(exports.to_csv(sheet), "text/csv; charset=utf-8", broadcast, "csv")
