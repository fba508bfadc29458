"""The catalogue of titles and award forms (/khen-thuong/danh-muc/): who confers each, for whom, its coefficient
and its amount today; the base salary table below it, which the city's standing agency extends."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from cchc.awards import forms_decisions as forms
from cchc.awards import money
from cchc.awards import policies_decisions as policies
from cchc.awards import selectors_decisions as selectors
from cchc.awards import services_decisions as services
from cchc.core import dates
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error


def _context(request, form=None) -> dict:
    today = dates.today()
    table = selectors.salary_table()
    can_manage = policies.can_manage_base_salary(request.user)
    return {
        "rows": selectors.catalogue_rows(day=today),
        "today": today,
        "base_today": money.vnd(money.base_salary_on(today, table)),
        "salaries": selectors.base_salary_list(),
        "can_manage": can_manage,
        "form": form or (forms.BaseSalaryForm() if can_manage else None),
    }


@login_required
@require_safe
def catalogue(request):
    return render(request, "awards/catalogue.html", _context(request))


@login_required
def base_salary_add(request):
    """The city's standing agency adds a base salary in force from a date."""
    if not policies.can_manage_base_salary(request.user):
        raise PermissionDenied
    form = forms.BaseSalaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.base_salary_add(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã thêm mức lương cơ sở.")
            return redirect("awards:catalogue")
    return render(request, "awards/catalogue_salary_form.html", {"form": form})
