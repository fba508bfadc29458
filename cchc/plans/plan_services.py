"""Importing a CCHC plan from its document: a preview that writes nothing, then one confirming transaction.

`plan_import_preview` reads the uploaded file (.docx, .xlsx, .txt/.md, or pasted text saved as .txt): the task
table through `plan_table.parse_plan_file`, the whole text through `textract.document_text` (for .xlsx, the
sheet's rows), the document header through `reader.read_header`, the targets through `targets.propose_targets`;
each task's offices are matched to units inside the plan's unit (`matching.OfficeIndex`) and its deadline is
read by `deadlines.parse_deadline` (a "Theo Kế hoạch số 310/KH-UBND ..." deadline is linked to the registered
document). Files that cannot be read as a plan raise `DomainError` (nothing is written); doubtful rows get
warnings; row errors (a duplicated number, a task without content) are listed in `PlanPreview.errors` and
refuse the confirmation.

`plan_import_confirm` repeats the preview on the same bytes, applies the user's fixes (an unmatched office
mapped to a unit, optionally saved as an alias of that unit), and in one transaction registers the plan's
document with its legal bases (or links the document already registered under the same number and year),
creates the plan, its areas, tasks, office roles and targets, and writes the audit record.

A unit has one CCHC plan per year. Importing again for the same unit and year is refused, unless the caller
asks to replace it and the plan already imported has no progress yet (no progress report, every task still
"chưa thực hiện"): then the old plan is deleted inside the same transaction and its document reused.

`plan_update` is the plan's settings afterwards: its title and how often its continuous tasks are reported.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction

from cchc.core import audit
from cchc.core.dates import fmt
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import ADMIN, STANDING, scope_for, user_or_none
from cchc.core.text import fold, nfc
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans import plan_table, policies
from cchc.plans.choices import (
    PLAN_REPORT_PERIODS,
    DeadlineKind,
    OfficeRole,
    TargetComparator,
    TaskStatus,
)
from cchc.plans.matching import AMBIGUOUS, MATCHED_BY_FIX, OfficeIndex, OfficeMatch
from cchc.plans.models import Area, Plan, ProgressReport, Target, Task, TaskOffice
from cchc.plans.search_text import plan_search_text, task_search_text
from cchc.plans.targets import ProposedTarget, propose_targets
from cchc.registry import reader, textract
from cchc.registry.choices import DatePrecision, DocType
from cchc.registry.models import Document
from cchc.registry.services import BasisInput, document_register

if TYPE_CHECKING:
    from cchc.plans.deadlines import Deadline

IMPORTERS = frozenset({ADMIN, STANDING})
ACCEPTED_EXTENSIONS = (".docx", ".xlsx", ".xlsm", ".txt", ".md", ".markdown", ".tsv")
_YEAR_IN_TITLE = re.compile(r"\bn[ăa]m\s+(20\d\d)\b", re.I)


# --- Permissions and choices ----------------------------------------------------------------------------------
def can_import_plan(user, unit: Unit) -> bool:
    """The standing agency of a level (ward, commune, city) or above it, and administrators, import its plan."""
    return unit.kind in LEVEL_KINDS and scope_for(user).has_role_over(unit.path, IMPORTERS)


def importable_units(actor) -> list[Unit]:
    """The levels whose plan the actor may import, top first, then by name."""
    scope = scope_for(actor)
    units = Unit.objects.filter(kind__in=LEVEL_KINDS, is_active=True)
    if not scope.is_admin:
        units = units.filter(scope.q("path", roles=IMPORTERS))
    return list(units.order_by("depth", "name"))


def _check_permission(actor, unit: Unit) -> None:
    if not can_import_plan(actor, unit):
        raise PermissionDenied(f"Bạn không có quyền nhập kế hoạch CCHC của {unit.name}.")


# --- The preview ------------------------------------------------------------------------------------------------
@dataclass
class TaskPreview:
    """One task as it will be saved: cells as written, offices matched, deadline read, warnings."""

    no: int
    content: str
    area_code: str | None
    area_title: str | None
    lead_text: str
    coordinating_text: str
    deadline_text: str
    product: str
    deadline: Deadline
    deadline_reference: Document | None
    offices: list[OfficeMatch]
    source_rows: list[int]
    warnings: list[str] = field(default_factory=list)

    @property
    def lead(self) -> list[OfficeMatch]:
        return [o for o in self.offices if o.role == OfficeRole.LEAD]

    @property
    def coordinating(self) -> list[OfficeMatch]:
        return [o for o in self.offices if o.role == OfficeRole.COORDINATING]

    @property
    def deadline_label(self) -> str:
        from cchc.plans.deadlines import describe

        return describe(self.deadline)

    def as_dict(self) -> dict:
        deadline = self.deadline.as_dict()
        if self.deadline_reference is not None:
            deadline["reference_document_id"] = self.deadline_reference.pk
        return {
            "no": self.no,
            "content": self.content,
            "area": self.area_code,
            "area_title": self.area_title,
            "lead_units": [o.as_dict() for o in self.lead],
            "coordinating_units": [o.as_dict() for o in self.coordinating],
            "deadline_text": self.deadline_text,
            "deadline": deadline,
            "product": self.product,
            "warnings": list(self.warnings),
        }


@dataclass
class UnmatchedOffice:
    """A name written in the table that no unit answers to, with the tasks that use it."""

    key: str  # folded text: one fix applies to every occurrence
    text: str
    tasks: list[int]
    ambiguous: bool = False


@dataclass
class PlanPreview:
    """What an import would save; nothing is written until `plan_import_confirm`."""

    unit: Unit
    filename: str
    year: int
    title: str
    header: reader.DocumentHeader
    bases: list[tuple[reader.CitedBasis, Document | None]]
    areas: list[plan_table.ParsedArea]
    tasks: list[TaskPreview]
    targets: list[ProposedTarget]
    text: str
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    existing_plan: Plan | None = None
    existing_has_progress: bool = False
    office_choices: list[Unit] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def can_replace(self) -> bool:
        return self.existing_plan is not None and not self.existing_has_progress

    def unmatched(self) -> list[UnmatchedOffice]:
        """Distinct office names left unmatched (groups excluded), in order of first appearance."""
        found: dict[str, UnmatchedOffice] = {}
        for task in self.tasks:
            for office in task.offices:
                if not office.needs_fix:
                    continue
                key = fold(office.text)
                entry = found.setdefault(
                    key,
                    UnmatchedOffice(
                        key=key, text=office.text, tasks=[], ambiguous=office.how == AMBIGUOUS
                    ),
                )
                if task.no not in entry.tasks:
                    entry.tasks.append(task.no)
        return list(found.values())

    def counts(self) -> dict:
        offices = [o for t in self.tasks for o in t.offices]
        return {
            "areas": len(self.areas),
            "tasks": len(self.tasks),
            "offices_matched": sum(1 for o in offices if o.matched),
            "offices_groups": sum(1 for o in offices if o.is_group),
            "offices_unmatched": sum(1 for o in offices if o.needs_fix),
            "deadlines_unknown": sum(
                1 for t in self.tasks if t.deadline.kind == DeadlineKind.UNKNOWN
            ),
            "targets": len(self.targets),
        }

    def as_dict(self) -> dict:
        document = self.header.as_dict()
        document["bases"] = [
            {**_basis_dict(basis), "registered_id": doc.pk if doc else None}
            for basis, doc in self.bases
        ] or document.get("bases", [])
        return {
            "unit": {"id": self.unit.pk, "name": self.unit.name},
            "year": self.year,
            "title": self.title,
            "document": document,
            "areas": [{"code": a.code, "title": a.title, "order": a.order} for a in self.areas],
            "tasks": [t.as_dict() for t in self.tasks],
            "targets": [t.as_dict() for t in self.targets],
            "warnings": list(self.warnings),
            "errors": list(self.errors),
            "counts": self.counts(),
        }


def _basis_dict(basis) -> dict:
    return {
        "number": basis.number,
        "type": basis.doc_type,
        "date": basis.date.isoformat() if basis.date else None,
        "issuer": basis.issuer,
        "title": basis.title,
    }


def _extension(filename: str) -> str:
    return os.path.splitext((filename or "").lower())[1]


def _plan_text(filename: str, data: bytes) -> str:
    """The whole text of the file, for the header and the targets (the table is read separately)."""
    ext = _extension(filename)
    if ext in (".xlsx", ".xlsm"):
        try:
            rows = plan_table.rows_from_xlsx(data)
        except (
            Exception
        ) as exc:  # already read once by parse_plan_file; only a reader bug lands here
            raise DomainError(f"Không đọc được tệp “{os.path.basename(filename)}”.") from exc
        return "\n".join("\t".join(c for c in row).strip() for row in rows)
    try:
        return textract.document_text(filename, data)
    except textract.TextractError:
        if ext in plan_table.TEXT_EXTENSIONS:
            return plan_table._decode_text(os.path.basename(filename), data)
        raise


def _plan_title(header, year: int, unit: Unit) -> str:
    attached = (getattr(header, "attached_title", "") or "").strip()
    if attached:
        return attached if fold(attached).startswith("ke hoach") else f"Kế hoạch {attached}"
    if header.title and (
        header.doc_type == DocType.KH or fold(header.title).startswith("ke hoach")
    ):
        return (
            header.title
            if fold(header.title).startswith("ke hoach")
            else f"Kế hoạch {header.title}"
        )
    return f"Kế hoạch cải cách hành chính năm {year} của {unit.name}"


def _plan_year(header, year: int | None) -> int | None:
    if year:
        return int(year)
    for title in (getattr(header, "attached_title", "") or "", header.title or ""):
        m = _YEAR_IN_TITLE.search(title)
        if m:
            return int(m.group(1))
    if header.period_start and header.period_start == header.period_end:
        return header.period_start
    if header.date:
        return header.date.year
    return None


def _reference_document(actor, deadline, cache: dict) -> Document | None:
    number = (deadline.reference_number or "").strip()
    if not number:
        return None
    key = (number.lower(), deadline.reference_date)
    if key not in cache:
        docs = Document.objects.visible_to(actor).filter(number__iexact=number)
        exact = (
            docs.filter(issued_on=deadline.reference_date).first()
            if deadline.reference_date
            else None
        )
        cache[key] = exact or docs.order_by("-issued_on", "id").first()
    return cache[key]


def _task_warnings(task: TaskPreview, parsed_warnings: list[str]) -> list[str]:
    warnings = list(parsed_warnings)
    if task.deadline.kind == DeadlineKind.UNKNOWN:
        note = f" ({task.deadline.note})" if task.deadline.note else ""
        warnings.append(f"Không đọc được thời hạn “{task.deadline_text}”{note}: cần nhập ngày")
    if task.deadline.kind == DeadlineKind.PER_REFERENCE and task.deadline.reference_number:
        if task.deadline_reference is None:
            warnings.append(f"Văn bản {task.deadline.reference_number} chưa có trong sổ văn bản")
    for office in task.offices:
        label = "Cơ quan chủ trì" if office.role == OfficeRole.LEAD else "Cơ quan phối hợp"
        if office.how == AMBIGUOUS:
            warnings.append(f"{label} “{office.text}” trùng tên với nhiều đơn vị: cần chọn đơn vị")
        elif office.needs_fix:
            warnings.append(f"{label} “{office.text}” chưa khớp với đơn vị nào")
    return warnings


def plan_import_preview(
    *, actor, unit: Unit, filename: str, data: bytes, year: int | None = None
) -> PlanPreview:
    """Read a plan file for `unit` and show what would be saved; raises DomainError when it is not a readable
    plan (wrong type, empty, corrupt, over 20 MB, no task table, a required column missing)."""
    _check_permission(actor, unit)
    from cchc.plans.deadlines import (
        parse_deadline,
    )  # the deadline parser module is loaded on first use

    table = plan_table.parse_plan_file(filename, data)
    text = _plan_text(filename, data)
    header = reader.read_header(text)
    plan_year = _plan_year(header, year)
    if plan_year is None:
        raise DomainError(
            "Không xác định được năm của kế hoạch (không có trong tên kế hoạch hay ngày ban hành): hãy nhập năm.",
            field="year",
        )
    index = OfficeIndex(unit)
    reference_cache: dict = {}
    tasks = []
    for parsed in table.tasks:
        offices = index.match_cell(parsed.lead_text, OfficeRole.LEAD) + index.match_cell(
            parsed.coordinating_text, OfficeRole.COORDINATING
        )
        deadline = parse_deadline(parsed.deadline_text, year=plan_year)
        task = TaskPreview(
            no=parsed.no,
            content=parsed.content,
            area_code=parsed.area_code,
            area_title=parsed.area,
            lead_text=parsed.lead_text,
            coordinating_text=parsed.coordinating_text,
            deadline_text=parsed.deadline_text,
            product=parsed.product,
            deadline=deadline,
            deadline_reference=_reference_document(actor, deadline, reference_cache),
            offices=offices,
            source_rows=list(parsed.source_rows),
        )
        task.warnings = _task_warnings(task, parsed.warnings)
        tasks.append(task)
    existing = Plan.objects.filter(unit=unit, year=plan_year).order_by("id").first()
    preview = PlanPreview(
        unit=unit,
        filename=os.path.basename(filename or ""),
        year=plan_year,
        title=_plan_title(header, plan_year, unit),
        header=header,
        bases=reader.link_bases(header, actor=actor),
        areas=list(table.areas),
        tasks=tasks,
        targets=propose_targets(text),
        text=text,
        warnings=list(header.warnings) + list(table.warnings),
        errors=list(table.errors),
        existing_plan=existing,
        existing_has_progress=_has_progress(existing) if existing else False,
        office_choices=index.choices(),
    )
    if existing is not None:
        preview.warnings.insert(0, _existing_message(preview))
    return preview


def _has_progress(plan: Plan) -> bool:
    return (
        ProgressReport.objects.filter(task__plan=plan).exists()
        or plan.tasks.exclude(status=TaskStatus.TODO).exists()
        or plan.tasks.filter(percent__gt=0).exists()
    )


def _existing_message(preview: PlanPreview) -> str:
    plan = preview.existing_plan
    message = (
        f"{preview.unit.name} đã có kế hoạch CCHC năm {preview.year} (“{plan.title}”, nhập ngày "
        f"{fmt(plan.created_at.date())})."
    )
    if preview.existing_has_progress:
        return message + " Kế hoạch đó đã có báo cáo tiến độ nên không thể nhập thay thế."
    return (
        message + " Kế hoạch đó chưa có báo cáo tiến độ: có thể chọn “Thay thế kế hoạch đã nhập”."
    )


# --- Confirming -----------------------------------------------------------------------------------------------
def _apply_fixes(
    preview: PlanPreview, index: OfficeIndex, fixes: dict
) -> list[tuple[OfficeMatch, Unit]]:
    """Set the units chosen by the user. Keys: the office text as written (every occurrence, compared folded)
    or "<task no>:<role>:<order>" (one occurrence); values: unit ids inside the plan's unit."""
    by_text: dict[str, Unit] = {}
    by_place: dict[str, Unit] = {}
    for key, unit_id in (fixes or {}).items():
        if unit_id in (None, ""):
            continue
        unit = unit_id if isinstance(unit_id, Unit) else index.get(unit_id)
        if unit is None or not unit.path.startswith(preview.unit.path):
            raise DomainError(
                f"Đơn vị chọn cho “{key}” không thuộc {preview.unit.name}.", field="fixes"
            )
        if re.fullmatch(r"\d+:(lead|coordinating):\d+", str(key)):
            by_place[str(key)] = unit
        else:
            by_text[fold(str(key))] = unit
    applied = []
    for task in preview.tasks:
        for office in task.offices:
            unit = by_place.get(f"{task.no}:{office.role}:{office.order}")
            if unit is None and not office.is_group:
                unit = by_text.get(fold(office.text))
            if unit is None:
                continue
            office.unit, office.how, office.is_group = unit, MATCHED_BY_FIX, False
            applied.append((office, unit))
            task.warnings = [w for w in task.warnings if f"“{office.text}”" not in w]
    return applied


def _save_aliases(actor, applied, save_aliases) -> list[str]:
    from cchc.orgs.services import alias_add

    wanted = None if save_aliases is True else {fold(t) for t in (save_aliases or [])}
    if wanted is not None and not wanted:
        return []
    saved, seen = [], set()
    for office, unit in applied:
        key = (unit.pk, fold(office.text))
        if key in seen or (wanted is not None and fold(office.text) not in wanted):
            continue
        seen.add(key)
        if alias_add(actor=actor, unit=unit, name=office.text) is not None:
            saved.append(f"{office.text} → {unit.name}")
    return saved


def _register_document(actor, preview: PlanPreview, reuse: Document | None) -> Document | None:
    header = preview.header
    if reuse is not None:
        return reuse
    if header.number and header.date:
        existing = (
            Document.objects.filter(
                number__iexact=header.number,
                issued_on__year=header.date.year,
                org_unit=preview.unit,
            )
            .order_by("id")
            .first()
        )
        if existing is not None:
            return existing
    elif header.title and header.date:
        # a document without a number yet, registered by hand with the same date and title
        existing = (
            Document.objects.filter(
                number="",
                org_unit=preview.unit,
                issued_on=header.date,
                title__iexact=header.title.strip(),
            )
            .order_by("id")
            .first()
        )
        if existing is not None:
            return existing
    if not (header.number or header.title or getattr(header, "symbol", "")):
        return None
    doc_type = (
        header.doc_type
        if header.doc_type in DocType.values and header.doc_type != DocType.KHAC
        else DocType.KH
    )
    return document_register(
        actor=actor,
        title=header.title or preview.title,
        doc_type=doc_type,
        number=header.number or "",
        issuer=header.issuer or "",
        issued_on=header.date,
        date_precision=header.date_precision or DatePrecision.DAY,
        signer=header.signer or "",
        signer_title=header.signer_title or "",
        org_unit=preview.unit,
        period_start=header.period_start,
        period_end=header.period_end,
        body=preview.text,
        bases=[
            BasisInput(
                number=b.number or "",
                doc_type=b.doc_type if b.doc_type in DocType.values else "",
                date=b.date,
                issuer=b.issuer or "",
                title=b.title or "",
                raw=b.raw or "",
            )
            for b in header.bases
        ],
    )


def _chosen_targets(preview: PlanPreview, targets) -> list[tuple[ProposedTarget, bool]]:
    """(target, confirmed): every proposal unconfirmed when `targets` is None, else the chosen ones confirmed.
    Items of `targets` are codes ("a") or dicts {"code", and optionally "text", "comparator", "value"}."""
    if targets is None:
        return [(t, False) for t in preview.targets]
    by_code = {t.code: t for t in preview.targets}
    chosen = []
    for item in targets:
        spec = item if isinstance(item, dict) else {"code": str(item)}
        base = by_code.get(str(spec.get("code", "")))
        if base is None:
            if not spec.get("text"):
                raise DomainError(
                    f"Chỉ tiêu “{spec.get('code', '')}” không có trong kế hoạch.", field="targets"
                )
            base = ProposedTarget(
                code=str(spec.get("code", "")),
                text="",
                comparator=TargetComparator.QUALITATIVE,
                value=None,
                value_unit="",
                order=len(preview.targets) + len(chosen) + 1,
            )
        target = ProposedTarget(**{**base.__dict__})
        if spec.get("text"):
            target.text = str(spec["text"]).strip()
        if spec.get("comparator"):
            if spec["comparator"] not in TargetComparator.values:
                raise DomainError(
                    f"Cách so sánh “{spec['comparator']}” không hợp lệ.", field="targets"
                )
            target.comparator = spec["comparator"]
        if "value" in spec:
            try:
                target.value = (
                    None
                    if spec["value"] in (None, "")
                    else Decimal(str(spec["value"]).replace(",", "."))
                )
            except InvalidOperation:
                raise DomainError(
                    f"Giá trị chỉ tiêu “{spec['value']}” không phải là số.", field="targets"
                ) from None
        chosen.append((target, True))
    return chosen


def _replace_existing(actor, preview: PlanPreview) -> Document | None:
    plan = preview.existing_plan
    if preview.existing_has_progress:
        raise DomainError(_existing_message(preview))
    before = {
        "title": plan.title,
        "year": plan.year,
        "tasks": plan.tasks.count(),
        "source": plan.source_name,
    }
    document = plan.document
    plan_id, title = plan.pk, plan.title
    plan.tasks.all().delete()
    plan.delete()
    audit.record(
        actor=actor,
        action="plan.delete",
        model="plans.plan",
        object_id=plan_id,
        object_repr=title,
        before=before,
        unit_path=preview.unit.path,
        note="Thay thế bằng kế hoạch nhập lại",
    )
    return document


@transaction.atomic
def plan_import_confirm(
    *,
    actor,
    unit: Unit,
    filename: str,
    data: bytes,
    year: int | None = None,
    fixes: dict | None = None,
    save_aliases: bool | Iterable[str] = False,
    targets: Iterable | None = None,
    replace: bool = False,
    preview: PlanPreview | None = None,
) -> Plan:
    """Save the plan read from `data` for `unit`, all of it or nothing.

    `fixes` maps unmatched offices to units (see `_apply_fixes`); `save_aliases` is True (every fixed name becomes
    an alias of the unit chosen) or the names to save; `targets` the proposals the user confirmed (None saves
    every proposal unconfirmed); `replace` replaces a plan already imported for the same unit and year when it
    has no progress. `preview` may be passed when it was just computed on the same bytes (the command).
    """
    if preview is None:
        preview = plan_import_preview(
            actor=actor, unit=unit, filename=filename, data=data, year=year
        )
    if preview.errors:
        raise DomainError("Không thể nhập kế hoạch:\n" + "\n".join(preview.errors))
    index = OfficeIndex(unit)
    applied = _apply_fixes(preview, index, fixes or {})
    aliases = _save_aliases(actor, applied, save_aliases) if save_aliases else []
    chosen_targets = _chosen_targets(preview, targets)

    reuse = None
    if preview.existing_plan is not None:
        if not replace:
            raise DomainError(_existing_message(preview))
        reuse = _replace_existing(actor, preview)
    document = _register_document(actor, preview, reuse)

    plan = Plan(
        unit=unit,
        document=document,
        year=preview.year,
        title=preview.title,
        source_name=preview.filename[:255],
        created_by=user_or_none(actor),
    )
    plan.search_text = plan_search_text(plan)
    plan.save()
    areas = {}
    for parsed in preview.areas:
        areas[parsed.code] = Area.objects.create(
            plan=plan, code=parsed.code, title=parsed.title[:500], order=parsed.order
        )
    task_objs = []
    for t in preview.tasks:
        d = t.deadline
        reference_text = ""
        if d.reference_number:
            reference_text = d.reference_number + (
                f" ngày {fmt(d.reference_date)}" if d.reference_date else ""
            )
        task_objs.append(
            Task(
                plan=plan,
                area=areas.get(t.area_code),
                no=t.no,
                content=t.content,
                lead_text=t.lead_text,
                coordinating_text=t.coordinating_text,
                deadline_text=t.deadline_text,
                deadline_kind=d.kind,
                start_on=d.start,
                due_on=d.due,
                deadline_before=bool(d.before),
                recurrence=d.recurrence or "",
                deadline_reference=t.deadline_reference,
                deadline_reference_text=reference_text[:255],
                product=t.product,
                warnings=list(t.warnings),
            )
        )
        task_objs[-1].search_text = task_search_text(task_objs[-1])
    Task.objects.bulk_create(task_objs, batch_size=500)
    if any(obj.pk is None for obj in task_objs):
        ids = dict(Task.objects.filter(plan=plan).values_list("no", "id"))
        for obj in task_objs:
            obj.pk = obj.id = ids[obj.no]
    offices = [
        TaskOffice(
            task=obj,
            role=o.role,
            unit=o.unit,
            text=o.text[:500],
            is_group=o.is_group and o.unit is None,
            order=o.order,
        )
        for obj, t in zip(task_objs, preview.tasks, strict=True)
        for o in t.offices
    ]
    TaskOffice.objects.bulk_create(offices, batch_size=1000)
    Target.objects.bulk_create(
        [
            Target(
                plan=plan,
                code=t.code[:8],
                text=t.text,
                comparator=t.comparator,
                value=t.value,
                value_unit=t.value_unit,
                confirmed=confirmed,
                order=t.order,
            )
            for t, confirmed in chosen_targets
        ]
    )
    counts = preview.counts()
    counts["offices_unmatched"] = sum(1 for o in offices if o.unit_id is None and not o.is_group)
    audit.record(
        actor=actor,
        action="plan.import",
        obj=plan,
        after={
            **audit.snapshot(plan),
            **counts,
            "targets_confirmed": sum(1 for _, c in chosen_targets if c),
            "fixes": sorted({f"{o.text} → {u.name}" for o, u in applied}),
            "aliases": aliases,
            "replaced": preview.existing_plan is not None,
        },
        unit_path=unit.path,
        note=preview.filename,
    )
    return plan


# --- Plan settings ------------------------------------------------------------------------------------------

PLAN_SETTINGS_FIELDS = ["title", "report_every"]


@transaction.atomic
def plan_update(*, actor, plan: Plan, title: str, report_every: str) -> Plan:
    """Correct the plan's title and set the reporting period of its continuous tasks (the plan's standing agency);
    reminders and report periods read `report_every` through `tracking.task_periods`."""
    if not policies.can_manage_plan(actor, plan):
        raise PermissionDenied("Bạn không có quyền sửa kế hoạch này.")
    title = nfc(title)
    if not title:
        raise DomainError("Nhập tên kế hoạch.", field="title")
    if report_every not in {r.value for r in PLAN_REPORT_PERIODS}:
        names = ", ".join(r.label.lower() for r in PLAN_REPORT_PERIODS)
        raise DomainError(
            f"Kỳ báo cáo “{report_every}” không hợp lệ: chọn {names}.", field="report_every"
        )
    before = audit.snapshot(plan, PLAN_SETTINGS_FIELDS)
    plan.title, plan.report_every = title, report_every
    plan.search_text = plan_search_text(plan)
    plan.save(update_fields=[*PLAN_SETTINGS_FIELDS, "search_text"])
    audit.record(
        actor=actor,
        action="plan.update",
        obj=plan,
        before=before,
        after=audit.snapshot(plan, PLAN_SETTINGS_FIELDS),
        unit_path=plan.unit.path,
    )
    return plan
