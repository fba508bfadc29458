"""Targets: confirming how they compare, recording what was reached, and whether it is achieved."""

from datetime import date
from decimal import Decimal

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.plans import target_services
from cchc.plans.choices import TargetComparator as C
from cchc.plans.measures import achievement
from cchc.plans.models import Target
from cchc.plans.tests.tracking_setup import build

YEAR_END = date(2026, 12, 31)


@pytest.fixture
def t(personas):
    ns = build(personas)
    ns.target = Target.objects.create(
        plan=ns.plan, code="a", text="100% hồ sơ được giải quyết đúng hạn"
    )
    return ns


@pytest.mark.parametrize(
    "comparator, target_value, measured, stated, achieved",
    [
        (C.AT_LEAST, Decimal("95"), Decimal("96.5"), None, True),
        (C.AT_LEAST, Decimal("95"), Decimal("95"), None, True),
        (C.AT_LEAST, Decimal("95"), Decimal("94.9"), None, False),
        (C.AT_MOST, Decimal("2"), Decimal("1.5"), None, True),
        (C.AT_MOST, Decimal("2"), Decimal("2.5"), None, False),
        (C.EXACT, Decimal("100"), Decimal("100"), None, True),
        (C.EXACT, Decimal("100"), Decimal("99"), None, False),
        (
            C.AT_LEAST,
            Decimal("95"),
            Decimal("90"),
            True,
            False,
        ),  # the value decides a numeric target
        (C.TOP_GROUP, None, None, True, True),
        (C.EXCEED, None, Decimal("120"), False, False),
        (C.QUALITATIVE, None, None, False, False),
        (C.TOP_GROUP, None, None, None, None),
        (C.AT_LEAST, Decimal("95"), None, None, None),
    ],
)
def test_whether_a_measure_achieves_its_target(
    comparator, target_value, measured, stated, achieved
):
    assert (
        achievement(
            comparator=comparator, target_value=target_value, measured=measured, stated=stated
        ).achieved
        is achieved
    )


def test_the_reason_says_what_is_missing_when_it_cannot_be_decided():
    assert (
        "so với 95"
        in achievement(
            comparator=C.AT_LEAST, target_value=Decimal("95"), measured=None, stated=None
        ).reason
    )
    assert (
        "“Đạt” hoặc “Không đạt”"
        in achievement(comparator=C.TOP_GROUP, target_value=None, measured=None, stated=None).reason
    )


def test_the_standing_office_confirms_a_target_with_its_value_and_the_office_following_it(t):
    target_services.target_confirm(
        actor=t.p.ward_a_officer,
        target=t.target,
        comparator=C.AT_LEAST,
        value="95,5",
        value_unit="%",
        responsible=t.p.office_a2,
    )
    t.target.refresh_from_db()
    assert (t.target.comparator, t.target.value, t.target.responsible, t.target.confirmed) == (
        C.AT_LEAST,
        Decimal("95.5"),
        t.p.office_a2,
        True,
    )
    assert AuditLog.objects.filter(action="target.confirm", object_id=str(t.target.pk)).exists()


def test_a_numeric_target_needs_a_value_and_the_office_must_belong_to_the_ward(t):
    with pytest.raises(DomainError, match="“Đạt tối thiểu” cần giá trị chỉ tiêu") as exc:
        target_services.target_confirm(
            actor=t.p.ward_a_officer,
            target=t.target,
            comparator=C.AT_LEAST,
            value="",
            responsible=None,
        )
    assert exc.value.field == "value"
    with pytest.raises(DomainError, match="không thuộc Phường An Bình") as exc:
        target_services.target_confirm(
            actor=t.p.ward_a_officer,
            target=t.target,
            comparator=C.TOP_GROUP,
            value=None,
            responsible=t.p.office_b,
        )
    assert exc.value.field == "responsible"
    with pytest.raises(DomainError, match="“chín mươi” không phải là số"):
        target_services.target_confirm(
            actor=t.p.ward_a_officer, target=t.target, comparator=C.AT_LEAST, value="chín mươi"
        )


def test_only_the_standing_office_confirms_targets(t):
    for user in (t.vp_officer, t.p.ward_a_viewer, t.p.ward_b_officer):
        with pytest.raises(PermissionDenied):
            target_services.target_confirm(
                actor=user, target=t.target, comparator=C.TOP_GROUP, value=None
            )


def test_a_target_not_confirmed_yet_takes_no_measure(t):
    with pytest.raises(DomainError, match="chưa được xác nhận"):
        target_services.target_measure_record(
            actor=t.p.ward_a_officer,
            target=t.target,
            period_label="Năm 2026",
            period_end=YEAR_END,
            achieved=True,
        )


def test_the_office_following_a_target_records_a_value_and_achieved_is_computed(t):
    target_services.target_confirm(
        actor=t.p.ward_a_officer,
        target=t.target,
        comparator=C.AT_LEAST,
        value=95,
        value_unit="%",
        responsible=t.p.office_a2,
    )
    m = target_services.target_measure_record(
        actor=t.vp_officer,
        target=t.target,
        period_label="Quý II/2026",
        period_end=date(2026, 6, 30),
        value="97",
    )
    assert (m.value, m.achieved) == (Decimal("97"), True)
    with pytest.raises(PermissionDenied):
        target_services.target_measure_record(
            actor=t.vhxh_officer,
            target=t.target,
            period_label="Quý II/2026",
            period_end=date(2026, 6, 30),
            value="97",
        )


def test_recording_the_same_period_again_replaces_the_measure(t):
    last_entry = AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    target_services.target_confirm(
        actor=t.p.ward_a_officer, target=t.target, comparator=C.AT_LEAST, value=95, value_unit="%"
    )
    target_services.target_measure_record(
        actor=t.p.ward_a_officer,
        target=t.target,
        period_label="Năm 2026",
        period_end=YEAR_END,
        value="97",
    )
    m = target_services.target_measure_record(
        actor=t.p.ward_a_officer,
        target=t.target,
        period_label="Cả năm 2026",
        period_end=YEAR_END,
        value="90",
        note="Số liệu chốt",
    )
    assert t.target.measures.count() == 1
    assert (m.period_label, m.value, m.achieved, m.note) == (
        "Cả năm 2026",
        Decimal("90"),
        False,
        "Số liệu chốt",
    )
    entries = AuditLog.objects.filter(action="target.measure", pk__gt=last_entry).order_by("pk")
    assert entries[0].before is None and entries[1].before["value"] == "97.00"


def test_a_rank_target_needs_the_users_verdict_and_a_missing_one_is_refused(t):
    target_services.target_confirm(
        actor=t.p.ward_a_officer, target=t.target, comparator=C.TOP_GROUP, value=None
    )
    with pytest.raises(DomainError, match="Chỉ tiêu a\\): chọn “Đạt” hoặc “Không đạt”") as exc:
        target_services.target_measure_record(
            actor=t.p.ward_a_officer, target=t.target, period_label="Năm 2026", period_end=YEAR_END
        )
    assert exc.value.field == "value"
    m = target_services.target_measure_record(
        actor=t.p.ward_a_officer,
        target=t.target,
        period_label="Năm 2026",
        period_end=YEAR_END,
        achieved=True,
    )
    assert m.achieved is True


def test_a_measure_needs_its_period(t):
    target_services.target_confirm(
        actor=t.p.ward_a_officer, target=t.target, comparator=C.TOP_GROUP, value=None
    )
    with pytest.raises(DomainError, match="Nhập tên kỳ") as exc:
        target_services.target_measure_record(
            actor=t.p.ward_a_officer,
            target=t.target,
            period_label=" ",
            period_end=YEAR_END,
            achieved=True,
        )
    assert exc.value.field == "period_label"
    with pytest.raises(DomainError, match="Nhập ngày hết kỳ") as exc:
        target_services.target_measure_record(
            actor=t.p.ward_a_officer,
            target=t.target,
            period_label="Năm 2026",
            period_end=None,
            achieved=True,
        )
    assert exc.value.field == "period_end"
