"""A row's comment badge: {% comment_badge broadcast counts letter row.pk %}, with `counts`
from stage.comments.comment_counts(broadcast) (one query for the whole sheet)."""

from django import template

from stage.comments import Anchor

register = template.Library()


@register.inclusion_tag("stage/includes/comment_badge.html")
def comment_badge(broadcast, counts: dict, letter: str = "", row_id: int | None = None) -> dict:
    """The open comments of a row (or, without letter and row, of the broadcast) and the link
    to their thread."""
    key = (letter, row_id if letter else None)
    return {"count": counts.get(key, 0), "url": Anchor(*key).url(broadcast.pk)}
