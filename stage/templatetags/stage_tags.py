from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def money(value, symbol: str = "¥") -> str:
    """An exact amount with its currency symbol and thousands separators: ¥300,000.00."""
    if value is None or value == "":
        return ""
    return f"{symbol}{Decimal(value):,.2f}"
