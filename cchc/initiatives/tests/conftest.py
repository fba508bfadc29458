"""A small world for the initiative tests, on top of the root personas: ward A's council of three scoring members
and a secretary, people of both wards, and a builder that takes an initiative to any state through the services.

The day is pinned (`CCHC_TODAY` = 15/04/2027) so that dates in the tests do not move with the calendar.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cchc.accounts import services as account_services
from cchc.core.scope import COUNCIL, SYSTEM
from cchc.initiatives import services
from cchc.initiatives.choices import CchcArea, CouncilRole, InitiativeLevel
from cchc.initiatives.models import Initiative
from cchc.orgs import services as org_services

TODAY = date(2027, 4, 15)
SHEET = [
    services.CriterionInput("Tính mới", Decimal(30)),
    services.CriterionInput("Tính hiệu quả", Decimal(40)),
    services.CriterionInput("Khả năng nhân rộng", Decimal(20)),
    services.CriterionInput("Tính khả thi", Decimal(10)),
]
PASSING = [(27, 35, 17, 9), (25, 32, 16, 8), (24, 30, 15, 8)]  # 88, 81, 77 → 82
FAILING = [(18, 22, 10, 6), (20, 25, 12, 7), (15, 20, 10, 5)]  # 56, 64, 50 → 56,7


@pytest.fixture(autouse=True)
def pinned_day(settings):
    settings.CCHC_TODAY = TODAY.strftime("%d/%m/%Y")


class World:
    """The personas plus what initiatives need; `initiative(...)` drafts one, `advance` moves it."""

    def __init__(self, p):
        self.p = p
        self.member = account_services.user_create(
            actor=SYSTEM,
            username="t_member",
            password="pw-test-2026",
            full_name="Đỗ Minh Khoa",
            office=p.office_a2,
            audit_it=False,
        )
        account_services.grant_add(
            actor=SYSTEM, user=self.member, role=COUNCIL, unit=p.ward_a, audit_it=False
        )
        self.council = services.council_create(
            actor=SYSTEM,
            unit=p.ward_a,
            name="Hội đồng sáng kiến phường An Bình",
            level=InitiativeLevel.COMMUNE,
        )
        for user, role in [
            (p.ward_a_leader, CouncilRole.CHAIR),
            (p.council_member, CouncilRole.VICE_CHAIR),
            (self.member, CouncilRole.MEMBER),
            (p.ward_a_officer, CouncilRole.SECRETARY),
        ]:
            services.council_member_add(actor=SYSTEM, council=self.council, user=user, role=role)
        services.council_sheet_set(
            actor=SYSTEM, council=self.council, criteria=SHEET, threshold=Decimal(70)
        )
        self.city_council = services.council_create(
            actor=SYSTEM,
            unit=p.city,
            name="Hội đồng sáng kiến thành phố Thử Nghiệm",
            level=InitiativeLevel.CITY,
        )
        services.council_member_add(
            actor=SYSTEM, council=self.city_council, user=p.city_officer, role=CouncilRole.CHAIR
        )
        services.council_sheet_set(
            actor=SYSTEM, council=self.city_council, criteria=SHEET, threshold=Decimal(70)
        )
        self.outside = services.council_create(
            actor=SYSTEM,
            unit=p.city,
            name="Hội đồng sáng kiến Bộ Thử Nghiệm",
            level=InitiativeLevel.MINISTRY,
            is_external=True,
        )
        people = {}
        for key, unit, name in [
            ("lan", p.office_a, "Nguyễn Thị Lan"),
            ("hung", p.office_a2, "Trần Văn Hùng"),
            ("binh", p.office_b, "Lê Thanh Bình"),
        ]:
            people[key] = org_services.person_create(
                actor=SYSTEM,
                unit=unit,
                full_name=name,
                gender="female",
                employment_kind="cong_chuc",
                position="Chuyên viên",
                audit_it=False,
            )
        self.people = people
        self.members = [m for m in self.council.members.order_by("order") if m.is_scorer]

    def initiative(
        self,
        *,
        unit=None,
        year=2027,
        council="ward",
        authors=None,
        actor=None,
        title="Phiếu hẹn điện tử",
        **fields,
    ) -> Initiative:
        p = self.p
        chosen = {
            "ward": self.council,
            "city": self.city_council,
            "outside": self.outside,
            None: None,
        }[council]
        if authors is None:
            authors = [(self.people["lan"], 60), (self.people["hung"], 40)]
        data = dict(
            area=CchcArea.PROCEDURES,
            description="Gửi phiếu hẹn trả kết quả qua tin nhắn.",
            novelty="Lần đầu áp dụng tại phường.",
            effect="Giảm 90% phiếu hẹn giấy.",
            applied_since=date(2026, 9, 1),
        )
        data.update(fields)
        return services.initiative_create(
            actor=actor or p.ward_a_officer,
            unit=unit or p.ward_a,
            year=year,
            title=title,
            council=chosen,
            authors=[
                services.AuthorInput(person=person, share=Decimal(share) if person else None)
                for person, share in authors
            ],
            **data,
        )

    def scores(self, initiative: Initiative, sheets, *, members=None) -> None:
        criteria = list(initiative.council.criteria.order_by("order"))
        chosen = members if members is not None else self.members
        for member, points in zip(chosen, sheets, strict=False):
            services.initiative_score(
                actor=member.user,
                initiative=initiative,
                points={c.pk: Decimal(v) for c, v in zip(criteria, points, strict=True)},
            )

    def to_scoring(self, initiative: Initiative) -> Initiative:
        services.initiative_submit(actor=self.p.ward_a_officer, initiative=initiative)
        council_runner = self.p.ward_a_officer if initiative.council == self.council else SYSTEM
        services.initiative_open_scoring(actor=council_runner, initiative=initiative)
        return initiative

    def recognised(self, *, number="15/QĐ-UBND", decided_on=TODAY, **kw) -> Initiative:
        initiative = self.to_scoring(self.initiative(**kw))
        if initiative.council == self.council:
            self.scores(initiative, PASSING)
        else:
            self.scores(
                initiative,
                PASSING[:1],
                members=[m for m in initiative.council.members.all() if m.is_scorer],
            )
        services.initiative_recognise(
            actor=SYSTEM, initiative=initiative, number=number, decided_on=decided_on
        )
        return initiative


@pytest.fixture
def world(personas):
    return World(personas)
