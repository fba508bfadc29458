"""The preview of a plan import: what would be saved, read from the uploaded file, with nothing written.

`plan_import_preview` reads the uploaded file (.docx, .xlsx, .txt/.md, or pasted text saved as .txt): the task
table through `plan_files.parse_plan_file`, the whole text through `textract.document_text` (for .xlsx, the
sheet's rows), the document header through `reader.read_header`, the targets through `targets.propose_targets`;
each task's offices are matched to units inside the plan's unit (`matching.OfficeIndex`) and its deadline is
read by `deadlines.parse_deadline` (a "Theo Kế hoạch số 310/KH-UBND ..." deadline is linked to the registered
document). Files that cannot be read as a plan raise `DomainError` (nothing is written); doubtful rows get
warnings; row errors (a duplicated number, a task without content) are listed in `PlanPreview.errors` and
refuse the confirmation. `plan_services.plan_import_confirm` repeats it on the same bytes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cchc.core.dates import fmt
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import ADMIN, STANDING, scope_for
from cchc.core.text import fold
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans import plan_files, plan_table
from cchc.plans.choices import DeadlineKind, OfficeRole, TaskStatus
from cchc.plans.matching import AMBIGUOUS, OfficeIndex, OfficeMatch
from cchc.plans.models import Plan, ProgressReport
from cchc.plans.targets import ProposedTarget, propose_targets
from cchc.registry import reader, textract
from cchc.registry.choices import DocType
from cchc.registry.models import Document

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


def check_import_permission(actor, unit: Unit) -> None:
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
    issuer_warning: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def blocking(self) -> list[str]:
        """What refuses the confirmation whatever the user chooses: table errors, a plan already in progress."""
        blocking = list(self.errors)
        if self.existing_plan is not None and self.existing_has_progress:
            blocking.append(existing_message(self))
        return blocking

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
            "issuer_warning": self.issuer_warning,
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
            rows = plan_files.rows_from_xlsx(data)
        except (
            Exception
        ) as exc:  # already read once by parse_plan_file; only a reader bug lands here
            raise DomainError(f"Không đọc được tệp “{os.path.basename(filename)}”.") from exc
        return "\n".join("\t".join(c for c in row).strip() for row in rows)
    try:
        return textract.document_text(filename, data)
    except textract.TextractError:
        if ext in plan_files.TEXT_EXTENSIONS:
            return plan_files.decode_text(os.path.basename(filename), data)
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


_COMMITTEE = re.compile(r"^(?:chủ tịch\s+)?(?:ủy|uỷ) ban nhân dân\s+", re.I)


def _short_issuer(issuer: str) -> str:
    """ "Chủ tịch Ủy ban nhân dân phường Lê Thanh Nghị" → "UBND phường Lê Thanh Nghị"."""
    return _COMMITTEE.sub("UBND ", issuer.strip())


def _named_levels(text: str) -> list[Unit]:
    """The levels of local government (city, wards, communes, special zones) whose full name appears in the text,
    longest name first ("phường Lê Thanh Nghị" before a "phường Lê" that might also exist)."""
    folded = f" {fold(text)} "
    if not folded.strip():
        return []
    found = []
    for unit in Unit.objects.filter(kind__in=LEVEL_KINDS).only("id", "name", "path", "kind"):
        name = fold(unit.name)
        if name and re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", folded):
            found.append(unit)
    return sorted(found, key=lambda u: -len(u.name))


def issuer_mismatch(header: reader.DocumentHeader, unit: Unit) -> str:
    """A plain warning when the document was issued by (or is titled for) another level than the chosen unit:
    "Văn bản do UBND phường Lê Thanh Nghị ban hành, không phải Phường An Biên". Empty when they agree, or when
    the text names no level known to the system."""
    for text, what in (
        (header.issuer, "ban hành"),
        (getattr(header, "attached_title", "") or "", "là kế hoạch"),
        (header.title, "là kế hoạch"),
    ):
        named = _named_levels(text or "")
        if not named:
            continue
        if any(u.pk == unit.pk for u in named):
            return ""
        other = named[0]
        if what == "ban hành":
            return (
                f"Văn bản do {_short_issuer(header.issuer)} ban hành, không phải {unit.name}: "
                f"kiểm tra lại đơn vị nhập (có thể là kế hoạch của {other.name})."
            )
        return f"Văn bản {what} của {other.name}, không phải {unit.name}: kiểm tra lại đơn vị nhập."
    return ""


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
    check_import_permission(actor, unit)
    from cchc.plans.deadlines import (
        parse_deadline,
    )  # the deadline parser module is loaded on first use

    table = plan_files.parse_plan_file(filename, data)
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
        existing_has_progress=has_progress(existing) if existing else False,
        office_choices=index.choices(),
    )
    preview.issuer_warning = issuer_mismatch(header, unit)
    if existing is not None and not preview.existing_has_progress:
        preview.warnings.insert(0, existing_message(preview))
    return preview


def has_progress(plan: Plan) -> bool:
    return (
        ProgressReport.objects.filter(task__plan=plan).exists()
        or plan.tasks.exclude(status=TaskStatus.TODO).exists()
        or plan.tasks.filter(percent__gt=0).exists()
    )


def existing_message(preview: PlanPreview) -> str:
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
