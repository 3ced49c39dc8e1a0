"""On air: the show-control state machine and the live state every view reads.

The operator's steps record each segment's actual start and end; the broadcast's status
follows (ready → live → done). Every step bumps `live_version`, the live views' ETag.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from stage.broadcasts import Broadcast, Status
from stage.checklists.timing import Segment
from stage.plan import Plan
from stage.timeline_rows import TimelineRow


class ShowControlError(Exception):
    """A step that does not apply to the show's state; the message says why."""


STEPS = ("start", "next", "back", "done", "end")
EARLY_START = timedelta(minutes=30)


def _current(segments: list[Segment]) -> int | None:
    """Index of the last segment the operator started, if any."""
    started = [i for i, s in enumerate(segments) if s.actual_start is not None]
    return started[-1] if started else None


def step(
    broadcast: Broadcast, action: str, now: datetime, *, confirmed=frozenset(), at=None
) -> None:
    """Applies one show-control step, or raises ShowControlError without changing anything.
    Going live needs confirming ("early") more than EARLY_START before the scheduled start,
    and ("changes") with letters edited since their sign-off. `at` is the segment the press
    was made on: a second press on it, once the show has moved on, is refused, so a double
    press (or two operators at once) is one step."""
    if action not in STEPS:
        raise ShowControlError(_("Unknown step."))
    with transaction.atomic():
        # Two operators pressing at once are applied one after the other.
        broadcast = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
        segments = list(broadcast.segments.all())
        if at is not None and _moved_on(broadcast, segments, at):
            raise ShowControlError(_("The show had already moved on: this press was not applied."))
        changed = _apply(broadcast, segments, action, now, confirmed)
        Segment.objects.bulk_update(changed, ["actual_start", "actual_end"])
        broadcast.touch(status=broadcast.status)


def _moved_on(broadcast, segments, at: int) -> bool:
    """On air, the current segment is no longer the one a press was made on."""
    index = _current(segments)
    on_air = broadcast.status == Status.LIVE and index is not None
    return on_air and segments[index].pk != at


def _apply(broadcast, segments, action, now, confirmed) -> list[Segment]:
    if action == "start":
        if broadcast.status != Status.READY:
            raise ShowControlError(_("Only a ready broadcast can go live."))
        if not segments:
            raise ShowControlError(_("The timing script has no segments."))
        changed = broadcast.signoffs.filter(changed_at__isnull=False).values_list("letter")
        if "changes" not in confirmed and changed.exists():
            letters = ", ".join(sorted(letter for (letter,) in changed))
            raise ShowControlError(
                _("%(letters)s changed since sign-off: confirm to start anyway.")
                % {"letters": letters}
            )
        if "early" not in confirmed and now < broadcast.scheduled_start - EARLY_START:
            start = date_format(localtime(broadcast.scheduled_start), "DATETIME_FORMAT")
            raise ShowControlError(
                _("The show is scheduled for %(start)s: confirm to go live this early.")
                % {"start": start}
            )
        for s in segments:
            s.actual_start = s.actual_end = None
        segments[0].actual_start = now
        broadcast.status = Status.LIVE
        return segments
    if broadcast.status != Status.LIVE:
        raise ShowControlError(_("The show is not on air."))
    index = _current(segments)
    if index is None:
        raise ShowControlError(_("No segment has started."))
    current = segments[index]
    running = current.actual_end is None
    if action == "next":
        if running:
            current.actual_end = now
        if index + 1 < len(segments):
            following = segments[index + 1]
            following.actual_start, following.actual_end = now, None
            return [current, following]
        broadcast.status = Status.DONE
        return [current]
    if action == "back":
        if not running:  # reopen the segment just marked done
            current.actual_end = None
            return [current]
        if index == 0:
            raise ShowControlError(_("This is the first segment."))
        previous = segments[index - 1]
        current.actual_start = None
        previous.actual_end = None
        return [current, previous]
    if action == "done":
        if not running:
            raise ShowControlError(_("This segment is already done."))
        current.actual_end = now
        return [current]
    # end
    if running:
        current.actual_end = now
    broadcast.status = Status.DONE
    return [current]


@dataclass
class LiveState:
    status: str
    now: datetime
    current: TimelineRow | None
    running: bool
    next: TimelineRow | None
    deadline: datetime | None  # when the current segment should end, by its planned length
    projected_end: datetime
    planned_end: datetime
    scheduled_start: datetime
    started_at: datetime | None
    done_count: int
    total: int
    timeline: list[dict]  # the rows around the current one: state, actual and projected times
    actions: list[dict] = field(default_factory=list)  # the cues due now and next, and missed
    missed: int = 0  # earlier cues not done and not in `actions`

    @property
    def over_under(self) -> int:
        """Minutes the segments are projected to run past (+) or short of (−) their planned
        lengths, counted from the show's actual start (a late start shows in the projected end)."""
        if self.started_at is None:
            return 0
        planned = self.planned_end - self.scheduled_start
        return round((self.projected_end - self.started_at - planned).total_seconds() / 60)

    @property
    def rows_after(self) -> int:
        """Segments after the ones the live views list."""
        return self.total - self.timeline[-1]["row"].number if self.timeline else 0

    @property
    def starts_soon(self) -> bool:
        """Within the hour before the scheduled start: a countdown says more than a date."""
        return self.now >= self.scheduled_start - timedelta(hours=1)

    @property
    def early(self) -> bool:
        """Going live now would be more than EARLY_START before the scheduled start."""
        return self.status == Status.READY and self.now < self.scheduled_start - EARLY_START

    @property
    def seconds_left(self) -> int | None:
        if self.deadline is None:
            return None
        return int((self.deadline - self.now).total_seconds())


def projected_starts(segments, index, running, now, begin) -> tuple[list[datetime], datetime]:
    """When each segment started or, from the actual times so far, will start, and when the
    last will end: started rows keep their actual start; the rest follow on from the current
    row's deadline, or from now if it has run over or is done (nothing starts in the past)."""
    starts, cursor = [], begin
    for i, s in enumerate(segments):
        if index is not None and i <= index and s.actual_start:
            starts.append(s.actual_start)
            if i == index:
                deadline = s.actual_start + timedelta(minutes=s.minutes)
                cursor = max(now, deadline) if running else now
            continue
        starts.append(cursor)
        cursor += timedelta(minutes=s.minutes)
    return starts, cursor


MISSED_SHOWN = 5  # earlier cues not done: the latest few, the rest counted


# The live views list the segments around the current one: what a glance needs, and an answer
# that stays small on a long show (the run-sheet has them all).
WINDOW_BEFORE, WINDOW = 2, 15


def due_actions(plan: Plan, rows, starts, index) -> tuple[list[dict], int]:
    """Every cue of the current and the next segment, and the latest few of the earlier ones
    not done (missed), by due time; and how many missed ones are not listed."""
    numbers = {s.pk: i for i, s in enumerate(plan.segments)}
    current = -1 if index is None else index
    actions, missed = [], []
    for cue in plan.cues:
        i = numbers[cue.segment_id]
        if i > current + 1 or (i < current and cue.done_at):
            continue
        due = starts[i] + timedelta(minutes=cue.offset)
        action = {"cue": cue, "row": rows[i], "due": due, "played": i <= current}
        (missed if i < current else actions).append(action)
    shown = missed[-MISSED_SHOWN:]
    key = lambda a: (a["due"], a["cue"].pk)  # noqa: E731
    return sorted(shown + actions, key=key), len(missed) - len(shown)


def live_state(plan: Plan, rows: list[TimelineRow], now: datetime) -> LiveState:
    """Where the show is, from the operator's recorded steps and the plan's lengths."""
    segments, broadcast = plan.segments, plan.broadcast
    start = broadcast.scheduled_start
    planned_end = start + timedelta(minutes=plan.timeline_minutes)
    index = _current(segments)
    live_index = None if broadcast.status in (Status.DRAFT, Status.READY) else index
    running = (
        live_index is not None
        and segments[live_index].actual_end is None
        and broadcast.status == Status.LIVE
    )
    begin = max(start, now) if broadcast.status == Status.READY else start
    starts, end = projected_starts(segments, live_index, running, now, begin)
    first = max(0, (live_index or 0) - WINDOW_BEFORE)
    shown = slice(first, first + WINDOW)
    timeline = [
        {
            "row": row,
            "actual_start": s.actual_start,
            "actual_end": s.actual_end,
            "projected_start": projected,
            "state": "done" if s.actual_end else "current" if s.actual_start else "upcoming",
        }
        for row, s, projected in zip(rows[shown], segments[shown], starts[shown], strict=True)
    ]
    actions, missed = due_actions(plan, rows, starts, live_index)

    if live_index is None:
        # Not started: the plan itself, or from now if the start time has passed.
        return LiveState(
            broadcast.status, now, None, False, rows[0] if rows else None, None,
            end, planned_end, start, None, 0, len(rows), timeline, actions, missed,
        )  # fmt: skip
    current = segments[live_index]
    deadline = current.actual_start + timedelta(minutes=current.minutes) if running else None
    projected = end if broadcast.status == Status.LIVE else current.actual_end or now
    done = live_index + (0 if running else 1)
    return LiveState(
        status=broadcast.status,
        now=now,
        current=rows[live_index],
        running=running,
        next=rows[live_index + 1] if live_index + 1 < len(rows) else None,
        deadline=deadline,
        projected_end=projected,
        planned_end=planned_end,
        scheduled_start=start,
        started_at=segments[0].actual_start,
        done_count=done,
        total=len(rows),
        timeline=timeline,
        actions=actions,
        missed=missed,
    )
