"""Builders of a council, its members and a round of received nominations for the council tests."""

from __future__ import annotations

from datetime import date

from cchc.awards import services_councils as services
from cchc.awards.choices import CouncilRole, DossierStatus, NominationStatus, Subject
from cchc.awards.models import Dossier, Nomination, Programme, RuleFile
from cchc.core.scope import SYSTEM

ROLES = [CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.SECRETARY] + [
    CouncilRole.MEMBER
] * 7


def programme(unit, code="tn_hang_nam_ca_nhan", form="ldtt") -> Programme:
    rule_file, _ = RuleFile.objects.get_or_create(
        file_id=f"{code}-file", defaults={"unit": unit, "text": "{}", "data": {}}
    )
    return Programme.objects.create(
        rule_file=rule_file,
        unit=unit,
        code=code,
        name="Khen thưởng hằng năm cho cá nhân",
        kind="annual",
        form=form,
        subject=Subject.PERSON,
    )


def council(p, *, members=10, rules=None, secretary_user=None):
    c = services.council_create(
        actor=SYSTEM,
        unit=p.ward_a,
        name="Hội đồng Thi đua - Khen thưởng phường An Bình",
        term_start=date(2026, 1, 1),
        term_end=date(2030, 12, 31),
        rules=rules or {},
    )
    for i in range(members):
        role = ROLES[i] if i < len(ROLES) else CouncilRole.MEMBER
        services.council_member_add(
            actor=SYSTEM,
            council=c,
            name=f"Thành viên {i + 1}",
            role=role,
            position="Cán bộ",
            user=secretary_user if role == CouncilRole.SECRETARY else None,
        )
    return c


def round_of(p, prog, nominees: list[tuple[str, str]], year=2026) -> list[Nomination]:
    """A received dossier of ward A's office with one received nomination per (name, form)."""
    number = Dossier.objects.filter(programme=prog).count() + 1
    dossier = Dossier.objects.create(
        programme=prog,
        proposing_unit=p.office_a,
        number=number,
        year=year,
        status=DossierStatus.RECEIVED,
        received_on=date(year + 1, 1, 10),
    )
    return [
        Nomination.objects.create(
            dossier=dossier,
            subject=Subject.COLLECTIVE,
            unit=p.office_a,
            name=name,
            form=form,
            status=NominationStatus.RECEIVED,
            order=i,
        )
        for i, (name, form) in enumerate(nominees)
    ]


def meeting(p, c, prog, *, ballot="secret", year=2026):
    m = services.meeting_create(
        actor=SYSTEM,
        council=c,
        held_on=date(year + 1, 1, 20),
        title=f"Họp xét khen thưởng năm {year}",
        year=year,
        programme=prog,
        ballot=ballot,
        place="Hội trường UBND phường",
    )
    return services.meeting_open(actor=SYSTEM, meeting=m)


def set_absent(m, count: int, *, written: int = 0) -> None:
    """The last `count` members are absent; the first `written` of them sent a written opinion."""
    rows = list(m.attendance.order_by("-member__order"))
    inputs = []
    for i, a in enumerate(rows[:count]):
        inputs.append(
            services.AttendanceInput(
                member_id=a.member_id,
                present=False,
                written_opinion="Đồng ý với dự thảo danh sách." if i < written else "",
            )
        )
    services.attendance_set(actor=SYSTEM, meeting=m, rows=inputs)
