"""The team's product library (issue 19): its products, their record across shows, and lineups
drawing from it."""

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.urls import reverse

from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.library import CatalogueItem, records
from tests.factories import make_broadcast

pytestmark = pytest.mark.django_db


def item(team, name, sku="", **fields):
    return CatalogueItem.objects.create(
        team=team, name=name, sku=sku, list_price=fields.pop("list_price", 99), **fields
    )


def test_a_product_is_added_with_its_errors_next_to_the_fields(login, alice, team):
    client = login(alice)
    item(team, "玻尿酸精华", "HA-30")
    response = client.post(
        reverse("library"), {"name": "精华\x01 小样", "sku": "HA-30", "list_price": "-1"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "The library already has a product with this SKU." in page
    assert "Amounts cannot be negative." in page
    assert CatalogueItem.objects.count() == 1
    response = client.post(
        reverse("library"),
        {"name": "精华\x01 小样", "sku": "HA-5", "list_price": "39", "stock": "0"},
    )
    assert response.status_code == 302
    assert CatalogueItem.objects.get(sku="HA-5").name == "精华 小样"  # the control character gone


def test_the_same_sku_may_live_in_two_teams(login, charlie, team):
    item(team, "玻尿酸精华", "HA-30")
    response = login(charlie).post(
        reverse("library"),
        {"name": "玻尿酸精华", "sku": "HA-30", "list_price": "299", "stock": "0"},
    )
    assert response.status_code == 302


def test_a_viewer_reads_the_library_without_the_add_form(login, vera, team):
    item(team, "坚果礼盒")
    page = login(vera).get(reverse("library")).content.decode()
    assert "坚果礼盒" in page and 'id="library-add"' not in page


def test_a_product_s_record_across_shows_by_hand(team):
    serum = item(team, "玻尿酸精华", "HA-30", stock=1200)
    nuts = item(team, "坚果礼盒", stock=1500)
    past = make_broadcast(team=team, title="上周")
    Product.objects.create(  # drawn from the library, sold 600 of 1,000
        broadcast=past, catalogue_item=serum, link_number=1, name="玻尿酸精华 30ml",
        list_price=299, live_price=159, stock=1000, planned_units=800,
        actual_units=600, actual_gmv=D("95400"),
    )  # fmt: skip
    other = make_broadcast(team=team, title="上上周")
    Product.objects.create(  # typed by hand with the same SKU, no actuals yet
        broadcast=other, link_number=2, sku="HA-30", name="精华", list_price=299,
        live_price=149, stock=500, planned_units=300,
    )  # fmt: skip
    binned = make_broadcast(team=team, title="删掉的", deleted_at=past.scheduled_start)
    Product.objects.create(
        broadcast=binned, catalogue_item=serum, link_number=1, name="x", list_price=1,
        live_price=1, actual_units=999,
    )  # fmt: skip
    found = records(team, [serum, nuts])
    assert (found[serum.pk].shows, found[serum.pk].planned_units) == (2, 1100)
    assert (found[serum.pk].units_sold, found[serum.pk].gmv) == (600, D("95400"))
    assert found[serum.pk].sell_through == D("60.0")  # 600 / 1,000 of the show that reported
    assert found[nuts.pk].shows == 0 and found[nuts.pk].sell_through is None


def test_the_library_page_reads_in_a_constant_number_of_queries(
    login, alice, team, django_assert_max_num_queries
):
    client = login(alice)
    item(team, "a", "A")
    client.get(reverse("library"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("library"))
    for n in range(5):
        product = item(team, f"p{n}", f"P{n}")
        show = make_broadcast(team=team, title=f"s{n}")
        Product.objects.create(
            broadcast=show, catalogue_item=product, link_number=1, name="p", list_price=1,
            live_price=1,
        )  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("library"))


def test_three_library_products_go_on_the_next_free_links(login, alice, team, broadcast):
    Product.objects.create(
        broadcast=broadcast, link_number=4, name="已有", list_price=1, live_price=1
    )
    picked = [
        item(team, "玻尿酸精华", "HA-30", spec="30ml", list_price=299, unit_cost=52, stock=1200,
             selling_points="三重玻尿酸"),
        item(team, "坚果礼盒", list_price=168),
        item(team, "螺蛳粉五连包", list_price=69),
    ]  # fmt: skip
    client = login(alice)
    client.post(reverse("signoff", args=[broadcast.pk, "S"]))
    response = client.post(
        reverse("lineup_draw", args=[broadcast.pk]), {"items": [i.pk for i in picked]}
    )
    assert response.status_code == 302
    lineup = {p.link_number: p for p in broadcast.products.all()}
    assert sorted(lineup) == [4, 5, 6, 7]
    serum = next(p for p in lineup.values() if p.sku == "HA-30")
    assert (serum.name, serum.list_price, serum.live_price, serum.unit_cost) == (
        "玻尿酸精华 30ml", D("299"), D("299"), D("52"),
    )  # fmt: skip
    assert (serum.stock, serum.selling_points, serum.catalogue_item) == (
        1200,
        "三重玻尿酸",
        picked[0],
    )
    assert not SignOff.objects.filter(broadcast=broadcast, letter="S").exists()  # an edit
    assert serum.history.count() == 1


def test_drawing_nothing_says_so_and_adds_nothing(login, alice, team, broadcast):
    item(team, "坚果礼盒")
    response = login(alice).post(reverse("lineup_draw", args=[broadcast.pk]), {})
    assert response.status_code == 422
    assert "Tick at least one product." in response.content.decode()
    assert not broadcast.products.exists()


def test_another_team_s_products_cannot_be_drawn(login, alice, charlie, broadcast):
    theirs = CatalogueItem.objects.create(team=charlie.teams.get(), name="别家", list_price=1)
    response = login(alice).post(
        reverse("lineup_draw", args=[broadcast.pk]), {"items": [theirs.pk]}
    )
    assert response.status_code == 422
    assert not broadcast.products.exists()


def test_removing_a_library_product_keeps_the_lineups(login, alice, team, broadcast):
    serum = item(team, "玻尿酸精华", "HA-30")
    Product.objects.create(
        broadcast=broadcast, catalogue_item=serum, link_number=1, name="精华", list_price=1,
        live_price=1,
    )  # fmt: skip
    login(alice).post(reverse("library_delete", args=[serum.pk]))
    assert not CatalogueItem.objects.exists()
    assert broadcast.products.get().catalogue_item is None


@pytest.mark.django_db(transaction=True)
def test_two_people_drawing_at_once_get_different_links(team, alice, bob, broadcast):
    from django.db import connection

    from tests.test_first_saves import at_once

    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    one, two = item(team, "坚果礼盒"), item(team, "螺蛳粉五连包")
    url = reverse("lineup_draw", args=[broadcast.pk])
    assert at_once((alice, url, {"items": [one.pk]}), (bob, url, {"items": [two.pk]})) == [302, 302]
    assert sorted(broadcast.products.values_list("link_number", flat=True)) == [1, 2]


# Catalogues written by others (tests/data/catalogue/, with the figures they meant in
# expected.json, by someone who had not seen the reader): a team's 货盘表 and an ERP export.
CATALOGUE = Path(__file__).parent / "data" / "catalogue"
MEANT = json.loads((CATALOGUE / "expected.json").read_text())


def upload(client, name):
    with open(CATALOGUE / name, "rb") as sheet:
        return client.post(reverse("library_import"), {"sheet": sheet})


def as_meant(item) -> dict:
    return {
        "sku": item.sku, "name": item.name, "spec": item.spec,
        "list_price": f"{item.list_price:.2f}",
        "unit_cost": None if item.unit_cost is None else f"{item.unit_cost:.2f}",
        "stock": item.stock,
    }  # fmt: skip


@pytest.mark.parametrize("name", ["team_goods.xlsx", "erp_export_gbk.csv"])
def test_a_foreign_catalogue_is_imported_as_its_author_meant(login, alice, team, name):
    assert upload(login(alice), name).status_code == 302
    meant = MEANT[name]["products"]
    items = {(i.sku, i.name): i for i in CatalogueItem.objects.filter(team=team)}
    assert len(items) == len(meant)
    for product in meant:
        got = items[(product["sku"], product["name"])]
        assert as_meant(got) == {k: product[k] for k in as_meant(got)}, product["name"]
        if product["selling_points_contains"]:
            assert product["selling_points_contains"] in got.selling_points


def test_a_second_catalogue_updates_by_sku_and_keeps_what_it_does_not_say(login, alice, team):
    client = login(alice)
    upload(client, "team_goods.xlsx")
    before = {i.sku: i for i in CatalogueItem.objects.all()}
    assert upload(client, "erp_export_gbk.csv").status_code == 302
    erp = {p["sku"]: p for p in MEANT["erp_export_gbk.csv"]["products"]}
    shared = set(before) & set(erp)
    assert len(shared) == 2
    assert CatalogueItem.objects.count() == len(before) + len(erp) - len(shared)
    for sku in shared:
        now = CatalogueItem.objects.get(sku=sku)
        assert f"{now.list_price:.2f}" == erp[sku]["list_price"] and now.stock == erp[sku]["stock"]
        assert now.selling_points == before[sku].selling_points  # the ERP has none: kept


def test_a_broken_catalogue_imports_nothing_and_names_every_bad_row(login, alice, team):
    from stage.sheets.catalogue import read_catalogue
    from stage.sheets.files import read_book

    response = upload(login(alice), "broken.csv")
    assert response.status_code == 422
    assert "Nothing was imported." in response.content.decode()
    assert not CatalogueItem.objects.exists()
    found = read_catalogue(read_book((CATALOGUE / "broken.csv").read_bytes(), "broken.csv"), team)
    assert found.problem_rows == MEANT["broken.csv"]["problem_rows"]


def test_the_draw_page_reads_in_a_constant_number_of_queries(
    login, alice, team, broadcast, django_assert_max_num_queries
):
    client = login(alice)
    item(team, "a", "A")
    url = reverse("lineup_draw", args=[broadcast.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(5):
        item(team, f"p{n}", f"P{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
