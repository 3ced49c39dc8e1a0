"""Real teams' 直播脚本 layouts (tests/foreign_sheets.py, written without looking at the parser)
come in whole: segments, clock times, products without duplicates, giveaways and show facts."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from stage.broadcasts import Broadcast
from stage.checklists.giveaways import Giveaway
from stage.clock import clock
from stage.plan import load_plan
from stage.sheets.files import read_book
from stage.sheets.importer import Choices, prepare, save
from tests.foreign_sheets import SAMPLES

BY_NAME = {sample.name: sample for sample in SAMPLES}


def import_new(sample, team) -> list[Broadcast]:
    book = prepare(
        read_book(sample.content, sample.filename), sample.filename, Choices(), team=team
    )
    assert book.problems == []
    for item in book.imports:
        assert item.problems == [] and item.bad_rows == []
    return [item.broadcast for item in save(book)]


def price_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


def giveaway_times(broadcast) -> list[tuple[str, str, int]]:
    plan = load_plan(broadcast)
    start = broadcast.local_start
    found = []
    for g in plan.giveaways:
        found.append((g.fires_at, g.kind, clock(start, g.fires_at), g.quantity))
    return [(kind, at, quantity) for _offset, kind, at, quantity in sorted(found)]


@pytest.mark.parametrize("name", BY_NAME)
def test_a_real_layout_comes_in_whole(name, team):
    sample = BY_NAME[name]
    broadcasts = import_new(sample, team)
    assert len(broadcasts) == len(sample.shows)
    for broadcast, expected in zip(broadcasts, sample.shows, strict=True):
        plan = load_plan(broadcast)
        segments = plan.segments
        start = broadcast.local_start
        assert len(segments) == expected.segments
        assert (segments[0].title, segments[-1].title) == (
            expected.first_title,
            expected.last_title,
        )
        assert clock(start, segments[0].start_offset) == expected.first_start
        assert clock(start, segments[-1].end_offset) == expected.last_end
        assert sum(s.minutes for s in segments) == expected.total_minutes
        products = {p.link_number: price_text(p.live_price) for p in plan.products}
        assert products == expected.products
        assert len({p.name for p in plan.products}) == len(plan.products)
        expected_giveaways = sorted(
            expected.giveaways, key=lambda g: (expected_offset(g, start), g[0])
        )
        assert giveaway_times(broadcast) == expected_giveaways
        info = expected.info
        if "date" in info:
            assert start.date().isoformat() == info["date"]
        if "platform" in info:
            assert broadcast.platform == info["platform"]
        if "gmv_target" in info:
            assert broadcast.gmv_target == Decimal(info["gmv_target"])
        if "hosts" in info:
            assert broadcast.hosts == info["hosts"]
        assert broadcast.planned_minutes >= expected.total_minutes


def expected_offset(giveaway, start) -> int:
    """Minutes from the show's start to a giveaway's clock time (after midnight is later)."""
    hour, minute = map(int, giveaway[1].split(":"))
    at = start.replace(hour=hour, minute=minute)
    if at < start - timedelta(hours=2):
        at += timedelta(days=1)
    return int((at - start).total_seconds() // 60)


def test_script_names_with_spec_suffixes_match_the_product_sheet(team):
    (broadcast,) = import_new(BY_NAME["kuaishou_beauty_xlsx"], team)
    products = list(broadcast.products.order_by("link_number"))
    assert len(products) == 5
    serum = products[1]
    assert serum.list_price > serum.live_price == Decimal("159")
    assert serum.segments.count() >= 2  # "玻尿酸精华 30ml" and "2#" in the script are this one
    assert any(p.selling_points for p in products) and any(p.per_buyer_limit for p in products)
    assert all(p.stock > 0 for p in products)


def test_section_titles_and_breaks_are_what_they_are(team):
    (douyin,) = import_new(BY_NAME["douyin_food_gbk_csv"], team)
    plan = load_plan(douyin)
    gaps = [s for s in plan.segments if s.gap]
    assert [s.gap for s in gaps] == [10]  # the 中场休息 10 分钟 row
    assert not any("休息" in s.title for s in plan.segments)
    (kuaishou,) = import_new(BY_NAME["kuaishou_beauty_xlsx"], team)
    assert kuaishou.segments.filter(notes__startswith="【").count() >= 3
    assert not kuaishou.segments.filter(title__in=["合计", "备注"]).exists()


def test_a_giveaway_keeps_its_keyword_and_terms(team):
    (broadcast,) = import_new(BY_NAME["kuaishou_beauty_xlsx"], team)
    coupon = Giveaway.objects.get(broadcast=broadcast, kind="coupon")
    assert coupon.coupon_discount < coupon.coupon_threshold
    red = Giveaway.objects.get(broadcast=broadcast, kind="red_packet")
    assert red.quantity == 200 and red.unit_value > 0
    assert Giveaway.objects.filter(broadcast=broadcast, entry_rule="keyword").exists()


def test_the_command_imports_a_season_and_says_where(team, tmp_path, capsys):
    sample = BY_NAME["kuaishou_three_shows_xlsx"]
    path = tmp_path / sample.filename
    path.write_bytes(sample.content)
    call_command("import_sheet", str(path), "--team", team.name)
    lines = capsys.readouterr().out.splitlines()
    ids = Broadcast.objects.filter(team=team).order_by("pk").values_list("pk", flat=True)
    assert [line.split()[0] for line in lines] == [f"/b/{pk}/" for pk in ids]
    assert "8 segments (120 min)" in lines[0] and "10 segments (230 min)" in lines[2]


def test_the_command_says_what_it_could_not_read_and_fails_when_nothing_came_in(
    team, tmp_path, capsys
):
    broken = tmp_path / "photo.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(CommandError, match="This is not a spreadsheet"):
        call_command("import_sheet", str(broken), "--team", str(team.pk))
    half = tmp_path / "脚本.csv"
    half.write_text("环节,时长\n开场,10\n坏行,十分钟\n", encoding="gbk")
    call_command("import_sheet", str(half), "--team", team.name)
    out, err = capsys.readouterr()
    assert "1 segment (10 min)" in out and "1 row left out" in out
    assert "row 3: Length “十分钟” is not a number of minutes." in err
    with pytest.raises(CommandError, match="no team"):
        call_command("import_sheet", str(half), "--team", "Nobody")
    assert Broadcast.objects.filter(team=team).count() == 1


def test_a_team_ad_plan_and_warm_up_sheet_come_in(team):
    """A 投放计划 with percent cells and the plan's figures above it, a 预热排期 with dates."""
    from openpyxl import Workbook

    book = Workbook()
    script = book.active
    script.title = "脚本"
    script.append(["直播日期：2026-12-12"])
    script.append(["时间", "环节", "话术"])
    script.append(["19:00-19:30", "开场", "欢迎"])
    script.append(["19:30-20:00", "爆款", "精华 159"])
    ads = book.create_sheet("投放计划")
    ads.append(["投放预算", 40000, "目标ROI", 3, "老粉", 40, "新客", 35, "付费", 25])
    ads.append([])
    ads.append(["时段", "预算占比", "人群", "备注"])
    for span, share, who in [("18:30-19:00", 0.1, "付费"), ("19:00-20:00", 0.9, "老粉")]:
        ads.append([span, share, who, ""])
    warmup = book.create_sheet("预热排期")
    warmup.append(["发布时间", "渠道", "内容", "负责人", "状态", "预计预约"])
    warmup.append(["12月11日 20:00", "短视频", "精华剧透", "小鹿", "已发布", "800"])
    warmup.append(["12月12日 18:00", "粉丝群", "开播提醒", "阿杰", "草稿", "200"])
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()
    prepared = prepare(read_book(content, "脚本.xlsx"), "脚本.xlsx", Choices(), team=team)
    (item,) = prepared.imports
    assert [row.problems for row in item.slot_rows + item.warmup_rows] == [[]] * 4
    (broadcast,) = [i.broadcast for i in save(prepared)]
    plan = load_plan(broadcast)
    assert (plan.ad_plan.budget, plan.ad_plan.mix_old, plan.ad_plan.mix_paid) == (40000, 40, 25)
    slots = [(s.start_offset, s.end_offset, s.share, s.emphasis) for s in plan.ad_slots]
    assert slots == [(-30, 0, 10, "paid"), (0, 60, 90, "old")]
    items = [(w.offset_minutes, w.channel, w.status) for w in broadcast.warmup_items.all()]
    assert items == [(1380, "short_video", "published"), (60, "group", "drafted")]
