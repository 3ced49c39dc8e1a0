"""The week board: a team's broadcasts by day and room (直播间), and the products two shows at
the same time promise beyond their stock."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from stage.broadcasts import Broadcast
from stage.checklists.lineup import Product
from stage.sheets.cells import name_key

NO_ROOM = ""


@dataclass(frozen=True)
class Clash:
    """One product in two shows on air at the same time, promised beyond its stock."""

    name: str
    sku: str
    stock: int
    promised: int
    shows: tuple  # the two broadcasts


@dataclass
class WeekBoard:
    start: date
    days: list[date]
    rooms: list[str]
    cells: dict = field(default_factory=dict)  # (day, room) -> broadcasts, in time order
    clashes: list[Clash] = field(default_factory=list)
    all_rooms: list[str] = field(default_factory=list)  # before the filter, for its choices

    @property
    def rows(self) -> list[tuple[date, list[tuple[str, list]]]]:
        """Each day with (room, its shows) for every room, in the rooms' order."""
        return [
            (day, [(room, self.cells.get((day, room), [])) for room in self.rooms])
            for day in self.days
        ]

    @property
    def clashing_ids(self) -> set[int]:
        return {b.pk for c in self.clashes for b in c.shows}


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_board(team, start: date, *, room: str | None = None, host: str = "") -> WeekBoard:
    """The team's broadcasts from Monday `start` for seven days (in the team's time zone), with
    `room` and `host` (any part of the hosts' names) as filters."""
    zone = ZoneInfo(team.time_zone)
    begin = datetime.combine(start, time(), zone)
    shows = list(
        Broadcast.objects.in_use()
        .filter(team=team, scheduled_start__lt=begin + timedelta(days=7), ends_at__gt=begin)
        .select_related("team")
        .order_by("scheduled_start", "pk")
    )
    all_rooms = sorted({b.account for b in shows})
    if room is not None:
        shows = [b for b in shows if b.account == room]
    if host:
        shows = [b for b in shows if host.casefold() in b.hosts.casefold()]
    days = [start + timedelta(days=i) for i in range(7)]
    board = WeekBoard(start, days, sorted({b.account for b in shows}), all_rooms=all_rooms)
    for b in shows:
        day = max(b.scheduled_start.astimezone(zone).date(), start)
        board.cells.setdefault((day, b.account), []).append(b)
    board.clashes = clashes(shows)
    return board


def clashes(shows: list) -> list[Clash]:
    """Products (one SKU, or one name when there is no SKU) in shows whose times overlap, with
    more units planned between them than the larger stock either lineup gives."""
    overlapping = [
        (a, b)
        for i, a in enumerate(shows)
        for b in shows[i + 1 :]
        if a.scheduled_start < b.ends_at and b.scheduled_start < a.ends_at
    ]
    if not overlapping:
        return []
    ids = {b.pk for pair in overlapping for b in pair}
    lineup = defaultdict(dict)
    rows = Product.objects.filter(broadcast_id__in=ids).filter(~Q(planned_units=0))
    for p in rows.only("broadcast_id", "sku", "name", "stock", "planned_units"):
        key = p.sku.strip().upper() or name_key(p.name)
        lineup[p.broadcast_id].setdefault(key, []).append(p)
    found = []
    for a, b in overlapping:
        for key in lineup[a.pk].keys() & lineup[b.pk].keys():
            products = lineup[a.pk][key] + lineup[b.pk][key]
            stock = max(p.stock for p in products)
            promised = sum(p.planned_units for p in products)
            if stock and promised > stock:
                first = products[0]
                found.append(Clash(first.name, first.sku, stock, promised, (a, b)))
    return found
