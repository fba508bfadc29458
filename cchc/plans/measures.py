"""Whether a measured value meets a plan's target (chỉ tiêu). A pure rule module: no ORM, no request.

Numeric targets ("đạt tối thiểu 95%", "không vượt quá 2%", "đạt đúng 100%") are decided from the value; targets
worded as a rank ("thuộc nhóm dẫn đầu"), an excess over what was assigned, or in words are decided by the person
who records the measure, who says "đạt" or "không đạt".
"""

from dataclasses import dataclass
from decimal import Decimal

from cchc.plans.choices import TargetComparator

NUMERIC = frozenset({TargetComparator.AT_LEAST, TargetComparator.AT_MOST, TargetComparator.EXACT})


@dataclass(frozen=True)
class Achievement:
    """The outcome: `achieved` (None when it cannot be decided) and, when it cannot, why."""

    achieved: bool | None
    reason: str = ""


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value.normalize()}"
    return text.replace(".", ",")


def achievement(
    *, comparator: str, target_value: Decimal | None, measured: Decimal | None, stated: bool | None
) -> Achievement:
    """Decide a measure: numeric comparators compare `measured` with `target_value`; the others take `stated`."""
    if comparator in NUMERIC and target_value is not None and measured is not None:
        if comparator == TargetComparator.AT_LEAST:
            return Achievement(measured >= target_value)
        if comparator == TargetComparator.AT_MOST:
            return Achievement(measured <= target_value)
        return Achievement(measured == target_value)
    if stated is not None:
        return Achievement(bool(stated))
    if comparator in NUMERIC and target_value is not None:
        return Achievement(None, f"nhập giá trị đạt được để so với {_number(target_value)}")
    return Achievement(None, "chọn “Đạt” hoặc “Không đạt”")
