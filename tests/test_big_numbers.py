"""Numbers past what a column holds are refused next to the field (issue 18: segment orders of
92,233,720,368,547 answered 500; 2,147,483,648 was accepted)."""

import pytest
from django.urls import reverse

from stage.broadcasts import Status
from stage.demo import fill_example_show
from tests.registry_data import ACTUALS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("orders", ["92233720368547", "2147483648", "1000000001"])
def test_segment_orders_beyond_a_billion_are_refused(login, bob, broadcast, orders):
    fill_example_show(broadcast)
    broadcast.status = Status.DONE
    broadcast.save()
    segment = broadcast.segments.first()
    data = {**ACTUALS, f"seg-{segment.pk}-orders": orders}
    response = login(bob).post(reverse("actuals_edit", args=[broadcast.pk]), data)
    assert response.status_code == 422
    assert "At most 1,000,000,000." in response.text
    segment.refresh_from_db()
    assert segment.actual_orders is None
