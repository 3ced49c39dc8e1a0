"""What the lineup and giveaways carry reaches paper as a host says it: one product per cart
link, flash prices and their cost, coupon terms, limits, selling points and SKU, 折."""

import json
from decimal import Decimal
from threading import Barrier, Thread

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from stage.checklists.forms import GiveawayForm, ProductForm
from stage.checklists.giveaways import Giveaway, GiveawayKind
from stage.checklists.lineup import Product, discount_label
from stage.exports import to_csv
from stage.plan import load_plan
from stage.runsheet import compose
from stage.transfer import ImportProblems, export_broadcast, import_broadcast
from tests.factories import make_broadcast
from tests.test_checks import segment
from tests.test_exports import POPPLER, pdf_text

pytestmark = pytest.mark.django_db
D = Decimal

NUT_BOX = {
    "link_number": "2",
    "name": "坚果礼盒",
    "role": "profit",
    "audience": "all",
    "list_price": "168",
    "live_price": "99",
    "stock": "1500",
    "planned_units": "800",
}


def test_a_second_product_on_a_link_is_refused_next_to_the_field(broadcast, serum):
    form = ProductForm(NUT_BOX, broadcast=broadcast, prefix="")
    assert not form.is_valid()
    assert form.errors["link_number"] == [
        "Link 2 already has “玻尿酸精华”: hosts call products by link number."
    ]
    form = ProductForm({**NUT_BOX, "link_number": "3"}, broadcast=broadcast)
    assert form.is_valid(), form.errors


def test_a_product_keeps_its_own_link_when_edited(broadcast, serum):
    data = {**NUT_BOX, "name": "玻尿酸精华 30ml", "version": serum.version}
    form = ProductForm(data, instance=serum, broadcast=broadcast)
    assert form.is_valid(), form.errors


def test_the_add_form_answers_the_clash_with_the_sheet_and_saves_nothing(
    login, bob, broadcast, serum
):
    url = reverse("row_create", args=[broadcast.pk, "S"])
    data = {f"add-{k}": v for k, v in NUT_BOX.items()}
    response = login(bob).post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Link 2 already has “玻尿酸精华”" in response.text
    assert list(broadcast.products.values_list("name", flat=True)) == ["玻尿酸精华"]


def test_two_products_on_one_link_in_an_imported_file_are_refused(broadcast, serum):
    Product.objects.create(broadcast=broadcast, link_number=3, name="坚果礼盒",
                           list_price=D("168"), live_price=D("99"))  # fmt: skip
    document = export_broadcast(broadcast)
    document["products"][1]["link_number"] = 2
    with pytest.raises(ImportProblems) as refused:
        import_broadcast(json.dumps(document), broadcast.team)
    assert refused.value.problems == [
        ("products[1].link_number", "Another product of this show is on this link.")
    ]


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_one_link_at_once_keep_one(team, bob, client):
    """Both forms pass their check before either saves: the database keeps one, and the
    other is refused next to the field, not with a 500."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    show = make_broadcast(team=team)
    url = reverse("row_create", args=[show.pk, "S"])
    barrier, answers = Barrier(2), []

    def add(name):
        from django.test import Client

        c = Client()
        c.force_login(bob)
        barrier.wait()
        data = {f"add-{k}": v for k, v in {**NUT_BOX, "name": name}.items()}
        answers.append(c.post(url, data, headers={"HX-Request": "true"}).status_code)
        connection.close()

    threads = [Thread(target=add, args=(name,)) for name in ("坚果礼盒", "核桃礼盒")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [200, 422]
    assert show.products.count() == 1


def flash_sale(broadcast, product, seg, **fields):
    return Giveaway.objects.create(
        broadcast=broadcast, kind=GiveawayKind.FLASH_SALE, segment=seg, prize_product=product,
        **{"flash_price": D("149"), "quantity": 200, "countdown_minutes": 3, **fields},
    )  # fmt: skip


def test_a_flash_sale_costs_its_markdown_times_its_units(broadcast, serum):
    sale = flash_sale(broadcast, serum, segment(broadcast))
    assert sale.cost == (D("159") - D("149")) * 200 == D("2000")
    assert load_plan(broadcast).giveaway_cost == D("2000")


def test_a_flash_sale_needs_its_price_below_the_live_price(broadcast, serum):
    data = {"kind": "flash_sale", "entry_rule": "none", "quantity": "200", "unit_value": "0",
            "prize_product": str(serum.pk)}  # fmt: skip
    form = GiveawayForm(data, broadcast=broadcast)
    assert form.errors["flash_price"] == ["A flash sale needs its price."]
    form = GiveawayForm({**data, "flash_price": "159"}, broadcast=broadcast)
    assert form.errors["flash_price"] == ["The flash price must be below the live price (¥159)."]
    assert GiveawayForm({**data, "flash_price": "149"}, broadcast=broadcast).is_valid()


@pytest.mark.parametrize(
    ("listed", "price", "zh", "en"),
    [
        ("89", "9.9", "1.1折", "89% off"),
        ("299", "159", "5.3折", "47% off"),
        ("100", "50", "5折", "50% off"),
        ("100", "100", "", ""),
        ("0", "10", "", ""),
    ],
)
def test_discounts_as_each_market_writes_them(listed, price, zh, en):
    with translation.override("zh-hans"):
        assert discount_label(D(listed), D(price)) == zh
    with translation.override("en"):
        assert discount_label(D(listed), D(price)) == en


@pytest.fixture
def hero_segment(broadcast, serum):
    serum.per_buyer_limit, serum.sku, serum.release_units = 2, "HA-30", 500
    serum.selling_points = "三重玻尿酸\n28 天淡纹"
    serum.save()
    row = segment(broadcast, title="秒杀 · 精华 149", minutes=15)
    serum.segments.add(row)
    flash_sale(broadcast, serum, row)
    coupon = {"quantity": 1000, "coupon_threshold": D("150"), "coupon_discount": D("10")}
    Giveaway.objects.create(broadcast=broadcast, kind=GiveawayKind.COUPON, segment=row, **coupon)
    return row


def test_the_run_sheet_says_the_product_as_the_host_does(broadcast, hero_segment):
    with translation.override("zh-hans"):
        [row] = compose(load_plan(broadcast)).rows
        [product] = row.products
        assert (product.link, product.price_said) == ("2号链接", "秒杀价 ¥149")
        assert product.deal == "直播价 ¥159 · 原价 ¥299，5折 · 限购2件 · 放量500单 · SKU HA-30"
        assert product.selling_points == ("三重玻尿酸", "28 天淡纹")
        assert [g.terms for g in row.giveaways] == ["秒杀价 ¥149", "满150减10"]
    with translation.override("en"):
        [product] = compose(load_plan(broadcast)).rows[0].products
        assert product.deal == (
            "live ¥159 · list ¥299, 50% off · limit 2 per buyer · release 500 · SKU HA-30"
        )


@POPPLER
def test_the_page_pdf_and_spreadsheets_carry_the_deal(
    login, bob, broadcast, hero_segment, tmp_path
):
    client = login(bob)
    page = client.get(reverse("runsheet", args=[broadcast.pk])).text
    pdf = pdf_text(client.get(reverse("runsheet_pdf", args=[broadcast.pk])).content, tmp_path)
    for text in (
        "flash ¥149",
        "limit 2 per buyer",
        "SKU HA-30",
        "三重玻尿酸",
        "spend ¥150 save ¥10",
    ):
        assert text in page
        assert text in " ".join(pdf.split())
    csv = to_csv(compose(load_plan(broadcast))).decode("utf-8-sig")
    assert "Link 2 flash ¥149 · live ¥159" in csv and "28 天淡纹" in csv
    document = export_broadcast(broadcast)
    assert [g["flash_price"] for g in document["giveaways"]] == ["149.00", None]
