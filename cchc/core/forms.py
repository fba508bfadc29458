"""Showing a service's refusal on a Django form."""

from django import forms

from cchc.core.errors import DomainError


def add_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    """Put the service's Vietnamese message on the field it names when the form has that field, else on top."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
