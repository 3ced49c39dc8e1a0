"""Copies of a plan: a duplicate, a team template, a show made from a template.

A plan travels as stage.transfer's versioned document. Everything in it is relative to the
show's start (segment lengths, ad-slot and giveaway minutes, warm-up offsets), so a new start
moves it all, except hard starts, which are clock times and are moved here.
"""

from datetime import datetime

from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.clock import DAY
from stage.transfer import import_broadcast


def retimed(document: dict, *, title: str, start: datetime) -> dict:
    """The document for a show with this title starting at this (aware) moment."""
    copy = {**document, "broadcast": {**document["broadcast"]}}
    old = datetime.fromisoformat(document["broadcast"]["scheduled_start"])
    start = start.astimezone(old.tzinfo)
    shift = (start.hour * 60 + start.minute) - (old.hour * 60 + old.minute)
    copy["broadcast"].update(title=title, scheduled_start=start.isoformat())
    copy["segments"] = [
        {**s, "hard_start": _shifted(s["hard_start"], shift)} for s in document["segments"]
    ]
    return copy


def _shifted(clock: str | None, minutes: int) -> str | None:
    if not clock or not minutes:
        return clock
    hours, mins = map(int, clock.split(":"))
    moved = (hours * 60 + mins + minutes) % DAY
    return f"{moved // 60:02d}:{moved % 60:02d}"


def copy_broadcast(document: dict, team, *, title: str, start: datetime):
    """A new draft in the team from a plan document, at a new title and start."""
    return import_broadcast(retimed(document, title=title, start=start), team)


def carry_conclusions(source, show) -> None:
    """The review's conclusions on the source's segments and products, shown on the same rows
    of the show planned from it (segments by their order, products by cart link)."""

    def note(row) -> str:
        verdict = row.get_verdict_display() if row.verdict else ""
        return ": ".join(part for part in (verdict, row.conclusion) if part)

    pairs = [
        (Segment, zip(source.segments.all(), show.segments.all(), strict=False)),
        (Product, _by_link(source.products.all(), show.products.all())),
    ]
    for model, rows in pairs:
        carried = []
        for old, new in rows:
            if text := note(old):
                new.carried = text
                carried.append(new)
        model.objects.bulk_update(carried, ["carried"])


def _by_link(old_rows, new_rows):
    new = {p.link_number: p for p in new_rows}
    return [(p, new[p.link_number]) for p in old_rows if p.link_number in new]
