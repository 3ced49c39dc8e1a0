"""Foreign 直播脚本 samples from shop platforms and office suites: Taobao Live (EN/中文 headers,
Excel times), a cross-border TikTok Shop team and a Feishu (飞书) sheet export."""

from datetime import date, datetime, time

from openpyxl import Workbook

from tests.foreign_sheets_kit import (
    CP,
    FC,
    FS,
    LB,
    LO,
    RP,
    Sample,
    _info,
    _look,
    _m,
    _show,
    _xlsx,
)


def taobao_skincare_xlsx() -> Sample:
    """Taobao Live team: EN/中文 headers, start times only (Excel times, '8:10 PM'), 福利 sheet."""
    # fmt: off
    script = [  # Time, Section, Link #, Product, Price, Talking points, 场控 Notes
        (time(20, 0), "Opening 开场", "", "", "", "欢迎来到可可直播间，双11护肤专场", "开播推流"),
        ("8:10 PM", "Traffic 引流款", 1, "温和洁面乳 100g", 9.9, "氨基酸配方，敏感肌放心", "上1号"),
        (time(20, 25), "Hero 爆款精华", 2, "修护精华 30ml", 159, "熬夜肌救星", "讲成分表"),
        ("8:55 PM", "Mask 面膜", 3, "补水面膜 10片装", 39.9, "一片不到4块钱", ""),
        (time(21, 10), "Eye cream 眼霜", 4, "淡纹眼霜 15g", 99, "上眼对比，细纹看得见", "切特写"),
        ("9:30 PM", "Interaction 互动", "", "", "", "聊聊大家的护肤困扰", "读评论"),
        (time(22, 0), "Flash sale 限时价", 2, "修护精华 30ml", 159, "只有这十分钟！", "改价139"),
        (time(22, 15), "Premium 面霜", 5, "修护面霜 50g", 399, "质地像云朵", ""),
        ("10:40 PM", "Re-run 返场", "1, 2", "洁面+精华", "9.9 / 159", "最后机会", "补库存"),
        (time(22, 50), "Closing 收尾", "", "", "", "明天见，记得订阅直播间", ""),
    ]
    perks = [  # 时间 Time, 类型 Type, 内容/奖品 Prize, 价值 Value, 数量 Qty, 规则 Rule, kind
        (time(20, 0), "福袋", "补水面膜 体验装", 19.9, 10, "评论口令“双11冲”", LB),
        ("20:25", "优惠券", "满199减20券", 20, "500张", "全店通用", CP),
        (time(21, 20), "抽奖", "修护面霜 50g 正装", 399, "1名", "点赞满10万开奖", LO),
        ("9:30 PM", "红包", "2000元/200个", 2000, "200个", "观看满3分钟可抢", RP),
        (time(22, 0), "秒杀", "修护精华 秒杀价139", 139, "100单", "限购1", FS),
        (time(22, 50), "福袋", "精华小样 5ml", 39, 20, "关注主播", LB),
    ]
    # fmt: on

    def clock(value) -> str:  # an Excel time, "8:10 PM" or "20:25"
        if isinstance(value, str):
            value = datetime.strptime(value, "%I:%M %p" if "M" in value else "%H:%M").time()
        return f"{value.hour:02d}:{value.minute:02d}"

    wb = Workbook()
    ws = wb.active
    ws.title = "Run of Show"
    ws.append(["淘宝直播 · 双11护肤专场 Run of Show"])
    ws.merge_cells("A1:G1")
    ws.append(["Date", date(2026, 11, 11), "Start", time(20, 0), "End", time(23, 0)])
    ws["B2"].number_format = "yyyy-mm-dd"
    ws.append(["Platform", "淘宝直播", "Host", "可可 Coco", "GMV target", 800000])
    ws.append([])
    ws.append(["Time 时间", "Section", "Link #", "Product / 商品", "Price 到手价", "话术", "场控"])
    for row in script:
        ws.append(list(row))
    _look(ws, 5, 5, 7, bold=True, fill="E2EFDA", widths=(12, 20, 8, 20, 12, 34, 14))
    sheet = wb.create_sheet("福利")
    sheet.append(["时间 Time", "类型 Type", "内容 / 奖品", "价值 Value", "数量 Qty", "规则 Rule"])
    for row in perks:
        sheet.append(list(row[:6]))
    _look(sheet, 1, 1, 6, bold=True, widths=(12, 8, 22, 10, 8, 20))
    for cell in (c for sh in (ws, sheet) for r in sh.iter_rows() for c in r):
        if isinstance(cell.value, time):
            cell.number_format = "h:mm"  # stored as a fraction of a day, shown as 20:25
    starts = [clock(row[0]) for row in script] + ["23:00"]  # the last row runs to the End cell
    pairs = zip(starts, starts[1:], script, strict=False)
    segs = [(start, _m(nxt) - _m(start), row[1], []) for start, nxt, row in pairs]
    extra = [(row[6], clock(row[0]), int(str(row[4]).rstrip("张名个单"))) for row in perks]
    info = _info("2026-11-11", "taobao", "可可 Coco", "800000")
    show = _show(segs, {1: "9.9", 2: "159", 3: "39.9", 4: "99", 5: "399"}, info, extra)
    return Sample("taobao_skincare_xlsx", "淘宝双11护肤专场 Run of Show.xlsx", _xlsx(wb), [show])


def tiktok_crossborder_xlsx() -> Sample:
    """Cross-border TikTok Shop team: EN/中文 headers, Duration (min), Subtotal, notes block."""
    # fmt: off
    rows = [  # Time, Segment 环节, Duration (min), Products, Link, Live price, Perks 福利, script
        ("20:00", "Warm-up 暖场", 5, "", "", "", "福袋 Lucky bag ×10",
         "Hi besties, welcome in! Tap follow 关注一下 so you don't miss a drop", [(LB, 10)]),
        ("20:05", "Hook 引流款", 10, "Lip oil", 1, 9.99, "", "Glossy not sticky, under $10", []),
        ("20:15", "Hero 爆款", 15, "Vitamin C serum 30ml", 2, 29.9,
         "优惠券 Coupon $5 off $30 ×300", "Our bestseller, restocked for tonight", [(CP, 300)]),
        ("20:30", "Q&A 答疑", 10, "Vitamin C serum 30ml", 2, 29.9,
         "粉丝团 Fan club free gift ×50", "Drop your skin type in the chat", [(FC, 50)]),
        ("20:40", "Flash sale 秒杀", 5, "Vitamin C serum 30ml", 2, 29.9,
         "秒杀 $24.9, 150 units, limit 1", "3 minutes only, go go go!", [(FS, 150)]),
        ("20:45", "Bundle 组合", 15, "Sheet mask 10pk + Sunscreen SPF50+", "3 + 4",
         "12.99 / 19.99", "", "Mask at night, sunscreen in the morning", []),
        ("21:00", "Giveaway 抽奖", 10, "", "", "", "抽奖 Lottery ×1 winner (serum full size)",
         "Comment GLOW to enter, winner at 21:08", [(LO, 1)]),
        ("21:10", "Re-run 返场", 10, "Lip oil, Vitamin C serum", "1, 2", "9.99, 29.9", "",
         "Last call for anyone who missed out", []),
        ("21:20", "Closing 收尾", 10, "", "", "", "福袋 Lucky bag ×20",
         "Same time next Friday, thank you all!", [(LB, 20)]),
    ]
    notes = ["Notes 备注", "1. Prices in USD, live discount included.",
             "2. Flash sale max 3 min (TikTok allows 1-20).",
             "3. Mia leads in English, 小周 answers 中文 comments."]
    # fmt: on
    wb = Workbook()
    ws = wb.active
    ws.title = "ROS"
    ws.append(["TikTok Shop LIVE — Holiday Glow Edit | Run of Show"])
    ws.append(["Date", "2026-12-05", "Hosts", "Mia & 小周", "GMV target", "$20,000"])
    header = ["Time", "Segment 环节", "Duration (min)", "Products", "Link", "Live price"]
    ws.append([*header, "Perks 福利", "Host script", None])  # column I: bordered, never filled
    for row in rows:
        ws.append(list(row[:8]))
    ws.append(["Subtotal", None, f"=SUM(C4:C{ws.max_row})"])
    _look(ws, 3, ws.max_row, 9, widths=(8, 18, 10, 30, 8, 12, 30, 50, 12))
    _look(ws, 3, 3, 9, bold=True, fill="D9E1F2")
    ws.append([])
    for note in notes:
        ws.append([note])
    segs = [(row[0], row[2], row[1], row[8]) for row in rows]
    info = _info("2026-12-05", "tiktok", "Mia & 小周", "20000")
    show = _show(segs, {1: "9.99", 2: "29.9", 3: "12.99", 4: "19.99"}, info)
    filename = "TikTok Shop LIVE Holiday Glow - ROS.xlsx"
    return Sample("tiktok_crossborder_xlsx", filename, _xlsx(wb), [show])


def feishu_export_xlsx() -> Sample:
    """Feishu (飞书) sheet export: 序号, header on row 1, product/owner merged down, 小计 row."""
    # fmt: off
    rows = [  # 时间段, 环节, 产品, 链接, 价格, 福利机制, [(kind, qty)], 话术
        ("20:00-20:10", "开场", "", "", "", "福袋8个", [(LB, 8)], "欢迎新进来的宝宝"),
        ("20:10-20:25", "引流", "辣条大礼包", 1, 9.9, "", [], "9.9包邮，学生党闭眼入"),
        ("20:25-20:45", "爆款讲解", "坚果礼盒", 2, 99, "", [], "每一颗都是当季新果"),
        ("20:45-20:55", "爆款逼单", None, None, None, "优惠券 满99减10 800张", [(CP, 800)],
         "最后50单，拍了的扣已拍"),
        ("20:55-21:10", "利润款", "猪肉脯 500g", 3, 59, "", [], "薄脆不塞牙"),
        ("21:10-21:20", "互动", "", "", "", "红包1000元/100个", [(RP, 100)], "点赞5万发红包"),
        ("21:20-21:35", "秒杀", "即食燕窝", 4, 399, "秒杀价299 100单", [(FS, 100)], "倒计时"),
        ("21:35-21:50", "宠粉", "螺蛳粉", 5, 39.9, "粉丝团专享 限300单", [(FC, 300)], "老粉专属"),
        ("21:50-22:05", "返场", "辣条大礼包\n坚果礼盒", "1/2", "9.9/99", "", [], "补货了"),
        ("22:05-22:20", "抽奖", "", "", "", "抽奖3名", [(LO, 3)], "截图抽奖"),
        ("22:20-22:30", "收尾", "", "", "", "福袋10个", [(LB, 10)], "明晚见"),
    ]
    # fmt: on
    wb = Workbook()
    ws = wb.active
    ws.title = "12.18 零食节 直播排期"
    ws.append(
        ["序号", "时间段", "时长", "环节", "产品", "链接", "价格", "福利机制", "话术", "负责人"]
    )
    segs = []
    for n, (span, title, item, link, price, perk, perks, line) in enumerate(rows, start=1):
        start, end = span.split("-")
        owner = {1: "大白", 7: "二白"}.get(n)  # merged down below: 大白 1-6, 二白 7-11
        ws.append([n, span, _m(end) - _m(start), title, item, link, price, perk, line, owner])
        segs.append((start, _m(end) - _m(start), title, perks))
    for col in "EFG":  # one 坚果礼盒 cell over 爆款讲解 + 爆款逼单
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("J2:J7")
    ws.merge_cells("J8:J12")
    ws.append(["小计", None, f"=SUM(C2:C{ws.max_row})"])
    _look(ws, 1, ws.max_row, 10, widths=(6, 13, 6, 10, 14, 6, 8, 20, 24, 8))
    _look(ws, 1, 1, 10, bold=True, fill="E8F3FF")
    show = _show(segs, {1: "9.9", 2: "99", 3: "59", 4: "399", 5: "39.9"})
    return Sample("feishu_export_xlsx", "零食节直播排期_飞书导出.xlsx", _xlsx(wb), [show])
