"""Survey (điều tra xã hội học) scores of a round: entered in a table or imported from Excel (a unit column,
then one column per survey item). One bad row refuses the whole file with the rows named; nothing is half-saved.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from cchc.core import audit, tabular
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.text import fold
from cchc.par import policies, selectors
from cchc.par.choices import Method, RoundStatus
from cchc.par.models import Answer, Assessment, Criterion, Round
from cchc.par.scoring import parse_number, q2, vn

SURVEY_UNIT_COLUMNS = {"unit_code": ["Mã đơn vị", "Mã"], "unit": ["Đơn vị", "Tên đơn vị"]}


@dataclass
class SurveyRow:
    number: int
    unit_label: str
    cells: list[str]
    errors: list[str] = field(default_factory=list)
    assessment: Assessment | None = None
    scores: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class SurveyPreview:
    columns: list[str]
    rows: list[SurveyRow]
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows) and all(not r.errors for r in self.rows)

    @property
    def bad_rows(self) -> list[SurveyRow]:
        return [r for r in self.rows if r.errors]

    def message(self) -> str:
        parts = list(self.errors)
        for r in self.bad_rows[:30]:
            parts.append(f"Dòng {r.number}: " + "; ".join(r.errors))
        if len(self.bad_rows) > 30:
            parts.append(f"… và {len(self.bad_rows) - 30} dòng lỗi khác.")
        return "\n".join(parts)


def _check_survey(actor, round_: Round) -> None:
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied("Chỉ cơ quan thường trực mới được nhập điểm điều tra xã hội học.")
    if round_.status != RoundStatus.OPEN:
        raise DomainError("Chỉ nhập điểm điều tra khi đợt đánh giá đang mở.")


def survey_import_preview(*, actor, round_: Round, filename: str, data: bytes) -> SurveyPreview:
    """Check every row of a survey file (unit, then one column per survey item); nothing is written."""
    _check_survey(actor, round_)
    items = selectors.survey_columns(round_)
    columns = dict(SURVEY_UNIT_COLUMNS)
    for code, (name, _) in items.items():
        columns[code] = [code, name, f"{code}. {name}"]
    try:
        table = tabular.read_table(filename, data, columns, required=["unit", *items.keys()])
    except DomainError as exc:
        return SurveyPreview(columns=list(items), rows=[], errors=[exc.message])
    assessments = list(
        Assessment.objects.filter(round=round_).select_related("unit", "criteria_set")
    )
    by_code = {a.unit.code: a for a in assessments if a.unit.code}
    by_name: dict[str, Assessment] = {}
    for a in assessments:
        for n in (a.unit.name, a.unit.short_name):
            if n:
                by_name.setdefault(fold(n), a)
    maxima = defaultdict(dict)
    for c in Criterion.objects.filter(
        criteria_set_id__in={a.criteria_set_id for a in assessments}, method=Method.SURVEY
    ):
        maxima[c.criteria_set_id][c.code] = c.max_score
    rows, seen = [], {}
    for number, v in table.rows:
        label = v.get("unit", "") or v.get("unit_code", "")
        row = SurveyRow(number=number, unit_label=label, cells=[v.get(k, "") for k in items])
        a = by_code.get(v.get("unit_code", "")) or by_name.get(fold(v.get("unit", "")))
        if not label:
            row.errors.append("thiếu tên đơn vị")
        elif a is None:
            row.errors.append(f"không có đơn vị “{label}” trong đợt đánh giá")
        elif a.pk in seen:
            row.errors.append(f"đơn vị “{a.unit.name}” trùng với dòng {seen[a.pk]}")
        else:
            seen[a.pk] = number
            row.assessment = a
        for code in items:
            text = v.get(code, "")
            try:
                value = parse_number(text)
            except ValueError:
                row.errors.append(f"điểm {code} “{text}” không phải số")
                continue
            if value is None:
                row.errors.append(f"thiếu điểm {code}")
                continue
            if a is not None:
                top = maxima[a.criteria_set_id].get(code)
                if top is None:
                    row.errors.append(f"bộ chỉ số của đơn vị không có mục {code}")
                    continue
                if value < 0 or value > top:
                    row.errors.append(f"điểm {code} {vn(value)} ngoài khoảng 0 – {vn(top)}")
                    continue
            row.scores[code] = q2(value)
        rows.append(row)
    if not rows:
        return SurveyPreview(
            columns=list(items), rows=[], errors=["Tệp không có dòng dữ liệu nào."]
        )
    return SurveyPreview(columns=list(items), rows=rows)


def _write_survey(round_: Round, scores: dict[int, dict[str, Decimal]]) -> int:
    answers = list(
        Answer.objects.filter(
            assessment_id__in=list(scores), criterion__method=Method.SURVEY
        ).select_related("criterion")
    )
    for a in answers:
        if a.criterion.code in scores[a.assessment_id]:
            a.appraised_score = scores[a.assessment_id][a.criterion.code]
            a.version += 1
    Answer.objects.bulk_update(answers, ["appraised_score", "version"], batch_size=1000)
    return len(scores)


@transaction.atomic
def survey_import(*, actor, round_: Round, filename: str, data: bytes) -> int:
    """Store the survey scores of a file, or none of them: any bad row refuses the whole file."""
    preview = survey_import_preview(actor=actor, round_=round_, filename=filename, data=data)
    if not preview.ok:
        raise DomainError(
            "Tệp điều tra xã hội học có lỗi; chưa có điểm nào được lưu.\n" + preview.message(),
            rows=[r.number for r in preview.bad_rows],
        )
    count = _write_survey(round_, {r.assessment.pk: r.scores for r in preview.rows})
    audit.record(
        actor=actor,
        action="survey.import",
        obj=round_,
        after={"file": filename, "units": count},
        unit_path=round_.organiser.path,
    )
    return count


@transaction.atomic
def survey_set(*, actor, round_: Round, scores: dict[int, dict[str, Decimal | None]]) -> int:
    """Survey scores entered by hand: {assessment id: {item code: score}}; refused whole on any bad value."""
    _check_survey(actor, round_)
    assessments = {
        a.pk: a
        for a in Assessment.objects.filter(round=round_, pk__in=list(scores)).select_related("unit")
    }
    maxima = defaultdict(dict)
    for c in Criterion.objects.filter(
        criteria_set_id__in={a.criteria_set_id for a in assessments.values()}, method=Method.SURVEY
    ):
        maxima[c.criteria_set_id][c.code] = c.max_score
    problems, clean = [], {}
    for aid, items in scores.items():
        a = assessments.get(aid)
        if a is None:
            raise DomainError("Hồ sơ không thuộc đợt đánh giá này.")
        clean[aid] = {}
        for code, value in items.items():
            if value is None:
                continue
            top = maxima[a.criteria_set_id].get(code)
            if top is None or value < 0 or value > top:
                problems.append(
                    f"{a.unit.name}: điểm {code} {vn(value)} ngoài khoảng 0 – {vn(top or 0)}"
                )
                continue
            clean[aid][code] = q2(value)
    if problems:
        raise DomainError("Chưa lưu được điểm điều tra:\n" + "\n".join(problems))
    count = _write_survey(round_, clean)
    audit.record(
        actor=actor,
        action="survey.set",
        obj=round_,
        after={"units": count},
        unit_path=round_.organiser.path,
    )
    return count
