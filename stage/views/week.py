"""The week board: what the team broadcasts this week, by day and room."""

from datetime import timedelta
from http import HTTPStatus

from django.shortcuts import render
from django.utils import timezone

from stage.access import team_required
from stage.forms import WeekForm
from stage.week import monday_of, week_board


@team_required
def week(request):
    """The team's week, Monday to Sunday, in its time zone; any day picks its week."""
    today = timezone.localdate()  # the team's zone is the active one
    form = WeekForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    data = form.cleaned_data if form.is_bound and valid else {}
    start = monday_of(data.get("week") or today)
    room = data.get("room") or None
    board = week_board(request.membership.team, start, room=room, host=data.get("host", ""))
    ctx = {
        "form": form,
        "board": board,
        "today": today,
        "room": room,
        "previous": start - timedelta(days=7),
        "next": start + timedelta(days=7),
        "this_week": monday_of(today),
    }
    return render(
        request, "stage/week.html", ctx, status=200 if valid else HTTPStatus.UNPROCESSABLE_ENTITY
    )
