from decimal import Decimal

from django import template

from stage.accounts import display_name
from stage.checklists.lineup import discount_text
from stage.clock import clock as clock_at
from stage.clock import signed_minutes
from stage.rendered import KEPT_PART, SHELL

register = template.Library()


@register.filter
def who(user) -> str:
    """A person as others see them: their display name, else their username."""
    return display_name(user)


@register.filter
def money(value, symbol: str = "¥") -> str:
    """An exact amount with its currency symbol and thousands separators: ¥300,000.00."""
    if value is None or value == "":
        return ""
    return f"{symbol}{Decimal(value):,.2f}"


@register.filter
def clock(offset: int, broadcast) -> str:
    """The local clock time at a number of minutes from the show's start: 19:25."""
    if offset is None:
        return ""
    return clock_at(broadcast.local_start, offset)


@register.filter
def signed(minutes: int) -> str:
    return signed_minutes(minutes)


@register.filter
def pct(value) -> str:
    """46.8%; an empty string when there is nothing to divide by."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value).normalize():f}%"


@register.filter
def target_split(ad_plan, broadcast):
    return ad_plan.target_by_audience(broadcast.gmv_target)


@register.simple_tag
def cell(value, kind: str, currency: str) -> str:
    """A run-sheet table value formatted by its column kind (stage.runsheet)."""
    if value is None or value == "":
        return "—" if kind != "text" else ""
    if kind == "money":
        return money(value, currency)
    if kind == "pct":
        return pct(value)
    if kind == "discount":
        return discount_text(value) or "—"
    if kind == "int":
        return f"{value:,}"
    return value


@register.filter
def epoch_ms(moment) -> str:
    """Milliseconds since the epoch, for countdowns that tick in the browser."""
    return "" if moment is None else str(int(moment.timestamp() * 1000))


@register.filter
def mmss(seconds) -> str:
    """A countdown: 04:59 left, or +01:30 over."""
    if seconds is None:
        return ""
    sign = "+" if seconds < 0 else ""
    seconds = abs(int(seconds))
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


@register.tag
def keep(parser, token):
    """{% keep %}…{% endkeep %}: the part of a page kept per version of its show
    (stage.rendered.kept_page); rendered in place when the page is rendered whole."""
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist)


class KeepNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        if context.get(SHELL):
            return KEPT_PART
        return self.nodelist.render(context)
