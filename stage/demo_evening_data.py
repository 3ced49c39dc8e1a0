"""The demo's evening show as a Kuaishou team writes it (data only; stage/demo_evening.py
builds the rows).

19:00-22:00, 37 segments of 3-10 minutes: each product gets a 过款 cycle of 憋单 (build-up, the
link stays down), 上链接 (the link goes live, first release) and 逼单 (closing push, second
release); a lucky bag every 15-20 minutes; a flash sale on the hour's half at 20:30.
A segment shows (product.segments) only the links that are live in it: a showing makes the
control room list the link and release its units.
"""

from datetime import time

from stage.checklists.adspend import AudienceGroup
from stage.checklists.giveaways import EntryRule, GiveawayKind
from stage.checklists.lineup import ProductAudience, ProductRole
from stage.checklists.timing import SegmentKind
from stage.checklists.warmup import Channel, WarmupStatus

K = SegmentKind

# (key, title, kind, minutes, host lines, control-room cues, notes, links shown)
SEGMENTS = [
    ("open", "暖场 · 开播打招呼", K.WARMUP, 5,
     "家人们晚上好，欢迎来到星选好物直播间！新来的宝宝点个关注，评论区扣“来了”参与开播福袋。",
     "开福袋（关键词“来了”，10 人，倒计时 5 分钟）；磁力金牛 19:00 计划开投",
     "开播 5 分钟内在线冲 1000 人：主播语速放慢，多叫 ID 互动", []),
    ("preview", "暖场 · 今晚福利剧透", K.WARMUP, 4,
     "今晚 8 个链接：洁面慕斯 9.9 元，玻尿酸精华 159 元，八点半还有整点秒杀。"
     "开播红包马上发，别走开！",
     "发开播红包（500 个）；贴片展示今晚福利清单", "", []),
    ("mousse_build", "憋单 · 氨基酸洁面慕斯", K.TRAFFIC, 4,
     "这瓶氨基酸洁面慕斯日常卖 89 元，今晚给新来的宝宝一个福利价。点赞到 2 万，我让场控上链接！",
     "1 号链接先不上架；大屏打点赞进度条", "只讲不挂链接：用点赞目标把新进来的人留住", []),
    ("mousse_live", "上链接 · 洁面慕斯 9.9", K.TRAFFIC, 4,
     "上链接！9.9 元一瓶，每人限 2 瓶，拍下就发货。",
     "1 号链接上架，放 500 单；口播实时库存", "", [1]),
    ("mousse_push", "逼单 · 洁面慕斯 第二轮", K.TRAFFIC, 3,
     "第一轮 500 单已经抢完了！没抢到的扣“还要”，第二轮马上放。",
     "1 号链接补 500 单；倒计时 1 分钟", "", [1]),
    ("chat", "互动 · 福袋 + 肤质小调查", K.INTERACTION, 5,
     "评论区告诉我你是干皮还是油皮，福袋开奖前我一条一条看。扣“精华”参与福袋。",
     "开福袋（关键词“精华”，10 人）；阿杰统计评论区肤质", "", []),
    ("serum_build", "憋单 · 玻尿酸精华 成分讲解", K.HERO, 4,
     "今晚主推这瓶玻尿酸精华，三重玻尿酸，上脸不黏腻。日常价 299 元，价格等下揭晓，"
     "先把小心心点起来。",
     "2 号链接先不上架；上脸试用特写镜头", "主播手背演示吸收，阿杰念评论区问题", []),
    ("serum_live", "上链接 · 玻尿酸精华 159", K.HERO, 6,
     "上链接！直播间 159 元，再领满 150 减 10 的券，到手价 149。每人限 3 瓶。",
     "2 号链接上架，放 200 单；发满 150 减 10 券（1000 张）；价格揭晓贴片",
     "爆款主推段：讲满 6 分钟，别提前切款", [2]),
    ("serum_push", "逼单 · 精华 最后一批", K.HERO, 4,
     "库存只剩最后一批了，下单的宝宝扣“已拍”，我给你们备注加急发货。犹豫的宝宝先拍，支持七天无理由。",
     "2 号链接补 200 单；倒计时 3 分钟；报实时库存", "", [2]),
    ("fan_bag", "互动 · 粉丝团福袋", K.INTERACTION, 4,
     "点亮粉丝团的宝宝看过来，这一轮福袋只给自家人，10 瓶精华送出去！",
     "开福袋（粉丝团专属，10 人）；引导加团", "", []),
    ("mask_build", "憋单 · 补水面膜", K.PROFIT, 4,
     "面膜一盒 10 片，精华液很足，敷完第二天上妆服帖。日常价 129 元，今晚有惊喜。",
     "6 号链接先不上架；展示面膜精华液", "", []),
    ("mask_live", "上链接 · 补水面膜 69", K.PROFIT, 5,
     "6 号链接，69 元一盒 10 片，每人限 3 盒，拍 3 盒再送一包化妆棉。",
     "6 号链接上架，放 200 单", "", [6]),
    ("mask_push", "逼单 · 面膜 库存告急", K.PROFIT, 3,
     "面膜只剩最后一轮库存，拍下记得 30 分钟内付款，超时库存会被别人抢走。",
     "6 号链接补 200 单；倒计时 2 分钟", "", [6]),
    ("qa_skin", "答疑 · 肤质与用法", K.QA, 5,
     "敏感肌的宝宝先在耳后试用，精华早晚各两泵。还有问题打在公屏上，我一个一个回答。",
     "开福袋（关键词“答疑”，20 人）；阿杰读评论区问题",
     "提前备好问题卡：敏感肌、孕期能否使用、保质期", []),
    ("nuts_build", "憋单 · 坚果礼盒", K.PROFIT, 4,
     "坚果礼盒 8 种坚果果干，走亲访友拿得出手。外面卖 168 元，今晚的价格我先卖个关子。",
     "3 号链接先不上架；礼盒开箱特写", "", []),
    ("nuts_live", "上链接 · 坚果礼盒 99", K.PROFIT, 6,
     "3 号链接上架，99 元一盒，买两盒就能用满 150 减 10 的券。",
     "3 号链接上架，放 250 单", "", [3]),
    ("nuts_push", "逼单 · 坚果礼盒", K.PROFIT, 3,
     "送礼的宝宝一次拍够，每人限 5 盒，今晚下单明天就发。",
     "3 号链接补 250 单；倒计时 2 分钟", "", [3]),
    ("lottery", "互动 · 抽奖 + 福袋", K.INTERACTION, 5,
     "看满 10 分钟的宝宝都能参与抽奖，奖品是一台戴森吹风机！福袋也同时开，扣“好物”。",
     "开抽奖（1 人）；开福袋（关键词“好物”，10 人）；截图公示中奖名单",
     "抽奖规则提前挂在公告栏：不需要下单", []),
    ("daily_build", "憋单 · 每日坚果 福利款", K.TRAFFIC, 3,
     "每日坚果 30 袋，一天一袋吃一个月，日常价 99 元。",
     "8 号链接先不上架", "", []),
    ("daily_live", "上链接 · 每日坚果 29.9", K.TRAFFIC, 6,
     "8 号链接，29.9 元 30 袋，平均一袋一块钱。每人限 3 件。",
     "8 号链接上架，放 400 单", "", [8]),
    ("flash_pre", "秒杀预告 · 精华 整点抢", K.FLASH, 3,
     "八点半整点秒杀：精华秒杀价 149，只有 200 单，每人限 1 瓶。先扣“秒杀”，福袋马上开！",
     "开福袋（关键词“秒杀”，5 人）；贴片：秒杀倒计时；提醒观众刷新购物车", "", []),
    ("flash", "秒杀 · 精华 149 限量 200 单", K.FLASH, 5,
     "秒杀开始！精华秒杀价 149，200 单，3 分钟，手快有手慢无。",
     "2 号链接改价 149，放 200 单；倒计时 3 分钟；结束改回 159",
     "20:30 固定开秒杀：前面超时就压缩憋单段", [2]),
    ("sun_build", "憋单 · 防晒喷雾", K.PROFIT, 4,
     "防晒喷雾 SPF50+，喷一下就成膜，补妆也不花。日常价 139 元。",
     "7 号链接先不上架；户外补喷演示", "", []),
    ("sun_live", "上链接 · 防晒喷雾 79", K.PROFIT, 5,
     "7 号链接，79 元一瓶，每人限 3 瓶，出门包里放一瓶。",
     "7 号链接上架，放 150 单", "", [7]),
    ("sun_push", "逼单 · 防晒喷雾", K.PROFIT, 3,
     "防晒还剩最后一轮库存，这一轮拍完就恢复日常价。",
     "7 号链接补 150 单；倒计时 2 分钟", "", [7]),
    ("fans", "宠粉 · 粉丝团专属福利", K.FAN, 5,
     "粉丝团的家人们，今晚的专属福利来了，粉丝团福袋现在开！还没加团的点左上角。",
     "开福袋（粉丝团专属，10 人）；粉丝团专属价提前同步客服", "", []),
    ("nest_build", "憋单 · 燕窝六连装", K.PROFIT, 4,
     "燕窝六连装，每瓶 70 克，开盖即食，送长辈很体面。日常价 598 元。",
     "4 号链接先不上架；展示溯源码", "形象款：讲品质和溯源，不催单", []),
    ("nest_live", "上链接 · 燕窝 399", K.PROFIT, 5,
     "4 号链接，399 元六瓶，每人限 2 件，冷链发货。",
     "4 号链接上架，放 60 单", "", [4]),
    ("luosifen", "宠粉 · 螺蛳粉 39.9", K.FAN, 4,
     "老粉专属的螺蛳粉五连包，39.9 元，点亮粉丝团再加赠一包。",
     "5 号链接上架，放 250 单；粉丝团加赠名单同步客服", "", [5]),
    ("nest_push", "逼单 · 燕窝 + 螺蛳粉", K.PROFIT, 3,
     "燕窝库存不多了，螺蛳粉也是最后一批。扣“燕窝”参与福袋，拍下的宝宝我备注加急。",
     "4 号链接补 60 单，5 号链接补 250 单；开福袋（关键词“燕窝”，5 人）；倒计时 3 分钟",
     "", [4, 5]),
    ("rain", "互动 · 红包雨", K.INTERACTION, 5,
     "感谢家人们一直陪着，红包雨来了！把直播间分享给朋友，一起来抢。",
     "发红包雨（800 个）", "", []),
    ("qa_ship", "答疑 · 物流与售后", K.QA, 6,
     "今晚的订单 48 小时内发货，食品保质期都在半年以上，坚果礼盒可以开发票。",
     "客服同步售后话术；阿杰读评论区问题", "", []),
    ("rerun_a", "返场 · 洁面 + 坚果礼盒 + 面膜", K.RERUN, 10,
     "没抢到的宝宝看过来，返场一轮：洁面 9.9 元，坚果礼盒 99 元，面膜 69 元，库存放完就下架。",
     "1 号链接补 500 单，3 号链接补 250 单，6 号链接补 200 单；"
     "第 3 分钟开福袋（关键词“返场”，10 人）",
     "返场按加购未付款数据选品，开播前一晚复核", [1, 3, 6]),
    ("rerun_b", "返场 · 防晒 + 每日坚果", K.RERUN, 7,
     "防晒 79 元，每日坚果 29.9 元，最后一轮，拍完这一波就下架。",
     "7 号链接补 150 单，8 号链接补 400 单；倒计时 3 分钟", "", [7, 8]),
    ("last_call", "逼单 · 全场清库存", K.RERUN, 6,
     "购物车里还有库存的链接最后 5 分钟，加购了没付款的宝宝抓紧付款。扣“不走”参与福袋。",
     "场控报各链接剩余库存；开福袋（关键词“不走”，5 人）；催付提醒", "", []),
    ("thanks", "收尾 · 感谢 + 订单答疑", K.CLOSING, 8,
     "谢谢家人们今晚的支持！没收到券、地址要改的宝宝打在公屏，客服马上处理。",
     "客服处理改地址；统计今晚成交", "", []),
    ("next_show", "收尾 · 下播预告", K.CLOSING, 10,
     "明晚 7 点零食专场不见不散，点右上角预约！最后一轮福袋现在开，扣“明晚见”。",
     "开福袋（关键词“明晚见”，10 人）；挂下场直播预约；磁力金牛 22:00 停投",
     "下播前确认所有链接下架、中奖名单公示", []),
]  # fmt: skip

# Clock times fixed on the run-sheet: the flash sale opens at half past eight.
HARD_STARTS = {"flash": time(20, 30)}

R, A = ProductRole, ProductAudience
# (link, SKU, name, role, audience, list, live, unit cost, stock, limit per buyer,
#  units per showing, planned units, selling points). Planned = units per showing × showings.
PRODUCTS = [
    (1, "XX-MS-120", "氨基酸洁面慕斯", R.TRAFFIC, A.NEW, "89", "9.9", "6", 2000, 2, 500, 1500,
     "氨基酸表活，洗后不紧绷\n绵密泡沫，一按即出\n新客福利价，每人限 2 瓶"),
    (2, "XX-JH-030", "玻尿酸精华", R.HERO, A.ALL, "299", "159", "52", 1200, 3, 200, 600,
     "三重玻尿酸，上脸水润不黏\n质地轻薄，早晚都能用\n可叠加满 150 减 10 券"),
    (3, "XX-JG-1200", "坚果礼盒", R.PROFIT, A.OLD, "168", "99", "48", 1500, 5, 250, 750,
     "8 种坚果果干，每日小包装\n礼盒附手提袋，送礼体面"),
    (4, "XX-YW-6X70", "燕窝六连装", R.IMAGE, A.OLD, "598", "399", "210", 300, 2, 60, 120,
     "每瓶 70 克，开盖即食\n冷链发货，附溯源码"),
    (5, "XX-LSF-5", "螺蛳粉五连包", R.FAN, A.OLD, "69", "39.9", "18", 800, 5, 250, 500,
     "汤底浓郁，米粉爽滑\n粉丝团专属价，加团再赠一包"),
    (6, "XX-MM-10", "补水面膜 10片", R.PROFIT, A.ALL, "129", "69", "22", 1500, 3, 200, 600,
     "一盒 10 片，精华液饱满\n敷后上妆服帖"),
    (7, "XX-FS-150", "防晒喷雾 SPF50+", R.PROFIT, A.NEW, "139", "79", "28", 1000, 3, 150, 450,
     "SPF50+ PA+++，喷雾成膜\n可以补喷，不搓泥"),
    (8, "XX-MR-30", "每日坚果 30袋", R.WELFARE, A.NEW, "99", "29.9", "16", 1500, 3, 400, 800,
     "一天一袋，每袋 25 克\n6 种坚果果干搭配"),
]  # fmt: skip

G, E = GiveawayKind, EntryRule
# Each giveaway fires at a segment's start ("seg") or at a minute from the show's start ("at").
# The prize is a link of the lineup ("link") or free text ("prize").
GIVEAWAYS = [
    dict(kind=G.LUCKY_BAG, seg="open", entry_rule=E.KEYWORD, entry_detail="来了", quantity=10,
         link=1, unit_value="89", countdown_minutes=5),
    dict(kind=G.RED_PACKET, seg="preview", entry_rule=E.FOLLOW, quantity=500,
         prize="开播红包", unit_value="2", countdown_minutes=3),
    dict(kind=G.LUCKY_BAG, seg="chat", entry_rule=E.KEYWORD, entry_detail="精华", quantity=10,
         link=6, unit_value="129", countdown_minutes=5),
    dict(kind=G.COUPON, seg="serum_live", quantity=1000, prize="满 150 减 10 券",
         coupon_threshold="150", coupon_discount="10", per_person_limit=1),
    dict(kind=G.LUCKY_BAG, seg="fan_bag", entry_rule=E.FAN_CLUB, quantity=10, link=2,
         unit_value="159", countdown_minutes=5),
    dict(kind=G.LUCKY_BAG, seg="qa_skin", entry_rule=E.KEYWORD, entry_detail="答疑",
         quantity=20, prize="面膜 2 片装", unit_value="20", countdown_minutes=5),
    dict(kind=G.LOTTERY, seg="lottery", entry_rule=E.WATCH, entry_detail="10", quantity=1,
         prize="戴森吹风机", unit_value="2999", countdown_minutes=5),
    dict(kind=G.LUCKY_BAG, seg="lottery", entry_rule=E.KEYWORD, entry_detail="好物",
         quantity=10, link=8, unit_value="99", countdown_minutes=5),
    dict(kind=G.LUCKY_BAG, at=88, entry_rule=E.KEYWORD, entry_detail="秒杀", quantity=5,
         link=7, unit_value="139", countdown_minutes=3),
    dict(kind=G.FLASH_SALE, seg="flash", quantity=200, link=2, flash_price="149",
         unit_value="0", countdown_minutes=3, per_person_limit=1),
    dict(kind=G.LUCKY_BAG, seg="fans", entry_rule=E.FAN_CLUB, quantity=10, link=5,
         unit_value="69", countdown_minutes=5),
    dict(kind=G.FAN_CLUB, seg="luosifen", entry_rule=E.FAN_CLUB, quantity=200,
         prize="螺蛳粉加赠一包", unit_value="14", per_person_limit=1),
    dict(kind=G.LUCKY_BAG, seg="nest_push", entry_rule=E.KEYWORD, entry_detail="燕窝",
         quantity=5, link=3, unit_value="168", countdown_minutes=3),
    dict(kind=G.RED_PACKET, seg="rain", entry_rule=E.NONE, quantity=800, prize="红包雨",
         unit_value="5", countdown_minutes=2),
    dict(kind=G.LUCKY_BAG, at=142, entry_rule=E.KEYWORD, entry_detail="返场", quantity=10,
         link=1, unit_value="89", countdown_minutes=5),
    dict(kind=G.LUCKY_BAG, seg="last_call", entry_rule=E.KEYWORD, entry_detail="不走",
         quantity=5, link=6, unit_value="129", countdown_minutes=5),
    dict(kind=G.LUCKY_BAG, seg="next_show", entry_rule=E.KEYWORD, entry_detail="明晚见",
         quantity=10, link=5, unit_value="69", countdown_minutes=5),
]  # fmt: skip

AD_PLAN = dict(budget="40000", target_roi="3.0", conversion_pct="5", aov="100",
               mix_old="40", mix_new="35", mix_paid="25")  # fmt: skip
# Kuaishou schedules by the hour: three slots on the show's full hours, no paid warm-up
# (18:30-19:00 would be off the hourly grid).
AD_SLOTS = [
    (0, 60, "35", AudienceGroup.PAID, "开播拉新：引流款 + 爆款，冲在线人数"),
    (60, 120, "40", AudienceGroup.ALL, "20:30 秒杀前后加投，承接高峰"),
    (120, 180, "25", AudienceGroup.OLD, "返场 + 收尾：老粉召回，控 ROI"),
]

HOUR, DAY = 60, 24 * 60
# (channel, title, minutes before the start, owner, status once due is near, reservations).
# An item whose publish time has passed when the demo is seeded is published.
WARMUP = [
    (Channel.IMAGE_POST, "种草图文：明晚 8 款好物清单", 3 * DAY, "阿杰",
     WarmupStatus.PUBLISHED, 800),
    (Channel.LIVE_NOTICE, "直播预告：明晚 7 点 美妆 × 零食 专场", DAY + 7 * HOUR, "小鹿",
     WarmupStatus.SCHEDULED, 5000),
    (Channel.SHORT_VIDEO, "预热短视频：精华 159 剧透", DAY - HOUR, "小林",
     WarmupStatus.SCHEDULED, 3000),
    (Channel.GROUP, "粉丝群通知：今晚福袋 + 20:30 秒杀", HOUR, "阿杰",
     WarmupStatus.DRAFTED, 1500),
    (Channel.SHORT_VIDEO, "开播前 1 小时倒计时视频", HOUR, "小林", WarmupStatus.DRAFTED, 2000),
    (Channel.PUSH, "开播提醒推送", 15, "小周", WarmupStatus.SCHEDULED, 1000),
]  # fmt: skip

# The past show's actuals (复盘): started a minute late, the serum's link segment ran 3 minutes
# over, the build-ups before 20:30 were cut so the flash sale opened on time, ended 22:01.
# Per segment: (actual minutes, GMV, orders); the show's GMV and orders are their sums.
PAST_LATE_START = 1
PAST_SEGMENTS = {
    "open": (5, "0", 0), "preview": (5, "0", 0), "mousse_build": (3, "0", 0),
    "mousse_live": (4, "4950", 318), "mousse_push": (3, "4950", 322), "chat": (4, "860", 11),
    "serum_build": (4, "420", 5), "serum_live": (9, "25440", 152),
    "serum_push": (4, "22260", 133), "fan_bag": (4, "1590", 10), "mask_build": (3, "552", 7),
    "mask_live": (5, "13800", 172), "mask_push": (2, "11040", 140), "qa_skin": (7, "1980", 24),
    "nuts_build": (3, "693", 7), "nuts_live": (6, "19800", 171), "nuts_push": (3, "15840", 139),
    "lottery": (5, "2376", 26), "daily_build": (2, "598", 9), "daily_live": (6, "11960", 290),
    "flash_pre": (2, "1650", 18), "flash": (4, "29800", 200), "sun_build": (4, "790", 9),
    "sun_live": (5, "11850", 138), "sun_push": (3, "9480", 112), "fans": (5, "1596", 30),
    "nest_build": (3, "798", 2), "nest_live": (6, "13566", 31), "luosifen": (4, "9975", 196),
    "nest_push": (3, "14763", 138), "rain": (5, "1420", 16), "qa_ship": (5, "1140", 13),
    "rerun_a": (10, "23130", 330), "rerun_b": (7, "16870", 280), "last_call": (7, "4320", 52),
    "thanks": (9, "980", 11), "next_show": (11, "640", 8),
}  # fmt: skip
# The show's figures beyond the sums: 90% of orders from distinct buyers, 4.6% of UV bought.
PAST_SHOW = dict(uv=68900, pv=131000, avg_watch_seconds=102, buyers=3168, new_followers=2070,
                 reservations=9800, uv_natural=27560, uv_followers=24115, uv_paid=13780,
                 uv_video=2756, uv_other=689)  # fmt: skip
# The 复盘's conclusions, by segment key or link number: (verdict, why and what next).
PAST_CONCLUSIONS = {
    "serum_live": ("change", "讲解超时 3 分钟：下期限 6 分钟，价格贴片提前备好"),
    "flash": ("keep", "准点开、2 分钟售罄：保留，库存加到 300"),
    4: ("change", "燕窝转化偏低：缩短讲解，搭配赠品"),
    2: ("keep", "精华返场还能卖：返场加一轮精华"),
}
# Per ad slot, in AD_SLOTS order: (actual spend, GMV the platform credits to the ads).
PAST_SLOTS = [("14600", "40150"), ("17100", "52010"), ("9500", "23750")]
PAST_NOTES = (
    "GMV 差 6% 到目标：UV 超计划，客单价偏低（9.9 洁面、29.9 坚果订单占比高）。\n"
    "精华上链接段超时 3 分钟，压缩了 20:30 前的憋单段，秒杀准点开、2 分钟售罄。\n"
    "燕窝转化偏低：下期缩短讲解，搭配赠品；返场可加精华。"
)
