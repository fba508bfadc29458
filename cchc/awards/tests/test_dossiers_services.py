"""Nomination dossiers: opened by a unit, signed off by its leader, submitted; refused at submission for the
deadline, a quota, a nominee not eligible, or an achievement already proposed; paper dossiers recorded by the
standing agency; received or returned."""

from datetime import date

import pytest

from cchc.awards import services_dossiers as services
from cchc.awards.choices import AttachmentKind, DossierStatus, NominationStatus, Verdict
from cchc.awards.tests.dossier_fixtures import (
    approved_dossier,
    level,
    office,
    paper_dossier,
    person_of,
    programme,
    user,
)
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog

pytestmark = pytest.mark.django_db

CITY = "hp2162_tp_hang_nam_tap_the"


def test_lechan_opens_a_dossier_its_chairman_approves_it_and_it_is_submitted_to_check():
    lechan = level("Lê Chân")
    dossier = services.dossier_open(
        actor=user("lechan"), programme=programme(CITY), proposing_unit=lechan, year=2027
    )
    n = services.nomination_add(actor=user("lechan"), dossier=dossier, unit=lechan)
    assert n.verdict == Verdict.TO_CHECK
    services.dossier_request_approval(actor=user("lechan"), dossier=dossier)
    with pytest.raises(PermissionDenied):
        services.dossier_approve(actor=user("lechan"), dossier=dossier)
    services.dossier_approve(actor=user("lechan.chutich"), dossier=dossier)
    result = services.dossier_submit(actor=user("lechan"), dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED, result.message
    assert not result.refused
    assert result.to_check and "Phường Lê Chân" in result.to_check[0]
    assert dossier.due_on == date(2028, 3, 30)
    kinds = sorted(dossier.files.values_list("kind", flat=True))
    assert kinds == [AttachmentKind.ACHIEVEMENT, AttachmentKind.SUBMISSION]
    actions = set(
        AuditLog.objects.filter(model="awards.dossier", object_id=str(dossier.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"award_dossier.open", "award_dossier.approve", "award_dossier.submit"} <= actions


def test_a_second_collective_of_lechan_is_refused_naming_the_quota_and_the_dossier_that_fills_it():
    lechan = level("Lê Chân")
    first = approved_dossier(CITY, lechan, year=2027, nominees=[lechan])
    services.dossier_submit(actor=user("lechan"), dossier=first)
    second = approved_dossier(CITY, lechan, year=2027, nominees=[office("Lê Chân", "VP")])
    result = services.dossier_submit(actor=user("lechan"), dossier=second)
    second.refresh_from_db()
    assert second.status == DossierStatus.REFUSED
    text = second.refusal_reason
    assert "01 tập thể" in text and f"hồ sơ số {first.number}" in text
    assert "2162/QĐ-UBND" in text
    assert second.nominations.get().status == NominationStatus.REFUSED
    assert result.refused


def test_a_dossier_received_on_1_april_is_refused_naming_the_31_march_deadline():
    lechan = level("Lê Chân")
    dossier, result = paper_dossier(
        CITY, lechan, year=2026, received_on=date(2027, 4, 1), nominees=[lechan], actor=user("snv")
    )
    assert dossier.status == DossierStatus.REFUSED
    assert dossier.paper and dossier.received_on == date(2027, 4, 1)
    assert "Hạn nộp hồ sơ là trước ngày 31/03/2027" in dossier.refusal_reason
    assert "hồ sơ nộp ngày 01/04/2027" in dossier.refusal_reason
    assert "2162/QĐ-UBND, mục III.3.1" in dossier.refusal_reason


def test_the_standing_agency_may_take_a_late_dossier_where_the_programme_leaves_it_to_a_person():
    ktd = level("Khúc Thừa Dụ")
    dossier, result = paper_dossier(
        "hp2162_tp_hang_nam_ca_nhan",
        ktd,
        year=2026,
        received_on=date(2027, 4, 1),
        nominees=[person_of(office("Khúc Thừa Dụ", "VHXH"))],
        actor=user("snv"),
        accept_late=True,
    )
    assert dossier.status == DossierStatus.SUBMITTED, result.message
    assert "quyết định vẫn nhận hồ sơ nộp muộn" in result.message


def test_an_ad_hoc_dossier_received_on_1_april_is_not_refused_and_is_received():
    lechan = level("Lê Chân")
    dossier, result = paper_dossier(
        "hp2162_tp_ngoai_co_cau_tap_the",
        lechan,
        year=2026,
        received_on=date(2027, 4, 1),
        nominees=[lechan],
        actor=user("snv"),
    )
    assert dossier.status == DossierStatus.SUBMITTED, result.message
    services.dossier_receive(actor=user("snv"), dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.nominations.get().status == NominationStatus.RECEIVED


def test_a_ward_outside_the_top_5_is_refused_with_its_rank():
    lechan = level("Lê Chân")
    dossier, _ = paper_dossier(
        CITY, lechan, year=2026, received_on=date(2027, 3, 15), nominees=[lechan], actor=user("snv")
    )
    assert dossier.status == DossierStatus.REFUSED
    assert "Hạng 10/45 khối phường năm 2026 — không thuộc top 5" in dossier.refusal_reason
    assert "Hạn nộp" not in dossier.refusal_reason


def test_the_same_achievement_proposed_for_two_forms_is_refused():
    lechan = level("Lê Chân")
    first = approved_dossier(CITY, lechan, year=2027, nominees=[lechan])
    services.dossier_submit(actor=user("lechan"), dossier=first)
    dossier, _ = paper_dossier(
        "hp2162_tp_ngoai_co_cau_tap_the",
        lechan,
        year=2027,
        received_on=date(2027, 11, 20),
        nominees=[lechan],
        actor=user("snv"),
    )
    assert dossier.status == DossierStatus.REFUSED
    assert "một thành tích không đề nghị khen thưởng nhiều lần" in dossier.refusal_reason
    assert f"hồ sơ số {first.number}" in dossier.refusal_reason


def test_phu_luong_refuses_a_late_dossier_by_its_plan():
    phu_luong = level("Phú Lương")
    offices = list(phu_luong.children.order_by("pk"))
    dossier, _ = paper_dossier(
        "pl26_gk_phuong_tap_the",
        phu_luong,
        year=2023,
        received_on=date(2023, 10, 5),
        nominees=[offices[0]],
        actor=user("phuluong"),
    )
    assert dossier.status == DossierStatus.REFUSED
    assert "Không xét hồ sơ nộp muộn (26/KH-UBND, mục II.5, Chú ý)" in dossier.refusal_reason


def test_only_the_standing_agency_of_the_level_records_a_paper_dossier():
    lechan = level("Lê Chân")
    dossier = services.dossier_open(
        actor=user("lechan"), programme=programme(CITY), proposing_unit=lechan, year=2027
    )
    services.nomination_add(actor=user("lechan"), dossier=dossier, unit=lechan)
    with pytest.raises(PermissionDenied):
        services.dossier_submit(
            actor=user("lechan"), dossier=dossier, received_on=date(2027, 11, 2)
        )


def test_the_viewer_cannot_open_a_dossier_and_a_unit_proposes_only_its_own():
    with pytest.raises(PermissionDenied):
        services.dossier_open(
            actor=user("lechan.xem"),
            programme=programme(CITY),
            proposing_unit=level("Lê Chân"),
            year=2027,
        )
    dossier = services.dossier_open(
        actor=user("lechan"), programme=programme(CITY), proposing_unit=level("Lê Chân"), year=2027
    )
    with pytest.raises(DomainError, match="không thuộc"):
        services.nomination_add(actor=user("lechan"), dossier=dossier, unit=level("Khúc Thừa Dụ"))


def test_the_standing_agency_returns_a_dossier_with_a_reason_and_the_unit_reopens_it():
    lechan = level("Lê Chân")
    dossier = approved_dossier(CITY, lechan, year=2027, nominees=[lechan])
    services.dossier_submit(actor=user("lechan"), dossier=dossier)
    with pytest.raises(DomainError, match="lý do"):
        services.dossier_send_back(actor=user("snv"), dossier=dossier, note=" ")
    services.dossier_send_back(
        actor=user("snv"), dossier=dossier, note="Thiếu biên bản họp Hội đồng."
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.return_reason == "Thiếu biên bản họp Hội đồng."
    services.dossier_reopen(actor=user("lechan"), dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def _text(file) -> str:
    import io

    import docx

    with file.file.open("rb") as fh:
        document = docx.Document(io.BytesIO(fh.read()))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_submission_and_the_achievement_report_are_word_files_prefilled_from_the_system():
    lechan = level("Lê Chân")
    dossier = approved_dossier(CITY, lechan, year=2027, nominees=[lechan])
    submission = _text(dossier.files.get(kind=AttachmentKind.SUBMISSION))
    assert "TỜ TRÌNH" in submission and "Kính gửi" in submission
    assert "Sở Nội vụ" in submission and "Phường Lê Chân" in submission
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố" in submission
    report = _text(dossier.files.get(kind=AttachmentKind.ACHIEVEMENT))
    for heading in (
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
    ):
        assert heading in report
    assert "Kế hoạch CCHC năm 2027" in report
    assert "Chưa có kết quả Chỉ số CCHC đã công bố của Phường Lê Chân cho năm 2027" in report


def test_a_persons_achievement_report_follows_the_template_for_a_person():
    ktd = level("Khúc Thừa Dụ")
    person = person_of(office("Khúc Thừa Dụ", "VHXH"))
    dossier = approved_dossier("hp2162_tp_hang_nam_ca_nhan", ktd, year=2026, nominees=[person])
    report = _text(dossier.files.get(kind=AttachmentKind.ACHIEVEMENT))
    assert "I. SƠ LƯỢC LÝ LỊCH" in report and person.full_name in report
    assert "Chỉ số CCHC năm 2026 của Xã Khúc Thừa Dụ" in report
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in report


def test_the_leader_hears_of_a_dossier_to_approve_and_the_unit_of_its_refusal():
    from cchc.notifications.models import Notification

    lechan = level("Lê Chân")
    first = approved_dossier(CITY, lechan, year=2027, nominees=[lechan])
    assert Notification.objects.filter(
        user=user("lechan.chutich"), kind="award_dossier.to_approve", object_id=first.pk
    ).exists()
    services.dossier_submit(actor=user("lechan"), dossier=first)
    assert Notification.objects.filter(
        user=user("snv"), kind="award_dossier.submitted", object_id=first.pk
    ).exists()
    second = approved_dossier(CITY, lechan, year=2027, nominees=[office("Lê Chân", "VP")])
    services.dossier_submit(actor=user("lechan"), dossier=second)
    refused = Notification.objects.get(
        user=user("lechan"), kind="award_dossier.refused", object_id=second.pk
    )
    assert "01 tập thể" in refused.text
