"""Writing CCHC plans: the confirmed import, and the plan's settings afterwards.

`plan_import_confirm` repeats the preview (`import_preview.plan_import_preview`) on the same bytes, applies the
user's fixes (an unmatched office mapped to a unit, optionally saved as an alias of that unit), and in one
transaction registers the plan's document with its legal bases (or links the document already registered under the
same number and year), creates the plan, its areas, tasks, office roles and targets, and writes the audit record.

A unit has one CCHC plan per year. Importing again for the same unit and year is refused, unless the caller
asks to replace it and the plan already imported has no progress yet (no progress report, every task still
"chưa thực hiện"): then the old plan is deleted inside the same transaction and its document reused.

`plan_update` is the plan's settings afterwards: its title and how often its continuous tasks are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction

from cchc.core import audit
from cchc.core.dates import fmt
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import ADMIN, STANDING, user_or_none
from cchc.core.text import fold, nfc
from cchc.orgs.models import Unit
from cchc.plans import policies
from cchc.plans.choices import (
    PLAN_REPORT_PERIODS,
    TargetComparator,
)
from cchc.plans.import_preview import (
    PlanPreview,
    existing_message,
    has_progress,
    plan_import_preview,
)
from cchc.plans.matching import MATCHED_BY_FIX, OfficeIndex, OfficeMatch
from cchc.plans.models import Area, Plan, Target, Task, TaskOffice
from cchc.plans.search_text import plan_search_text, task_search_text
from cchc.plans.targets import ProposedTarget
from cchc.registry.choices import DatePrecision, DocType
from cchc.registry.models import Document
from cchc.registry.services import BasisInput, document_register

if TYPE_CHECKING:
    pass

IMPORTERS = frozenset({ADMIN, STANDING})
ACCEPTED_EXTENSIONS = (".docx", ".xlsx", ".xlsm", ".txt", ".md", ".markdown", ".tsv")
_YEAR_IN_TITLE = re.compile(r"\bn[ăa]m\s+(20\d\d)\b", re.I)


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
        raise DomainError(existing_message(preview))
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
    accept_issuer: bool = False,
    preview: PlanPreview | None = None,
) -> Plan:
    """Save the plan read from `data` for `unit`, all of it or nothing.

    `fixes` maps unmatched offices to units (see `_apply_fixes`); `save_aliases` is True (every fixed name becomes
    an alias of the unit chosen) or the names to save; `targets` the proposals the user confirmed (None saves
    every proposal unconfirmed); `replace` replaces a plan already imported for the same unit and year when it
    has no progress. When the document names another level than `unit` (`PlanPreview.issuer_warning`), the
    import needs `accept_issuer`: the user chose to import it for this unit all the same. `preview` may be passed
    when it was just computed on the same bytes (the command).
    """
    if preview is None:
        preview = plan_import_preview(
            actor=actor, unit=unit, filename=filename, data=data, year=year
        )
    if preview.errors:
        raise DomainError("Không thể nhập kế hoạch:\n" + "\n".join(preview.errors))
    if preview.issuer_warning and not accept_issuer:
        raise DomainError(
            preview.issuer_warning + f" Nếu đúng là kế hoạch của {unit.name}, hãy chọn "
            "“Vẫn nhập cho đơn vị này” rồi xác nhận.",
            field="accept_issuer",
        )
    index = OfficeIndex(unit)
    applied = _apply_fixes(preview, index, fixes or {})
    aliases = _save_aliases(actor, applied, save_aliases) if save_aliases else []
    chosen_targets = _chosen_targets(preview, targets)

    reuse = None
    if preview.existing_plan is not None:
        if not replace:
            raise DomainError(existing_message(preview))
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


@transaction.atomic
def plan_withdraw(*, actor, plan: Plan, reason: str) -> None:
    """Withdraw a plan imported by mistake (under the wrong unit, the wrong file) while it has no progress.

    The plan, its areas, tasks and targets go; its document stays in the register. Only the plan's standing agency
    (or an administrator) may, with a reason; the withdrawal is audited with what the plan was."""
    if not policies.can_manage_plan(actor, plan):
        raise PermissionDenied("Chỉ cơ quan thường trực của đơn vị mới rút được kế hoạch này.")
    reason = nfc(reason or "").strip()
    if not reason:
        raise DomainError("Vui lòng ghi lý do rút kế hoạch.", field="reason")
    if has_progress(plan):
        raise DomainError(
            f"Không thể rút “{plan.title}”: kế hoạch đã có báo cáo tiến độ. "
            "Kế hoạch đang thực hiện được giữ lại; hãy sửa từng nhiệm vụ nếu cần.",
            field="reason",
        )
    before = {
        "title": plan.title,
        "unit": plan.unit_id,
        "year": plan.year,
        "document": plan.document_id,
        "tasks": plan.tasks.count(),
        "targets": plan.targets.count(),
    }
    audit.record(
        actor=actor,
        action="plan.withdraw",
        obj=plan,
        before=before,
        after=None,
        unit_path=plan.unit.path,
        note=reason,
    )
    plan.tasks.all().delete()  # tasks first: an area is kept while a task points at it
    plan.delete()
