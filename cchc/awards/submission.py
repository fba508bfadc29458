"""The checks a dossier goes through when it is submitted (or recorded on paper by the standing agency).

Five checks, each saying why in Vietnamese with the clause it applies:

1. the deadline of the programme (`rules.deadlines`): past it, the programme's late policy decides — "refuse"
   refuses, "accept_late" accepts with a note, "to_check" refuses unless the standing agency of the level
   decides to take the late dossier (`accept_late`); ad-hoc awards have no deadline;
2. the quotas (`rules.quotas.check`): over a quota, refused naming the quota and the nominations that fill it;
   a quota that cannot be checked is noted "cần kiểm tra";
3. the eligibility of each nominee (`cchc.awards.eligibility.verdict_for`): not eligible refuses with the
   reasons; to check is accepted, naming the standards not yet checked;
4. one achievement, one award (Luật Thi đua, khen thưởng năm 2022, Điều 5, khoản 2): the same nominee already
   proposed for the same year or period in another lodged dossier (any programme, any form) refuses;
5. one initiative, one award (the same clause): an initiative named as the achievement of a nominee that a
   standing nomination of another lodged dossier names too refuses, unless that one proposes the same form for
   another nominee (the co-authors of one initiative may each be proposed for it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cchc.awards import eligibility
from cchc.awards import selectors_dossiers as selectors
from cchc.awards.choices import ProgrammeKind
from cchc.awards.models import Dossier, Nomination, Programme
from cchc.awards.rule_files import programme_rule
from cchc.awards.rules import catalogue, deadlines, quotas
from cchc.awards.rules import vocabulary as v
from cchc.awards.rules.eligibility import Verdict
from cchc.core import dates

ONE_ACHIEVEMENT = "Luật Thi đua, khen thưởng năm 2022, Điều 5, khoản 2"


@dataclass
class SubmissionCheck:
    """What the checks found: refusals (any refuses the dossier), notes to check, the verdict per nomination."""

    submitted_on: date
    due_on: date | None = None
    refusals: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdicts: dict[int, Verdict] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return bool(self.refusals)

    @property
    def message(self) -> str:
        if self.refused:
            return "Hồ sơ không được xét: " + " ".join(_sentence(r) for r in self.refusals)
        parts = ["Hồ sơ đã nộp."]
        parts += [_sentence(n) for n in self.notes]
        if self.to_check:
            parts.append("Cần kiểm tra: " + " ".join(_sentence(t) for t in self.to_check))
        return " ".join(parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def occasion_year(dossier: Dossier) -> int:
    """The year the deadline is counted for: the achievement year, or the period's last year."""
    return dossier.year if dossier.year is not None else (dossier.period_end or 0)


def occasion_text(dossier: Dossier) -> str:
    if dossier.year is not None:
        return f"năm {dossier.year}"
    return f"giai đoạn {dossier.period_start} - {dossier.period_end}"


def check_deadline(
    dossier: Dossier, submitted_on: date, result: SubmissionCheck, *, accept_late: bool
) -> None:
    """The deadline of the programme with its late policy (ad-hoc awards are exempt)."""
    _pf, rule = programme_rule(dossier.programme)
    if rule.kind == ProgrammeKind.AD_HOC or rule.deadline is None:
        result.notes.append(
            f"Khen thưởng đột xuất: không áp dụng thời hạn nộp hồ sơ ({rule.source})"
            if rule.kind == ProgrammeKind.AD_HOC
            else "Chương trình không quy định thời hạn nộp hồ sơ"
        )
        return
    year = occasion_year(dossier)
    deadline = rule.deadline
    result.due_on = deadlines.due(deadline, year)
    on_time, message = deadlines.lateness(deadline, year, submitted_on)
    if on_time is None:
        result.to_check.append(message)
        return
    if on_time:
        result.notes.append(message)
        return
    late = ""
    if result.due_on is not None and submitted_on > result.due_on:
        late = f", quá hạn {(submitted_on - result.due_on).days} ngày"
    text = (
        f"Hạn nộp hồ sơ là {deadlines.describe(deadline, year)} ({deadline.source}); hồ sơ nộp "
        f"ngày {dates.fmt(submitted_on)}{late}"
    )
    policy = f" ({rule.late_policy_source})" if rule.late_policy_source else ""
    if rule.late_policy == "refuse":
        result.refusals.append(f"{text}. Không xét hồ sơ nộp muộn{policy}")
    elif rule.late_policy == "accept_late":
        result.notes.append(f"{text}. Vẫn nhận hồ sơ nộp muộn{policy}")
    elif accept_late:
        result.notes.append(
            f"{text}. Cơ quan thường trực quyết định vẫn nhận hồ sơ nộp muộn{policy}"
        )
    else:
        result.refusals.append(
            f"{text}. Hồ sơ nộp muộn chỉ được xét khi cơ quan thường trực quyết định nhận{policy}"
        )


def check_quotas(dossier: Dossier, nominations: list[Nomination], result: SubmissionCheck) -> None:
    """Each nomination against the quotas, counting the lodged dossiers and the nominations before it in this
    one."""
    _pf, rule = programme_rule(dossier.programme)
    if not rule.quotas:
        return
    codes = {dossier.programme.code}
    for q in rule.quotas:
        codes.update(q.programmes or [])
    names = dict(Programme.objects.filter(code__in=codes).values_list("code", "name"))
    existing = selectors.counted_nominations(dossier=dossier, programme_codes=codes)
    blocs = selectors.bloc_codes_for(nominations, dossier.year or dossier.period_end)
    for n in nominations:
        candidate = selectors.as_fact(n, blocs)
        for breach in quotas.check(rule.quotas, existing, candidate, programme_names=names):
            filled = "; ".join(f.label for f in breach.filled_by)
            text = f"{n.name}: {breach.text}"
            if filled and filled not in breach.text:
                text += f" (đã có: {filled})"
            (result.refusals if breach.certain else result.to_check).append(text)
        existing.append(candidate)


def reason_lines(verdict: Verdict) -> list[dict]:
    """The verdict's reasons as stored on the nomination: text, clause, outcome and depth of each line."""
    return [
        {"text": r.text, "clause": r.clause, "outcome": r.outcome, "depth": depth}
        for depth, r in verdict.lines()
    ]


def _leaves(verdict: Verdict, outcome: str) -> list[str]:
    return [r.text for _d, r in verdict.lines() if r.outcome == outcome and not r.children]


def nominee_verdict(dossier: Dossier, nomination: Nomination) -> Verdict:
    """The eligibility of one nominee for the dossier's programme and occasion."""
    period = (
        (dossier.period_start, dossier.period_end)
        if dossier.year is None and dossier.period_start and dossier.period_end
        else None
    )
    return eligibility.verdict_for(
        dossier.programme,
        year=dossier.year,
        period=period,
        unit=nomination.unit if nomination.person_id is None else None,
        person=nomination.person if nomination.person_id else None,
    )


def check_eligibility(
    dossier: Dossier, nominations: list[Nomination], result: SubmissionCheck
) -> None:
    for n in nominations:
        verdict = nominee_verdict(dossier, n)
        result.verdicts[n.pk] = verdict
        if verdict.verdict == v.NOT_ELIGIBLE:
            result.refusals.append(
                f"{n.name} không đủ điều kiện “{dossier.programme.name}”: "
                + "; ".join(_leaves(verdict, v.FAIL))
            )
        elif verdict.verdict == v.TO_CHECK:
            unchecked = [t.removeprefix("Cần kiểm tra: ") for t in _leaves(verdict, v.UNKNOWN)]
            result.to_check.append(f"{n.name} — chưa kiểm tra được: " + "; ".join(unchecked))


def check_one_achievement(
    dossier: Dossier, nominations: list[Nomination], result: SubmissionCheck
) -> None:
    forms = catalogue.catalogue().names()
    for n in nominations:
        for other in selectors.same_achievement(nomination=n):
            od = other.dossier
            result.refusals.append(
                f"Thành tích {occasion_text(dossier)} của {n.name} đã được đề nghị "
                f"“{forms.get(other.form, other.form)}” trong hồ sơ số {od.number} của "
                f"{od.proposing_unit.name} (chương trình “{od.programme.name}”); một thành tích "
                f"không đề nghị khen thưởng nhiều lần, nhiều hình thức ({ONE_ACHIEVEMENT})"
            )


def check_one_initiative(
    dossier: Dossier, nominations: list[Nomination], result: SubmissionCheck
) -> None:
    forms = catalogue.catalogue().names()
    for n in nominations:
        for initiative, other in selectors.initiative_uses(nomination=n):
            same_nominee = (other.unit_id, other.person_id) == (n.unit_id, n.person_id)
            if other.form == n.form and not same_nominee:
                continue
            od = other.dossier
            result.refusals.append(
                f"Sáng kiến “{initiative.title}” nêu làm thành tích của {n.name} đã được dùng cho đề nghị "
                f"“{forms.get(other.form, other.form)}” của {other.name} trong hồ sơ số {od.number} của "
                f"{od.proposing_unit.name} (chương trình “{od.programme.name}”); một thành tích "
                f"không đề nghị khen thưởng nhiều lần, nhiều hình thức ({ONE_ACHIEVEMENT})"
            )


def check_submission(
    dossier: Dossier, *, submitted_on: date, accept_late: bool = False
) -> SubmissionCheck:
    """Run the five checks on a dossier submitted (or received on paper) on `submitted_on`."""
    nominations = list(
        dossier.nominations.select_related("unit", "person", "person__unit")
        .prefetch_related("initiatives")
        .order_by("order", "id")
    )
    result = SubmissionCheck(submitted_on=submitted_on)
    check_deadline(dossier, submitted_on, result, accept_late=accept_late)
    check_quotas(dossier, nominations, result)
    check_eligibility(dossier, nominations, result)
    check_one_achievement(dossier, nominations, result)
    check_one_initiative(dossier, nominations, result)
    return result
