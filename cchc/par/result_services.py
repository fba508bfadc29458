"""Results of a round: the index of each finalised assessment, the rank in its bloc, the award order and the
band, computed in the database (sums per assessment and area) and ranked by `cchc.par.ranking`."""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from cchc.core import audit
from cchc.core.errors import DomainError, PermissionDenied
from cchc.par import policies, ranking
from cchc.par.choices import AssessmentStatus, Part, RoundStatus
from cchc.par.models import Answer, Assessment, CriteriaSet, Result, Round
from cchc.par.scoring import band_for, index_total, q2

ZERO = Decimal("0")


def _sums(assessment_ids) -> dict[int, dict]:
    """Per assessment: appraised, survey, self and not-applicable maximum, and the score of each area (1 query)."""
    out: dict[int, dict] = defaultdict(
        lambda: {"app": ZERO, "survey": ZERO, "self": ZERO, "na": ZERO, "areas": {}}
    )
    rows = (
        Answer.objects.filter(assessment_id__in=assessment_ids)
        .values("assessment_id", "criterion__area_code", "criterion__part")
        .annotate(
            app=Sum("appraised_score", filter=Q(not_applicable=False)),
            own=Sum("self_score", filter=Q(not_applicable=False)),
            na=Sum("criterion__max_score", filter=Q(not_applicable=True)),
        )
        .order_by()
    )
    for r in rows:
        d = out[r["assessment_id"]]
        app, own, na = r["app"] or ZERO, r["own"] or ZERO, r["na"] or ZERO
        if r["criterion__part"] == Part.SURVEY:
            d["survey"] += app
        else:
            d["app"] += app
            d["self"] += own
            d["na"] += na
        d["areas"][r["criterion__area_code"]] = (
            d["areas"].get(r["criterion__area_code"], ZERO) + app
        )
    return out


@transaction.atomic
def results_compute(*, actor, round_: Round) -> int:
    """(Re)compute the results of the finalised assessments: index, rank in each bloc, award order, band.

    Units whose assessment is not finalised are left out of the ranking. Refused once published.
    """
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied()
    if round_.status == RoundStatus.PUBLISHED:
        raise DomainError("Kết quả đã công bố; không tính lại được.")
    assessments = list(
        Assessment.objects.filter(round=round_, status=AssessmentStatus.FINALISED)
        .select_related("unit")
        .only("pk", "unit__name", "unit_id", "criteria_set_id", "bloc_code")
    )
    sums = _sums([a.pk for a in assessments])
    sets = {
        cs.pk: cs
        for cs in CriteriaSet.objects.filter(
            pk__in={a.criteria_set_id for a in assessments}
        ).prefetch_related("bands")
    }
    by_bloc: dict[str, list] = defaultdict(list)
    computed = {}
    for a in assessments:
        cs, s = sets[a.criteria_set_id], sums[a.pk]
        total, applicable = index_total(
            appraised=s["app"],
            survey=s["survey"],
            appraised_max=cs.appraised_max,
            survey_max=cs.survey_max,
            not_applicable_max=s["na"],
            survey_organised=round_.survey_organised,
        )
        computed[a.pk] = (total, applicable)
        by_bloc[a.bloc_code].append(
            (
                a,
                ranking.Entry(
                    unit_id=a.unit_id,
                    unit_name=a.unit.name,
                    total=total,
                    appraised=s["app"],
                    survey=s["survey"],
                ),
            )
        )
    results = []
    for _code, pairs in by_bloc.items():
        by_unit = {e.unit_id: a for a, e in pairs}
        for r in ranking.rank([e for _, e in pairs]):
            a = by_unit[r.entry.unit_id]
            cs, s = sets[a.criteria_set_id], sums[a.pk]
            total, applicable = computed[a.pk]
            results.append(
                Result(
                    round=round_,
                    year=round_.year,
                    unit_id=a.unit_id,
                    bloc_code=a.bloc_code,
                    criteria_set=cs,
                    self_score=q2(s["self"]),
                    appraised_score=q2(s["app"]),
                    survey_score=q2(s["survey"]),
                    applicable_max=applicable,
                    total=total,
                    rank=r.rank,
                    award_order=r.award_order,
                    bloc_size=len(pairs),
                    band=band_for(total, [(b.name, b.min_score) for b in cs.bands.all()]),
                    area_scores={k: str(q2(v)) for k, v in s["areas"].items()},
                    published=False,
                )
            )
    Result.objects.filter(round=round_).delete()
    Result.objects.bulk_create(results, batch_size=1000)
    audit.record(
        actor=actor,
        action="results.compute",
        obj=round_,
        after={"results": len(results)},
        unit_path=round_.organiser.path,
    )
    return len(results)


def unfinalised(round_: Round) -> list[str]:
    """Names of the units whose assessment is not finalised (left out of the ranking)."""
    return list(
        Assessment.objects.filter(round=round_)
        .exclude(status=AssessmentStatus.FINALISED)
        .order_by("unit__name")
        .values_list("unit__name", flat=True)
    )
