"""The demo's initiatives tell what its docstring says: who has at least two recognised initiatives over
2026-2030 and who has not, Phú Lương's district-level recognitions of 2023, and nothing after 15/04/2027."""

from decimal import Decimal

import pytest

from cchc.core.models import AuditLog
from cchc.demo.day import DEMO_DAY
from cchc.initiatives import selectors
from cchc.initiatives.choices import InitiativeStatus
from cchc.initiatives.models import Initiative, InitiativeCouncil
from cchc.notifications.models import Notification
from cchc.orgs.models import Person, Unit
from cchc.registry.models import Document

pytestmark = pytest.mark.django_db

LEVELS = ("ward", "commune", "department", "district")


def unit(name: str) -> Unit:
    return Unit.objects.get(name=name, kind__in=LEVELS)


def test_who_has_two_recognised_initiatives_over_2026_2030(demo_city):
    names = [
        "Phường Lê Chân",
        "Phường Lê Thanh Nghị",
        "Sở Nội vụ",
        "Xã Khúc Thừa Dụ",
        "Xã An Lão",
        "Phường Hồng Bàng",
    ]
    ids = {unit(n).pk: n for n in names}
    counts = selectors.recognised_counts(unit_ids=list(ids), start_year=2026, end_year=2030)
    by_name = {ids[k]: v for k, v in counts.items()}
    assert by_name == {
        "Phường Lê Chân": 2,
        "Phường Lê Thanh Nghị": 2,
        "Sở Nội vụ": 2,
        "Xã Khúc Thừa Dụ": 1,
        "Xã An Lão": 1,
        "Phường Hồng Bàng": 0,
    }
    passing = {n for n, c in by_name.items() if c >= 2}
    assert passing == {"Phường Lê Chân", "Phường Lê Thanh Nghị", "Sở Nội vụ"}
    city = selectors.recognised_counts(
        unit_ids=list(ids), start_year=2026, end_year=2030, min_level="city"
    )
    assert {ids[k]: v for k, v in city.items() if v} == {
        "Phường Lê Thanh Nghị": 1,
        "Sở Nội vụ": 2,
        "Xã An Lão": 1,
    }
    # Lê Chân's 2025 initiative is outside the period; Khúc Thừa Dụ has one more under scoring.
    assert selectors.recognised_counts(
        unit_ids=[unit("Phường Lê Chân").pk], start_year=2025, end_year=2030
    ) == {unit("Phường Lê Chân").pk: 3}
    pending = selectors.recognised_for(
        unit_ids=[unit("Xã Khúc Thừa Dụ").pk], start_year=2026, end_year=2030, include_pending=True
    )[unit("Xã Khúc Thừa Dụ").pk]
    assert [f.level for f in pending] == ["commune", None]


def test_phu_luongs_initiatives_were_recognised_by_the_districts_council(demo_city):
    pl = Unit.objects.get(name="Phường Phú Lương")
    rows = Initiative.objects.filter(unit=pl, year=2023)
    assert sorted(rows.values_list("status", flat=True)) == [
        "recognised",
        "recognised",
        "submitted",
    ]
    recognised = rows.filter(status=InitiativeStatus.RECOGNISED)
    assert {(i.level, i.recognised_by, i.decision.number) for i in recognised} == {
        ("district", "Hội đồng khoa học, sáng kiến quận Hà Đông", "6245/QĐ-UBND")
    }
    assert recognised.first().council.is_external
    deputy = Person.objects.get(full_name="Dương Ngọc Thỏa")
    assert selectors.recognised_counts_by_person(
        person_ids=[deputy.pk], start_year=2023, end_year=2023, min_level="district"
    ) == {deputy.pk: 2}


def test_the_scoring_councils_publish_the_same_sheet(demo_city):
    councils = InitiativeCouncil.objects.filter(is_external=False).order_by("name")
    assert councils.count() == 4
    for council in councils:
        assert [(c.name, c.max_points) for c in council.criteria.order_by("order")] == [
            ("Tính mới", 30),
            ("Tính hiệu quả", 40),
            ("Khả năng nhân rộng", 20),
            ("Tính khả thi", 10),
        ]
        assert council.threshold == Decimal(70)


def test_the_initiatives_under_scoring_show_both_verdicts(demo_city):
    archive = Initiative.objects.get(title__startswith="Số hóa sổ hộ tịch")
    assert selectors.initiative_verdict(initiative=archive).text == (
        "Điểm trung bình 84,5/100 ≥ ngưỡng 70 — đạt"
    )
    digital_map = Initiative.objects.get(title__startswith="Bản đồ số")
    assert selectors.initiative_verdict(initiative=digital_map).status == "incomplete"


def test_nothing_in_the_demo_is_dated_after_its_day(demo_city):
    rows = Initiative.objects.all()
    for field in ("applied_since", "submitted_on", "recognised_on"):
        latest = max(d for d in rows.values_list(field, flat=True) if d)
        assert latest <= DEMO_DAY, field
    decisions = Document.objects.filter(pk__in=rows.values("decision_id"))
    assert max(decisions.values_list("issued_on", flat=True)) <= DEMO_DAY
    entries = AuditLog.objects.filter(model__startswith="initiatives.")
    assert entries.exists()
    assert max(e.at.date() for e in entries) <= DEMO_DAY
    notes = Notification.objects.filter(kind__startswith="initiative_")
    assert notes.exists() and max(n.created_at.date() for n in notes) <= DEMO_DAY
