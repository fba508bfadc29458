"""Writes of the facts the award rules read that no other module keeps: discipline, yearly evaluations of people
and collectives, spells of direct CCHC work, checks of manual standards. One transaction, policy, audit each."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from cchc.awards import policies
from cchc.awards.choices import Subject
from cchc.awards.models import (
    CchcAssignment,
    DisciplineRecord,
    Evaluation,
    ManualCheck,
    Programme,
    UnitEvaluation,
)
from cchc.awards.rule_files import programme_rule
from cchc.core import audit, dates
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import user_or_none
from cchc.orgs.models import Person, Unit

REFUSED = "Bạn không có quyền ghi dữ liệu khen thưởng của đơn vị này."


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(REFUSED)


def _not_after_today(value: date | None, field: str, label: str) -> None:
    if value is not None and value > dates.today():
        raise DomainError(
            f"{label} ({value:%d/%m/%Y}) chưa đến: không ghi ngày sau hôm nay.", field=field
        )


def _clean(obj: models.Model) -> None:
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError("; ".join(messages), field=field) from None


def _save(
    obj: models.Model, *, actor, action: str, unit: Unit, apply: dict[str, Any], fields: list[str]
) -> models.Model:
    created = obj.pk is None
    with audit.tracked(
        actor=actor,
        action=f"{action}.{'create' if created else 'update'}",
        obj=obj,
        fields=fields,
        unit_path=unit.path,
    ):
        for key, value in apply.items():
            setattr(obj, key, value)
        _clean(obj)
        obj.save()
    return obj


def _document(actor, number: str):
    from cchc.registry.models import Document

    number = (number or "").strip()
    if not number:
        return None
    doc = Document.objects.visible_to(actor).filter(number__iexact=number).order_by("-pk").first()
    if doc is None:
        raise DomainError(
            f"Không tìm thấy văn bản số “{number}” trong sổ văn bản của bạn: vào sổ văn bản trước, "
            "hoặc để trống.",
            field="document_number",
        )
    return doc


@transaction.atomic
def discipline_save(
    *,
    actor,
    person: Person,
    level: str,
    decided_on: date,
    ends_on: date | None = None,
    document_number: str = "",
    note: str = "",
    record: DisciplineRecord | None = None,
) -> DisciplineRecord:
    """Record (or correct) a disciplinary measure against a person: the "no discipline" standards read it."""
    _require(policies.can_record_fact(actor, person.unit))
    if record is not None:
        _require(policies.can_record_fact(actor, record.unit))
    _not_after_today(decided_on, "decided_on", "Ngày quyết định")
    if ends_on is not None and ends_on < decided_on:
        raise DomainError("Ngày hết hiệu lực phải từ ngày quyết định trở đi.", field="ends_on")
    obj = record or DisciplineRecord()
    return _save(
        obj,
        actor=actor,
        action="award_discipline",
        unit=person.unit,
        apply=dict(
            person=person,
            unit=person.unit,
            level=level,
            decided_on=decided_on,
            ends_on=ends_on,
            document=_document(actor, document_number),
            note=note.strip(),
        ),
        fields=["person", "unit", "level", "decided_on", "ends_on", "document", "note"],
    )  # type: ignore[return-value]


@transaction.atomic
def evaluation_save(
    *, actor, person: Person, year: int, grade: str, record: Evaluation | None = None
) -> Evaluation:
    """Record a person's yearly evaluation (one a year)."""
    _require(policies.can_record_fact(actor, person.unit))
    if record is not None:
        _require(policies.can_record_fact(actor, record.unit))
    _not_after_today(date(year, 1, 1), "year", "Năm xếp loại")
    clash = Evaluation.objects.filter(person=person, year=year).exclude(
        pk=record.pk if record else 0
    )
    if clash.exists():
        raise DomainError(
            f"{person.full_name} đã có xếp loại năm {year}: sửa dòng đó thay vì thêm mới.",
            field="year",
        )
    return _save(
        record or Evaluation(),
        actor=actor,
        action="award_evaluation",
        unit=person.unit,
        apply=dict(person=person, unit=person.unit, year=year, grade=grade),
        fields=["person", "unit", "year", "grade"],
    )  # type: ignore[return-value]


@transaction.atomic
def unit_evaluation_save(
    *, actor, unit: Unit, year: int, grade: str, record: UnitEvaluation | None = None
) -> UnitEvaluation:
    """Record a collective's yearly evaluation (one a year)."""
    _require(policies.can_record_fact(actor, unit))
    if record is not None:
        _require(policies.can_record_fact(actor, record.unit))
    _not_after_today(date(year, 1, 1), "year", "Năm xếp loại")
    clash = UnitEvaluation.objects.filter(unit=unit, year=year).exclude(
        pk=record.pk if record else 0
    )
    if clash.exists():
        raise DomainError(
            f"{unit.name} đã có xếp loại năm {year}: sửa dòng đó thay vì thêm mới.", field="year"
        )
    return _save(
        record or UnitEvaluation(),
        actor=actor,
        action="award_unit_evaluation",
        unit=unit,
        apply=dict(unit=unit, year=year, grade=grade),
        fields=["unit", "year", "grade"],
    )  # type: ignore[return-value]


@transaction.atomic
def cchc_assignment_save(
    *,
    actor,
    person: Person,
    position: str,
    start: date,
    end: date | None = None,
    direct: bool | None = None,
    record: CchcAssignment | None = None,
) -> CchcAssignment:
    """Record a spell of a person's work and whether it was direct CCHC work (the period-end "03 năm trực tiếp
    chỉ đạo, phụ trách, tham mưu … công tác CCHC" standard, 2162/QĐ-UBND, mục III.2.2)."""
    _require(policies.can_record_fact(actor, person.unit))
    if record is not None:
        _require(policies.can_record_fact(actor, record.unit))
    _not_after_today(start, "start", "Ngày bắt đầu")
    _not_after_today(end, "end", "Ngày kết thúc")
    if end is not None and end < start:
        raise DomainError("Ngày kết thúc phải từ ngày bắt đầu trở đi.", field="end")
    overlap = CchcAssignment.objects.filter(person=person, start__lte=end or date.max).exclude(
        pk=record.pk if record else 0
    )
    overlap = overlap.filter(models.Q(end__isnull=True) | models.Q(end__gte=start))
    clash = overlap.first()
    if clash is not None:
        until = f"{clash.end:%d/%m/%Y}" if clash.end else "nay"
        raise DomainError(
            f"Trùng thời gian với quá trình “{clash.position}” từ {clash.start:%d/%m/%Y} đến {until} "
            f"của {person.full_name}.",
            field="start",
        )
    return _save(
        record or CchcAssignment(),
        actor=actor,
        action="award_cchc_assignment",
        unit=person.unit,
        apply=dict(
            person=person,
            unit=person.unit,
            position=" ".join(position.split()),
            start=start,
            end=end,
            direct=direct,
        ),
        fields=["person", "unit", "position", "start", "end", "direct"],
    )  # type: ignore[return-value]


def manual_standards(programme: Programme) -> list[tuple[str, str]]:
    """The manual standards of a programme: (code, text), in the order of the file (nested ones included)."""
    _, p = programme_rule(programme)
    found: list[tuple[str, str]] = []

    def walk(criteria: list[Any]) -> None:
        for c in criteria:
            if getattr(c, "kind", None) == "manual" and c.code not in dict(found):
                found.append((c.code, c.text))
            walk(list(getattr(c, "of", None) or []))

    walk(list(p.criteria))
    return found


@transaction.atomic
def manual_check_save(
    *,
    actor,
    programme: Programme,
    criterion: str,
    passed: bool,
    evidence: str,
    checked_on: date,
    year: int | None = None,
    unit: Unit | None = None,
    person: Person | None = None,
    record: ManualCheck | None = None,
) -> ManualCheck:
    """Record a person's check of a manual standard of a programme for a candidate (and year), with evidence:
    the only way a manual standard passes or fails (docs/awards-rules.md)."""
    _require(policies.can_check_standard(actor, programme))
    standards = dict(manual_standards(programme))
    if criterion not in standards:
        raise DomainError(
            f"Chương trình “{programme.name}” không có tiêu chuẩn kiểm tra thủ công mã “{criterion}”.",
            field="standard",
        )
    if (unit is None) == (person is None):
        raise DomainError("Chọn đúng một tập thể hoặc một cá nhân được xét.", field="candidate")
    if programme.subject == Subject.COLLECTIVE and unit is None:
        raise DomainError("Chương trình xét tập thể: chọn một tập thể.", field="candidate")
    if programme.subject == Subject.PERSON and person is None:
        raise DomainError("Chương trình xét cá nhân: chọn một cá nhân.", field="candidate")
    if programme.kind != "period_end" and year is None:
        raise DomainError("Khen thưởng hằng năm, đột xuất: nhập năm thành tích.", field="year")
    if not evidence.strip():
        raise DomainError("Ghi căn cứ, tài liệu kiểm chứng của kết quả kiểm tra.", field="evidence")
    _not_after_today(checked_on, "checked_on", "Ngày kiểm tra")
    where = programme.unit
    return _save(
        record or ManualCheck(),
        actor=actor,
        action="award_manual_check",
        unit=where,
        apply=dict(
            programme=programme,
            criterion=criterion,
            year=year if programme.kind != "period_end" else None,
            unit=unit,
            person=person,
            passed=passed,
            evidence=evidence.strip(),
            checked_on=checked_on,
            checked_by=user_or_none(actor),
        ),
        fields=[
            "programme",
            "criterion",
            "year",
            "unit",
            "person",
            "passed",
            "evidence",
            "checked_on",
        ],
    )  # type: ignore[return-value]


GRADE_NAMES = {
    "htxs": "htxs",
    "hoan thanh xuat sac nhiem vu": "htxs",
    "hoan thanh xuat sac": "htxs",
    "htt": "htt",
    "hoan thanh tot nhiem vu": "htt",
    "hoan thanh tot": "htt",
    "ht": "ht",
    "hoan thanh nhiem vu": "ht",
    "kht": "kht",
    "khong hoan thanh nhiem vu": "kht",
}
IMPORT_COLUMNS = {
    "name": ["Họ và tên", "Họ tên", "Cá nhân"],
    "unit": ["Đơn vị", "Đơn vị công tác"],
    "year": ["Năm", "Năm xếp loại"],
    "grade": ["Xếp loại", "Mức xếp loại"],
}


@transaction.atomic
def evaluation_import(*, actor, filename: str, data: bytes, people) -> int:
    """Record the yearly evaluations of a sheet (Họ và tên, Đơn vị, Năm, Xếp loại), all or nothing: a person
    is found by name and unit among `people` (those the actor may record for); an existing evaluation of that
    year is replaced. Every refused row is named with its number."""
    from cchc.core import tabular
    from cchc.core.text import fold

    table = tabular.read_table(filename, data, IMPORT_COLUMNS, ["name", "unit", "year", "grade"])
    index: dict[tuple[str, str], list[Person]] = {}
    for p in people:
        names = {fold(p.unit.name), fold(p.unit.short_name)} - {""}
        for unit_name in names:
            index.setdefault((fold(p.full_name), unit_name), []).append(p)
    errors: list[dict[str, str]] = []
    wanted: list[tuple[int, Person, int, str]] = []
    for number, row in table.rows:
        where = f"dòng {number}"
        found = index.get((fold(row["name"]), fold(row["unit"])), [])
        if len(found) != 1:
            why = "không tìm thấy" if not found else "trùng tên, không phân biệt được"
            errors.append({"path": where, "message": f"{row['name']} – {row['unit']}: {why}"})
            continue
        year = int(row["year"]) if row["year"].isdigit() else 0
        if not 2000 <= year <= dates.today().year:
            errors.append({"path": where, "message": f"năm “{row['year']}” không hợp lệ"})
            continue
        grade = GRADE_NAMES.get(fold(row["grade"]))
        if grade is None:
            errors.append(
                {
                    "path": where,
                    "message": f"xếp loại “{row['grade']}” không có (HTXS, HTT, HT, KHT)",
                }
            )
            continue
        wanted.append((number, found[0], year, grade))
    seen: dict[tuple[int, int], int] = {}
    for number, person, year, _ in wanted:
        first = seen.setdefault((person.pk, year), number)
        if first != number:
            errors.append(
                {
                    "path": f"dòng {number}",
                    "message": f"trùng với dòng {first} ({person.full_name}, {year})",
                }
            )
    if errors:
        raise DomainError(
            f"Tệp có {len(errors)} dòng lỗi, chưa ghi dòng nào.", field="file", rows=errors
        )
    existing = {
        (e.person_id, e.year): e
        for e in Evaluation.objects.filter(person__in=[w[1] for w in wanted])
    }
    for _, person, year, grade in wanted:
        evaluation_save(
            actor=actor,
            person=person,
            year=year,
            grade=grade,
            record=existing.get((person.pk, year)),
        )
    return len(wanted)
