"""Pages answered without login: the verification of a certificate (/xac-minh/<code>/) and the public honour
board (/vinh-danh/). They show only what a certificate or an honour board shows anyway: no birth date, no
identifier, no other award of the person."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cchc.awards import selectors_registry as registry
from cchc.awards.models import Award
from cchc.initiatives.choices import InitiativeLevel

# The board is cached per set of filters; the key carries a fingerprint of the awards so that a new, changed or
# revoked award shows at once, and the time limit bounds how long a recognised initiative waits.
BOARD_TTL = 300


@require_safe
def verify(request, code):
    award = registry.award_by_code(code=code)
    if award is None:
        return render(request, "awards/public_verify_missing.html", {"code": code}, status=404)
    return render(
        request,
        "awards/public_verify.html",
        {
            "award": award,
            "form_name": registry.form_name(award.form),
            "number": award.decision_number or (award.decision.number if award.decision else ""),
            "date": award.decision_date or (award.decision.signed_on if award.decision else None),
            "issuer": (award.decision.issuer if award.decision else "") or award.decided_by,
            "signer_title": award.decision.signer_title if award.decision else "",
        },
    )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _filters(request) -> registry.BoardFilters:
    get = request.GET
    level = get.get("level", "")
    form = get.get("form", "")
    return registry.BoardFilters(
        year=_int(get.get("year")),
        level=level if level in registry.LEVEL_NAMES else None,
        unit_id=_int(get.get("unit")),
        form=form if form in dict(registry.form_choices()) else None,
    )


def _fingerprint() -> str:
    figures = Award.objects.aggregate(
        n=Count("id"), last=Max("id"), revoked=Count("id", filter=Q(revoked_on__isnull=False))
    )
    return f"{figures['n']}-{figures['last']}-{figures['revoked']}"


def _board(filters: registry.BoardFilters) -> dict:
    key = f"{filters.cache_key()}:{_fingerprint()}"
    data = cache.get(key)
    if data is None:
        awards = [
            {
                "recipient": a.recipient,
                "recipient_unit": a.recipient_unit,
                "subject": a.get_subject_display(),
                "form": registry.form_name(a.form),
                "year": a.year,
                "number": a.decision_number or (a.decision.number if a.decision else ""),
                "date": a.decision_date or (a.decision.signed_on if a.decision else None),
                "issuer": (a.decision.issuer if a.decision else "") or a.decided_by,
            }
            for a in registry.public_awards(filters=filters)
        ]
        initiatives = [
            {
                "title": i.title,
                "unit": i.unit_label,
                "authors": "; ".join(
                    a.person.full_name if a.person is not None else i.unit.name
                    for a in i.authors.all()
                ),
                "year": i.year,
                "level": i.get_level_display(),
                "recognised_on": i.recognised_on,
                "recognised_by": i.recognised_by,
            }
            for i in registry.public_initiatives(filters=filters)
        ]
        data = {
            "awards": awards,
            "initiatives": initiatives,
            "years": registry.board_years(),
            "units": registry.board_units(),
        }
        cache.set(key, data, BOARD_TTL)
    return data


@require_safe
def honour_board(request):
    filters = _filters(request)
    data = _board(filters)
    by_year: dict[int, list[dict]] = {}
    for row in data["awards"]:
        by_year.setdefault(row["year"], []).append(row)
    return render(
        request,
        "awards/public_board.html",
        {
            **data,
            "awards_by_year": sorted(by_year.items(), reverse=True),
            "filters": filters,
            "level_choices": registry.level_choices(),
            "initiative_levels": InitiativeLevel.choices,
            "form_choices": registry.form_choices(),
        },
    )
