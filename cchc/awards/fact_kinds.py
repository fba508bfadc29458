"""The fact registers of the award pages, described once each: the form, the list (filters, columns, Excel),
how a record fills the form and how the form's data reaches its service (`services_facts`). The pages in
`views_facts` are driven by these descriptions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model

from cchc.awards import forms_rules, policies, services_facts
from cchc.awards.choices import DisciplineLevel, EvaluationClass
from cchc.awards.models import (
    CchcAssignment,
    DisciplineRecord,
    Evaluation,
    ManualCheck,
    Programme,
    UnitEvaluation,
)
from cchc.core import dates, listing
from cchc.core.errors import DomainError
from cchc.core.scope import scope_for
from cchc.orgs.models import Person, Unit


def _years(request) -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in range(dates.today().year, 2019, -1)]


def _direct(value: Any) -> str:
    return {True: "Có", False: "Không"}.get(value, "Chưa rõ")


@dataclass
class FactKind:
    slug: str
    title: str
    model: type[Model]
    form: type[forms.Form]
    spec: listing.ListSpec
    initial: Callable[[Any], dict]
    save: Callable[..., Any]  # (request, cleaned data, record or None) -> saved record
    unit_of: Callable[[Any], Unit]
    help: str = ""


def _person(request, pk: int) -> Person:
    person = writable_people(request.user).filter(pk=pk).first()
    if person is None:
        raise DomainError("Cá nhân không thuộc đơn vị bạn được ghi dữ liệu.", field="person")
    return person


def writable_people(user):
    scope = scope_for(user)
    return Person.objects.filter(scope.q("unit__path", roles=policies.UNIT_ROLES)).select_related(
        "unit"
    )


def writable_units(user):
    scope = scope_for(user)
    return Unit.objects.filter(scope.q("path", roles=policies.UNIT_ROLES))


def person_label(p: Person) -> str:
    return f"{p.full_name} – {p.position + ', ' if p.position else ''}{p.unit.name}"


def _save_discipline(request, d: dict, record):
    return services_facts.discipline_save(
        actor=request.user,
        person=_person(request, d["person"]),
        level=d["level"],
        decided_on=d["decided_on"],
        ends_on=d.get("ends_on"),
        document_number=d.get("document_number", ""),
        note=d.get("note", ""),
        record=record,
    )


def _save_evaluation(request, d: dict, record):
    return services_facts.evaluation_save(
        actor=request.user,
        person=_person(request, d["person"]),
        year=d["year"],
        grade=d["grade"],
        record=record,
    )


def _save_unit_evaluation(request, d: dict, record):
    unit = writable_units(request.user).filter(pk=d["unit"]).first()
    if unit is None:
        raise DomainError("Tập thể không thuộc phạm vi bạn được ghi dữ liệu.", field="unit")
    return services_facts.unit_evaluation_save(
        actor=request.user, unit=unit, year=d["year"], grade=d["grade"], record=record
    )


def _save_assignment(request, d: dict, record):
    return services_facts.cchc_assignment_save(
        actor=request.user,
        person=_person(request, d["person"]),
        position=d["position"],
        start=d["start"],
        end=d.get("end"),
        direct={"yes": True, "no": False}.get(d.get("direct") or ""),
        record=record,
    )


def _save_check(request, d: dict, record):
    prog_pk, _, code = d["standard"].partition("|")
    programme = Programme.objects.visible_to(request.user).filter(pk=int(prog_pk)).first()
    kind, _, cand = d["candidate"].partition(":")
    unit = Unit.objects.filter(pk=int(cand)).first() if kind == "u" else None
    person = Person.objects.filter(pk=int(cand)).first() if kind == "p" else None
    if programme is None:
        raise DomainError("Chương trình không hợp lệ.", field="standard")
    return services_facts.manual_check_save(
        actor=request.user,
        programme=programme,
        criterion=code,
        year=d.get("year"),
        unit=unit,
        person=person,
        passed=d["result"] == "pass",
        evidence=d["evidence"],
        checked_on=d["checked_on"],
        record=record,
    )


def _unit_filter(qs, value):
    unit = Unit.objects.filter(pk=value).only("path").first() if value.isdigit() else None
    return qs.filter(unit__path__startswith=unit.path) if unit else qs.none()


def _unit_choices(request) -> list[tuple[str, str]]:
    from cchc.orgs.choices import LEVEL_KINDS

    rows = Unit.objects.visible_to(request.user).filter(kind__in=LEVEL_KINDS).order_by("path")
    return [(str(pk), name) for pk, name in rows.values_list("pk", "name")]


UNIT_FILTER = listing.Filter("unit", "Đơn vị", choices=_unit_choices, apply=_unit_filter)
YEAR_FILTER = listing.Filter("year", "Năm", choices=_years)
PERSON_COLS = [
    listing.Column("person", "Cá nhân", accessor="person.full_name", sort="person__search_text"),
    listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__path"),
]

KINDS: dict[str, FactKind] = {
    k.slug: k
    for k in [
        FactKind(
            slug="ky-luat",
            title="Kỷ luật, vi phạm",
            model=DisciplineRecord,
            form=forms_rules.DisciplineForm,
            spec=listing.ListSpec(
                title="Kỷ luật, vi phạm",
                columns=[
                    *PERSON_COLS,
                    listing.Column(
                        "level", "Hình thức", accessor="get_level_display", sort="level"
                    ),
                    listing.Column("decided_on", "Ngày quyết định", sort="decided_on"),
                    listing.Column("ends_on", "Hết hiệu lực", sort="ends_on"),
                    listing.Column("document", "Quyết định", accessor="document"),
                    listing.Column("note", "Ghi chú"),
                ],
                filters=[
                    UNIT_FILTER,
                    listing.Filter("level", "Hình thức", DisciplineLevel.choices),
                ],
                default_sort="-decided_on",
                export_name="ky-luat",
                search_field="person__search_text",
                search_placeholder="Tên cá nhân",
            ),
            initial=lambda r: {
                "person": r.person_id,
                "level": r.level,
                "decided_on": r.decided_on,
                "ends_on": r.ends_on,
                "document_number": r.document.number if r.document_id else "",
                "note": r.note,
            },
            save=_save_discipline,
            unit_of=lambda r: r.unit,
            help="Tiêu chuẩn “không có cán bộ, công chức, viên chức vi phạm, bị kỷ luật” đọc sổ này.",
        ),
        FactKind(
            slug="xep-loai",
            title="Xếp loại cá nhân",
            model=Evaluation,
            form=forms_rules.EvaluationForm,
            spec=listing.ListSpec(
                title="Xếp loại cá nhân",
                columns=[
                    *PERSON_COLS,
                    listing.Column("year", "Năm", sort="year"),
                    listing.Column("grade", "Xếp loại", accessor="get_grade_display", sort="grade"),
                ],
                filters=[
                    UNIT_FILTER,
                    YEAR_FILTER,
                    listing.Filter("grade", "Xếp loại", EvaluationClass.choices),
                ],
                default_sort="-year",
                export_name="xep-loai-ca-nhan",
                search_field="person__search_text",
                search_placeholder="Tên cá nhân",
            ),
            initial=lambda r: {"person": r.person_id, "year": r.year, "grade": r.grade},
            save=_save_evaluation,
            unit_of=lambda r: r.unit,
            help="Xếp loại chất lượng cán bộ, công chức, viên chức hằng năm (HTXS, HTT, HT, KHT).",
        ),
        FactKind(
            slug="xep-loai-tap-the",
            title="Xếp loại tập thể",
            model=UnitEvaluation,
            form=forms_rules.UnitEvaluationForm,
            spec=listing.ListSpec(
                title="Xếp loại tập thể",
                columns=[
                    listing.Column("unit", "Tập thể", accessor="unit.name", sort="unit__path"),
                    listing.Column("year", "Năm", sort="year"),
                    listing.Column("grade", "Xếp loại", accessor="get_grade_display", sort="grade"),
                ],
                filters=[
                    UNIT_FILTER,
                    YEAR_FILTER,
                    listing.Filter("grade", "Xếp loại", EvaluationClass.choices),
                ],
                default_sort="-year",
                export_name="xep-loai-tap-the",
                search_field="unit__search_text",
                search_placeholder="Tên tập thể",
            ),
            initial=lambda r: {"unit": r.unit_id, "year": r.year, "grade": r.grade},
            save=_save_unit_evaluation,
            unit_of=lambda r: r.unit,
        ),
        FactKind(
            slug="cong-tac-cchc",
            title="Quá trình công tác CCHC",
            model=CchcAssignment,
            form=forms_rules.CchcAssignmentForm,
            spec=listing.ListSpec(
                title="Quá trình công tác CCHC",
                columns=[
                    *PERSON_COLS,
                    listing.Column("position", "Chức vụ, nhiệm vụ", sort="position"),
                    listing.Column("start", "Từ ngày", sort="start"),
                    listing.Column("end", "Đến ngày", sort="end"),
                    listing.Column(
                        "direct", "Trực tiếp làm CCHC", accessor=lambda r: _direct(r.direct)
                    ),
                ],
                filters=[UNIT_FILTER],
                default_sort="-start",
                export_name="cong-tac-cchc",
                search_field="person__search_text",
                search_placeholder="Tên cá nhân",
            ),
            initial=lambda r: {
                "person": r.person_id,
                "position": r.position,
                "start": r.start,
                "end": r.end,
                "direct": {True: "yes", False: "no"}.get(r.direct, ""),
            },
            save=_save_assignment,
            unit_of=lambda r: r.unit,
            help="Tiêu chuẩn “có ít nhất 03 năm trực tiếp chỉ đạo, phụ trách, tham mưu công tác CCHC” đọc sổ "
            "này (một năm tính khi làm từ 6 tháng trở lên).",
        ),
        FactKind(
            slug="kiem-tra-tieu-chuan",
            title="Kiểm tra tiêu chuẩn thủ công",
            model=ManualCheck,
            form=forms_rules.ManualCheckForm,
            spec=listing.ListSpec(
                title="Kiểm tra tiêu chuẩn thủ công",
                columns=[
                    listing.Column(
                        "programme",
                        "Chương trình",
                        accessor="programme.name",
                        sort="programme__name",
                    ),
                    listing.Column("criterion", "Tiêu chuẩn (mã)", sort="criterion"),
                    listing.Column(
                        "candidate",
                        "Tập thể, cá nhân",
                        accessor=lambda r: r.unit.name if r.unit_id else r.person.full_name,
                    ),
                    listing.Column("year", "Năm", sort="year"),
                    listing.Column(
                        "passed",
                        "Kết quả",
                        accessor=lambda r: "Đạt" if r.passed else "Không đạt",
                        sort="passed",
                    ),
                    listing.Column("evidence", "Căn cứ"),
                    listing.Column("checked_on", "Ngày kiểm tra", sort="checked_on"),
                    listing.Column("checked_by", "Người kiểm tra", accessor="checked_by"),
                ],
                filters=[YEAR_FILTER],
                default_sort="-checked_on",
                export_name="kiem-tra-tieu-chuan",
                search_field="programme__search_text",
                search_placeholder="Tên chương trình",
            ),
            initial=lambda r: {
                "standard": f"{r.programme_id}|{r.criterion}",
                "candidate": f"u:{r.unit_id}" if r.unit_id else f"p:{r.person_id}",
                "year": r.year,
                "result": "pass" if r.passed else "fail",
                "evidence": r.evidence,
                "checked_on": r.checked_on,
            },
            save=_save_check,
            unit_of=lambda r: r.programme.unit,
            help="Tiêu chuẩn máy không tự xét được (ví dụ “kết quả nổi bật về TTHC”) chỉ đạt hoặc không đạt "
            "khi có người kiểm tra, ghi căn cứ.",
        ),
    ]
}
