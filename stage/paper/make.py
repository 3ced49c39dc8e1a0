"""What each PDF is made of, for the request that typesets it and for the task worker."""

from dataclasses import dataclass

from django.utils import timezone, translation

from stage.actuals import ShowActuals
from stage.paper.review import review_pdf
from stage.paper.runsheet import runsheet_pdf
from stage.plan import load_plan
from stage.review import compose_review
from stage.review_chart import chart
from stage.runsheet import compose

DOCUMENTS = ("run-sheet", "review")


@dataclass(frozen=True)
class Spec:
    """A PDF as one reader asks for it."""

    name: str  # one of DOCUMENTS
    paper: str  # "a4" or "letter"
    audience: str  # "team", "crew-figures" or "crew" (share links)
    language: str

    @property
    def variant(self) -> str:
        return f"{self.paper}:{self.audience}:{self.language}"


def typeset_paper(broadcast, spec: Spec) -> tuple[bytes, object]:
    """The PDF, and the moment it goes out of date on its own (a warm-up item turning overdue)."""
    with translation.override(spec.language), timezone.override(broadcast.team.time_zone):
        plan = load_plan(broadcast)
        if spec.name == "run-sheet":
            sheet = compose(plan, figures=spec.audience != "crew")
            pdf = runsheet_pdf(sheet, spec.paper, names=spec.audience == "team")
        else:
            review = compose_review(plan, ShowActuals.objects.filter(broadcast=broadcast).first())
            pdf = review_pdf(broadcast, review, chart(review), spec.paper)
    return pdf, plan.next_overdue_at
