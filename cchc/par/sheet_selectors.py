"""An assessment laid out for its pages: by area, each scored criterion with its answer, thresholds, evidence
and, for criteria fed by the system's own data, the figure the system computes with the score it proposes."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from cchc.core import measures
from cchc.core.errors import DomainError
from cchc.core.measures import MeasureValue
from cchc.par.choices import Method
from cchc.par.models import Answer, Assessment, Criterion, Threshold
from cchc.par.scoring import Scored, ThresholdRow, criterion_score, format_thresholds


@dataclass
class SystemFigure:
    """The figure the system computes for a criterion (`Criterion.measure_code`) and the score it proposes."""

    code: str
    label: str
    unit: str
    value: MeasureValue
    proposed: Scored | None = None

    @property
    def known(self) -> bool:
        return self.value.value is not None


@dataclass
class SheetRow:
    criterion: Criterion
    answer: Answer
    thresholds: list
    evidence: list
    parents: list
    system: SystemFigure | None = None
    state: dict = field(default_factory=dict)
    self_state: dict = field(default_factory=dict)
    stale: bool = False

    @property
    def thresholds_text(self) -> str:
        return format_thresholds(ThresholdRow(t.min_value, t.score) for t in self.thresholds)


@dataclass
class SheetArea:
    area: Criterion
    rows: list[SheetRow]
    self_total: Decimal = Decimal("0")
    appraised_total: Decimal = Decimal("0")


def assessment_sheet(*, assessment: Assessment) -> list[SheetArea]:
    """The assessment laid out by area: each scored criterion with its answer, thresholds and evidence (4 queries)."""
    criteria = {c.pk: c for c in assessment.criteria_set.criteria.order_by("sort_key")}
    answers = {
        a.criterion_id: a
        for a in assessment.answers.select_related("updated_by").prefetch_related(
            "evidence", "evidence__document"
        )
    }
    thresholds = defaultdict(list)
    for t in Threshold.objects.filter(
        criterion__criteria_set_id=assessment.criteria_set_id
    ).order_by("-min_value"):
        thresholds[t.criterion_id].append(t)
    areas: dict[str, SheetArea] = {}
    for c in criteria.values():
        if c.level == 1:
            areas[c.code] = SheetArea(area=c, rows=[])
        if not c.is_leaf or c.pk not in answers:
            continue
        parents, pid = [], c.parent_id
        while pid:
            parents.insert(0, criteria[pid])
            pid = criteria[pid].parent_id
        a = answers[c.pk]
        a.criterion = c
        area = areas[c.area_code]
        area.rows.append(SheetRow(c, a, thresholds[c.pk], list(a.evidence.all()), parents[1:]))
        if not a.not_applicable:
            area.self_total += a.self_score or 0
            area.appraised_total += _effective(a) or 0
    return list(areas.values())


def _effective(a: Answer):
    """The appraised score, or the self-assessed one while the appraisers have not changed it."""
    if a.criterion.method == Method.SURVEY or a.appraised_score is not None:
        return a.appraised_score
    return a.self_score


@dataclass
class Progress:
    total: int
    answered: int
    evidence_missing: list[str]
    self_total: Decimal
    appraised_total: Decimal
    survey_total: Decimal

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def progress(*, sheet: list[SheetArea]) -> Progress:
    rows = [r for area in sheet for r in area.rows]
    scored = [r for r in rows if r.criterion.method != Method.SURVEY]
    missing = [
        r.criterion.code
        for r in scored
        if r.criterion.evidence_required
        and not r.answer.not_applicable
        and (r.answer.self_score or 0) > 0
        and not r.evidence
    ]
    return Progress(
        total=len(scored),
        answered=sum(1 for r in scored if r.answer.answered),
        evidence_missing=missing,
        self_total=sum(
            (r.answer.self_score or 0 for r in scored if not r.answer.not_applicable), Decimal("0")
        ),
        appraised_total=sum(
            (_effective(r.answer) or 0 for r in scored if not r.answer.not_applicable), Decimal("0")
        ),
        survey_total=sum(
            (r.answer.appraised_score or 0 for r in rows if r.criterion.method == Method.SURVEY),
            Decimal("0"),
        ),
    )


def system_figure(
    criterion: Criterion, thresholds, *, unit, year: int, today: date | None = None
) -> SystemFigure:
    """The figure of a criterion fed by the system's data, for a unit and year, with the score its thresholds
    give (`scoring.criterion_score`); a missing figure carries its reason ("cần kiểm tra")."""
    measure = measures.get(criterion.measure_code)
    value = measures.compute(criterion.measure_code, unit=unit, year=year, today=today)
    figure = SystemFigure(
        code=criterion.measure_code,
        label=measure.label if measure else criterion.measure_code,
        unit=measure.unit if measure else criterion.figure_unit,
        value=value,
    )
    if value.value is not None:
        try:
            figure.proposed = criterion_score(
                code=criterion.code,
                method=criterion.method,
                max_score=criterion.max_score,
                value=value.value,
                thresholds=[ThresholdRow(t.min_value, t.score) for t in thresholds],
                unit_label=criterion.figure_unit,
            )
        except DomainError:
            figure.proposed = None
    return figure


def attach_system_figures(sheet: list[SheetArea], *, assessment: Assessment, today=None) -> None:
    """Compute the system's figure of every row whose criterion is fed by the system's data."""
    for area in sheet:
        for row in area.rows:
            if row.criterion.measure_code:
                row.system = system_figure(
                    row.criterion,
                    row.thresholds,
                    unit=assessment.unit,
                    year=assessment.round.year,
                    today=today,
                )
