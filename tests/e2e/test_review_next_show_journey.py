"""复盘 that drives the next show (issue 19): actuals pasted from a data sheet, the review per
product, conclusions, and the next show planned from it showing them on its rows."""

from pathlib import Path

from playwright.sync_api import expect

from stage.broadcasts import Broadcast
from tests.e2e.conftest import log_in
from tests.e2e.test_review_journey import done_show  # noqa: F401 (fixture)

PASTED = (Path(__file__).parent.parent / "data" / "actuals" / "pasted_products.txt").read_text()
FIGURES = {"gmv": "288000", "uv": "64000", "pv": "120000", "orders": "3100", "buyers": "2880",
           "new_followers": "1920", "avg_watch_seconds": "95", "ad_spend": "42000",
           "ad_gmv": "117600"}  # fmt: skip


def test_paste_actuals_review_conclude_and_plan_the_next_show(
    page,
    live_server,
    done_show,  # noqa: F811
    screenshot,
):
    serum = done_show.products.get(link_number=2)
    hero = done_show.segments.get(position=3)
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{done_show.pk}/actuals/")
    for name, value in FIGURES.items():
        page.fill(f"#id_{name}", value)
    page.fill("#id_uv_natural", "24000")
    page.fill("#id_pasted", PASTED)
    page.get_by_role("button", name="Read into the form").click()
    expect(page.locator(".rv-reading")).to_contain_text("3 rows read into the form below.")
    expect(page.locator(f"#id_prod-{serum.pk}-gmv")).to_have_value("95700.00")
    expect(page.locator("#id_gmv")).to_have_value("288000")  # typed before reading: kept
    expect(page.locator("#id_uv_natural")).to_have_value("24000")
    screenshot("actuals-read-en")
    page.locator("#id_orders").press("Enter")  # Enter saves; it does not read the box again

    expect(page.get_by_role("heading", name="Products")).to_be_visible()
    expect(page.locator(f"#product-{serum.pk}")).to_contain_text("¥95,700.00")
    expect(page.locator(".rv-traffic")).to_contain_text("24,000")
    page.select_option(f"#id_seg-{hero.pk}-verdict", "move")
    page.fill(f"#id_seg-{hero.pk}-conclusion", "讲解太长，挪到 20:00 后")
    page.select_option(f"#id_prod-{serum.pk}-verdict", "keep")
    page.fill(f"#id_prod-{serum.pk}-conclusion", "返场再卖一轮")
    page.get_by_role("button", name="Save conclusions").click()
    expect(page.locator(".messages")).to_contain_text("Conclusions saved.")
    expect(page.locator(f"#id_seg-{hero.pk}-verdict")).to_have_value("move")
    expect(page.locator(".rv-ahead")).to_contain_text("UV (unique viewers)")  # 64,000 > 60,000
    screenshot("review-conclusions-en")

    page.get_by_role("link", name="Plan the next show from this one").first.click()
    expect(page.locator(".carried")).to_contain_text("until someone marks them done")
    page.fill("#id_title", "下周晚间专场")
    page.get_by_role("button", name="Create the show").click()
    new = Broadcast.objects.get(title="下周晚间专场")
    page.goto(f"{live_server.url}/b/{new.pk}/T/")
    note = page.locator(".carried")
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Move: 讲解太长，挪到 20:00 后")
    screenshot("next-show-carried-en")
    page.get_by_role("button", name="Done with the review note").click()
    expect(page.locator(".carried")).to_have_count(0)
    expect(page.locator("#rows tr")).to_have_count(9)  # still one sheet, every row
    page.goto(f"{live_server.url}/b/{new.pk}/S/")
    expect(page.locator(".carried")).to_contain_text("Keep: 返场再卖一轮")
    screenshot("next-show-carried-lineup-en")


def test_the_review_on_a_phone_in_chinese(page, live_server, done_show, screenshot):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "bob")
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hans", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/b/{done_show.pk}/actuals/")
    expect(page.get_by_role("heading", name="从平台数据表填入")).to_be_visible()
    page.fill("#id_pasted", "商品\t成交金额\n不存在的商品\t1000\n")
    page.get_by_role("button", name="读入表单").click()
    expect(page.locator(".rv-reading")).to_contain_text("在本场计划中找不到对应的行")
    expect(page.locator(".errorlist")).to_have_count(0)  # a reading is checked, not judged
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    button = page.get_by_role("button", name="读入表单").bounding_box()
    assert button["height"] >= 40, button
    screenshot("actuals-phone-zh")
    page.goto(f"{live_server.url}/b/{done_show.pk}/review/")
    expect(page.get_by_role("heading", name="下一场的复盘结论")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width  # the wide tables scroll inside their own frame
    screenshot("review-phone-zh")


def test_a_sheet_in_the_team_s_own_words_is_mapped_by_hand(
    page,
    live_server,
    done_show,  # noqa: F811
    screenshot,
):
    serum = done_show.products.get(link_number=2)
    log_in(page, live_server, "bob")
    page.goto(f"{live_server.url}/b/{done_show.pk}/actuals/")
    page.fill("#id_pasted", "宝贝\t卖了\t进账\n玻尿酸精华 30ml\t612\t95708\n")
    page.get_by_role("button", name="Read into the form").click()
    expect(page.locator(".rv-reading")).to_contain_text("say below how each column reads")
    page.locator("select[name=col-1]").select_option("units")
    page.locator("select[name=col-2]").select_option("gmv")
    expect(page.locator("select[name=col-0]")).to_have_value("name")  # 宝贝: guessed right
    screenshot("actuals-mapping-en")
    page.get_by_role("button", name="Read again with these columns").click()
    expect(page.locator(".rv-reading")).to_contain_text("1 row read into the form below.")
    expect(page.locator(f"#id_prod-{serum.pk}-units")).to_have_value("612")
    expect(page.locator(f"#id_prod-{serum.pk}-gmv")).to_have_value("95708")


def test_two_people_enter_actuals_at_once_and_both_entries_stay(
    page,
    live_server,
    done_show,  # noqa: F811
    browser,
):
    from stage.teams import Role
    from tests.factories import make_member, make_user

    make_member(done_show.team, make_user("cleo"), role=Role.EDITOR)
    mousse, hero = done_show.products.get(link_number=1), done_show.segments.get(position=3)
    path = f"{live_server.url}/b/{done_show.pk}/actuals/"
    log_in(page, live_server, "bob")
    page.goto(path)
    other = browser.new_context()
    cleo = other.new_page()
    log_in(cleo, live_server, "cleo")
    cleo.goto(path)
    for name, value in FIGURES.items():  # both forms open; Cleo saves first
        cleo.fill(f"#id_{name}", value)
    cleo.fill(f"#id_prod-{mousse.pk}-units", "1812")
    cleo.get_by_role("button", name="Save actuals").click()
    expect(cleo.get_by_role("heading", name="Products")).to_be_visible()
    for name, value in FIGURES.items():  # Bob typed the same figures, and the hero's GMV
        page.fill(f"#id_{name}", value)
    page.fill(f"#id_seg-{hero.pk}-gmv", "48000")
    page.get_by_role("button", name="Save actuals").click()
    expect(page.locator(f"#product-{mousse.pk}")).to_contain_text("1500 / 1812")
    expect(page.locator(f"#segment-{hero.pk}")).to_contain_text("¥48,000.00")
    other.close()
