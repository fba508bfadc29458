"""Reads of the PAR Index: criteria sets, rounds, assessments and the lists of work waiting for a user; every
query of a user's pages starts from what the actor may see (404 outside it). Results and rankings are read in
`result_selectors`, an assessment's sheet in `sheet_selectors`.

The award rules call `bloc_ranking`, `top_n` and `years_in_top`: plain functions over *published* results
only. Ranks are competition ranks (ties share a rank: 1, 2, 2, 4); "top n" follows the award order (index,
then appraised score, then survey score, then unit name — see `cchc.par.ranking`), so it holds exactly n
units (fewer in a smaller bloc).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404

from cchc.core.scope import LEADER, OFFICER, STANDING, scope_for
from cchc.orgs.choices import BlocCode
from cchc.orgs.models import Bloc, BlocMembership, Unit
from cchc.par.choices import AssessmentStatus, Method, RoundStatus
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
from cchc.par.scoring import Node, ThresholdRow, format_thresholds, validate_tree
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


def set_nodes(criteria_set: CriteriaSet) -> list[Node]:
    """The tree of a set as the pure checks see it (two queries)."""
    rows = list(criteria_set.criteria.order_by("sort_key"))
    thresholds = defaultdict(list)
    for t in Threshold.objects.filter(criterion__criteria_set=criteria_set):
        thresholds[t.criterion_id].append(ThresholdRow(t.min_value, t.score))
    return [
        Node(
            code=c.code,
            name=c.name,
            max_score=c.max_score,
            part=c.part,
            method=c.method,
            thresholds=thresholds[c.pk],
            guide=c.guide,
            evidence_required=c.evidence_required,
            allow_not_applicable=c.allow_not_applicable,
            figure_unit=c.figure_unit,
            measure_code=c.measure_code,
        )
        for c in rows
    ]


def set_errors(criteria_set: CriteriaSet) -> list[str]:
    """Why the set is not valid yet (empty when valid)."""
    return validate_tree(
        set_nodes(criteria_set),
        appraised_max=criteria_set.appraised_max,
        survey_max=criteria_set.survey_max,
    )


def next_child_code(*, criteria_set: CriteriaSet, parent_code: str) -> str:
    """The code proposed for a new child of `parent_code` ("1.4" when 1 has three children); "" for an area."""
    if not parent_code:
        return ""
    siblings = criteria_set.criteria.filter(parent__code=parent_code).count()
    return f"{parent_code}.{siblings + 1}"


def current_set(*, organiser: Unit, year: int, bloc_code: str) -> CriteriaSet | None:
    """The set in force for a level, a year and a bloc."""
    return CriteriaSet.objects.filter(
        organiser=organiser, year=year, bloc_code=bloc_code, is_current=True
    ).first()


def organiser_for(*, actor) -> Unit | None:
    """The level whose sets and rounds the actor keeps (the top unit of a standing grant), else None."""
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


def round_blocs(round_: Round) -> dict[str, list[Unit]]:
    """{bloc code: member units} of the organiser's blocs in the round's year."""
    members: dict[str, list[Unit]] = defaultdict(list)
    for m in (
        BlocMembership.objects.filter(year=round_.year, bloc__organiser=round_.organiser)
        .select_related("unit", "bloc")
        .order_by("unit__name")
    ):
        members[m.bloc.code].append(m.unit)
    return members


def round_sets(round_: Round, bloc_codes) -> dict[str, CriteriaSet]:
    """{bloc code: the set in force} for the round's level and year."""
    return {
        cs.bloc_code: cs
        for cs in CriteriaSet.objects.filter(
            organiser=round_.organiser,
            year=round_.year,
            is_current=True,
            bloc_code__in=list(bloc_codes),
        )
    }


def round_open_problems(round_: Round) -> list[str]:
    """Why the round cannot open yet: a bloc without members, without a set, or with a set not valid."""
    blocs = round_blocs(round_)
    if not blocs:
        return [f"Năm {round_.year} chưa có đơn vị nào thuộc các khối thi đua."]
    sets = round_sets(round_, blocs)
    problems = []
    for code in blocs:
        cs = sets.get(code)
        label = BLOC_LABELS.get(code, code)
        if cs is None:
            problems.append(f"{label}: chưa có bộ chỉ số năm {round_.year}.")
            continue
        errors = set_errors(cs)
        if errors:
            problems.append(f"{label} – {cs.name}: " + " ".join(errors))
    return problems


def round_status_counts(round_: Round) -> dict[str, int]:
    """{assessment status: number of assessments} of a round (one query)."""
    return dict(
        Assessment.objects.filter(round=round_)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def round_finalised_count(round_: Round) -> int:
    return Assessment.objects.filter(round=round_, status=AssessmentStatus.FINALISED).count()


def round_units(round_: Round):
    """The assessments of a round with their units, by bloc and name (the survey grid, the survey file)."""
    return (
        Assessment.objects.filter(round=round_)
        .select_related("unit")
        .order_by("bloc_code", "unit__search_text")
    )


def survey_scores(round_: Round) -> dict[int, dict[str, Decimal | None]]:
    """{assessment id: {survey item code: score}} of a round (one query)."""
    scores: dict[int, dict[str, Decimal | None]] = {}
    for aid, code, score in Answer.objects.filter(
        assessment__round=round_, criterion__method=Method.SURVEY
    ).values_list("assessment_id", "criterion__code", "appraised_score"):
        scores.setdefault(aid, {})[code] = score
    return scores


def survey_columns(round_: Round) -> dict[str, tuple[str, Decimal]]:
    """{code: (name, maximum)} of the survey items of the round's sets (the columns of the import file)."""
    cols: dict[str, tuple[str, Decimal]] = {}
    set_ids = Assessment.objects.filter(round=round_).values("criteria_set_id")
    for c in Criterion.objects.filter(
        criteria_set_id__in=set_ids, method=Method.SURVEY, is_leaf=True
    ).order_by("sort_key"):
        cols.setdefault(c.code, (c.name, c.max_score))
    return cols


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


def own_assessments(*, actor):
    """Assessments of the units the actor works in (a standing or officer grant on the unit or inside it)."""
    ids = scope_for(actor).ancestor_ids(roles={STANDING, OFFICER})
    return (
        Assessment.objects.visible_to(actor)
        .filter(unit_id__in=ids)
        .select_related("unit", "round")
        .order_by("-round__year", "unit__name")
    )


def appraisal_queue(*, actor):
    """Submitted assessments of open rounds that the actor appraises: those of the units strictly below a
    standing grant (the rule of `policies.is_standing_above`) and those of the rounds whose team they are in."""
    scope = scope_for(actor)
    qs = (
        Assessment.objects.visible_to(actor)
        .filter(
            round__status=RoundStatus.OPEN,
            status__in=[AssessmentStatus.SUBMITTED, AssessmentStatus.SENT_BACK],
        )
        .select_related("unit", "round")
    )
    if scope.is_admin:
        return qs.order_by("unit__name")
    team = Round.objects.filter(team__pk=scope.user_id).values("pk")
    mine = scope.q_below("unit__path", roles={STANDING}) | Q(round_id__in=team)
    return qs.filter(mine).order_by("-round__year", "unit__search_text")


def awaiting_approval(actor):
    """Self-assessments of open rounds waiting for the actor's approval (a leader grant over the unit), oldest
    request first. The system's home page lists them too."""
    scope = scope_for(actor)
    return (
        Assessment.objects.visible_to(actor)
        .filter(
            scope.q("unit__path", roles={LEADER}),
            round__status=RoundStatus.OPEN,
            status=AssessmentStatus.AWAITING_APPROVAL,
        )
        .select_related("unit", "round")
        .order_by("round__self_end", "unit__search_text")
    )


def latest_assessment(*, actor, unit: Unit) -> Assessment | None:
    """The unit's assessment of the latest round the actor may see."""
    return (
        Assessment.objects.visible_to(actor)
        .filter(unit=unit)
        .select_related("round")
        .order_by("-round__year")
        .first()
    )


def unanswered_codes(assessment: Assessment) -> list[str]:
    """Codes of the scored criteria the unit has neither scored nor marked "không áp dụng"."""
    return list(
        assessment.answers.filter(self_score__isnull=True, not_applicable=False)
        .exclude(criterion__method=Method.SURVEY)
        .order_by("criterion__sort_key")
        .values_list("criterion__code", flat=True)
    )


def evidence_missing_codes(assessment: Assessment) -> list[str]:
    """Codes of the scored criteria that require evidence and have none."""
    return list(
        assessment.answers.filter(
            criterion__evidence_required=True, not_applicable=False, self_score__gt=0
        )
        .filter(evidence__isnull=True)
        .order_by("criterion__sort_key")
        .values_list("criterion__code", flat=True)
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
