"""Pure scoring rules of the PAR Index: a criterion's score from what a unit reports, the checks on a criteria
tree, the index on 100 and its band. No ORM, no request; every refusal names the criterion code.

Method and normalisation follow the national practice (Đề án xác định Chỉ số CCHC, QĐ 876/QĐ-BNV 2022):
index = (appraised + survey) / applicable maximum × 100, where criteria marked "không áp dụng" leave the maximum.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from cchc.core.errors import DomainError
from cchc.par.choices import Method, Part

CENT = Decimal("0.01")
ZERO = Decimal("0")
HUNDRED = Decimal("100")


def q2(value) -> Decimal:
    """Round half up to 2 decimals (scores are published with two decimals)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def vn(value, digits: int = 2) -> str:
    """A number as Vietnamese write it: decimal comma."""
    if value is None:
        return "—"
    return f"{Decimal(value):.{digits}f}".replace(".", ",")


def parse_number(text) -> Decimal | None:
    """'1,5', '1.5', '85 %', '' → Decimal or None; a thousands dot is not expected in scores."""
    if text is None:
        return None
    if isinstance(text, (int, float, Decimal)):
        return Decimal(str(text))
    s = str(text).strip().replace("%", "").replace(" ", "").replace("\u00a0", "")
    if not s:
        return None
    if "," in s and "." not in s:
        s = s.replace(",", ".")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise ValueError(text)
    if not value.is_finite():
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class ThresholdRow:
    min_value: Decimal
    score: Decimal


@dataclass(frozen=True)
class Scored:
    """A score with the reason shown to the user."""

    score: Decimal
    reason: str


def threshold_score(figure: Decimal, rows: Iterable[ThresholdRow], unit_label: str = "") -> Scored:
    """The score of the highest threshold the figure reaches; 0 below the lowest."""
    ordered = sorted(rows, key=lambda r: r.min_value, reverse=True)
    suffix = f" {unit_label}" if unit_label else ""
    for row in ordered:
        if figure >= row.min_value:
            return Scored(
                q2(row.score),
                f"Số liệu {vn(figure)}{suffix} ≥ {vn(row.min_value)}{suffix} → {vn(row.score)} điểm",
            )
    lowest = ordered[-1].min_value if ordered else ZERO
    return Scored(ZERO, f"Số liệu {vn(figure)}{suffix} < {vn(lowest)}{suffix} → 0 điểm")


def criterion_score(
    *,
    code: str,
    method: str,
    max_score: Decimal,
    value,
    thresholds: Iterable[ThresholdRow] = (),
    unit_label: str = "",
) -> Scored:
    """The score of one criterion from the value entered: points, yes/no (1/0) or the reported figure.

    Refuses a negative value or points above the maximum, naming the criterion.
    """
    value = Decimal(value)
    if value < 0:
        raise DomainError(f"Tiêu chí {code}: giá trị không được âm.", field=code)
    if method == Method.YES_NO:
        if value not in (0, 1):
            raise DomainError(f"Tiêu chí {code}: chỉ chọn Đạt hoặc Không đạt.", field=code)
        return Scored(q2(max_score) if value == 1 else ZERO, "Đạt" if value == 1 else "Không đạt")
    if method == Method.THRESHOLD:
        return threshold_score(value, thresholds, unit_label)
    if value > max_score:
        raise DomainError(
            f"Tiêu chí {code}: điểm {vn(value)} vượt điểm tối đa {vn(max_score)}.",
            field=code,
        )
    if value != q2(value):
        raise DomainError(f"Tiêu chí {code}: điểm chỉ lấy đến hai chữ số thập phân.", field=code)
    return Scored(q2(value), "Điểm chấm")


@dataclass
class Node:
    """A criteria-tree node as the checks see it (from the database or from an Excel sheet)."""

    code: str
    name: str
    max_score: Decimal
    part: str = Part.APPRAISED
    method: str = Method.POINTS
    thresholds: list[ThresholdRow] = field(default_factory=list)
    guide: str = ""
    evidence_required: bool = False
    allow_not_applicable: bool = False
    figure_unit: str = "%"
    measure_code: str = ""
    row: int | None = None

    @property
    def parent_code(self) -> str | None:
        return parent_code(self.code)


def parent_code(code: str) -> str | None:
    """'1.2.3' → '1.2'; '1' and 'S1' → None."""
    return code.rsplit(".", 1)[0] if "." in code else None


def sort_key(code: str) -> str:
    """A text key that sorts '1.2' before '1.10' and survey codes after the areas."""
    parts = []
    for seg in code.split("."):
        parts.append(f"{int(seg):04d}" if seg.isdigit() else "Z" + seg.upper().rjust(8, "0"))
    return ".".join(parts)


def validate_tree(nodes: list[Node], *, appraised_max: Decimal, survey_max: Decimal) -> list[str]:
    """Every reason the tree is not valid, each naming the codes concerned; empty when valid.

    Checks: unique codes; every parent exists; children's maxima add up to the parent's; the areas of each
    part add up to the declared totals; scored leaves have a method fitting their part; threshold rows
    exist and stay within the maximum.
    """
    errors: list[str] = []
    by_code: dict[str, Node] = {}
    for n in nodes:
        where = f" (dòng {n.row})" if n.row else ""
        if not n.code:
            errors.append(f"Có mục chưa có mã{where}.")
            continue
        if n.code in by_code:
            errors.append(f"Mã {n.code} bị trùng{where}.")
            continue
        if n.max_score is None or n.max_score < 0:
            errors.append(f"Mục {n.code}: điểm tối đa không hợp lệ{where}.")
        by_code[n.code] = n
    children: dict[str, list[Node]] = {}
    for n in by_code.values():
        pc = n.parent_code
        if pc is None:
            continue
        if pc not in by_code:
            errors.append(f"Mục {n.code}: không có mục cha {pc}.")
            continue
        children.setdefault(pc, []).append(n)
        if by_code[pc].part != n.part:
            errors.append(f"Mục {n.code}: thuộc phần khác với mục cha {pc}.")
    for pc, kids in sorted(children.items(), key=lambda kv: sort_key(kv[0])):
        parent = by_code[pc]
        total = sum((k.max_score or ZERO for k in kids), ZERO)
        if parent.max_score is not None and total != parent.max_score:
            codes = ", ".join(k.code for k in sorted(kids, key=lambda k: sort_key(k.code)))
            errors.append(
                f"Mục {pc} (tối đa {vn(parent.max_score)}): tổng điểm tối đa các mục con {codes} là {vn(total)}, "
                f"phải bằng {vn(parent.max_score)}."
            )
    for part, declared, label in [
        (Part.APPRAISED, appraised_max, "phần thẩm định"),
        (Part.SURVEY, survey_max, "phần điều tra xã hội học"),
    ]:
        tops = [n for n in by_code.values() if n.parent_code is None and n.part == part]
        total = sum((n.max_score or ZERO for n in tops), ZERO)
        if total != declared:
            codes = (
                ", ".join(n.code for n in sorted(tops, key=lambda n: sort_key(n.code)))
                or "không có mục nào"
            )
            errors.append(
                f"Tổng điểm tối đa {label} ({codes}) là {vn(total)}, khác tổng đã khai báo {vn(declared)}."
            )
    for n in sorted(by_code.values(), key=lambda n: sort_key(n.code)):
        if n.code in children:
            if n.measure_code:
                errors.append(
                    f"Mục {n.code}: có mục con nên không gắn số liệu hệ thống; gắn ở mục con."
                )
            continue
        if n.measure_code and n.method != Method.THRESHOLD:
            errors.append(
                f"Mục {n.code}: số liệu hệ thống chỉ dùng cho tiêu chí chấm theo ngưỡng số liệu."
            )
        if n.part == Part.SURVEY and n.method != Method.SURVEY:
            errors.append(
                f"Mục {n.code}: thuộc phần điều tra xã hội học nên phương pháp phải là “điều tra”."
            )
        if n.part == Part.APPRAISED and n.method == Method.SURVEY:
            errors.append(
                f"Mục {n.code}: phương pháp “điều tra” chỉ dùng cho phần điều tra xã hội học."
            )
        if n.method == Method.THRESHOLD:
            if not n.thresholds:
                errors.append(f"Mục {n.code}: chấm theo ngưỡng nhưng chưa có ngưỡng nào.")
            for t in n.thresholds:
                if t.score < 0 or (n.max_score is not None and t.score > n.max_score):
                    errors.append(
                        f"Mục {n.code}: ngưỡng ≥ {vn(t.min_value)} cho {vn(t.score)} điểm, vượt điểm tối đa {vn(n.max_score)}."
                    )
    return errors


def parse_thresholds(text: str) -> list[ThresholdRow]:
    """'100:2; 80:1; 0:0' (also '≥ 100 → 2') → rows; raises ValueError naming the bad part."""
    rows = []
    for part in (text or "").replace("\n", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        cleaned = (
            part.replace("≥", "")
            .replace(">=", "")
            .replace("→", ":")
            .replace("=", ":")
            .replace("%", "")
        )
        if ":" not in cleaned:
            raise ValueError(part)
        left, right = cleaned.split(":", 1)
        try:
            lo, score = parse_number(left), parse_number(right)
        except ValueError:
            raise ValueError(part)
        if lo is None or score is None:
            raise ValueError(part)
        rows.append(ThresholdRow(min_value=lo, score=score))
    return sorted(rows, key=lambda r: r.min_value, reverse=True)


def format_thresholds(rows: Iterable[ThresholdRow]) -> str:
    """Rows → '100:2; 80:1; 0:0' with decimal commas (the form Excel and the editor use)."""
    return "; ".join(
        f"{vn(r.min_value).rstrip('0').rstrip(',')}:{vn(r.score).rstrip('0').rstrip(',')}"
        for r in sorted(rows, key=lambda r: r.min_value, reverse=True)
    )


def index_total(
    *,
    appraised: Decimal,
    survey: Decimal,
    appraised_max: Decimal,
    survey_max: Decimal,
    not_applicable_max: Decimal = ZERO,
    survey_organised: bool = True,
) -> tuple[Decimal, Decimal]:
    """(index on 100, applicable maximum).

    Criteria marked "không áp dụng" leave the maximum; without a survey the appraised part alone is scaled
    to 100. With the full maximum of 100 the index is simply appraised + survey.
    """
    applicable = appraised_max - not_applicable_max + (survey_max if survey_organised else ZERO)
    achieved = appraised + (survey if survey_organised else ZERO)
    if applicable <= 0:
        return ZERO, q2(applicable)
    return q2(achieved * HUNDRED / applicable), q2(applicable)


def band_for(total: Decimal | None, bands: Iterable[tuple[str, Decimal]]) -> str:
    """The band whose lower bound the index reaches (bounds inclusive), or '' without bands."""
    if total is None:
        return ""
    for name, lower in sorted(bands, key=lambda b: b[1], reverse=True):
        if total >= lower:
            return name
    return ""
