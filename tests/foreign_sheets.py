"""Foreign run-of-show spreadsheets (直播脚本), written the way real live-commerce teams keep them.

Each builder imitates one team's habits and derives its expected Show values from its own rows.
Only stdlib + openpyxl: importable without Django. `python tests/foreign_sheets.py OUTDIR` writes
every sample to OUTDIR so a person can open them in a spreadsheet.
"""

import csv
import io
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side


@dataclass
class Show:
    segments: int  # how many segments the show has (breaks and section rows are NOT segments)
    first_title: str  # its 环节 cell as written, whitespace-trimmed; first line if several
    last_title: str
    first_start: str  # "HH:MM" clock time the first segment starts
    last_end: str  # "HH:MM" clock time the last segment ends
    total_minutes: int  # sum of segment lengths, breaks excluded
    products: dict[int, str]  # link number -> live price ("39.9"); every product exactly once
    giveaways: list[tuple[str, str, int]]  # (kind, "HH:MM", qty) by time from the start, kind
    info: dict[str, str] = field(default_factory=dict)  # date, platform, gmv_target, hosts


@dataclass
class Sample:
    name: str  # short id, e.g. "kuaishou_beauty_xlsx"
    filename: str  # e.g. "12.12美妆专场直播脚本.xlsx"
    content: bytes
    shows: list[Show]  # one per show in the file (a workbook with one sheet per show has several)


LB, CP, RP, FS, LO, FC = "lucky_bag", "coupon", "red_packet", "flash_sale", "lottery", "fan_club"


def _m(hhmm: str) -> int:
    hours, minutes = hhmm.replace("：", ":").strip().split(":")
    return int(hours) * 60 + int(minutes)


def _hm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _info(day, platform, hosts, gmv_target=None) -> dict[str, str]:
    info = {"date": day, "platform": platform, "hosts": hosts}
    return info | ({"gmv_target": gmv_target} if gmv_target else {})


def _show(segs, products, info=None, extra=()) -> Show:
    """segs: (start, minutes, 环节 cell, [(kind, qty)]); extra: (kind, time, qty) from 福利."""
    for a, b in zip(segs, segs[1:], strict=False):  # rows never overlap; a gap is a break
        assert (_m(b[0]) - _m(a[0])) % 1440 >= a[1], (a, b)
    t0 = _m(segs[0][0])
    gives = [(kind, start, qty) for start, _, _, perks in segs for kind, qty in perks]
    gives = sorted([*gives, *extra], key=lambda g: ((_m(g[1]) - t0) % 1440, g[0]))
    first, last = (s[2].strip().splitlines()[0].strip() for s in (segs[0], segs[-1]))
    end = _hm(_m(segs[-1][0]) + segs[-1][1])
    total = sum(s[1] for s in segs)
    return Show(len(segs), first, last, _hm(t0), end, total, products, gives, info or {})


THIN = Side(style="thin", color="A0A0A0")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _look(ws, first, last, cols, bold=False, fill=None, widths=()):
    """Borders, wrapping, optional bold/fill on rows first..last; column widths from A."""
    for row in ws.iter_rows(min_row=first, max_row=last, max_col=cols):
        for cell in row:
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.font = Font(bold=bold)
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(65 + i)].width = width


def _merge_row(ws, text, cols, fill="FCE4D6"):
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=cols)
    _look(ws, ws.max_row, ws.max_row, cols, bold=True, fill=fill)


def _xlsx(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(rows, encoding, width) -> bytes:
    """Like Excel's CSV export: padded rows, minimal quoting, CRLF rows, LF inside quoted cells."""
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows([[*r, *[""] * (width - len(r))] for r in rows])
    return buf.getvalue().encode(encoding)


def kuaishou_beauty_xlsx() -> Sample:
    """Kuaishou beauty team: merged title, info block, two-row header, 【sections】, 产品清单."""
    # fmt: off
    lineup = [  # 链接, 产品名称, 规格, 日常价, 直播价, 库存, 限购, 卖点
        (1, "氨基酸洁面慕斯", "150ml", 89, 9.9, "2000件", "限购2", "绵密泡沫\n洗完不紧绷"),
        (2, "玻尿酸精华", "30ml", 299, 159, "1200件", "限购3", "三重玻尿酸\n28天水润"),
        (3, "烟酰胺身体乳", "250ml", 129, 69, "1500件", "不限", "提亮暗沉\n不粘腻"),
        (4, "修护面霜", "50g", 599, 399, "300件", "限购1", "敏感肌可用\n修护屏障"),
        (5, "精华小样套装", "5ml×4", 79, 39.9, "800件", "限购2", "宠粉专享\n回购率高"),
    ]
    script = [  # 开始, 结束, 环节, 链接号, 产品, 到手价, 话术要点, 福利, [(kind, qty)], 场控
        "【开场预热】",
        ("19:00", "19:10", " 开场暖场\n主播自我介绍", "", "", "", "欢迎宝宝们！今晚12.12宠粉专场",
         "福袋10个\n口令：小鹿家宠粉", [(LB, 10)], "开播即挂福袋，倒计时5分钟"),
        ("19:10", "19:25", "引流款 洁面慕斯", "1号链接", "氨基酸 洁面慕斯", 9.9,
         "日常89的洁面今天只要9.9！干皮油皮都能用", "", [], "分3轮上架，每轮500单"),
        "【爆款冲刺】",
        ("19:25", "20:00", "爆款：玻尿酸精华", "2#", "玻尿酸精华 30ml", 159,
         "专柜299，直播间159，叠券到手149！", "满150减10券 1000张", [(CP, 1000)], "19:30上券"),
        ("20:00", "20:15", "互动抽福袋", "", "", "", "点亮粉丝灯牌的宝宝扣1，福袋马上开！",
         "福袋20个（需加入粉丝团）", [(LB, 20)], "口令：小鹿12.12"),
        "【利润款】",
        ("20:15", "20:35", "身体乳讲解", "3号链接", "烟酰胺 身体乳", 69,
         "秋冬身上干到起皮的看过来，一抹就化开", "", [], "库存1500，卖完不补"),
        ("20:35", "20:50", "答疑 Q&A", "2#", "玻尿酸精华", 159,
         "问肤质的我一个个回，敏感肌先在耳后试", "", [], "助播念评论"),
        ("20:50", "21:05", "限时秒杀", "2#", "玻尿酸精华 30ml", 159, "秒杀只有3分钟！手慢无！",
         "秒杀价149 200单 限购1", [(FS, 200)], "改价149，倒计时3分钟"),
        "【宠粉专区】",
        ("21:05", "21:30", "形象款+宠粉款", "4、5", "修护面霜 50g\n精华小样 套装", "399\n39.9",
         "面霜是镇店之宝；小样给新朋友试试", "红包 2000元/200个", [(RP, 200)], "21:10发"),
        "【返场收尾】",
        ("21:30", "21:50", "返场", "1号链接、2#", "洁面慕斯+玻尿酸精华", "9.9/159",
         "刚才没抢到的宝宝，最后一波库存", "", [], "各补300单"),
        ("21:50", "22:00", "收尾+下期预告", "", "", "", "明晚8点零食专场，不见不散！",
         "福袋10个", [(LB, 10)], "下播前挂最后一个福袋"),
    ]
    # fmt: on
    wb = Workbook()
    ws = wb.active
    ws.title = "直播脚本"
    ws.append(["12.12 美妆专场直播脚本"])
    ws.merge_cells("A1:J1")
    ws.append(["直播日期", date(2026, 12, 12), "直播时间", "19:00-22:00", "平台", "快手"])
    ws["B2"].number_format = "yyyy-mm-dd"
    ws.append(["主播", "小鹿、阿杰", "GMV目标", "50万", "场控", "小林"])
    ws.append([])
    ws.append(["时间", None, "时长", "环节", "产品信息", None, None, "话术要点", "福利", "场控"])
    ws.append(["开始", "结束", None, None, "链接号", "产品", "到手价"])
    for rng in ("A5:B5", "C5:C6", "D5:D6", "E5:G5", "H5:H6", "I5:I6", "J5:J6"):
        ws.merge_cells(rng)
    _look(ws, 1, 3, 10, bold=True)
    _look(ws, 5, 6, 10, bold=True, fill="DDEBF7", widths=(8, 8, 8, 16, 12, 18, 9, 40, 20, 22))
    segs = []
    for row in script:
        if isinstance(row, str):
            _merge_row(ws, row, 10)
            continue
        start, end, title, link, item, price, lines, perk, perks, cue = row
        ws.append([start, end, _m(end) - _m(start), title, link, item, price, lines, perk, cue])
        _look(ws, ws.max_row, ws.max_row, 10)
        segs.append((start, _m(end) - _m(start), title, perks))
    ws.append(["合计", None, f"=SUM(C7:C{ws.max_row})", None, None, None, None, "共10个环节"])
    _look(ws, ws.max_row, ws.max_row, 10, bold=True)
    note = "备注：1. 福袋口令统一“小鹿家宠粉”；2. 秒杀链接提前10分钟设好库存；3. 禁用极限词"
    _merge_row(ws, note, 10, fill="FFF2CC")
    sheet = wb.create_sheet("产品清单")
    sheet.append(["链接", "产品名称", "规格", "日常价", "直播价", "库存", "限购", "卖点"])
    for item in lineup:
        sheet.append(list(item))
    _look(sheet, 1, sheet.max_row, 8, widths=(6, 16, 8, 8, 8, 9, 8, 24))
    products = {n: f"{price:g}" for n, _, _, _, price, *_ in lineup}
    info = _info("2026-12-12", "kuaishou", "小鹿、阿杰", "500000")
    show = _show(segs, products, info)
    return Sample("kuaishou_beauty_xlsx", "12.12美妆专场直播脚本.xlsx", _xlsx(wb), [show])


def douyin_food_gbk_csv() -> Sample:
    """Douyin snack team: Excel 'CSV (逗号分隔)' export in GBK, mixed time spellings, a break."""
    # fmt: off
    rows = [  # start, minutes | 时间, 时长, 环节, 链接, 产品, 到手价, 话术, 福利机制, perks, 场控
        ("19:00", 15, "19:00-19:15", "15分钟", "开场暖场", "1", "每日坚果 尝鲜装", "9.9",
         "家人们晚上好！先点左上角关注，\n今晚福利一波接一波", "福袋 10个\n口令：阿飞好吃",
         [(LB, 10)], "开播挂福袋"),
        ("19:15", 15, "19:15~19:30", "15min", "引流款\n每日坚果", "1", "每日坚果 尝鲜装", "9.9",
         "7种坚果一天一包，9.9就能试", "", [], "分3轮放库存 每轮300单"),
        ("19:30", 20, "19：30—19：50", "20'", "爆款 螺蛳粉", "2", "柳州螺蛳粉 5袋装", "39.9",
         "汤底是熬出来的，酸笋够味！", "满99减10券 500张", [(CP, 500)], "19:35上券"),
        ("20:00", 20, "20:00 - 20:20", "20", "利润款 坚果礼盒", "3\n2",
         "坚果礼盒 1.5kg\n螺蛳粉 5袋装", "99\n39.9", "过年送礼有面子，礼盒加螺蛳粉一起拍",
         "红包 1000元/100个", [(RP, 100)], "20:05 发红包"),
        ("20:20", 15, "20:20-20:35", "15分钟", "组合推荐", "5+4",
         "防晒喷雾 SPF50+ + 冻干草莓脆", "59+19.9", "SPF50+户外也不怕；草莓脆酸酸甜甜",
         "抽奖 1名 送燕窝一套", [(LO, 1)], "抽奖截图留档"),
        ("20:35", 5, "20:35-20:40", "5分", "秒杀", "2", "柳州螺蛳粉 5袋装", "39.9",
         "3、2、1上链接！", "秒杀价29.9 300单 限购2", [(FS, 300)], "改价29.9"),
        ("20:40", 20, "20:40-21:00", "20", "形象款 燕窝", "6", "即食燕窝 6瓶装", "399",
         "一瓶一天，送长辈很体面", "粉丝团专属：加团送试吃装 50份", [(FC, 50)], "库存200"),
        ("21:00", 15, "21:00-21:15", "15min", "返场+牛肉干", "7、1",
         "风干牛肉干 500g、每日坚果 尝鲜装", "159、9.9", "真风干的，越嚼越香",
         "福袋 20个", [(LB, 20)], ""),
        ("21:15", 15, "21:15-21:30", "15分钟", "收尾+预告\n明晚8点不见不散", "", "", "",
         "明晚还是8点，记得点预约！", "福袋 10个", [(LB, 10)], "下播前再挂一个福袋"),
    ]
    # fmt: on
    out = [
        ["抖音吃货节 零食专场直播脚本（第3版）"],
        ["直播日期：2026/12/20", "平台：抖音", "主播：阿飞、小满"],
        ["时间", "时长", "环节", "链接", "产品", "到手价", "主播话术", "福利机制", "场控备注"],
    ]
    for row in rows:
        out.append([*row[2:10], row[11]])
        if row[0] == "19:30":  # 19:50-20:00 off air
            out.append(["—— 中场休息 10 分钟 ——"])
    segs = [(start, mins, title, perks) for start, mins, _, _, title, *_, perks, _ in rows]
    products = {1: "9.9", 2: "39.9", 3: "99", 4: "19.9", 5: "59", 6: "399", 7: "159"}
    info = _info("2026-12-20", "douyin", "阿飞、小满")
    show, content = _show(segs, products, info), _csv(out, "gbk", 9)
    return Sample("douyin_food_gbk_csv", "抖音吃货节零食专场脚本_v3.csv", content, [show])


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


def wechat_midnight_bom_csv() -> Sample:
    """WeChat Channels family shop: UTF-8 BOM CSV under info lines, ¥/元 prices, past midnight."""
    # fmt: off
    rows = [  # 时间, 环节, 产品, 链接, 价格, 福利, 备注, [(kind, qty)]
        ("23:30-23:40", "开场 拜早年", "", "", "", "福袋5个", "先聊起来，别急着上链接", [(LB, 5)]),
        ("23:40-23:50", "土鸡蛋", "散养土鸡蛋 30枚", "链接1", "¥19.9", "", "现场磕一个", []),
        ("23:50-23:58", "1元秒杀", "红薯粉条 500g", "No.2", "1元", "1元秒杀 100单",
         "只有100单，抢完即止", [(FS, 100)]),
        ("23:58-00:03", "跨年倒计时", "", "", "", "红包 520元/52个", "零点整发", [(RP, 52)]),
        ("00:03-00:10", "腊肠", "广式腊肠 250g", "3号", "9.9元", "", "切开看肥瘦", []),
        ("00:10-00:18", "腊肉", "湘西腊肉 500g", "链接4", "到手价39.9", "满59减5券 200张",
         "柴火熏的，不是电烤", [(CP, 200)]),
        ("00:18-00:25", "返场 腊肉", "湘西腊肉", "No.4", "到手价39.9", "抽奖1名 送年货礼盒",
         "抽奖截图发群里", [(LO, 1)]),
        ("00:25-00:30", "下播 预告", "", "", "", "关注领无门槛券", "明晚8点见", [(CP, 1)]),
    ]
    # fmt: on
    out = [
        ["老王家乡土特产 · 视频号跨年直播脚本"],
        ["直播日期：2026.12.31（跨年夜）", "主播：老王、王嫂", "平台：视频号"],
        [],
        ["时间", "环节", "产品", "链接", "价格", "福利", "备注"],
        *[list(row[:7]) for row in rows],
    ]
    segs = []
    for span, title, *_, perks in rows:
        start, end = span.split("-")
        segs.append((start, (_m(end) - _m(start)) % 1440, title, perks))
    info = _info("2026-12-31", "wechat", "老王、王嫂")
    show = _show(segs, {1: "19.9", 2: "1", 3: "9.9", 4: "39.9"}, info)
    content = _csv(out, "utf-8-sig", 7)
    return Sample("wechat_midnight_bom_csv", "视频号跨年场直播脚本.csv", content, [show])


def kuaishou_three_shows_xlsx() -> Sample:
    """Kuaishou snack shop: one sheet per show, same layout, each sheet with its own info row."""
    # fmt: off
    shows = [  # sheet, 日期, 场次, 主播, rows (时间 环节 链接 商品 直播价 福利 perks), products
        ("12.10 晚场", "2026年12月10日", "晚场 19:30-21:30", "甜甜", [
            ("19:30-19:40", "开场", "", "", "", "福袋8个", [(LB, 8)]),
            ("19:40-19:55", "引流 辣条", "1", "辣条大礼包", 9.9, "", []),
            ("19:55-20:20", "爆款 坚果", "2", "坚果礼盒", 99, "满99减10券 300张", [(CP, 300)]),
            ("20:20-20:35", "互动", "", "", "", "红包 500元/50个", [(RP, 50)]),
            ("20:35-20:55", "利润款", "3", "猪肉脯 500g", 59, "", []),
            ("20:55-21:05", "秒杀", "2", "坚果礼盒", 99, "秒杀价79 100单", [(FS, 100)]),
            ("21:05-21:20", "返场", "1、3", "辣条大礼包、猪肉脯", "9.9、59", "", []),
            ("21:20-21:30", "收尾", "", "", "", "福袋10个", [(LB, 10)]),
        ], {1: "9.9", 2: "99", 3: "59"}),
        ("12.11 早场", "2026年12月11日", "早场 8:00-10:00", "甜甜", [
            ("8:00-8:15", "早安开场", "", "", "", "福袋5个", [(LB, 5)]),
            ("8:15-8:35", "早餐搭配", "4", "燕麦片 1kg", 39.9, "", []),
            ("8:35-8:55", "引流 辣条", "1", "辣条大礼包", 9.9, "", []),
            ("8:55-9:10", "互动答疑", "", "", "", "抽奖1名", [(LO, 1)]),
            ("9:10-9:30", "爆款 坚果", "2", "坚果礼盒", 99, "满99减10券 200张", [(CP, 200)]),
            ("9:30-9:45", "宠粉", "5", "螺蛳粉 3袋", 29.9, "粉丝团专享价 限100单", [(FC, 100)]),
            ("9:45-9:55", "返场", "4、5", "燕麦片、螺蛳粉", "39.9、29.9", "", []),
            ("9:55-10:00", "收尾", "", "", "", "福袋5个", [(LB, 5)]),
        ], {1: "9.9", 2: "99", 4: "39.9", 5: "29.9"}),
        ("12.12 大促", "2026年12月12日", "大促 19:00-23:00", "甜甜、大壮", [
            ("19:00-19:15", "开场 预热", "", "", "", "福袋10个", [(LB, 10)]),
            ("19:15-19:35", "引流 辣条", "1", "辣条大礼包", 9.9, "", []),
            ("19:35-20:05", "爆款 坚果", "2", "坚果礼盒", 99, "满99减15券 1000张", [(CP, 1000)]),
            ("20:05-20:25", "利润款", "3", "猪肉脯 500g", 59, "", []),
            ("20:25-20:40", "互动", "", "", "", "红包 2000元/200个", [(RP, 200)]),
            ("20:40-21:00", "形象款 燕窝", "6", "即食燕窝 6瓶", 399, "", []),
            ("21:10-21:30", "秒杀", "2", "坚果礼盒", 99, "秒杀价69 500单 限购1", [(FS, 500)]),
            ("21:30-21:55", "宠粉", "5", "螺蛳粉 3袋", 29.9, "粉丝团专享价 限200单", [(FC, 200)]),
            ("21:55-22:30", "返场", "1、2、3", "辣条、坚果、猪肉脯", "9.9、99、59", "", []),
            ("22:30-23:00", "收尾 抽奖", "", "", "", "抽奖3名（送燕窝）\n福袋20个",
             [(LO, 3), (LB, 20)]),
        ], {1: "9.9", 2: "99", 3: "59", 5: "29.9", 6: "399"}),
    ]
    # fmt: on
    wb = Workbook()
    wb.remove(wb.active)
    expected = []
    for sheet, day, slot, hosts, rows, products in shows:
        ws = wb.create_sheet(sheet)
        ws.append(["日期", day, "场次", slot, "主播", hosts, "平台", "快手"])
        ws.append(["时间", "环节", "链接", "商品", "直播价", "福利", "话术", "场控"])
        _look(ws, 1, 2, 8, bold=True, fill="DDEBF7", widths=(13, 12, 8, 18, 10, 20, 30, 16))
        segs = []
        for span, title, link, item, price, perk, perks in rows:
            start, end = span.split("-")
            if segs and _m(start) > _m(segs[-1][0]) + segs[-1][1]:
                _merge_row(ws, "—— 中场休息 10 分钟 ——", 8, fill="EDEDED")
            pitch = f"{item}今天{price}，拍1发1" if item else "来，扣个1让我看到你们"
            pitch = "没抢到的宝宝抓紧，最后补一波库存" if "、" in link else pitch
            cue = f"上{link}号链接" if link else "助播读评论"
            ws.append([span, title, link, item, price, perk, pitch, cue])
            _look(ws, ws.max_row, ws.max_row, 8)
            segs.append((_hm(_m(start)), _m(end) - _m(start), title, perks))
        iso = datetime.strptime(day, "%Y年%m月%d日").date().isoformat()
        expected.append(_show(segs, products, _info(iso, "kuaishou", hosts)))
    filename = "12月大促周直播排期（3场）.xlsx"
    return Sample("kuaishou_three_shows_xlsx", filename, _xlsx(wb), expected)


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


SAMPLES: list[Sample] = [
    kuaishou_beauty_xlsx(),
    douyin_food_gbk_csv(),
    taobao_skincare_xlsx(),
    wechat_midnight_bom_csv(),
    kuaishou_three_shows_xlsx(),
    tiktok_crossborder_xlsx(),
    feishu_export_xlsx(),
]


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        (out / sample.filename).write_bytes(sample.content)
        print(f"{sample.name:28} {len(sample.content):7} bytes  {sample.filename}")
