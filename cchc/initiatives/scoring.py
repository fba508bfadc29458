"""Scoring an initiative from its council members' sheets: a member's total, the average, the quorum and the
verdict, each with its reason in Vietnamese. Pure: no ORM, no request.

The council publishes its sheet (criteria with maximum points) and its threshold as data (Nghị định
13/2012/NĐ-CP, Điều 8 leaves the scoring method to the council's regulation). The rules of this module:

- a member's sheet counts when it scores every criterion of the sheet; a partly filled sheet is listed, not
  counted;
- the verdict needs the full sheets of a quorum of the scoring members: the council's own figure when it has
  one, else two thirds of them rounded up (`default_quorum`);
- the average is the mean of the counted members' totals, rounded half up to one decimal, and is compared with
  the threshold as rounded: "Điểm trung bình 78,3/100 ≥ ngưỡng 70 — đạt";
- no sheet, no threshold or no scoring member gives "cần kiểm tra", never a silent "không đạt".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

PASS = "pass"
FAIL = "fail"
INCOMPLETE = "incomplete"
TO_CHECK = "to_check"

VERDICT_LABELS = {
    PASS: "Đạt",
    FAIL: "Không đạt",
    INCOMPLETE: "Chưa đủ điểm",
    TO_CHECK: "Cần kiểm tra",
}
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Criterion:
    """One row of the published sheet."""

    id: int
    name: str
    max_points: Decimal


@dataclass(frozen=True)
class Sheet:
    """One member's points by criterion id (a missing criterion is not scored yet)."""

    member_id: int
    name: str
    points: Mapping[int, Decimal]


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    points: Mapping[int, Decimal]  # member id -> points
    average: Decimal | None


@dataclass(frozen=True)
class Verdict:
    """The outcome of scoring, with the figures a page, the API and a decision need."""

    status: str
    reasons: tuple[str, ...]
    average: Decimal | None
    max_total: Decimal
    threshold: Decimal | None
    members: int
    required: int
    counted: int
    totals: Mapping[int, Decimal] = field(default_factory=dict)  # member id -> total (full sheets)
    partial: tuple[str, ...] = ()
    criteria: tuple[CriterionResult, ...] = ()

    @property
    def passed(self) -> bool:
        return self.status == PASS

    @property
    def decided(self) -> bool:
        """A verdict the council can act on: đạt or không đạt."""
        return self.status in (PASS, FAIL)

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.status]

    @property
    def text(self) -> str:
        return "; ".join(self.reasons)


def number(value: Decimal | int | float | None) -> str:
    """A number as Vietnamese tables write it: decimal comma, no trailing zeros ("78,3", "70")."""
    if value is None:
        return "—"
    text = f"{Decimal(str(value)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def round1(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def default_quorum(members: int) -> int:
    """Two thirds of the scoring members, rounded up (3 → 2, 5 → 4, 7 → 5)."""
    return math.ceil(members * 2 / 3)


def required_sheets(members: int, quorum: int | None) -> int:
    """How many full sheets the verdict needs: the council's quorum (at most every member), else two thirds."""
    if members <= 0:
        return 0
    if quorum:
        return min(quorum, members)
    return default_quorum(members)


def check_sheet(criteria: Sequence[Criterion], points: Mapping[int, Decimal | None]) -> list[str]:
    """Vietnamese errors of one member's sheet, naming the criterion: missing, negative or above its maximum."""
    errors = []
    for c in criteria:
        value = points.get(c.id)
        if value is None:
            errors.append(f"Chưa chấm tiêu chí “{c.name}”.")
        elif value < 0:
            errors.append(f"Điểm tiêu chí “{c.name}” không được âm.")
        elif value > c.max_points:
            errors.append(
                f"Điểm tiêu chí “{c.name}” là {number(value)}, vượt điểm tối đa "
                f"{number(c.max_points)}."
            )
    return errors


def evaluate(
    criteria: Sequence[Criterion],
    sheets: Sequence[Sheet],
    *,
    threshold: Decimal | None,
    members: int,
    quorum: int | None = None,
) -> Verdict:
    """The verdict of a council on one initiative from its members' sheets; see the module docstring.

    `members` is the number of the council's scoring members (chair, vice-chairs, members)."""
    max_total = sum((c.max_points for c in criteria), Decimal(0))
    ids = [c.id for c in criteria]
    full = [s for s in sheets if ids and all(s.points.get(i) is not None for i in ids)]
    partial = tuple(
        s.name for s in sheets if s not in full and any(v is not None for v in s.points.values())
    )
    totals = {s.member_id: sum((s.points[i] for i in ids), Decimal(0)) for s in full}
    per_criterion = tuple(
        CriterionResult(
            criterion=c,
            points={s.member_id: s.points[c.id] for s in sheets if s.points.get(c.id) is not None},
            average=(
                round1(sum((s.points[c.id] for s in full), Decimal(0)) / len(full))
                if full
                else None
            ),
        )
        for c in criteria
    )
    required = required_sheets(members, quorum)
    average = round1(sum(totals.values(), Decimal(0)) / len(totals)) if totals else None

    def result(status: str, *reasons: str) -> Verdict:
        notes = list(reasons)
        if partial:
            notes.append("Chưa chấm đủ các tiêu chí (không tính): " + ", ".join(partial) + ".")
        return Verdict(
            status=status,
            reasons=tuple(notes),
            average=average,
            max_total=max_total,
            threshold=threshold,
            members=members,
            required=required,
            counted=len(full),
            totals=totals,
            partial=partial,
            criteria=per_criterion,
        )

    if not criteria:
        return result(TO_CHECK, "Hội đồng chưa công bố phiếu chấm điểm — cần kiểm tra.")
    if threshold is None:
        return result(TO_CHECK, "Hội đồng chưa công bố ngưỡng công nhận — cần kiểm tra.")
    if members <= 0:
        return result(TO_CHECK, "Hội đồng chưa có thành viên chấm điểm — cần kiểm tra.")
    if len(full) < required:
        rule = f"cần ít nhất {required}" + (
            "" if quorum else " (hai phần ba số thành viên chấm điểm)"
        )
        return result(
            INCOMPLETE,
            f"Mới có {len(full)}/{members} thành viên chấm điểm đầy đủ; {rule} — "
            "chưa đủ để kết luận.",
        )
    assert average is not None
    head = f"Điểm trung bình {number(average)}/{number(max_total)}"
    if average >= threshold:
        return result(PASS, f"{head} ≥ ngưỡng {number(threshold)} — đạt")
    return result(FAIL, f"{head} < ngưỡng {number(threshold)} — không đạt")
