"""Reads of the PAR Index; every query starts from what the actor may see (404 outside it).

The award rules call `bloc_ranking`, `top_n` and `years_in_top`: plain functions over *published* results
only. Ranks are competition ranks (ties share a rank: 1, 2, 2, 4); "top n" follows the award order (index,
then appraised score, then survey score, then unit name — see `cchc.par.ranking`), so it holds exactly n
units (fewer in a smaller bloc).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404

from cchc.orgs.choices import BlocCode
from cchc.orgs.models import Bloc, Unit
from cchc.par import policies, ranking
from cchc.par.choices import Method, RoundStatus
from cchc.par.models import (
    Answer,
    Assessment,
    Band,
    CriteriaSet,
    Criterion,
    Evidence,
    Result,
    Round,
    Threshold,
)
from cchc.par.scoring import ThresholdRow, format_thresholds
from cchc.registry.models import Document

BLOC_LABELS = dict(BlocCode.choices)
BLOC_ORDER = [BlocCode.DEPARTMENTS, BlocCode.WARDS, BlocCode.COMMUNES]


# Award-rule services (system level, published results only) --------------------------------------


@dataclass(frozen=True)
class RankedUnit:
    rank: int
    award_order: int
    unit_id: int
    unit_name: str
    total: Decimal
    appraised_score: Decimal
    survey_score: Decimal
    band: str
    bloc_size: int


def _ranked(r: Result) -> RankedUnit:
    return RankedUnit(
        rank=r.rank,
        award_order=r.award_order,
        unit_id=r.unit_id,
        unit_name=r.unit.name,
        total=r.total,
        appraised_score=r.appraised_score,
        survey_score=r.survey_score,
        band=r.band,
        bloc_size=r.bloc_size,
    )


def bloc_ranking(*, year: int, bloc_code: str) -> list[RankedUnit]:
    """The published ranking of a bloc for a year, in award order (rank ties share a rank); one query."""
    rows = Result.objects.filter(year=year, bloc_code=bloc_code, published=True).select_related(
        "unit"
    )
    return [_ranked(r) for r in rows.order_by("award_order")]


def top_n(*, year: int, bloc_code: str, n: int) -> list[RankedUnit]:
    """The first `n` units of a bloc's published ranking by award order (ties broken as documented)."""
    if n <= 0:
        return []
    rows = Result.objects.filter(year=year, bloc_code=bloc_code, published=True, award_order__lte=n)
    return [_ranked(r) for r in rows.select_related("unit").order_by("award_order")]


def years_in_top(*, unit, start_year: int, end_year: int, n: int) -> list[int]:
    """The years of [start_year, end_year] in which the unit was among the first `n` of its bloc (published)."""
    unit_id = getattr(unit, "pk", unit)
    return list(
        Result.objects.filter(
            unit_id=unit_id,
            year__gte=start_year,
            year__lte=end_year,
            published=True,
            award_order__lte=n,
        )
        .order_by("year")
        .values_list("year", flat=True)
    )


# Criteria sets -----------------------------------------------------------------------------------


def set_list(*, actor, year: int | None = None):
    qs = (
        CriteriaSet.objects.visible_to(actor)
        .select_related("organiser")
        .annotate(leaves=Count("criteria", filter=Q(criteria__is_leaf=True)))
    )
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "bloc_code", "-version")


def set_get(*, actor, pk) -> CriteriaSet:
    try:
        return (
            CriteriaSet.objects.visible_to(actor).select_related("organiser", "previous").get(pk=pk)
        )
    except (CriteriaSet.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy bộ chỉ số.")


@dataclass
class TreeNode:
    criterion: Criterion
    thresholds: list = field(default_factory=list)
    children: list = field(default_factory=list)

    @property
    def thresholds_text(self) -> str:
        return format_thresholds(ThresholdRow(t.min_value, t.score) for t in self.thresholds)


def set_tree(*, criteria_set: CriteriaSet) -> list[TreeNode]:
    """The areas of a set with their criteria and sub-criteria nested, thresholds attached (two queries)."""
    nodes = {c.pk: TreeNode(c) for c in criteria_set.criteria.order_by("sort_key")}
    for t in Threshold.objects.filter(criterion__criteria_set=criteria_set).order_by("-min_value"):
        nodes[t.criterion_id].thresholds.append(t)
    roots = []
    for node in nodes.values():
        pid = node.criterion.parent_id
        (nodes[pid].children if pid in nodes else roots).append(node)
    return roots


def flatten(tree: list[TreeNode]) -> list[TreeNode]:
    out = []

    def walk(nodes):
        for n in nodes:
            out.append(n)
            walk(n.children)

    walk(tree)
    return out


def set_versions(*, criteria_set: CriteriaSet):
    return CriteriaSet.objects.filter(
        organiser=criteria_set.organiser, year=criteria_set.year, bloc_code=criteria_set.bloc_code
    ).order_by("-version")


def set_bands(*, criteria_set: CriteriaSet) -> list[Band]:
    return list(criteria_set.bands.order_by("-min_score"))


def organiser_for(*, actor) -> Unit | None:
    """The level whose sets and rounds the actor keeps (the top unit of a standing grant), else None."""
    from cchc.core.scope import STANDING, scope_for

    scope = scope_for(actor)
    if scope.is_admin:
        bloc = Bloc.objects.select_related("organiser").order_by("id").first()
        return bloc.organiser if bloc else None
    organisers = Unit.objects.filter(pk__in=Bloc.objects.values("organiser_id"))
    for r in scope.roots:
        if r.role == STANDING:
            for o in organisers:
                if o.path.startswith(r.path):
                    return o
    return None


def home_organiser(*, actor) -> Unit | None:
    """The level whose PAR Index the actor follows: the organiser of the blocs above or at the actor's units."""
    from cchc.core.scope import scope_for

    scope = scope_for(actor)
    organisers = list(
        Unit.objects.filter(pk__in=Bloc.objects.values("organiser_id")).order_by("path")
    )
    if scope.is_admin:
        return organisers[0] if organisers else None
    ids = scope.ancestor_ids()
    for o in organisers:
        if o.pk in ids:
            return o
    return None


# Rounds and assessments --------------------------------------------------------------------------


def round_list(*, actor):
    return Round.objects.visible_to(actor).select_related("organiser").order_by("-year")


def round_get(*, actor, pk) -> Round:
    try:
        return Round.objects.visible_to(actor).select_related("organiser").get(pk=pk)
    except (Round.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đợt đánh giá.")


def assessment_list(*, actor, round_: Round):
    """The assessments of a round the actor may see, with their progress (one query)."""
    scored = ~Q(answers__criterion__method=Method.SURVEY)
    return (
        Assessment.objects.visible_to(actor)
        .filter(round=round_)
        .select_related("unit", "criteria_set", "round")
        .annotate(
            n_total=Count("answers", filter=scored),
            n_answered=Count(
                "answers",
                filter=scored
                & (Q(answers__self_score__isnull=False) | Q(answers__not_applicable=True)),
            ),
            self_total=Sum("answers__self_score", filter=scored & Q(answers__not_applicable=False)),
            appraised_total=Sum(
                "answers__appraised_score", filter=scored & Q(answers__not_applicable=False)
            ),
            survey_total=Sum(
                "answers__appraised_score", filter=Q(answers__criterion__method=Method.SURVEY)
            ),
        )
        .order_by("bloc_code", "unit__name")
    )


def evidence_missing_counts(*, round_: Round) -> dict[int, int]:
    """{assessment id: number of scored criteria that need evidence and have none} (one query)."""
    return dict(
        Answer.objects.filter(
            assessment__round=round_,
            criterion__evidence_required=True,
            not_applicable=False,
            self_score__gt=0,
        )
        .filter(~Exists(Evidence.objects.filter(answer=OuterRef("pk"))))
        .values("assessment_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("assessment_id", "n")
    )


def assessment_get(*, actor, pk) -> Assessment:
    try:
        return (
            Assessment.objects.visible_to(actor)
            .select_related("unit", "round", "round__organiser", "criteria_set")
            .get(pk=pk)
        )
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy hồ sơ đánh giá.")


def answer_get(*, actor, assessment: Assessment, pk) -> Answer:
    try:
        return assessment.answers.select_related("criterion", "assessment").get(pk=pk)
    except (Answer.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tiêu chí.")


def evidence_get(*, actor, pk) -> Evidence:
    """Evidence whose assessment the actor may see, else 404."""
    visible = Assessment.objects.visible_to(actor).values("pk")
    try:
        return Evidence.objects.select_related(
            "answer__assessment__unit", "answer__assessment__round", "answer__criterion"
        ).get(pk=pk, answer__assessment_id__in=visible)
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tài liệu.")


def my_assessments(*, actor):
    """Assessments of open or recent rounds that the actor fills or appraises, newest first."""
    return (
        Assessment.objects.visible_to(actor)
        .select_related("unit", "round")
        .order_by("-round__year", "unit__name")
    )


@dataclass
class SheetRow:
    criterion: Criterion
    answer: Answer
    thresholds: list
    evidence: list
    parents: list

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


def evidence_documents(*, actor, unit: Unit, limit: int = 300):
    """Registered documents the unit may cite as evidence: its own, the levels above it, outside bodies."""
    return (
        Document.objects.visible_to(actor)
        .filter(
            Q(org_unit__isnull=True)
            | Q(org_unit_id__in=unit.ancestor_ids())
            | Q(org_unit__path__startswith=unit.path)
        )
        .exclude(number="")
        .order_by("-issued_on")[:limit]
    )


def document_by_label(*, actor, unit: Unit, text: str) -> Document | None:
    """The document the evidence field names: its number ('12/KH-UBND') or 'number – title'."""
    number = (text or "").split(" – ")[0].strip()
    if not number:
        return None
    return (
        Document.objects.visible_to(actor)
        .filter(number__iexact=number)
        .order_by("-issued_on")
        .first()
    )


# Results -----------------------------------------------------------------------------------------


@dataclass
class RankingState:
    year: int
    round: Round | None
    published: bool
    provisional: bool
    rows_by_bloc: dict[str, list[Result]]

    @property
    def visible(self) -> bool:
        return self.published or self.provisional


def result_years(*, actor) -> list[int]:
    return list(Round.objects.visible_to(actor).order_by("-year").values_list("year", flat=True))


def city_rankings(*, actor, year: int, bloc_code: str | None = None) -> RankingState:
    """Every bloc's ranking for a year: published for all, provisional for the standing agency (two queries)."""
    organiser = home_organiser(actor=actor) if bloc_code is None else None
    rnd = Round.objects.visible_to(actor).select_related("organiser").filter(year=year)
    if organiser is not None:
        rnd = rnd.filter(organiser=organiser)
    rnd = rnd.order_by("organiser__path").first()
    rows_by_bloc: dict[str, list[Result]] = {
        code: [] for code in BLOC_ORDER if bloc_code in (None, code)
    }
    if rnd is None:
        return RankingState(year, None, False, False, rows_by_bloc)
    published = rnd.status == RoundStatus.PUBLISHED
    provisional = not published and policies.can_see_unpublished(actor, rnd.organiser)
    if published or provisional:
        qs = (
            Result.objects.filter(round=rnd)
            .select_related("unit")
            .order_by("bloc_code", "award_order")
        )
        if bloc_code:
            qs = qs.filter(bloc_code=bloc_code)
        for r in qs:
            rows_by_bloc.setdefault(r.bloc_code, []).append(r)
    return RankingState(year, rnd, published, provisional, rows_by_bloc)


def result_unit_get(*, actor, pk) -> Unit:
    """A ranked unit inside the actor's scope, else 404 (published totals of others appear in the rankings)."""
    from cchc.orgs.choices import RANKED_KINDS

    try:
        return Unit.objects.visible_to(actor).get(pk=pk, kind__in=list(RANKED_KINDS))
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị.")


def unit_history(
    *, actor, unit: Unit, start: int | None = None, end: int | None = None
) -> list[Result]:
    """The unit's results the actor may see, by year (one query)."""
    qs = Result.objects.visible_to(actor).filter(unit=unit).select_related("criteria_set", "round")
    if start:
        qs = qs.filter(year__gte=start)
    if end:
        qs = qs.filter(year__lte=end)
    return list(qs.order_by("year"))


def area_names(*, criteria_set_ids) -> dict[str, str]:
    """{area code: name} of the given sets (later sets win)."""
    names = {}
    for c in Criterion.objects.filter(criteria_set_id__in=list(criteria_set_ids), level=1).order_by(
        "criteria_set_id"
    ):
        names[c.code] = c.name
    return names


def band_names(*, criteria_set_ids) -> list[str]:
    """Band names of the given sets, best first (one query)."""
    names = (
        Band.objects.filter(criteria_set_id__in=list(criteria_set_ids))
        .order_by("-min_score")
        .values_list("name", flat=True)
    )
    return list(dict.fromkeys(names))


def area_maxima(*, criteria_set_id) -> dict[str, Decimal]:
    return dict(
        Criterion.objects.filter(criteria_set_id=criteria_set_id, level=1).values_list(
            "code", "max_score"
        )
    )


@dataclass
class Movement:
    result: Result
    previous: Result
    change: int

    @property
    def delta(self) -> Decimal:
        return self.result.total - self.previous.total


@dataclass
class Dashboard:
    year: int
    state: RankingState
    bands: list[str]
    histogram: dict[str, dict[str, int]]
    risers: list[Movement]
    fallers: list[Movement]
    averages: dict[str, Decimal]


def dashboard(*, actor, year: int, limit: int = 5) -> Dashboard:
    """The city dashboard: band counts per bloc, averages, the biggest risers and fallers against last year."""
    state = city_rankings(actor=actor, year=year)
    previous = city_rankings(actor=actor, year=year - 1)
    rows = [r for rows in state.rows_by_bloc.values() for r in rows]
    ordered = band_names(criteria_set_ids={r.criteria_set_id for r in rows})
    histogram = {code: dict(Counter(r.band for r in rs)) for code, rs in state.rows_by_bloc.items()}
    averages = {
        code: (sum((r.total for r in rs), Decimal("0")) / len(rs)).quantize(Decimal("0.01"))
        if rs
        else None
        for code, rs in state.rows_by_bloc.items()
    }
    prev = {r.unit_id: r for rs in previous.rows_by_bloc.values() for r in rs}
    moves = ranking.movements(
        {uid: r.rank for uid, r in prev.items()},
        {
            r.unit_id: r.rank
            for r in rows
            if r.unit_id in prev and prev[r.unit_id].bloc_code == r.bloc_code
        },
    )
    by_unit = {r.unit_id: r for r in rows}
    items = [Movement(by_unit[uid], prev[uid], ch) for uid, ch in moves.items()]
    risers = sorted([m for m in items if m.change > 0], key=lambda m: (-m.change, -m.delta))[:limit]
    fallers = sorted([m for m in items if m.change < 0], key=lambda m: (m.change, m.delta))[:limit]
    return Dashboard(year, state, ordered, histogram, risers, fallers, averages)
