"""Filters of the PAR Index pages."""

from django import template

from cchc.par.forms import number_text

register = template.Library()


@register.filter
def figure(value) -> str:
    """A reported figure as typed: '95,2', '100' (no trailing zeros)."""
    return number_text(value) if value not in (None, "") else "—"
