"""Writes of a round: created, its windows changed, its appraisal team named, opened (the sets frozen, every bloc
member's assessment created) and published (the results computed once more and shown to every unit).

Opening and publishing are the moves of `ROUND_FLOW`, applied and audited by `cchc.core.workflow`.
"""

from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from cchc.core import audit, dates
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import SYSTEM, user_or_none
from cchc.core.text import nfc
from cchc.orgs.models import Unit
from cchc.par import policies, selectors
from cchc.par.choices import RoundStatus, SetStatus
from cchc.par.models import Answer, Assessment, Criterion, Result, Round
from cchc.par.result_services import results_compute, unfinalised
from cchc.par.workflows import ROUND_FLOW, SET_FLOW

WINDOWS = [
    ("self_start", "self_end", "tự đánh giá"),
    ("appraisal_start", "appraisal_end", "thẩm định"),
    ("response_start", "response_end", "giải trình"),
]


def _check_round_dates(d: dict) -> None:
    for start, end, label in WINDOWS:
        if d[start] is None or d[end] is None:
            raise DomainError(f"Thiếu ngày bắt đầu hoặc kết thúc {label}.", field=start)
        if d[start] > d[end]:
            raise DomainError(f"Ngày bắt đầu {label} phải trước hạn {label}.", field=end)
    if d["appraisal_start"] < d["self_start"]:
        raise DomainError(
            "Thẩm định không thể bắt đầu trước khi mở tự đánh giá.", field="appraisal_start"
        )
    if d["response_start"] < d["appraisal_start"]:
        raise DomainError(
            "Giải trình không thể bắt đầu trước khi mở thẩm định.", field="response_start"
        )


@transaction.atomic
def round_create(
    *,
    actor,
    organiser: Unit,
    year: int,
    self_start: date,
    self_end: date,
    appraisal_start: date,
    appraisal_end: date,
    response_start: date,
    response_end: date,
    name: str = "",
    survey_organised: bool = True,
    audit_it: bool = True,
) -> Round:
    """A new round for a year of the organising level (one per year)."""
    if not policies.can_manage_sets(actor, organiser):
        raise PermissionDenied("Chỉ cơ quan thường trực mới được tạo đợt đánh giá.")
    d = dict(
        self_start=self_start,
        self_end=self_end,
        appraisal_start=appraisal_start,
        appraisal_end=appraisal_end,
        response_start=response_start,
        response_end=response_end,
    )
    _check_round_dates(d)
    if Round.objects.filter(organiser=organiser, year=year).exists():
        raise DomainError(f"Đã có đợt đánh giá năm {year}.", field="year")
    r = Round.objects.create(
        organiser=organiser,
        year=year,
        name=nfc(name) or f"Xác định Chỉ số CCHC năm {year}",
        survey_organised=survey_organised,
        **d,
    )
    if audit_it:
        audit.record(
            actor=actor,
            action="round.create",
            obj=r,
            after=audit.snapshot(r),
            unit_path=organiser.path,
        )
    return r


@transaction.atomic
def round_update(*, actor, round_: Round, name: str, survey_organised: bool, **dates_) -> Round:
    """Change the windows (and name) of a round not yet published."""
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied()
    if round_.status == RoundStatus.PUBLISHED:
        raise DomainError("Đợt đánh giá đã công bố kết quả; không sửa được.")
    _check_round_dates(dates_)
    with audit.tracked(
        actor=actor, action="round.update", obj=round_, unit_path=round_.organiser.path
    ):
        for k, v in dates_.items():
            setattr(round_, k, v)
        round_.name = nfc(name) or round_.name
        round_.survey_organised = survey_organised
        round_.save()
    return round_


@transaction.atomic
def round_open(*, actor, round_: Round) -> int:
    """Open a round: freeze the current set of each bloc and create every member's assessment and answers.

    Refused when a bloc with members has no current set or its set is not valid (the codes are named)."""
    ROUND_FLOW.check("open", actor=actor, obj=round_)
    blocs = selectors.round_blocs(round_)
    sets = selectors.round_sets(round_, blocs)
    for cs in sets.values():
        if cs.status != SetStatus.FROZEN:
            SET_FLOW.apply(
                "freeze",
                actor=actor,
                obj=cs,
                changes={"frozen_at": dates.now()},
                unit_path=round_.organiser.path,
                note=f"Mở {round_.name}",
            )
    assessments = [
        Assessment(round=round_, unit=u, criteria_set=sets[code], bloc_code=code)
        for code, units in blocs.items()
        for u in units
    ]
    Assessment.objects.bulk_create(assessments)
    leaves = defaultdict(list)
    for c in Criterion.objects.filter(criteria_set__in=list(sets.values()), is_leaf=True).only(
        "pk", "criteria_set_id"
    ):
        leaves[c.criteria_set_id].append(c.pk)
    Answer.objects.bulk_create(
        [
            Answer(assessment=a, criterion_id=cid)
            for a in assessments
            for cid in leaves[a.criteria_set_id]
        ],
        batch_size=2000,
    )
    ROUND_FLOW.apply(
        "open",
        actor=actor,
        obj=round_,
        changes={"opened_at": dates.now()},
        unit_path=round_.organiser.path,
        note=f"{len(assessments)} hồ sơ đánh giá; bộ chỉ số khóa: "
        + ", ".join(cs.name for cs in sets.values()),
    )
    return len(assessments)


@transaction.atomic
def round_team_set(*, actor, round_: Round, usernames: list[str]) -> list:
    """Name the members of the appraisal team by user name (unknown names are refused)."""
    if not policies.can_manage_round(actor, round_):
        raise PermissionDenied()
    names = [n.strip() for n in usernames if n.strip()]
    users = list(get_user_model().objects.filter(username__in=names, is_active=True))
    missing = sorted(set(names) - {u.username for u in users})
    if missing:
        raise DomainError("Không có tài khoản: " + ", ".join(missing), field="team")
    before = sorted(round_.team.values_list("username", flat=True))
    round_.team.set(users)
    audit.record(
        actor=actor,
        action="round.team",
        obj=round_,
        before={"team": before},
        after={"team": sorted(u.username for u in users)},
        unit_path=round_.organiser.path,
    )
    return users


@transaction.atomic
def round_publish(*, actor, round_: Round) -> int:
    """Compute the results once more and publish them: from now on every unit of the level sees the ranking.

    Units whose assessment is not finalised are left out of the ranking (named in the audit record)."""
    ROUND_FLOW.check("publish", actor=actor, obj=round_)
    count = results_compute(actor=SYSTEM, round_=round_)
    left_out = unfinalised(round_)
    Result.objects.filter(round=round_).update(published=True)
    ROUND_FLOW.apply(
        "publish",
        actor=actor,
        obj=round_,
        changes={"published_at": dates.now(), "published_by": user_or_none(actor)},
        unit_path=round_.organiser.path,
        note=f"{count} đơn vị được xếp hạng"
        + (f"; chưa chốt thẩm định: {', '.join(left_out)}" if left_out else ""),
    )
    return count
