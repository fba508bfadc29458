"""The life of an initiative through the services: who may do what, and refusals that say why in Vietnamese."""

from datetime import date
from decimal import Decimal

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.initiatives import services
from cchc.initiatives.choices import InitiativeLevel, InitiativeStatus
from cchc.initiatives.models import Score
from cchc.initiatives.tests.conftest import FAILING, PASSING, TODAY
from cchc.initiatives.workflows import INITIATIVE_FLOW
from cchc.notifications.models import Notification
from cchc.registry.models import Document

pytestmark = pytest.mark.django_db


def options(user, initiative) -> dict[str, str]:
    return {o.name: o.reason for o in INITIATIVE_FLOW.options(user, initiative)}


def test_a_ward_officer_drafts_and_submits_and_the_secretary_is_told(world):
    initiative = world.initiative()
    assert initiative.status == InitiativeStatus.DRAFT
    services.initiative_submit(actor=world.p.ward_a_officer, initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SUBMITTED
    assert initiative.submitted_on == TODAY
    assert Notification.objects.filter(
        user=world.p.ward_a_officer, kind="initiative_submitted", object_id=initiative.pk
    ).exists()
    assert AuditLog.objects.filter(
        action="initiative.submit", object_id=str(initiative.pk)
    ).exists()


def test_another_ward_cannot_draft_for_ward_a_and_a_viewer_cannot_submit(world):
    with pytest.raises(PermissionDenied):
        world.initiative(actor=world.p.ward_b_officer)
    initiative = world.initiative()
    with pytest.raises(PermissionDenied) as refused:
        services.initiative_submit(actor=world.p.ward_a_viewer, initiative=initiative)
    assert refused.value.message == "Chỉ cán bộ của đơn vị được gửi sáng kiến của đơn vị."


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"council": None}, "Chưa chọn Hội đồng xét sáng kiến."),
        ({"novelty": "", "effect": ""}, "Chưa ghi tính mới, hiệu quả đạt được của sáng kiến."),
        ({"applied_since": None}, "Chưa ghi ngày bắt đầu áp dụng của sáng kiến."),
        (
            {"authors": []},
            "Chưa có tác giả: ghi các cá nhân (tỷ lệ đóng góp) hoặc chọn tác giả là tập thể.",
        ),
    ],
)
def test_submitting_says_what_is_missing(world, change, reason):
    authors = change.pop("authors", None)
    council = "ward" if "council" not in change else None
    change.pop("council", None)
    initiative = world.initiative(council=council, authors=authors, **change)
    assert options(world.p.ward_a_officer, initiative)["submit"] == reason
    with pytest.raises(DomainError) as refused:
        services.initiative_submit(actor=world.p.ward_a_officer, initiative=initiative)
    assert refused.value.message == reason


def test_shares_must_add_up_to_100_and_a_collective_stands_alone(world):
    with pytest.raises(DomainError) as refused:
        world.initiative(authors=[(world.people["lan"], 60), (world.people["hung"], 30)])
    assert refused.value.message == "Tổng tỷ lệ đóng góp của các tác giả là 90%, phải bằng 100%."
    with pytest.raises(DomainError) as refused:
        world.initiative(authors=[(None, None), (world.people["lan"], 100)])
    assert "không ghi đồng thời cả hai" in refused.value.message
    with pytest.raises(DomainError) as refused:
        world.initiative(authors=[(world.people["binh"], 100)])
    assert refused.value.message == "Lê Thanh Bình không thuộc đơn vị trong phạm vi của bạn."


def test_a_council_of_another_ward_is_refused_and_the_year_cannot_be_in_the_future(world):
    other = services.council_create(
        actor=SYSTEM,
        unit=world.p.ward_b,
        name="Hội đồng sáng kiến phường Bình Minh",
        level=InitiativeLevel.COMMUNE,
    )
    with pytest.raises(DomainError) as refused:
        services.initiative_create(
            actor=world.p.ward_a_officer,
            unit=world.p.ward_a,
            year=2027,
            area="tthc",
            title="X",
            description="Y",
            council=other,
        )
    assert "không xét sáng kiến của Phường An Bình" in refused.value.message
    with pytest.raises(DomainError) as refused:
        world.initiative(year=2028)
    assert refused.value.message == "Năm của sáng kiến phải từ 2000 đến 2027 (năm hiện tại)."


def test_only_the_secretary_or_the_standing_agency_opens_scoring(world):
    initiative = world.initiative()
    services.initiative_submit(actor=world.p.ward_a_officer, initiative=initiative)
    for user in (world.p.ward_a_leader, world.member, world.p.ward_b_officer):
        assert "open_scoring" not in options(user, initiative)
        with pytest.raises(PermissionDenied):
            services.initiative_open_scoring(actor=user, initiative=initiative)
    assert "open_scoring" in options(world.p.city_officer, initiative)
    services.initiative_open_scoring(actor=world.p.ward_a_officer, initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.SCORING
    told = set(
        Notification.objects.filter(
            kind="initiative_to_score", object_id=initiative.pk
        ).values_list("user_id", flat=True)
    )
    assert told == {m.user_id for m in world.members}


def test_scoring_needs_a_published_sheet(world):
    services.council_update(actor=SYSTEM, council=world.city_council, is_active=True)
    world.city_council.criteria.all().delete()
    initiative = world.initiative(council="city")
    services.initiative_submit(actor=world.p.ward_a_officer, initiative=initiative)
    assert options(SYSTEM, initiative)["open_scoring"] == (
        "Hội đồng sáng kiến thành phố Thử Nghiệm chưa công bố phiếu chấm điểm."
    )


def test_members_score_the_secretary_does_not_and_points_are_checked(world):
    initiative = world.to_scoring(world.initiative())
    criteria = list(world.council.criteria.order_by("order"))
    with pytest.raises(PermissionDenied):
        services.initiative_score(
            actor=world.p.ward_a_officer, initiative=initiative, points={c.pk: 1 for c in criteria}
        )
    with pytest.raises(DomainError) as refused:
        services.initiative_score(
            actor=world.member,
            initiative=initiative,
            points={
                criteria[0].pk: "31",
                criteria[1].pk: "40",
                criteria[2].pk: "",
                criteria[3].pk: "x",
            },
        )
    assert refused.value.message == "Điểm tiêu chí “Tính khả thi” “x” không phải là số."
    with pytest.raises(DomainError) as refused:
        services.initiative_score(
            actor=world.member,
            initiative=initiative,
            points={
                criteria[0].pk: "31",
                criteria[1].pk: "40",
                criteria[2].pk: "",
                criteria[3].pk: "5",
            },
        )
    assert refused.value.rows == [
        "Điểm tiêu chí “Tính mới” là 31, vượt điểm tối đa 30.",
        "Chưa chấm tiêu chí “Khả năng nhân rộng”.",
    ]
    verdict = services.initiative_score(
        actor=world.member,
        initiative=initiative,
        points={criteria[0].pk: "27,5", criteria[1].pk: 35, criteria[2].pk: 17, criteria[3].pk: 9},
    )
    assert verdict.totals == {world.member.initiative_council_seats.get().pk: Decimal("88.5")}
    assert Score.objects.filter(initiative=initiative).count() == 4


def test_a_member_corrects_their_sheet_without_a_second_row(world):
    initiative = world.to_scoring(world.initiative())
    world.scores(initiative, PASSING[:1])
    world.scores(initiative, FAILING[:1])
    assert Score.objects.filter(initiative=initiative).count() == 4
    assert sum(s.points for s in Score.objects.filter(initiative=initiative)) == 56


def test_the_decision_waits_for_a_quorum_of_members(world):
    initiative = world.to_scoring(world.initiative())
    world.scores(initiative, PASSING[:1])
    reason = options(world.p.ward_a_officer, initiative)["recognise"]
    assert reason == (
        "Mới có 1/3 thành viên chấm điểm đầy đủ; cần ít nhất 2 (hai phần ba số thành viên chấm "
        "điểm) — chưa đủ để kết luận."
    )
    with pytest.raises(DomainError) as refused:
        services.initiative_recognise(
            actor=world.p.ward_a_officer,
            initiative=initiative,
            number="15/QĐ-UBND",
            decided_on=TODAY,
        )
    assert refused.value.message == reason
    assert not Document.objects.filter(number="15/QĐ-UBND").exists()


def test_recognition_registers_the_decision_and_tells_the_unit(world):
    initiative = world.to_scoring(world.initiative())
    world.scores(initiative, PASSING)
    services.initiative_recognise(
        actor=world.p.ward_a_officer,
        initiative=initiative,
        number="15/QĐ-UBND",
        decided_on=TODAY,
        signer="Nguyễn Văn An",
        signer_title="Chủ tịch UBND phường",
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOGNISED
    assert initiative.level == InitiativeLevel.COMMUNE
    assert initiative.recognised_on == TODAY
    doc = initiative.decision
    assert (doc.number, doc.doc_type, doc.issuer, doc.org_unit) == (
        "15/QĐ-UBND",
        "QĐ",
        "Ủy ban nhân dân phường An Bình",
        world.p.ward_a,
    )
    assert doc.title == "Về việc công nhận sáng kiến “Phiếu hẹn điện tử”"
    entry = AuditLog.objects.get(action="initiative.recognise", object_id=str(initiative.pk))
    assert entry.note == "Điểm trung bình 82/100 ≥ ngưỡng 70 — đạt"
    assert Notification.objects.filter(
        user=world.p.ward_a_officer, kind="initiative_recognised", object_id=initiative.pk
    ).exists()


def test_one_decision_recognises_several_initiatives(world, settings):
    first = world.recognised(number="15/QĐ-UBND", title="Sáng kiến thứ nhất")
    second = world.recognised(number="15/QĐ-UBND", title="Sáng kiến thứ hai")
    assert first.decision_id == second.decision_id
    assert Document.objects.filter(number="15/QĐ-UBND").count() == 1
    settings.CCHC_TODAY = "16/04/2027"
    with pytest.raises(DomainError) as refused:
        world.recognised(number="15/QĐ-UBND", decided_on=date(2027, 4, 16), title="Thứ ba")
    assert refused.value.message == (
        "Quyết định số 15/QĐ-UBND đã đăng ký với ngày 15/04/2027, khác ngày 16/04/2027 đã nhập."
    )


def test_a_decision_cannot_be_dated_after_today_or_before_the_submission(world):
    initiative = world.to_scoring(world.initiative())
    world.scores(initiative, PASSING)
    for day, message in [
        (date(2027, 4, 16), "Ngày quyết định 16/04/2027 sau ngày hôm nay (15/04/2027)."),
        (date(2027, 4, 1), "Ngày quyết định 01/04/2027 trước ngày gửi Hội đồng (15/04/2027)."),
    ]:
        with pytest.raises(DomainError) as refused:
            services.initiative_recognise(
                actor=world.p.ward_a_officer,
                initiative=initiative,
                number="1/QĐ-UBND",
                decided_on=day,
            )
        assert refused.value.message == message


def test_refusal_gives_the_verdict_as_reason_or_needs_one_when_the_average_passed(world):
    low = world.to_scoring(world.initiative(title="Thấp"))
    world.scores(low, FAILING)
    assert "recognise" in options(world.p.ward_a_officer, low)
    assert options(world.p.ward_a_officer, low)["recognise"] == (
        "Điểm trung bình 56,7/100 < ngưỡng 70 — không đạt"
    )
    services.initiative_refuse(actor=world.p.ward_a_officer, initiative=low)
    low.refresh_from_db()
    assert low.status == InitiativeStatus.REFUSED
    assert low.refusal_reason == "Điểm trung bình 56,7/100 < ngưỡng 70 — không đạt"
    assert Notification.objects.filter(kind="initiative_refused", object_id=low.pk).exists()

    high = world.to_scoring(world.initiative(title="Cao"))
    world.scores(high, PASSING)
    with pytest.raises(DomainError) as refused:
        services.initiative_refuse(actor=world.p.ward_a_officer, initiative=high)
    assert refused.value.message == (
        "Điểm trung bình 82/100 ≥ ngưỡng 70 — đạt: ghi rõ lý do Hội đồng không công nhận."
    )
    services.initiative_refuse(
        actor=world.p.ward_a_officer,
        initiative=high,
        reason="Trùng sáng kiến đã công nhận năm 2025.",
    )
    high.refresh_from_db()
    assert high.refusal_reason == "Trùng sáng kiến đã công nhận năm 2025."


def test_returning_needs_a_reason_drops_the_scores_and_the_unit_edits_again(world):
    initiative = world.to_scoring(world.initiative())
    world.scores(initiative, PASSING[:2])
    with pytest.raises(DomainError) as refused:
        services.initiative_return(actor=world.p.ward_a_officer, initiative=initiative, reason=" ")
    assert refused.value.message == "Vui lòng ghi rõ lý do."
    services.initiative_return(
        actor=world.p.ward_a_officer, initiative=initiative, reason="Bổ sung số liệu hiệu quả."
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.DRAFT
    assert initiative.return_reason == "Bổ sung số liệu hiệu quả."
    assert not Score.objects.filter(initiative=initiative).exists()
    entry = AuditLog.objects.get(action="initiative.return", object_id=str(initiative.pk))
    assert entry.note == "Bổ sung số liệu hiệu quả. (hủy 8 điểm đã chấm)"
    services.initiative_update(actor=world.p.ward_a_officer, initiative=initiative, effect="Mới")
    assert Notification.objects.filter(kind="initiative_returned", object_id=initiative.pk).exists()


def test_a_submitted_initiative_is_no_longer_edited_by_its_unit(world):
    initiative = world.initiative()
    services.initiative_submit(actor=world.p.ward_a_officer, initiative=initiative)
    with pytest.raises(DomainError) as refused:
        services.initiative_update(
            actor=world.p.ward_a_officer, initiative=initiative, title="Khác"
        )
    assert "chỉ sửa được khi đang soạn" in refused.value.message


def test_an_outside_bodys_decision_is_recorded_with_its_level_date_and_document(world):
    initiative = world.initiative(council="outside")
    assert options(world.p.ward_a_officer, initiative)["record_decision"] == ""
    services.initiative_record_decision(
        actor=world.p.ward_a_officer,
        initiative=initiative,
        council=world.outside,
        decided_on=date(2027, 3, 2),
        number="120/QĐ-BTN",
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOGNISED
    assert initiative.level == InitiativeLevel.MINISTRY
    assert initiative.recognised_by == "Hội đồng sáng kiến Bộ Thử Nghiệm"
    assert initiative.decision.org_unit == world.p.ward_a
    assert not Score.objects.filter(initiative=initiative).exists()


def test_a_council_scoring_in_the_system_does_not_take_a_recorded_decision(world):
    initiative = world.initiative()
    with pytest.raises(DomainError) as refused:
        services.initiative_record_decision(
            actor=world.p.ward_a_officer,
            initiative=initiative,
            council=world.council,
            decided_on=date(2027, 3, 2),
            number="1/QĐ-UBND",
        )
    assert refused.value.message == (
        "Hội đồng sáng kiến phường An Bình chấm điểm trong hệ thống: gửi sáng kiến tới Hội đồng."
    )
    services.initiative_submit(actor=world.p.ward_a_officer, initiative=initiative)
    assert options(world.p.ward_a_officer, initiative)["record_decision"] == (
        "Sáng kiến đã gửi Hội đồng sáng kiến phường An Bình: quyết định do Hội đồng ghi nhận sau "
        "khi chấm điểm."
    )


def test_the_sheet_is_locked_once_a_member_has_scored_with_it(world):
    initiative = world.to_scoring(world.initiative())
    world.scores(initiative, PASSING[:1])
    with pytest.raises(DomainError) as refused:
        services.council_sheet_set(
            actor=world.p.ward_a_officer,
            council=world.council,
            criteria=[services.CriterionInput("Tính mới", Decimal(100))],
            threshold=Decimal(50),
        )
    assert refused.value.message == (
        "Hội đồng sáng kiến phường An Bình đã chấm 1 sáng kiến theo phiếu này: không sửa phiếu "
        "được nữa."
    )
    with pytest.raises(DomainError):
        services.council_member_remove(actor=world.p.ward_a_officer, member=world.members[0])


def test_a_sheet_threshold_cannot_exceed_its_total_and_only_the_standing_agency_edits_it(world):
    with pytest.raises(DomainError) as refused:
        services.council_sheet_set(
            actor=world.p.ward_a_officer,
            council=world.council,
            criteria=[services.CriterionInput("Tính mới", Decimal(60))],
            threshold=Decimal(70),
        )
    assert refused.value.message == "Ngưỡng 70 phải từ 0 đến tổng điểm tối đa 60."
    with pytest.raises(PermissionDenied):
        services.council_sheet_set(
            actor=world.member,
            council=world.council,
            criteria=[services.CriterionInput("Tính mới", Decimal(100))],
            threshold=Decimal(70),
        )
