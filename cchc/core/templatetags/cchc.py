"""Template filters shared by every page."""

from django import template

from cchc.core import dates

register = template.Library()


@register.filter
def vndate(value, precision="day"):
    """dd/mm/yyyy (or mm/yyyy, yyyy when the day or month is unknown)."""
    return dates.fmt(value, precision=precision or "day")


@register.filter
def score(value, digits=2):
    """A score with a decimal comma, as Vietnamese tables write it."""
    if value is None or value == "":
        return "—"
    try:
        text = f"{float(value):.{int(digits)}f}"
    except (TypeError, ValueError):
        return str(value)
    return text.replace(".", ",")


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.simple_tag
def page_url(listing, number):
    return listing.page_url(number)
