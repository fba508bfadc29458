"""Demo history of the award registry: the signed decisions of the achievement years 2025 and 2026 that the
rules of 2027 read ("02 lần liên tục Chiến sĩ thi đua cơ sở").

- phường Lê Chân: Chiến sĩ thi đua cơ sở for the first officer of its Phòng Văn hóa - Xã hội in 2025 and 2026
  (two years in a row), for the second in 2026 only; Lao động tiên tiến 2026; a Giấy khen of the ward's chairman
  for the office (collective) in 2026;
- xã Khúc Thừa Dụ: Chiến sĩ thi đua cơ sở 2026 for the first officer of its office, a Giấy khen of the commune's
  chairman for a second officer, revoked later (the achievement was counted twice);
- the city: a Bằng khen of the chairman of UBND thành phố for phường Lê Chân (collective), 2026.

Every date is before the demo's day. Idempotent: a decision already recorded (same unit and number) is skipped.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal

from cchc.awards.choices import DecisionKind, DecisionStatus, Subject
from cchc.awards.models import Award, Decision
from cchc.awards.rules.catalogue import award_amount
from cchc.awards.selectors_registry import award_search_text
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Person, Unit


def _level(short: str) -> Unit:
    return Unit.objects.get(short_name=short, kind__in=LEVEL_KINDS)


def _office_people(level: Unit) -> list[Person]:
    office = Unit.objects.get(code=f"{level.code}-VHXH")
    return list(Person.objects.filter(unit=office).order_by("pk")[:2])


def _decision(unit: Unit, number: str, signed_on: date, title: str, issuer: str, signer: tuple):
    decision = Decision.objects.filter(unit=unit, number=number).first()
    if decision is not None:
        return None
    return Decision.objects.create(
        unit=unit,
        kind=DecisionKind.OWN,
        status=DecisionStatus.SIGNED,
        title=title,
        number=number,
        signed_on=signed_on,
        issuer=issuer,
        signer_title=signer[0],
        signer_name=signer[1],
        fund_source=f"Quỹ thi đua, khen thưởng của {unit.name}",
    )


def _unit_above(unit: Unit) -> str:
    """The level an office belongs to ("Phường Lê Chân"); nothing for a level itself."""
    return unit.parent.name if unit.kind not in LEVEL_KINDS and unit.parent else ""


def _award(decision: Decision, *, unit: Unit, form: str, year: int, person=None, name=""):
    subject = Subject.PERSON if person else Subject.COLLECTIVE
    award = Award(
        decision=decision,
        unit=person.unit if person else unit,
        subject=subject,
        person=person,
        recipient=person.full_name if person else name or unit.name,
        recipient_unit=(
            ", ".join(filter(None, [person.unit.name, _unit_above(person.unit)]))
            if person
            else _unit_above(unit)
        ),
        form=form,
        year=year,
        amount=Decimal(
            (award_amount(form, subject, decision.signed_on) if decision.signed_on else None) or 0
        ),
        decision_number=decision.number,
        decision_date=decision.signed_on,
        decided_by=decision.issuer,
        code=secrets.token_urlsafe(16),
    )
    award.search_text = award_search_text(award)
    award.save()
    return award


def load(ctx: dict) -> None:
    day: date = ctx["day"]
    lechan, ktd = _level("Lê Chân"), _level("Khúc Thừa Dụ")
    city = lechan.parent
    lc_people, ktd_people = _office_people(lechan), _office_people(ktd)
    lc_issuer = "Chủ tịch Ủy ban nhân dân phường Lê Chân"
    lc_signer = ("Chủ tịch", "Phạm Văn Tân")
    ktd_issuer = "Chủ tịch Ủy ban nhân dân xã Khúc Thừa Dụ"
    ktd_signer = ("Chủ tịch", "Nguyễn Đức Thắng")

    if day >= date(2026, 1, 20):
        d = _decision(
            lechan,
            "12/QĐ-UBND",
            date(2026, 1, 20),
            "Về việc công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
            lc_issuer,
            lc_signer,
        )
        if d is not None and lc_people:
            _award(d, unit=lechan, form="cstd_co_so", year=2025, person=lc_people[0])
    if day >= date(2027, 1, 18):
        d = _decision(
            lechan,
            "09/QĐ-UBND",
            date(2027, 1, 18),
            "Về việc công nhận danh hiệu thi đua và tặng Giấy khen năm 2026",
            lc_issuer,
            lc_signer,
        )
        if d is not None:
            for person in lc_people:
                _award(d, unit=lechan, form="cstd_co_so", year=2026, person=person)
            if len(lc_people) > 1:
                _award(d, unit=lechan, form="ldtt", year=2026, person=lc_people[1])
            office = lc_people[0].unit if lc_people else lechan
            _award(d, unit=office, form="giay_khen_chu_tich_ubnd_phuong", year=2026)
        d = _decision(
            ktd,
            "07/QĐ-UBND",
            date(2027, 1, 22),
            "Về việc công nhận danh hiệu thi đua và tặng Giấy khen năm 2026",
            ktd_issuer,
            ktd_signer,
        )
        if d is not None and ktd_people:
            _award(d, unit=ktd, form="cstd_co_so", year=2026, person=ktd_people[0])
            if len(ktd_people) > 1:
                revoked = _award(
                    d, unit=ktd, form="giay_khen_chu_tich_ubnd_xa", year=2026, person=ktd_people[1]
                )
                if day >= date(2027, 5, 6):
                    revoked.revoked_on = date(2027, 5, 6)
                    revoked.revoke_reason = (
                        "Thành tích đã được dùng để đề nghị danh hiệu khác cùng năm "
                        "(không khen thưởng nhiều lần cho một thành tích)."
                    )
                    revoked.save(update_fields=["revoked_on", "revoke_reason"])
    if day >= date(2027, 3, 10) and city is not None:
        d = _decision(
            city,
            "688/QĐ-UBND",
            date(2027, 3, 10),
            "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố năm 2026",
            "Chủ tịch Ủy ban nhân dân thành phố Hải Phòng",
            ("KT. Chủ tịch – Phó Chủ tịch", "Lê Anh Quân"),
        )
        if d is not None:
            _award(d, unit=lechan, form="bang_khen_chu_tich_ubnd_tp", year=2026)
