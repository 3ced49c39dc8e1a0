"""Problems found by the hostile-input tests: each pinned by a test that fails until it is
fixed."""

import io

import pytest
from django.urls import reverse

from stage.showtemplates import ShowTemplate
from tests.registry_data import row_update_data
from tests.registry_world import build_world


@pytest.mark.django_db
def test_an_absurd_segment_length_does_not_blow_up_the_run_sheet(
    fast_passwords, login, alice, team
):
    world = build_world(team)
    client = login(alice)
    runsheet = reverse("runsheet", args=[world.broadcast.pk])
    normal = len(client.get(runsheet).content)
    # A million minutes: big enough to show the growth, small enough to stay cheap here.
    data = {**row_update_data(world, "T"), "edit-minutes": "1000000"}
    url = reverse("row_update", args=[world.broadcast.pk, "T", world.row("T").pk])
    response = client.post(url, data)
    if response.status_code == 422:
        return  # refused: the fix may be a bound on the length
    for name in ("runsheet", "broadcast_detail"):
        page = client.get(reverse(name, args=[world.broadcast.pk]))
        assert page.status_code == 200
        assert len(page.content) < 2 * normal, f"{name}: {len(page.content)} bytes"


@pytest.mark.django_db
def test_the_gmv_planner_survives_extreme_factors(fast_passwords, login, vera, team, client):
    world = build_world(team)
    login(vera)
    query = {"planner": "1", "c-gmv": "99999999999999", "c-uv": "0.000001"}
    query["c-conversion"] = "0.000001"
    query["c-aov"] = ""
    client.raise_request_exception = False
    response = client.get(reverse("checklist", args=[world.broadcast.pk, "A"]), query)
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_nul_byte_in_a_template_name_is_not_a_server_error(fast_passwords, login, bob, team):
    world = build_world(team)
    client = login(bob)
    client.raise_request_exception = False
    url = reverse("template_save", args=[world.broadcast.pk])
    response = client.post(url, {"name": "Evening\x00show"})
    assert response.status_code in (302, 422)
    # Checked in Python: SQLite's LIKE stops at a NUL, so name__contains would match any name.
    assert not any("\x00" in t.name for t in ShowTemplate.objects.all())


@pytest.mark.django_db
def test_a_giveaway_minute_past_the_calendar_does_not_break_the_pages(
    fast_passwords, login, alice, team
):
    world = build_world(team)
    client = login(alice)
    client.raise_request_exception = False
    data = {**row_update_data(world, "G"), "edit-segment": "", "edit-at_minute": str(10**12)}
    url = reverse("row_update", args=[world.broadcast.pk, "G", world.row("G").pk])
    response = client.post(url, data)
    assert response.status_code in (302, 422)
    for url in (
        reverse("checklist", args=[world.broadcast.pk, "G"]),
        reverse("runsheet", args=[world.broadcast.pk]),
        reverse("broadcast_detail", args=[world.broadcast.pk]),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_a_publish_date_far_in_the_future_is_not_a_server_error(fast_passwords, login, alice, team):
    world = build_world(team)
    client = login(alice)
    client.raise_request_exception = False
    data = {**row_update_data(world, "E"), "edit-publish": "9999-12-31 23:59"}
    url = reverse("row_update", args=[world.broadcast.pk, "E", world.row("E").pk])
    assert client.post(url, data).status_code in (302, 422)


@pytest.mark.django_db
@pytest.mark.parametrize("cell", ["-", ")", "（）"])
def test_a_products_cell_of_punctuation_means_none_not_a_server_error(
    fast_passwords, login, bob, team, cell
):
    world = build_world(team)
    client = login(bob)
    client.raise_request_exception = False
    upload = io.BytesIO(f"环节,时长,产品\n开场,10,{cell}\n".encode())
    upload.name = "直播脚本.csv"
    response = client.post(reverse("segments_import", args=[world.broadcast.pk]), {"file": upload})
    assert response.status_code in (200, 422)
