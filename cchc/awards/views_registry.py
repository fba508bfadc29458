"""Pages of the award registry (/khen-thuong/so-khen-thuong/…): every award of every person and unit across years,
an award, and its certificate as a PDF. Thin: parse, load through a selector (404 outside the scope), render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cchc.awards import selectors_registry as registry
from cchc.awards.choices import Subject
from cchc.core import dates, listing
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.orgs.panels import Panel


def _unit_choices(request) -> list[tuple[str, str]]:
    units = (
        Unit.objects.visible_to(request.user)
        .filter(kind__in=LEVEL_KINDS)
        .order_by("path")
        .values_list("pk", "name")
    )
    return [(str(pk), name) for pk, name in units]


def _unit_filter(qs: QuerySet, value: str) -> QuerySet:
    unit = Unit.objects.filter(pk=value).only("path").first() if value.isdigit() else None
    return qs.filter(unit__path__startswith=unit.path) if unit else qs.none()


def _year_choices(request) -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in range(dates.today().year, 2019, -1)]


def _year_filter(qs: QuerySet, value: str) -> QuerySet:
    return qs.filter(year=int(value)) if value.isdigit() else qs.none()


def _level_filter(qs: QuerySet, value: str) -> QuerySet:
    return qs.filter(form__in=registry.forms_of_level(value))


def _revoked_filter(qs: QuerySet, value: str) -> QuerySet:
    if value == "yes":
        return qs.filter(revoked_on__isnull=False)
    if value == "no":
        return qs.filter(revoked_on__isnull=True)
    return qs.none()


FILTERS = [
    listing.Filter("year", "Năm", choices=_year_choices, apply=_year_filter),
    listing.Filter("form", "Danh hiệu, hình thức", choices=registry.form_choices()),
    listing.Filter("level", "Cấp khen", choices=registry.level_choices(), apply=_level_filter),
    listing.Filter("unit", "Đơn vị", choices=_unit_choices, apply=_unit_filter),
    listing.Filter("subject", "Đối tượng", choices=Subject.choices),
    listing.Filter(
        "revoked",
        "Thu hồi",
        choices=[("no", "Còn hiệu lực"), ("yes", "Đã thu hồi")],
        apply=_revoked_filter,
    ),
]
_SPEC = {
    "title": "Sổ khen thưởng",
    "filters": FILTERS,
    "default_sort": "-year",
    "export_name": "so-khen-thuong",
    "search_placeholder": "Tên, đơn vị, hình thức, số quyết định",
}
# The page keeps six columns (the recipient's unit under the name, the decision's date and level under its
# number) so that it fits 1366 px; the Excel file has one column per fact (`page=False`: in the Excel only).
REGISTRY_SPEC = listing.ListSpec(
    columns=[
        listing.Column("year", "Năm", sort="year,recipient"),
        listing.Column("recipient", "Tập thể, cá nhân – đơn vị", sort="recipient", export=False),
        listing.Column("recipient_name", "Tập thể, cá nhân", accessor="recipient", page=False),
        listing.Column("subject", "Đối tượng", accessor="get_subject_display", page=False),
        listing.Column("recipient_unit", "Đơn vị", page=False),
        listing.Column(
            "form",
            "Danh hiệu, hình thức",
            accessor=lambda a: registry.form_name(a.form),
            sort="form",
        ),
        listing.Column("decision", "Quyết định", sort="decision_date nulls last", export=False),
        listing.Column("decision_number", "Số quyết định", page=False),
        listing.Column("decision_date", "Ngày quyết định", page=False),
        listing.Column("decided_by", "Cấp quyết định", page=False),
        listing.Column("amount", "Tiền thưởng (đồng)", sort="amount"),
        listing.Column("revoked_on", "Thu hồi", sort="revoked_on nulls last", export=False),
        listing.Column("revoked_date", "Ngày thu hồi", accessor="revoked_on", page=False),
        listing.Column("revoke_reason", "Lý do thu hồi", page=False),
    ],
    **_SPEC,
)


@login_required
@require_safe
def award_list(request):
    qs = registry.award_list(actor=request.user)
    return listing.respond(
        request,
        REGISTRY_SPEC,
        qs,
        "awards/registry_list.html",
        {"form_names": dict(registry.form_choices())},
    )


@login_required
@require_safe
def award_detail(request, pk):
    award = registry.award_get(actor=request.user, pk=pk)
    return render(
        request,
        "awards/registry_detail.html",
        {
            "award": award,
            "form_name": registry.form_name(award.form),
            "level_name": registry.LEVEL_NAMES.get(registry.form_level(award.form) or "", ""),
            "verify_url": registry.verify_url(award),
        },
    )


@login_required
@require_safe
def award_certificate(request, pk):
    # Imported here: the PDF library loads only when a certificate is asked for, not with every page (this
    # module is imported when the app starts, for the sections of the person's and the unit's pages).
    from cchc.awards import certificates

    award = registry.award_get(actor=request.user, pk=pk)
    response = HttpResponse(certificates.certificate_pdf(award), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{certificates.certificate_filename(award)}"'
    )
    return response


# --- The "Khen thưởng" section of a person's and a unit's page (registered in AwardsConfig.ready) -------------


def _panel_awards(awards: list) -> list:
    for a in awards:
        a.form_name = registry.form_name(a.form)
    return awards


def person_panel(*, user, obj) -> Panel:
    """The awards of a person, for their page."""
    awards = registry.person_awards(actor=user, person=obj)
    return Panel(
        "awards/registry_panel.html",
        {"awards": _panel_awards(awards), "query": "?" + urlencode({"q": obj.full_name})},
    )


def unit_panel(*, user, obj) -> Panel:
    """The awards of a unit as a collective, for its page."""
    awards = registry.unit_awards(actor=user, unit=obj)
    return Panel(
        "awards/registry_panel.html",
        {"awards": _panel_awards(awards), "query": "?" + urlencode({"unit": obj.pk})},
    )
