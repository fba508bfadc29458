"""Pages of the fact registers the award rules read (/khen-thuong/du-lieu/…): discipline, yearly evaluations of
people and collectives, spells of direct CCHC work, checks of manual standards. One list, add and edit page per
kind, driven by a small description of each kind; the writes go through `services_facts`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from cchc.awards import forms_rules, policies, selectors_rules, services_facts
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
from cchc.core.forms import add_domain_error
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
    person = _writable_people(request.user).filter(pk=pk).first()
    if person is None:
        raise DomainError("Cá nhân không thuộc đơn vị bạn được ghi dữ liệu.", field="person")
    return person


def _writable_people(user):
    scope = scope_for(user)
    return Person.objects.filter(scope.q("unit__path", roles=policies.UNIT_ROLES)).select_related(
        "unit"
    )


def _writable_units(user):
    scope = scope_for(user)
    return Unit.objects.filter(scope.q("path", roles=policies.UNIT_ROLES))


def _person_label(p: Person) -> str:
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
    unit = _writable_units(request.user).filter(pk=d["unit"]).first()
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


def _kind(slug: str) -> FactKind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("Không có sổ dữ liệu này.")
    return kind


def _can_add(user, kind: FactKind) -> bool:
    if kind.model is ManualCheck:
        return policies.can_check_some_standard(user)
    return policies.can_record_some_fact(user)


def _can_edit(user, kind: FactKind, record) -> bool:
    if kind.model is ManualCheck:
        return policies.can_check_standard(user, record.programme)
    return policies.can_record_fact(user, kind.unit_of(record))


def _setup(request, kind: FactKind, form: forms.Form) -> None:
    fields = form.fields
    if "person" in fields:
        people = _writable_people(request.user).order_by("unit__path", "full_name")
        fields["person"].choices = [("", "— Chọn cá nhân —")] + [
            (p.pk, _person_label(p)) for p in people
        ]  # type: ignore[attr-defined]
    if "unit" in fields:
        units = _writable_units(request.user).order_by("path")
        fields["unit"].choices = [("", "— Chọn tập thể —")] + [
            (u.pk, ("— " * u.depth) + u.name) for u in units
        ]  # type: ignore[attr-defined]
    if "standard" in fields:
        rows = selectors_rules.checkable_standards(actor=request.user)
        fields["standard"].choices = [("", "— Chọn tiêu chuẩn —")] + [  # type: ignore[attr-defined]
            (f"{p.pk}|{code}", f"{p.name} — {text}") for p, code, text in rows
        ]
        units = _writable_units(request.user).order_by("path")
        people = _writable_people(request.user).order_by("unit__path", "full_name")
        fields["candidate"].choices = [  # type: ignore[attr-defined]
            ("", "— Chọn —"),
            ("Tập thể", [(f"u:{u.pk}", u.name) for u in units]),
            ("Cá nhân", [(f"p:{p.pk}", _person_label(p)) for p in people]),
        ]


@login_required
@require_safe
def fact_home(request):
    return render(
        request,
        "awards/fact_home.html",
        {
            "kinds": [
                (k, selectors_rules.fact_rows(actor=request.user, model=k.model).count())
                for k in KINDS.values()
            ]
        },
    )


@login_required
@require_safe
def fact_list(request, kind: str):
    k = _kind(kind)
    qs = selectors_rules.fact_rows(actor=request.user, model=k.model)
    if listing.wants_export(request):
        return listing.export(k.spec, qs, request)
    page = listing.paginate(k.spec, qs, request)
    cols = [c for c in k.spec.columns if c.key not in page.hidden]
    rows = [
        (obj, [c.value(obj) for c in cols], _can_edit(request.user, k, obj)) for obj in page.rows
    ]
    return render(
        request,
        "awards/fact_list.html",
        {
            "kind": k,
            "kinds": KINDS.values(),
            "listing": page,
            "rows": rows,
            "can_add": _can_add(request.user, k),
        },
    )


def _form_page(request, k: FactKind, record):
    initial = k.initial(record) if record is not None else {"checked_on": dates.today()}
    form = k.form(request.POST or None, initial=initial)
    _setup(request, k, form)
    if request.method == "POST" and form.is_valid():
        try:
            k.save(request, form.cleaned_data, record)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu.")
            return redirect("awards:fact_list", kind=k.slug)
    return render(request, "awards/fact_form.html", {"kind": k, "form": form, "record": record})


@login_required
@require_http_methods(["GET", "POST"])
def fact_create(request, kind: str):
    k = _kind(kind)
    if not _can_add(request.user, k):
        raise PermissionDenied
    return _form_page(request, k, None)


@login_required
@require_http_methods(["GET", "POST"])
def fact_edit(request, kind: str, pk: int):
    k = _kind(kind)
    record = selectors_rules.fact_get(actor=request.user, model=k.model, pk=pk)
    if not _can_edit(request.user, k, record):
        raise PermissionDenied
    return _form_page(request, k, record)
