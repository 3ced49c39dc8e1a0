"""Clock arithmetic of a show: everything is whole minutes from the scheduled start."""

from datetime import datetime, time, timedelta

DAY = 24 * 60


def clock_offset(start: datetime, clock: time) -> int:
    """Minutes from the show's start to the nearest occurrence of a clock time (±12 h).

    18:30 for a 19:00 show is -30; 00:30 for a 23:00 show is +90 (after midnight).
    """
    start_minutes = start.hour * 60 + start.minute
    return (clock.hour * 60 + clock.minute - start_minutes + DAY // 2) % DAY - DAY // 2


def at_offset(start: datetime, minutes: int) -> datetime:
    return start + timedelta(minutes=minutes)


def signed_minutes(minutes: int) -> str:
    """+5, −3 or ±0: the over/under shown next to a time."""
    if minutes > 0:
        return f"+{minutes}"
    if minutes < 0:
        return f"−{-minutes}"
    return "±0"


def clock(local_start: datetime, minutes: int) -> str:
    """The local clock time at a number of minutes from the show's start: 19:25."""
    return (local_start + timedelta(minutes=minutes)).strftime("%H:%M")
