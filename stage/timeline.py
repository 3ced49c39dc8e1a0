"""Geometry of the timeline picture: segments on a clock axis, ad-spend share per slot,
giveaway markers and the over/under. The SVG itself is a template (includes/timeline.html)."""

from stage.clock import clock

WIDTH, LEFT, RIGHT = 1000, 86, 24
BAR_TOP, BAR_HEIGHT = 24, 34
SLOT_TOP, SLOT_HEIGHT = 70, 36
AXIS = SLOT_TOP + SLOT_HEIGHT + 4
HEIGHT = AXIS + 22
# Grey levels that stay apart on a black-and-white printout, by segment kind.
SHADES = {
    "warmup": "#d9d9d9",
    "traffic": "#bdbdbd",
    "hero": "#4d4d4d",
    "profit": "#8c8c8c",
    "flash": "#262626",
    "interaction": "#a6a6a6",
    "fan": "#737373",
    "qa": "#cccccc",
    "rerun": "#999999",
    "closing": "#e6e6e6",
}
DARK = {"hero", "flash", "fan", "profit"}


def picture(sheet) -> dict:
    slots = sheet.slots
    first = min([0, *(s["start"] for s in slots)])
    last = max([sheet.timeline_minutes, sheet.planned_minutes, *(s["end"] for s in slots)])
    span = max(last - first, 1)
    scale = (WIDTH - LEFT - RIGHT) / span
    start = sheet.broadcast.local_start

    def x(offset):
        return round(LEFT + (offset - first) * scale, 1)

    bars = [
        {
            "x": x(r.start_offset),
            "w": max(round(r.minutes * scale, 1) - 1, 1),
            "label": r.number if r.minutes * scale >= 14 else "",
            "fill": SHADES.get(r.kind, "#bdbdbd"),
            "ink": "#ffffff" if r.kind in DARK else "#000000",
            "title": f"{r.start}–{r.end} {r.title}",
        }
        for r in sheet.rows
    ]
    top_share = max([s["share"] for s in slots] or [1]) or 1
    slot_bars = []
    for s in slots:
        height = round(float(s["share"] / top_share) * SLOT_HEIGHT, 1)
        slot_bars.append(
            {
                "x": x(s["start"]),
                "w": max(round((s["end"] - s["start"]) * scale, 1) - 1, 1),
                "y": SLOT_TOP + SLOT_HEIGHT - height,
                "h": height,
                "share": f"{s['share'].normalize():f}%",
            }
        )
    step = 30 if span <= 360 else 60 if span <= 720 else 120
    tick = first - first % step
    ticks = []
    while tick <= last:
        if tick >= first:
            ticks.append({"x": x(tick), "label": clock(start, tick)})
        tick += step
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "bar_top": BAR_TOP,
        "bar_height": BAR_HEIGHT,
        "bar_text": BAR_TOP + BAR_HEIGHT / 2 + 5,
        "slot_top": SLOT_TOP,
        "slot_base": SLOT_TOP + SLOT_HEIGHT,
        "axis": AXIS,
        "tick_text": AXIS + 16,
        "bars": bars,
        "slots": slot_bars,
        "marks": [
            {"x": x(offset), "title": f"{clock(start, offset)} {label}"}
            for offset, label in sheet.giveaway_marks
        ],
        "ticks": ticks,
        "planned_end": x(sheet.planned_minutes),
        "over_label": sheet.over_under_label,
    }
