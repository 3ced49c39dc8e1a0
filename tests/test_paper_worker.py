"""A long show's PDF is made by the task worker, off the request (issue 18: a 1,000-segment PDF
held a web worker for 110 s): the page says so and polls; every app server serves the PDF the
database keeps, until the show changes."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from stage.checklists.timing import Segment
from stage.paper import PaperError
from stage.paper.kept import Paper
from tests.factories import make_broadcast

# The worker closes its database connection when it is done: outside a test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def long_show(team, settings):
    settings.PAPER_INLINE_SEGMENTS = 2
    show = make_broadcast(team=team, title="千段长播")
    Segment.objects.bulk_create(
        Segment(broadcast=show, position=i, title=f"第 {i} 段", minutes=5) for i in range(3)
    )
    return show


def worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_a_long_shows_pdf_is_made_by_the_worker_while_the_page_waits(login, alice, long_show):
    client = login(alice)
    url = reverse("runsheet_pdf", args=[long_show.pk])
    page = client.get(url)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "Preparing the PDF" in page.text and "has 3 segments" in page.text
    assert f'hx-get="{url}"' in page.text and 'hx-trigger="every 2s"' in page.text
    assert DBTaskResult.objects.count() == 1
    assert client.get(url).status_code == 200 and DBTaskResult.objects.count() == 1  # asked once
    poll = client.get(url, headers=HTMX)
    assert poll.status_code == 200 and "Preparing the PDF" in poll.text
    worker()
    ready = client.get(url, headers=HTMX)
    assert ready.status_code == 286  # htmx stops polling
    assert "The PDF is ready" in ready.text and "data-autodownload" in ready.text
    pdf = client.get(url)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].endswith(".pdf")


def test_a_change_to_the_show_asks_for_a_new_pdf(login, alice, long_show):
    client = login(alice)
    url = reverse("runsheet_pdf", args=[long_show.pk])
    client.get(url)
    worker()
    assert client.get(url)["Content-Type"] == "application/pdf"
    long_show.touch()
    assert "Preparing the PDF" in client.get(url).text
    assert DBTaskResult.objects.count() == 2
    assert Paper.objects.get().pdf is None


def test_a_pdf_the_worker_cannot_make_says_so_and_stops_polling(
    login, alice, long_show, monkeypatch
):
    def too_long(*args, **kwargs):
        raise PaperError("no PDF within 30 s")

    monkeypatch.setattr("stage.paper.tasks.typeset_paper", too_long)
    client = login(alice)
    url = reverse("review_pdf", args=[long_show.pk])
    client.get(url)
    worker()
    answer = client.get(url, headers=HTMX)
    assert answer.status_code == 286
    assert "The PDF could not be made" in answer.text
    assert "hx-trigger" not in answer.text


def test_a_pdf_asked_of_a_worker_that_died_is_asked_again(login, alice, long_show, settings):
    client = login(alice)
    url = reverse("runsheet_pdf", args=[long_show.pk])
    client.get(url)
    Paper.objects.update(asked_at=Paper.objects.get().asked_at.replace(year=2020))
    client.get(url, headers=HTMX)
    assert DBTaskResult.objects.count() == 2


def test_a_short_shows_pdf_is_typeset_at_once_and_kept_for_every_server(login, alice, broadcast):
    Segment.objects.create(broadcast=broadcast, title="开场", minutes=10)
    client = login(alice)
    url = reverse("runsheet_pdf", args=[broadcast.pk])
    first = client.get(url)
    assert first["Content-Type"] == "application/pdf"
    assert DBTaskResult.objects.count() == 0
    assert bytes(Paper.objects.get().pdf) == first.content
