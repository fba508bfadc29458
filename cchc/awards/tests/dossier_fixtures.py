"""Helpers of the dossier tests: demo users, units and the seed programmes (saved once, idempotently)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from cchc.awards import services_dossiers as services
from cchc.awards.models import Dossier
from cchc.awards.tests.eligibility_fixtures import programme
from cchc.core.scope import SYSTEM
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Person, Unit

__all__ = ["user", "level", "office", "programme", "paper_dossier", "approved_dossier"]


def user(username: str):
    return get_user_model().objects.get(username=username)


def level(short: str) -> Unit:
    return Unit.objects.get(short_name=short, kind__in=LEVEL_KINDS)


def office(short: str, code: str) -> Unit:
    return Unit.objects.get(code=f"{level(short).code}-{code}")


def person_of(unit: Unit, index: int = 0) -> Person:
    return Person.objects.filter(unit=unit, is_active=True).order_by("pk")[index]


def paper_dossier(
    code: str,
    unit: Unit,
    *,
    year: int | None,
    received_on: date,
    nominees: list,
    actor=SYSTEM,
    accept_late: bool = False,
) -> tuple[Dossier, object]:
    """A dossier recorded on paper by the standing agency with the day it came in; returns it with the
    outcome of the checks."""
    prog = programme(code)
    dossier = services.dossier_open(actor=actor, programme=prog, proposing_unit=unit, year=year)
    for nominee in nominees:
        if isinstance(nominee, Person):
            services.nomination_add(actor=actor, dossier=dossier, person=nominee)
        else:
            services.nomination_add(actor=actor, dossier=dossier, unit=nominee)
    result = services.dossier_submit(
        actor=actor, dossier=dossier, received_on=received_on, accept_late=accept_late
    )
    dossier.refresh_from_db()
    return dossier, result


def approved_dossier(code: str, unit: Unit, *, year: int | None, nominees: list) -> Dossier:
    """A dossier prepared by the unit and signed off by its leader (as the system)."""
    dossier = services.dossier_open(
        actor=SYSTEM, programme=programme(code), proposing_unit=unit, year=year
    )
    for nominee in nominees:
        kw = {"person": nominee} if isinstance(nominee, Person) else {"unit": nominee}
        services.nomination_add(actor=SYSTEM, dossier=dossier, **kw)
    services.dossier_request_approval(actor=SYSTEM, dossier=dossier)
    services.dossier_approve(actor=SYSTEM, dossier=dossier)
    return dossier
