"""Scope-walk entries of the award decisions and the catalogue (namespace "awards").

OWN: phường Lê Chân's signed Giấy khen decision 45/QĐ-UBND of the demo, its proposal to the city and one of its
awards; OTHER: a decision of xã Khúc Thừa Dụ (and its proposal, and an award), made here inside the test's
transaction since the demo decides nothing there."""

from datetime import date

from tests.scope_registry import OWN, Api, Demo, Page


def _other_decision(d: Demo, *, kind: str):
    from cchc.awards.models import Award, Decision

    level = d.level("other")
    decision, created = Decision.objects.get_or_create(
        unit=level,
        kind=kind,
        title=f"Về việc tặng Giấy khen năm 2026 ({kind})",
        defaults={
            "status": "signed" if kind == "own" else "draft",
            "number": "9/QĐ-UBND" if kind == "own" else "",
            "signed_on": date(2027, 4, 2) if kind == "own" else None,
            "issuer": "Chủ tịch Ủy ban nhân dân xã Khúc Thừa Dụ",
            "signer_name": "Nguyễn Tuấn Hải",
            "signer_title": "Chủ tịch",
            "year": 2026,
        },
    )
    if created and kind == "own":
        person = d.person("other")
        Award.objects.create(
            decision=decision,
            unit=person.unit,
            subject="person",
            person=person,
            recipient=person.full_name,
            recipient_unit=person.unit.name,
            form="giay_khen_chu_tich_ubnd_xa",
            year=2026,
            amount=710000,
            decision_number=decision.number,
            decision_date=decision.signed_on,
            decided_by=decision.issuer,
            code="scope-walk-other-award",
        )
    return decision


def decision_of(d: Demo, w: str):
    from cchc.awards.models import Decision

    if w == OWN:
        return Decision.objects.get(unit=d.level(w), number="45/QĐ-UBND")
    return _other_decision(d, kind="own")


def higher_of(d: Demo, w: str):
    from cchc.awards.models import Decision

    if w == OWN:
        return Decision.objects.filter(unit=d.level(w), kind="higher").order_by("pk").first()
    return _other_decision(d, kind="higher")


def decision_kw(d: Demo, w: str) -> dict:
    return {"pk": decision_of(d, w).pk}


def higher_kw(d: Demo, w: str) -> dict:
    return {"pk": higher_of(d, w).pk}


def award_kw(d: Demo, w: str) -> dict:
    award = decision_of(d, w).awards.filter(revoked_on__isnull=True).order_by("pk").first()
    return {"pk": award.pk}


PAGES = {
    "awards:catalogue": Page(),
    "awards:base_salary_add": Page(kind="form", scoped=False),
    "awards:decision_list": Page(),
    "awards:decision_draft": Page(kind="form", scoped=False),
    "awards:decision_propose": Page(kind="form", scoped=False),
    # The fund's spending: the standing agency and the leaders of the level, not the read-only viewer.
    "awards:decision_fund_xlsx": Page(scoped=False, viewer="refused"),
    "awards:decision_detail": Page(kwargs=decision_kw),
    "awards:decision_docx": Page(kwargs=decision_kw),
    "awards:decision_submission_docx": Page(kwargs=higher_kw),
    "awards:decision_sign": Page(kind="action", kwargs=decision_kw),
    "awards:decision_record": Page(kind="action", kwargs=higher_kw),
    "awards:award_revoke": Page(kind="action", kwargs=award_kw),
}

APIS = {
    "GET /api/decisions/{decision_id}": Api(
        kwargs=lambda d, w: {"decision_id": decision_of(d, w).pk}
    ),
    "GET /api/decisions/{decision_id}/docx": Api(
        kwargs=lambda d, w: {"decision_id": decision_of(d, w).pk}
    ),
}
