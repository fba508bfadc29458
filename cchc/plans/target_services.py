"""Writes of a plan's targets (chỉ tiêu): added, reworded or deleted by hand, confirmed (how they compare, which
office follows them) and measured per period.

Targets read from the plan's text at import are proposals (`confirmed` is false) until the standing agency
confirms them; a target added by hand is confirmed as it is written. A target that has measured values is never
deleted, so that the results already entered stay in the plan's reports.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import cast

from django.db import transaction
from django.db.models import Max

from cchc.core import audit, versions
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import user_or_none
from cchc.core.text import nfc
from cchc.orgs.models import Unit
from cchc.plans import measures, policies
from cchc.plans.choices import TargetComparator
from cchc.plans.models import Plan, Target, TargetMeasure

# Both are CharFields, whose max_length is set; the field's type says int | None.
CODE_MAX = cast(int, Target._meta.get_field("code").max_length)
VALUE_UNIT_MAX = cast(int, Target._meta.get_field("value_unit").max_length)
WORDING_FIELDS = ["code", "text"]
COMPARISON_FIELDS = ["comparator", "value", "value_unit", "responsible", "confirmed"]


def _decimal(value, *, field: str, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        raise DomainError(f"{what} “{value}” không phải là số.", field=field) from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise DomainError(f"{what} “{value}” không hợp lệ.", field=field)
    return number


def _label(code: str) -> str:
    return f"Chỉ tiêu {code})" if code else "Chỉ tiêu"


def _check_wording(
    plan: Plan, *, code: str, text: str, target: Target | None = None
) -> tuple[str, str]:
    """The cleaned code ("a", without its bracket) and wording; DomainError naming the field otherwise."""
    code = nfc(code).strip().rstrip(")").strip()
    text = nfc(text).strip()
    if not text:
        raise DomainError("Nhập nội dung chỉ tiêu.", field="text")
    if len(code) > CODE_MAX:
        raise DomainError(f"Mã chỉ tiêu “{code}” dài quá {CODE_MAX} ký tự.", field="code")
    if code:
        others = plan.targets.exclude(pk=target.pk) if target else plan.targets.all()
        if others.filter(code__iexact=code).exists():
            raise DomainError(f"Kế hoạch đã có chỉ tiêu mã “{code}”; chọn mã khác.", field="code")
    return code, text


def _check_comparison(
    plan: Plan, *, label: str, comparator: str, value, value_unit: str, responsible: Unit | None
) -> tuple[Decimal | None, str]:
    """The target value and unit of measure for `comparator`; DomainError naming the field otherwise."""
    if comparator not in TargetComparator.values:
        raise DomainError(f"Cách so sánh “{comparator}” không hợp lệ.", field="comparator")
    number = _decimal(value, field="value", what="Giá trị chỉ tiêu")
    if comparator in measures.NUMERIC and number is None:
        raise DomainError(
            f"{label}: “{TargetComparator(comparator).label}” cần giá trị chỉ tiêu.", field="value"
        )
    value_unit = nfc(value_unit).strip()
    if len(value_unit) > VALUE_UNIT_MAX:
        raise DomainError(
            f"Đơn vị tính “{value_unit}” dài quá {VALUE_UNIT_MAX} ký tự.", field="value_unit"
        )
    if responsible is not None and not responsible.path.startswith(plan.unit.path):
        raise DomainError(
            f"Cơ quan theo dõi “{responsible.name}” không thuộc {plan.unit.name}.",
            field="responsible",
        )
    return number, value_unit


@transaction.atomic
def target_add(
    *,
    actor,
    plan: Plan,
    code: str,
    text: str,
    comparator: str,
    value=None,
    value_unit: str = "",
    responsible: Unit | None = None,
) -> Target:
    """Add a target to the plan by hand (the plan's standing agency), confirmed as written, after the others."""
    if not policies.can_manage_targets(actor, plan):
        raise PermissionDenied("Bạn không có quyền thêm chỉ tiêu cho kế hoạch này.")
    code, text = _check_wording(plan, code=code, text=text)
    number, value_unit = _check_comparison(
        plan,
        label=_label(code),
        comparator=comparator,
        value=value,
        value_unit=value_unit,
        responsible=responsible,
    )
    last = plan.targets.aggregate(last=Max("order"))["last"]
    target = Target.objects.create(
        plan=plan,
        code=code,
        text=text,
        comparator=comparator,
        value=number,
        value_unit=value_unit,
        responsible=responsible,
        confirmed=True,
        order=0 if last is None else last + 1,
    )
    audit.record(
        actor=actor,
        action="target.add",
        obj=target,
        after=audit.snapshot(target, [*WORDING_FIELDS, *COMPARISON_FIELDS, "plan"]),
        unit_path=plan.unit.path,
    )
    return target


@transaction.atomic
def target_update(
    *, actor, target: Target, code: str, text: str, seen_version: int | None = None
) -> Target:
    """Correct the code and wording of a target (the plan's standing agency); its measures are kept."""
    plan = target.plan
    if not policies.can_manage_targets(actor, plan):
        raise PermissionDenied("Bạn không có quyền sửa chỉ tiêu của kế hoạch này.")
    code, text = _check_wording(plan, code=code, text=text, target=target)
    versions.check_version(target, seen_version, actor, label=_label(target.code))
    before = audit.snapshot(target, WORDING_FIELDS)
    target.code, target.text = code, text
    target.save(update_fields=WORDING_FIELDS)
    audit.record(
        actor=actor,
        action="target.update",
        obj=target,
        before=before,
        after=audit.snapshot(target, WORDING_FIELDS),
        unit_path=plan.unit.path,
    )
    return target


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    """Delete a target that has no measured value yet (the plan's standing agency)."""
    plan = target.plan
    if not policies.can_manage_targets(actor, plan):
        raise PermissionDenied("Bạn không có quyền xóa chỉ tiêu của kế hoạch này.")
    measured = target.measures.count()
    if measured:
        raise DomainError(
            f"{_label(target.code)} đã có {measured} kết quả theo kỳ; không xóa được vì phải giữ các kết quả "
            "đã nhập. Sửa nội dung chỉ tiêu nếu cần."
        )
    before = audit.snapshot(target, [*WORDING_FIELDS, *COMPARISON_FIELDS, "plan"])
    object_id, object_repr = target.pk, str(target)
    target.delete()
    audit.record(
        actor=actor,
        action="target.delete",
        model="plans.target",
        object_id=object_id,
        object_repr=object_repr,
        before=before,
        unit_path=plan.unit.path,
    )


@transaction.atomic
def target_confirm(
    *,
    actor,
    target: Target,
    comparator: str,
    value,
    value_unit: str = "",
    responsible=None,
    seen_version: int | None = None,
) -> Target:
    """Confirm how a target is compared (at least, at most, exactly a value; rank, excess or words) and which
    office of the plan's unit follows it."""
    plan = target.plan
    if not policies.can_manage_targets(actor, plan):
        raise PermissionDenied("Bạn không có quyền xác nhận chỉ tiêu của kế hoạch này.")
    number, value_unit = _check_comparison(
        plan,
        label=_label(target.code),
        comparator=comparator,
        value=value,
        value_unit=value_unit,
        responsible=responsible,
    )
    versions.check_version(target, seen_version, actor, label=_label(target.code))
    before = audit.snapshot(target, COMPARISON_FIELDS)
    target.comparator, target.value, target.value_unit = comparator, number, value_unit
    target.responsible, target.confirmed = responsible, True
    target.save(update_fields=COMPARISON_FIELDS)
    audit.record(
        actor=actor,
        action="target.confirm",
        obj=target,
        before=before,
        after=audit.snapshot(target, COMPARISON_FIELDS),
        unit_path=plan.unit.path,
    )
    return target


@transaction.atomic
def target_measure_record(
    *,
    actor,
    target: Target,
    period_label: str,
    period_end: date | None,
    value=None,
    achieved: bool | None = None,
    note: str = "",
) -> TargetMeasure:
    """Record the value reached in a period; one measure per period (recording again replaces it).

    Whether the target is met is computed for numeric targets and taken from `achieved` for the others.
    """
    if not policies.can_record_measure(actor, target):
        raise PermissionDenied("Bạn không có quyền nhập kết quả chỉ tiêu này.")
    if not target.confirmed:
        raise DomainError(
            f"{_label(target.code)} chưa được xác nhận cách so sánh; xác nhận trước khi nhập kết quả."
        )
    label = nfc(period_label)[:40]
    if not label:
        raise DomainError("Nhập tên kỳ (ví dụ: Quý III/2026, Năm 2026).", field="period_label")
    if period_end is None:
        raise DomainError("Nhập ngày hết kỳ (dd/mm/yyyy).", field="period_end")
    measured = _decimal(value, field="value", what="Giá trị đạt được")
    outcome = measures.achievement(
        comparator=target.comparator, target_value=target.value, measured=measured, stated=achieved
    )
    if outcome.achieved is None:
        raise DomainError(
            f"{_label(target.code)}: {outcome.reason}.",
            field="value" if measured is None else "achieved",
        )
    existing = TargetMeasure.objects.filter(target=target, period_end=period_end).first()
    fields = ["period_label", "value", "achieved", "note"]
    before = audit.snapshot(existing, fields) if existing else None
    measure = existing or TargetMeasure(
        target=target,
        period_end=period_end,
        created_by=user_or_none(actor),
    )
    measure.period_label, measure.value, measure.achieved, measure.note = (
        label,
        measured,
        outcome.achieved,
        nfc(note),
    )
    measure.save()
    audit.record(
        actor=actor,
        action="target.measure",
        obj=target,
        before=before,
        after={**audit.snapshot(measure, fields), "period_end": period_end},
        unit_path=target.plan.unit.path,
    )
    return measure
