"""Demo award rules and the facts they read.

The five seed rule files are saved through `save_rule_file` for their issuing units (the city of Hải Phòng,
phường Lê Chân, xã Khúc Thừa Dụ, phường Lê Thanh Nghị, phường Phú Lương of Hà Đông). Facts, none dated after
the demo's day:

- discipline: a công chức of xã Khúc Thừa Dụ reprimanded (khiển trách) on 14/08/2026, so the commune fails
  "không có cán bộ, công chức vi phạm" for 2026; a specialist of phường Lê Chân reprimanded in 2025 (over before
  the period: Lê Chân keeps the standard for 2026); a cảnh cáo at a city department in 2027;
- yearly evaluations of 2025 and 2026 (of 2027 too, once mid-December has passed) of the people a ward or the
  city would nominate: phường Lê Chân's CCHC officers, the director of its service centre, the city's Phòng
  CCHC&PC; collectives' evaluations of Lê Chân's offices;
- spells of direct CCHC work of Lê Chân's and the city's CCHC staff;
- one manual standard checked (Lê Chân's "kỷ luật, kỷ cương hành chính" for 2026, passed, with evidence) and the
  other ("kết quả nổi bật về TTHC, chuyển đổi số") left unchecked: "cần kiểm tra".
"""

from __future__ import annotations

from datetime import date

from cchc.awards.choices import DisciplineLevel as D
from cchc.awards.choices import EvaluationClass as E
from cchc.awards.models import (
    CchcAssignment,
    DisciplineRecord,
    Evaluation,
    ManualCheck,
    Programme,
    RuleFile,
    UnitEvaluation,
)
from cchc.awards.rule_files import save_rule_file
from cchc.awards.rules.schema import PROGRAMMES_DIR
from cchc.core.scope import SYSTEM
from cchc.demo.day import DEMO_DAY
from cchc.orgs.models import Person, Unit

# Rule file → the key of its issuing unit in the demo's units.
ISSUERS = {
    "hp-2162-2026": "city",
    "lc-259-2026": "level:Lê Chân",
    "ktd-2026": "level:Khúc Thừa Dụ",
    "ltn-2026": "level:Lê Thanh Nghị",
    "pl-26-2023": "phu_luong",
}


def load_rule_files(units: dict) -> dict[str, RuleFile]:
    """Save the seed rule files for their issuers (unchanged files are left as they are)."""
    saved = {}
    for file_id, key in ISSUERS.items():
        path = PROGRAMMES_DIR / f"{file_id}.yaml"
        text = path.read_text(encoding="utf-8")
        existing = RuleFile.objects.filter(file_id=file_id).first()
        if existing is not None and existing.text == text:
            saved[file_id] = existing
            continue
        saved[file_id] = save_rule_file(
            text, unit=units[key], actor=SYSTEM, source_path=f"cchc/awards/programmes/{path.name}"
        )
    return saved


def _person(unit: Unit, position: str) -> Person:
    person = Person.objects.filter(unit=unit, position=position).order_by("pk").first()
    if person is None:
        raise LookupError(f"no {position} in {unit}")
    return person


def _evaluated(year: int, day: date) -> bool:
    """A year's evaluations are made in its last fortnight."""
    return day >= date(year, 12, 15)


def load(ctx: dict) -> None:
    units = ctx["units"]
    day: date = ctx.get("day") or DEMO_DAY
    load_rule_files(units)
    if DisciplineRecord.objects.exists() or CchcAssignment.objects.exists():
        return
    lc_vhxh = units["office:Lê Chân:VHXH"]
    lc_hcc = units["office:Lê Chân:TTPVHCC"]
    lc_vp = units["office:Lê Chân:VP"]
    ktd_vp = units["office:Khúc Thừa Dụ:VP"]
    snv_par = units["snv_par"]

    lc_cchc = _person(lc_vhxh, "Chuyên viên CCHC")
    lc_head = _person(lc_vhxh, "Trưởng phòng")
    lc_hcc_director = _person(lc_hcc, "Giám đốc")
    lc_hcc_clerk = _person(lc_hcc, "Công chức một cửa")
    lc_vp_specialist = _person(lc_vp, "Chuyên viên")
    snv_head = _person(snv_par, "Trưởng phòng")
    snv_deputy = _person(snv_par, "Phó Trưởng phòng")
    snv_specialist = _person(snv_par, "Chuyên viên")
    ktd_specialist = _person(ktd_vp, "Chuyên viên")
    dept = next(u for u in units["departments"] if u.name != "Sở Nội vụ")
    dept_person = _person(dept, "Chuyên viên CCHC")

    discipline = [
        (
            ktd_specialist,
            D.KHIEN_TRACH,
            date(2026, 8, 14),
            date(2027, 2, 14),
            "Chậm giải quyết 03 hồ sơ đất đai quá hạn, không thông báo cho người dân (khiển trách).",
        ),
        (
            lc_vp_specialist,
            D.KHIEN_TRACH,
            date(2025, 3, 10),
            date(2025, 9, 10),
            "Vi phạm quy định về văn hóa công sở (khiển trách, đã hết hiệu lực).",
        ),
        (
            dept_person,
            D.CANH_CAO,
            date(2027, 3, 20),
            date(2028, 3, 20),
            "Vi phạm quy trình tiếp nhận hồ sơ trực tuyến (cảnh cáo).",
        ),
    ]
    DisciplineRecord.objects.bulk_create(
        DisciplineRecord(person=p, unit=p.unit, level=level, decided_on=on, ends_on=ends, note=note)
        for p, level, on, ends, note in discipline
        if on <= day
    )

    grades = {
        lc_cchc: {2025: E.HTXS, 2026: E.HTXS, 2027: E.HTXS},
        lc_head: {2025: E.HTT, 2026: E.HTXS, 2027: E.HTT},
        lc_hcc_director: {2025: E.HTXS, 2026: E.HTXS, 2027: E.HTXS},
        lc_hcc_clerk: {2025: E.HTT, 2026: E.HTT, 2027: E.HTXS},
        lc_vp_specialist: {2025: E.HT, 2026: E.HTT, 2027: E.HTT},
        snv_head: {2025: E.HTXS, 2026: E.HTXS, 2027: E.HTXS},
        snv_deputy: {2025: E.HTT, 2026: E.HTXS, 2027: E.HTT},
        snv_specialist: {2025: E.HTT, 2026: E.HTT, 2027: E.HTXS},
        ktd_specialist: {2025: E.HTT, 2026: E.HT, 2027: E.HTT},
    }
    Evaluation.objects.bulk_create(
        Evaluation(person=p, unit=p.unit, year=year, grade=grade)
        for p, by_year in grades.items()
        for year, grade in by_year.items()
        if _evaluated(year, day)
    )
    unit_grades = {lc_vhxh: E.HTXS, lc_hcc: E.HTXS, lc_vp: E.HTT}
    UnitEvaluation.objects.bulk_create(
        UnitEvaluation(unit=u, year=year, grade=grade)
        for u, grade in unit_grades.items()
        for year in (2025, 2026, 2027)
        if _evaluated(year, day)
    )

    spells = [
        (lc_cchc, "Chuyên viên tham mưu công tác CCHC của phường", date(2025, 7, 1), None, True),
        (lc_head, "Trưởng phòng, phụ trách công tác CCHC, thi đua", date(2025, 7, 1), None, True),
        (
            lc_hcc_director,
            "Giám đốc Trung tâm Phục vụ hành chính công",
            date(2025, 7, 1),
            None,
            True,
        ),
        (lc_hcc_clerk, "Công chức tiếp nhận, trả kết quả một cửa", date(2025, 7, 1), None, True),
        (lc_vp_specialist, "Chuyên viên tổng hợp Văn phòng", date(2025, 7, 1), None, False),
        (snv_head, "Trưởng phòng CCHC&PC, Sở Nội vụ", date(2023, 2, 1), None, True),
        (snv_deputy, "Phó Trưởng phòng CCHC&PC, Sở Nội vụ", date(2024, 9, 1), None, True),
        (
            snv_specialist,
            "Chuyên viên Phòng Tổ chức cán bộ, Sở Nội vụ",
            date(2022, 3, 1),
            date(2026, 2, 28),
            False,
        ),
        (snv_specialist, "Chuyên viên Phòng CCHC&PC, Sở Nội vụ", date(2026, 3, 1), None, True),
    ]
    CchcAssignment.objects.bulk_create(
        CchcAssignment(person=p, unit=p.unit, position=pos, start=start, end=end, direct=direct)
        for p, pos, start, end, direct in spells
        if start <= day
    )

    checked_on = date(2027, 3, 5)
    programme = Programme.objects.filter(code="lc259_tp_hang_nam_tap_the").first()
    if programme is not None and checked_on <= day:
        from django.contrib.auth import get_user_model

        checker = get_user_model().objects.filter(username="lechan").first()
        ManualCheck.objects.create(
            programme=programme,
            criterion="ky_cuong",
            year=2026,
            unit=units["level:Lê Chân"],
            passed=True,
            evidence=(
                "Báo cáo kết quả kiểm tra công vụ năm 2026 của UBND phường: không có phản ánh, kiến nghị về "
                "chậm trễ, gây phiền hà; 100% hồ sơ TTHC giải quyết đúng hạn trên Hệ thống thông tin giải "
                "quyết TTHC thành phố."
            ),
            checked_on=checked_on,
            checked_by=checker,
        )
