"""Award decisions of the demo city: phường Lê Chân's Giấy khen for the 2026 round (signed, one award later
revoked) and its proposal to the city of a Bằng khen; the city's Bằng khen decision for the annual round 2026
(2162/QĐ-UBND, phường Hồng Bàng and Ngô Quyền); phường Phú Lương's Giấy khen of 2023 (26/KH-UBND, base salary of 2023).

Runs after the councils' layer: it signs what the councils recommended (Lê Chân's council of 18/03/2027 passed
three officers for the Giấy khen and one for a Bằng khen of the city's chairman), and only when a round has no
recommended nominee (the councils' layer is not installed) it records the minimum itself — a received dossier
whose nominees the council passed. Idempotent: a step already done is skipped. Nothing is dated after the demo's day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db.models import Max
from django.test import override_settings

from cchc.awards import services_decisions as services
from cchc.awards.choices import DossierStatus, NominationStatus, Subject
from cchc.awards.models import Award, Decision, Dossier, Nomination, Programme, RuleFile
from cchc.awards.rule_files import save_rule_file
from cchc.core.scope import SYSTEM
from cchc.demo.day import DEMO_DAY
from cchc.orgs.models import Person, Unit

PROGRAMMES_DIR = Path(__file__).resolve().parent.parent / "awards" / "programmes"
RULE_FILES = {"lc-259-2026": "HP-P004", "hp-2162-2026": "HP", "pl-26-2023": "HN-HD-PL"}
TAKEN = (
    NominationStatus.PASSED,
    NominationStatus.LOWERED,
    NominationStatus.PROPOSED_UP,
    NominationStatus.AWARDED,
)


def on(day: date):
    return override_settings(CCHC_TODAY=day.strftime("%d/%m/%Y"))


def _base_salaries() -> None:
    """The base salaries of the catalogue (migration 0004 adds them too; a flushed test database has lost
    them): the money of every award below reads them."""
    from cchc.awards.models import BaseSalary
    from cchc.awards.rules.catalogue import catalogue

    for row in catalogue().base_salary:
        BaseSalary.objects.get_or_create(
            from_date=row.from_date, defaults={"amount": row.amount, "source": row.source}
        )


def _rule_files() -> None:
    for file_id, unit_code in RULE_FILES.items():
        if not RuleFile.objects.filter(file_id=file_id).exists():
            text = (PROGRAMMES_DIR / f"{file_id}.yaml").read_text(encoding="utf-8")
            save_rule_file(
                text,
                unit=Unit.objects.get(code=unit_code),
                actor=SYSTEM,
                source_path=f"{file_id}.yaml",
            )


def _nominees(
    programme: Programme, year: int, proposing: Unit, nominees: list, *, received: date
) -> None:
    """A received dossier whose nominees the council decided (the councils' layer does it when installed)."""
    if Nomination.objects.filter(
        dossier__programme=programme, dossier__year=year, status__in=TAKEN
    ).exists():
        return
    number = (Dossier.objects.filter(programme=programme).aggregate(m=Max("number"))["m"] or 0) + 1
    dossier = Dossier.objects.create(
        programme=programme,
        proposing_unit=proposing,
        number=number,
        year=year,
        title=f"Hồ sơ đề nghị {programme.name[:1].lower()}{programme.name[1:]} năm {year}",
        status=DossierStatus.RECEIVED,
        received_on=received,
    )
    for order, (who, status) in enumerate(nominees):
        person = who if isinstance(who, Person) else None
        unit = who if isinstance(who, Unit) else None
        Nomination.objects.create(
            dossier=dossier,
            subject=Subject.PERSON if person else Subject.COLLECTIVE,
            person=person,
            unit=unit,
            name=who.full_name if person else who.name,
            form=programme.form,
            achievement="Hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm "
            f"{year}; có sáng kiến được công nhận.",
            status=status,
            order=order,
        )


def _signed(level: Unit, number: str) -> bool:
    return Decision.objects.filter(unit=level, number=number).exists()


def _decision(
    programme: Programme, year: int, *, drafted: date, signed: date, submission: str, **sign
) -> Decision:
    with on(drafted):
        decision = services.decision_draft(
            actor=SYSTEM,
            programme=programme,
            year=year,
            submission_number=submission,
            submission_date=drafted,
        )
    with on(signed):
        return services.decision_sign(actor=SYSTEM, decision=decision, signed_on=signed, **sign)


def load(ctx: dict) -> None:
    day = ctx.get("day") or DEMO_DAY
    _base_salaries()
    _rule_files()
    le_chan = Unit.objects.get(code="HP-P004")
    city = Unit.objects.get(code="HP")
    phu_luong = Unit.objects.get(code="HN-HD-PL")
    # Officers outside the Phòng Văn hóa - Xã hội, whose first officers the registry's history awards already.
    staff = list(
        Person.objects.filter(unit__parent=le_chan)
        .exclude(unit__code="HP-P004-VHXH")
        .order_by("pk")[:5]
    )
    pl_staff = list(Person.objects.filter(unit__parent=phu_luong).order_by("pk")[:2])

    # Phú Lương, 2023 (26/KH-UBND): the ward's Giấy khen, dossiers before 03/10/2023.
    if day >= date(2023, 10, 20) and not _signed(phu_luong, "112/QĐ-UBND"):
        programme = Programme.objects.get(code="pl26_gk_phuong_ca_nhan")
        _nominees(
            programme,
            2023,
            phu_luong,
            [(p, NominationStatus.PASSED) for p in pl_staff],
            received=date(2023, 10, 2),
        )
        _decision(
            programme,
            2023,
            drafted=date(2023, 10, 16),
            signed=date(2023, 10, 20),
            submission="18/TTr-VP",
            number="112/QĐ-UBND",
            signer_name="Nguyễn Văn Hưng",
            signer_title="Chủ tịch",
        )

    # Lê Chân, round 2026 (259/KH-UBND): the ward's Giấy khen, dossiers before 15/3/2027.
    if day >= date(2027, 3, 25) and not _signed(le_chan, "45/QĐ-UBND"):
        programme = Programme.objects.get(code="lc259_gk_hang_nam_ca_nhan")
        _nominees(
            programme,
            2026,
            Unit.objects.get(code="HP-P004-VHXH"),
            [
                (staff[0], NominationStatus.PASSED),
                (staff[1], NominationStatus.PASSED),
                (staff[2], NominationStatus.PASSED),
                (staff[3], NominationStatus.FAILED),
            ],
            received=date(2027, 3, 14),
        )
        _decision(
            programme,
            2026,
            drafted=date(2027, 3, 20),
            signed=date(2027, 3, 25),
            submission="09/TTr-VHXH",
            number="45/QĐ-UBND",
            signer_name="Phạm Văn Tân",
            signer_title="Chủ tịch",
        )

    # Lê Chân proposes a Bằng khen of the city's chairman for one person (beyond the ward's power).
    upward = Programme.objects.get(code="lc259_tp_hang_nam_ca_nhan")
    if day >= date(2027, 3, 26) and not Decision.objects.filter(programme=upward).exists():
        _nominees(
            upward,
            2026,
            Unit.objects.get(code="HP-P004-VHXH"),
            [(staff[4], NominationStatus.PASSED)],
            received=date(2027, 3, 14),
        )
        with on(date(2027, 3, 26)):
            services.proposal_create(
                actor=SYSTEM,
                programme=upward,
                year=2026,
                submission_number="52/TTr-UBND",
                submission_date=date(2027, 3, 26),
            )

    # The city's annual round 2026 (2162/QĐ-UBND): Bằng khen of the chairman for two wards.
    if day >= date(2027, 4, 25) and not _signed(city, "1180/QĐ-UBND"):
        programme = Programme.objects.get(code="hp2162_tp_hang_nam_tap_the")
        # Lê Chân's Bằng khen of 2026 is in the registry's history (688/QĐ-UBND): two other wards here.
        for ward_code in ("HP-P001", "HP-P002"):
            ward = Unit.objects.filter(code=ward_code).first()
            if ward is not None:
                _nominees_for_unit(programme, ward)
        _decision(
            programme,
            2026,
            drafted=date(2027, 4, 20),
            signed=date(2027, 4, 25),
            submission="215/TTr-SNV",
            number="1180/QĐ-UBND",
            signer_name="Vũ Tiến Phụng",
            signer_title="Phó Chủ tịch",
        )

    # A revoked award: a Lê Chân award whose achievement report was found wrong.
    if day >= date(2027, 6, 15):
        award = (
            Award.objects.filter(decision__unit=le_chan, decision_number="45/QĐ-UBND")
            .order_by("-pk")
            .first()
        )
        if (
            award is not None
            and not Award.objects.filter(decision__unit=le_chan, revoked_on__isnull=False).exists()
        ):
            with on(date(2027, 6, 15)):
                services.award_revoke(
                    actor=SYSTEM,
                    award=award,
                    reason="Báo cáo thành tích kê khai số liệu giải quyết thủ tục hành chính không đúng thực "
                    "tế (kết quả kiểm tra của Phòng Văn hóa - Xã hội).",
                    document_number="61/QĐ-UBND",
                    revoked_on=date(2027, 6, 15),
                )


def _nominees_for_unit(programme: Programme, ward: Unit) -> None:
    """One dossier per proposing ward (each proposes itself, 2162/QĐ-UBND: one collective per unit)."""
    if Nomination.objects.filter(
        dossier__programme=programme, dossier__year=2026, unit=ward, status__in=TAKEN
    ).exists():
        return
    number = (Dossier.objects.filter(programme=programme).aggregate(m=Max("number"))["m"] or 0) + 1
    dossier = Dossier.objects.create(
        programme=programme,
        proposing_unit=ward,
        number=number,
        year=2026,
        title=f"Hồ sơ đề nghị Bằng khen năm 2026 – {ward.name}",
        status=DossierStatus.RECEIVED,
        received_on=date(2027, 3, 28),
    )
    Nomination.objects.create(
        dossier=dossier,
        subject=Subject.COLLECTIVE,
        unit=ward,
        name=ward.name,
        form=programme.form,
        achievement="Xếp hạng trong nhóm dẫn đầu Chỉ số CCHC khối phường năm 2026; có sáng kiến được công nhận.",
        status=NominationStatus.PASSED,
    )
