"""Template filters of the initiative pages."""

from django import template

from cchc.initiatives.scoring import number

register = template.Library()


@register.filter
def num(value):
    """A number as Vietnamese tables write it: decimal comma, no trailing zeros ("78,3", "70")."""
    if value is None or value == "":
        return "—"
    return number(value)
