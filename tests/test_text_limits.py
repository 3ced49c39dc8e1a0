"""Free text has a length a person could write (issue 18: ten host lines of 2,000,000
characters were accepted, the run-sheet page grew to 19.5 MB and its PDF always timed out)."""

import pytest
from django.urls import reverse

from stage.checklists.forms import ProductForm, SegmentForm
from stage.forms import BroadcastForm

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_host_lines_past_the_limit_are_refused_next_to_the_field(login, bob, broadcast):
    data = {"add-title": "爆款", "add-kind": "hero", "add-minutes": "10"}
    url = reverse("row_create", args=[broadcast.pk, "T"])
    client = login(bob)
    response = client.post(url, {**data, "add-host_lines": "话" * 20_000}, headers=HTMX)
    assert response.status_code == 422
    assert "at most 10000 characters" in response.text
    # Two million characters do not even reach the form: Django refuses the request body.
    response = client.post(url, {**data, "add-host_lines": "话" * 2_000_000}, headers=HTMX)
    assert response.status_code == 400
    assert not broadcast.segments.exists()


@pytest.mark.parametrize(
    ("form", "field", "limit"),
    [
        (SegmentForm, "host_lines", 10_000),
        (SegmentForm, "cues", 5_000),
        (SegmentForm, "notes", 5_000),
        (ProductForm, "selling_points", 2_000),
        (BroadcastForm, "notes", 10_000),
    ],
)
def test_each_free_text_field_has_a_limit_and_says_it(broadcast, form, field, limit):
    bound = form(broadcast=broadcast) if form is not BroadcastForm else form(instance=broadcast)
    assert bound.fields[field].max_length == limit
    assert f'maxlength="{limit}"' in str(bound[field])
