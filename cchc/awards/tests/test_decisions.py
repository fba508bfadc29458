"""Award decisions on the demo city: drafting from the council's recommendations, the Word file, signing (awards,
nominations, the registry), the upward proposal and the higher decision, revocation."""

import io
import shutil
import subprocess
from datetime import date

import docx
import pytest
from django.contrib.auth import get_user_model

from cchc.awards import files_decisions as files
from cchc.awards import services_decisions as services
from cchc.awards.choices import DecisionKind, DecisionStatus, NominationStatus
from cchc.awards.models import Award, Decision, Dossier, Nomination, Programme
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.orgs.models import Person, Unit
from cchc.registry.models import Document

pytestmark = pytest.mark.django_db
YEAR = 2027


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def le_chan(demo_city):
    return Unit.objects.get(code="HP-P004")


@pytest.fixture
def round_2027(le_chan):
    """Lê Chân's persons programme for 2027: two passed, one lowered from a city Bằng khen, one passed for a city
    Bằng khen (beyond the ward's power), one failed."""
    programme = Programme.objects.get(code="lc259_gk_hang_nam_ca_nhan")
    people = list(
        Person.objects.filter(unit__parent=le_chan, nominations__isnull=True).order_by("-pk")[:5]
    )
    dossier = Dossier.objects.create(
        programme=programme,
        proposing_unit=Unit.objects.get(code="HP-P004-VHXH"),
        number=901,
        year=YEAR,
        status="received",
    )
    rows = [
        ("giay_khen_chu_tich_ubnd_phuong", NominationStatus.PASSED, ""),
        ("giay_khen_chu_tich_ubnd_phuong", NominationStatus.PASSED, ""),
        ("bang_khen_chu_tich_ubnd_tp", NominationStatus.LOWERED, "giay_khen_chu_tich_ubnd_phuong"),
        ("bang_khen_chu_tich_ubnd_tp", NominationStatus.PASSED, ""),
        ("giay_khen_chu_tich_ubnd_phuong", NominationStatus.FAILED, ""),
    ]
    nominations = [
        Nomination.objects.create(
            dossier=dossier,
            subject="person",
            person=p,
            name=p.full_name,
            form=form,
            status=status,
            result_form=result,
            order=i,
        )
        for i, (p, (form, status, result)) in enumerate(zip(people, rows, strict=True))
    ]
    return programme, nominations


def test_the_draft_takes_the_passed_and_lowered_nominees_the_ward_confers(round_2027):
    programme, noms = round_2027
    decision = services.decision_draft(
        actor=user("lechan"),
        programme=programme,
        year=YEAR,
        submission_number="31/TTr-VHXH",
        submission_date=date(2027, 11, 16),
    )
    assert decision.status == DecisionStatus.DRAFT and decision.kind == DecisionKind.OWN
    assert "tại Tờ trình số 31/TTr-VHXH ngày 16 tháng 11 năm 2027" in decision.proposal
    assert set(decision.nominations.all()) == {noms[0], noms[1], noms[2]}
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân phường Lê Chân" in decision.title
    texts = [b["text"] for b in decision.bases]
    assert any("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in t for t in texts)
    assert any("152/2025/NĐ-CP" in t for t in texts)
    assert any("2162/QĐ-UBND" in t for t in texts), (
        "the movement the plan cascades, from the registry"
    )
    assert any("259/KH-UBND" in t for t in texts), "the movement's plan"
    assert AuditLog.objects.filter(
        action="award_decision.draft", object_id=str(decision.pk)
    ).exists()


def test_a_viewer_or_another_ward_cannot_draft(round_2027):
    programme, _ = round_2027
    for name in ("lechan.xem", "khucthuadu", "lechan.chutich"):
        with pytest.raises(PermissionDenied):
            services.decision_draft(actor=user(name), programme=programme, year=YEAR)


def test_the_decision_docx_carries_the_number_the_annex_rows_and_the_total(round_2027):
    programme, noms = round_2027
    decision = services.decision_draft(actor=user("lechan"), programme=programme, year=YEAR)
    services.decision_sign(
        actor=user("lechan.chutich"),
        decision=decision,
        number="88/QĐ-UBND",
        signed_on=date(2027, 11, 20),
        signer_name="Phạm Văn Tân",
        signer_title="Chủ tịch",
    )
    document = docx.Document(io.BytesIO(files.decision_docx(decision)))
    body = "\n".join(p.text for p in document.paragraphs)
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    flat = "\n".join(" | ".join(r) for r in cells)
    assert "Số: 88/QĐ-UBND" in flat
    assert "Lê Chân, ngày 20 tháng 11 năm 2027" in flat
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN" in body
    assert "Điều 1." in body and "03 cá nhân" in body
    assert (
        "Điều 2." in body
        and "2.340.000 đồng" in body
        and "Tổng số tiền thưởng: 2.130.000 đồng" in body
    )
    assert "Nguồn kinh phí: Quỹ thi đua, khen thưởng" in body
    assert "Điều 3." in body and "chịu trách nhiệm thi hành" in body
    annex = [r for r in cells if r[0].isdigit()]
    assert sorted(r[1] for r in annex) == sorted(n.name for n in noms[:3])
    assert all(r[4] == "710.000" for r in annex)
    assert ["", "Tổng cộng", "", "", "2.130.000"] in cells
    assert any("Phạm Văn Tân" in c for r in cells for c in r)


def test_a_deputy_signs_for_the_chairman():
    decision = Decision(signer_title="Phó Chủ tịch", signer_name="Vũ Tiến Phụng")
    assert files.signer_of(decision).lines() == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_signing_creates_the_awards_and_registers_the_decision(round_2027):
    programme, noms = round_2027
    decision = services.decision_draft(actor=user("lechan"), programme=programme, year=YEAR)
    with pytest.raises(PermissionDenied):
        services.decision_sign(
            actor=user("lechan"),
            decision=decision,
            number="88/QĐ-UBND",
            signed_on=date(2027, 11, 20),
            signer_name="x",
        )
    services.decision_sign(
        actor=user("lechan.chutich"),
        decision=decision,
        number="88/QĐ-UBND",
        signed_on=date(2027, 11, 20),
        signer_name="Phạm Văn Tân",
    )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SIGNED
    awards = list(decision.awards.order_by("pk"))
    assert len(awards) == 3
    assert {a.form for a in awards} == {"giay_khen_chu_tich_ubnd_phuong"}, (
        "the lowered one at the lower form"
    )
    assert all(
        a.amount == 710_000 and a.year == YEAR and a.decision_number == "88/QĐ-UBND" for a in awards
    )
    assert all(len(a.code) >= 20 for a in awards) and len({a.code for a in awards}) == 3
    statuses = {n.pk: Nomination.objects.get(pk=n.pk).status for n in noms}
    assert [statuses[n.pk] for n in noms] == [
        NominationStatus.AWARDED,
        NominationStatus.AWARDED,
        NominationStatus.AWARDED,
        NominationStatus.PASSED,  # beyond the ward's power: waits for the upward proposal
        NominationStatus.NOT_AWARDED,
    ]
    doc = decision.document
    assert doc is not None and doc.number == "88/QĐ-UBND" and doc.doc_type == "QĐ"
    assert doc.org_unit_id == decision.unit_id and doc.created_by == user("lechan.chutich")
    cited = {b.cited_number: b.cited_id for b in doc.bases.all()}
    assert (
        cited["259/KH-UBND"]
        == Document.objects.get(number="259/KH-UBND", org_unit=decision.unit).pk
    )
    assert AuditLog.objects.filter(
        action="award_decision.sign", object_id=str(decision.pk)
    ).exists()


def test_signing_refuses_a_missing_number_a_future_date_and_a_number_used_twice(
    round_2027, le_chan
):
    programme, _ = round_2027
    decision = services.decision_draft(actor=user("lechan"), programme=programme, year=YEAR)
    leader = user("lechan.chutich")
    sign = dict(actor=leader, decision=decision, signer_name="Phạm Văn Tân")
    with pytest.raises(DomainError, match="số, ký hiệu"):
        services.decision_sign(number="", signed_on=date(2027, 11, 20), **sign)
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        services.decision_sign(number="88/QĐ-UBND", signed_on=date(2027, 12, 1), **sign)
    Decision.objects.create(
        unit=le_chan, title="Khác", issuer="x", number="88/QĐ-UBND", signed_on=date(2027, 1, 5)
    )
    with pytest.raises(DomainError, match="đã dùng"):
        services.decision_sign(number="88/QĐ-UBND", signed_on=date(2027, 11, 20), **sign)
    assert not decision.awards.exists()


def test_forms_beyond_the_ward_are_proposed_upward_and_the_city_decision_recorded(round_2027):
    programme, noms = round_2027
    proposal = services.proposal_create(
        actor=user("lechan"),
        programme=programme,
        year=YEAR,
        submission_number="77/TTr-UBND",
        submission_date=date(2027, 11, 10),
    )
    assert proposal.kind == DecisionKind.HIGHER and proposal.status == DecisionStatus.DRAFT
    assert proposal.proposed_to == Unit.objects.get(code="HP")
    assert list(proposal.nominations.all()) == [noms[3]]
    assert Nomination.objects.get(pk=noms[3].pk).status == NominationStatus.PROPOSED_UP
    submission = docx.Document(io.BytesIO(files.submission_docx(proposal)))
    text = "\n".join(p.text for p in submission.paragraphs)
    flat = "\n".join(c.text for t in submission.tables for r in t.rows for c in r.cells)
    assert "TỜ TRÌNH" in text and "Kính gửi" in text + flat
    assert "Chủ tịch Ủy ban nhân dân thành phố Hải Phòng" in text and noms[3].name in flat
    assert "Số: 77/TTr-UBND" in flat
    with pytest.raises(DomainError, match="vượt thẩm quyền"):
        services.proposal_create(actor=user("lechan"), programme=programme, year=YEAR)

    services.higher_record(
        actor=user("lechan"),
        decision=proposal,
        number="2050/QĐ-UBND",
        signed_on=date(2027, 11, 25),
        signer_name="Vũ Tiến Phụng",
        signer_title="Phó Chủ tịch",
        issuer="Chủ tịch Ủy ban nhân dân thành phố Hải Phòng",
    )
    award = Award.objects.get(nomination=noms[3])
    assert award.form == "bang_khen_chu_tich_ubnd_tp" and award.amount == 3_510_000
    assert award.decision_number == "2050/QĐ-UBND" and award.decided_by.startswith(
        "Chủ tịch Ủy ban"
    )
    assert Nomination.objects.get(pk=noms[3].pk).status == NominationStatus.AWARDED
    assert proposal.document.issuer_unit == Unit.objects.get(code="HP")


def test_revocation_keeps_the_award_marked_revoked_with_its_reason_and_document(round_2027):
    programme, _ = round_2027
    decision = services.decision_draft(actor=user("lechan"), programme=programme, year=YEAR)
    services.decision_sign(
        actor=user("lechan.chutich"),
        decision=decision,
        number="88/QĐ-UBND",
        signed_on=date(2027, 11, 20),
        signer_name="Phạm Văn Tân",
    )
    award = decision.awards.order_by("pk").first()
    with pytest.raises(PermissionDenied):
        services.award_revoke(
            actor=user("lechan.xem"),
            award=award,
            reason="x",
            document_number="99/QĐ-UBND",
            revoked_on=date(2027, 11, 25),
        )
    with pytest.raises(DomainError, match="lý do"):
        services.award_revoke(
            actor=user("lechan"),
            award=award,
            reason=" ",
            document_number="99/QĐ-UBND",
            revoked_on=date(2027, 11, 25),
        )
    services.award_revoke(
        actor=user("lechan"),
        award=award,
        reason="Kê khai thành tích không đúng",
        document_number="99/QĐ-UBND",
        revoked_on=date(2027, 11, 25),
    )
    award.refresh_from_db()
    assert award.revoked and award.revoke_reason == "Kê khai thành tích không đúng"
    assert award.revoke_document.number == "99/QĐ-UBND"
    assert Award.objects.filter(pk=award.pk).exists()
    log = AuditLog.objects.get(action="award.revoke", object_id=str(award.pk))
    assert log.note == "Kê khai thành tích không đúng"
    with pytest.raises(DomainError, match="đã bị thu hồi"):
        services.award_revoke(
            actor=user("lechan"),
            award=award,
            reason="x",
            document_number="1/QĐ",
            revoked_on=date(2027, 11, 25),
        )


def test_the_demo_has_the_ward_city_phu_luong_decisions_and_a_revoked_award(demo_city):
    le_chan = Decision.objects.get(number="45/QĐ-UBND", unit__code="HP-P004")
    assert le_chan.status == DecisionStatus.SIGNED and le_chan.awards.count() == 3
    assert {int(a.amount) for a in le_chan.awards.all()} == {710_000}
    city = Decision.objects.get(number="1180/QĐ-UBND", unit__code="HP")
    assert {a.form for a in city.awards.all()} == {"bang_khen_chu_tich_ubnd_tp"}
    assert {int(a.amount) for a in city.awards.all()} == {7_020_000}
    phu_luong = Decision.objects.get(number="112/QĐ-UBND", unit__code="HN-HD-PL")
    assert phu_luong.signed_on == date(2023, 10, 20)
    assert {int(a.amount) for a in phu_luong.awards.all()} == {540_000}, "the base salary of 2023"
    assert Award.objects.filter(decision=le_chan, revoked_on__isnull=False).count() == 1
    assert Decision.objects.filter(kind="higher", unit__code="HP-P004", status="draft").exists()
    assert not Decision.objects.filter(signed_on__gt=date(2027, 11, 26)).exists()


def test_a_2023_decision_rests_on_the_laws_in_force_in_2023(demo_city):
    decision = Decision.objects.get(number="112/QĐ-UBND", unit__code="HN-HD-PL")
    body = "\n".join(
        p.text for p in docx.Document(io.BytesIO(files.decision_docx(decision))).paragraphs
    )
    assert "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003" in body
    assert "Nghị định số 91/2017/NĐ-CP" in body and "152/2025" not in body
    assert (
        "mức lương cơ sở 1.800.000 đồng" in body and "Tổng số tiền thưởng: 1.080.000 đồng" in body
    )
    assert "26/KH-UBND" in body, "the movement's plan of Phú Lương, from the registry"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_the_decision_converts_to_pdf_with_libreoffice(demo_city, tmp_path):
    decision = Decision.objects.get(number="45/QĐ-UBND", unit__code="HP-P004")
    source = tmp_path / "quyet-dinh.docx"
    source.write_bytes(files.decision_docx(decision))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "quyet-dinh.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Số: 45/QĐ-UBND" in text and "QUYẾT ĐỊNH" in text
    assert "2.130.000" in text and "Phụ lục" in text
