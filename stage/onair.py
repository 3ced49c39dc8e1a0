"""On air: the show-control state machine and the live state every view reads.

The operator's steps record each segment's actual start and end; the broadcast's status
follows (ready → live → done). Every step bumps `live_version`, the live views' ETag.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from stage.broadcasts import Broadcast, Status
from stage.checklists.timing import Segment
from stage.plan import Plan
from stage.runsheet import TimelineRow


class ShowControlError(Exception):
    """A step that does not apply to the show's state; the message says why."""


STEPS = ("start", "next", "back", "done", "end")


def _current(segments: list[Segment]) -> int | None:
    """Index of the last segment the operator started, if any."""
    started = [i for i, s in enumerate(segments) if s.actual_start is not None]
    return started[-1] if started else None


def step(broadcast: Broadcast, action: str, now: datetime) -> None:
    """Applies one show-control step, or raises ShowControlError without changing anything."""
    if action not in STEPS:
        raise ShowControlError(_("Unknown step."))
    with transaction.atomic():
        # Two operators pressing at once are applied one after the other.
        broadcast = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
        segments = list(broadcast.segments.all())
        changed = _apply(broadcast, segments, action, now)
        Segment.objects.bulk_update(changed, ["actual_start", "actual_end"])
        broadcast.touch(status=broadcast.status)


def _apply(broadcast, segments, action, now) -> list[Segment]:
    if action == "start":
        if broadcast.status != Status.READY:
            raise ShowControlError(_("Only a ready broadcast can go live."))
        if not segments:
            raise ShowControlError(_("The timing script has no segments."))
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
    timeline: list[dict]  # every row with its state: done, current or upcoming, and actual times

    @property
    def over_under(self) -> int:
        """Minutes the segments are projected to run past (+) or short of (−) their planned
        lengths, counted from the show's actual start (a late start shows in the projected end)."""
        if self.started_at is None:
            return 0
        planned = self.planned_end - self.scheduled_start
        return round((self.projected_end - self.started_at - planned).total_seconds() / 60)

    @property
    def seconds_left(self) -> int | None:
        if self.deadline is None:
            return None
        return int((self.deadline - self.now).total_seconds())


def live_state(plan: Plan, rows: list[TimelineRow], now: datetime) -> LiveState:
    """Where the show is, from the operator's recorded steps and the plan's lengths."""
    segments, broadcast = plan.segments, plan.broadcast
    start = broadcast.scheduled_start
    planned_end = start + timedelta(minutes=plan.timeline_minutes)
    index = _current(segments)
    timeline = [
        {
            "row": row,
            "actual_start": s.actual_start,
            "actual_end": s.actual_end,
            "state": "done" if s.actual_end else "current" if s.actual_start else "upcoming",
        }
        for row, s in zip(rows, segments, strict=True)
    ]

    def remaining(from_index):
        return timedelta(minutes=sum(s.minutes for s in segments[from_index:]))

    if index is None or broadcast.status in (Status.DRAFT, Status.READY):
        # Not started: the plan itself, or from now if the start time has passed.
        begin = max(start, now) if broadcast.status == Status.READY else start
        return LiveState(
            broadcast.status, now, None, False, rows[0] if rows else None, None,
            begin + remaining(0), planned_end, start, None, 0, len(rows), timeline,
        )  # fmt: skip
    current = segments[index]
    running = current.actual_end is None and broadcast.status == Status.LIVE
    deadline = current.actual_start + timedelta(minutes=current.minutes) if running else None
    if broadcast.status != Status.LIVE:
        projected = current.actual_end or now
    elif running:
        projected = max(now, deadline) + remaining(index + 1)
    else:
        projected = now + remaining(index + 1)
    done = index + (0 if running else 1)
    return LiveState(
        status=broadcast.status,
        now=now,
        current=rows[index],
        running=running,
        next=rows[index + 1] if index + 1 < len(rows) else None,
        deadline=deadline,
        projected_end=projected,
        planned_end=planned_end,
        scheduled_start=start,
        started_at=segments[0].actual_start,
        done_count=done,
        total=len(rows),
        timeline=timeline,
    )
