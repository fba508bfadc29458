"""Scope walk entries of the award rules: the awards home, programmes, rule files, fact registers and the API.

A rule file and its programmes belong to the level that issued the plan (OWN: phường Lê Chân's 259/KH-UBND, OTHER:
xã Khúc Thừa Dụ's plan); a fact belongs to the person's unit (OWN: Lê Chân, OTHER: Khúc Thừa Dụ, where the demo
records a reprimand).
"""

from tests.scope_registry import Api, Demo, Page

FILES = {"own": "lc-259-2026", "other": "ktd-2026"}


def rule_file(d: Demo, w: str):
    from cchc.awards.models import RuleFile

    return RuleFile.objects.get(file_id=FILES[w])


def rule_file_kw(d: Demo, w: str) -> dict:
    return {"pk": rule_file(d, w).pk}


def programme_kw(d: Demo, w: str) -> dict:
    return {"pk": rule_file(d, w).programmes.order_by("order").first().pk}


def discipline_kw(d: Demo, w: str) -> dict:
    """A discipline record of the place (created on first use for Lê Chân, which has none in force)."""
    from datetime import date

    from cchc.awards.models import DisciplineRecord

    level = d.level(w)
    record = (
        DisciplineRecord.objects.filter(unit__path__startswith=level.path).order_by("pk").first()
    )
    if record is None:
        person = d.person(w)
        record = DisciplineRecord.objects.create(
            person=person, unit=person.unit, level="vi_pham", decided_on=date(2026, 5, 4)
        )
    return {"kind": "ky-luat", "pk": record.pk}


PAGES = {
    "awards:home": Page(),
    "awards:programme_list": Page(),
    "awards:programme_detail": Page(kwargs=programme_kw),
    "awards:programme_edit": Page(kind="form", kwargs=programme_kw),
    "awards:rule_file_list": Page(),
    "awards:rule_file_schema": Page(),
    "awards:rule_file_create": Page(kind="form"),
    "awards:rule_file_detail": Page(kwargs=rule_file_kw),
    "awards:rule_file_edit": Page(kind="form", kwargs=rule_file_kw),
    "awards:fact_home": Page(),
    "awards:fact_list": Page(kwargs=lambda d, w: {"kind": "ky-luat"}, scoped=False),
    # The read-only viewer cannot record facts: the form is refused.
    "awards:fact_create": Page(kind="form", kwargs=lambda d, w: {"kind": "ky-luat"}, scoped=False),
    "awards:fact_edit": Page(kind="form", kwargs=discipline_kw),
    "awards:evaluation_import": Page(kind="form"),
}

APIS = {
    "GET /api/awards/programmes": Api(),
    "GET /api/awards/programmes/{programme_id}": Api(
        kwargs=lambda d, w: {"programme_id": programme_kw(d, w)["pk"]}
    ),
}
