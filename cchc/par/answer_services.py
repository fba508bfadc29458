"""Writing the answers of an assessment: what a form posted for each criterion, checked and written with the
version it was loaded with, so that two people saving the same criterion never overwrite each other silently.

The self-assessment and the appraisal save scores the same way (`scores_save`, told which side it writes); the
responses write only text (`versioned_write`).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from cchc.core import audit, dates
from cchc.core.errors import DomainError
from cchc.core.scope import user_or_none
from cchc.core.text import nfc
from cchc.par.choices import Method
from cchc.par.models import Answer, Assessment, Criterion, Threshold
from cchc.par.scoring import ThresholdRow, criterion_score


@dataclass
class Entry:
    """What a form posted for one criterion. `value` is the points, 1/0 for yes/no, or the figure."""

    value: Decimal | None = None
    text: str = ""
    not_applicable: bool = False
    version: int | None = None


@dataclass(frozen=True)
class Side:
    """Which fields of an answer a save writes (the unit's or the appraisers'), and how it is audited."""

    figure: str
    score: str
    text: str
    field: str
    action: str
    survey_refusal: str


SELF = Side(
    figure="self_figure",
    score="self_score",
    text="explanation",
    field="self_score",
    action="assessment.self_save",
    survey_refusal="điểm điều tra xã hội học do cơ quan thường trực nhập.",
)
APPRAISAL = Side(
    figure="appraised_figure",
    score="appraised_score",
    text="appraisal_comment",
    field="appraised_score",
    action="assessment.appraise",
    survey_refusal="điểm điều tra nhập ở trang điều tra xã hội học.",
)


def thresholds_of(criterion_ids) -> dict[int, list[ThresholdRow]]:
    rows = defaultdict(list)
    for t in Threshold.objects.filter(criterion_id__in=list(criterion_ids)):
        rows[t.criterion_id].append(ThresholdRow(t.min_value, t.score))
    return rows


def figure_and_score(
    criterion: Criterion, value, thresholds
) -> tuple[Decimal | None, Decimal | None]:
    """(figure, score) for a value posted for a criterion; points carry no figure."""
    if value is None:
        return None, None
    scored = criterion_score(
        code=criterion.code,
        method=criterion.method,
        max_score=criterion.max_score,
        value=value,
        thresholds=thresholds.get(criterion.pk, ()),
        unit_label=criterion.figure_unit,
    )
    figure = value if criterion.method in (Method.THRESHOLD, Method.YES_NO) else None
    return figure, scored.score


def answers_of(assessment: Assessment, ids=None) -> dict[int, Answer]:
    qs = assessment.answers.select_related("criterion", "updated_by")
    if ids is not None:
        qs = qs.filter(criterion_id__in=list(ids))
    return {a.criterion_id: a for a in qs}


def _stale_message(stale: list[Answer]) -> str:
    parts = []
    for a in stale:
        who = (
            a.updated_by.get_full_name() or a.updated_by.username
            if a.updated_by_id
            else "người khác"
        )
        when = timezone.localtime(a.updated_at).strftime("%H:%M ngày %d/%m/%Y")
        parts.append(
            f"tiêu chí {a.criterion.code} ({a.criterion.name}) vừa được {who} sửa lúc {when}"
        )
    return (
        "Không lưu được vì "
        + "; ".join(parts)
        + ". Nội dung mới của tiêu chí đó đang hiển thị (tô đỏ); hãy xem lại rồi "
        "nhập lại thay đổi của bạn nếu vẫn cần."
    )


def versioned_write(
    actor,
    answers: dict[int, Answer],
    entries: dict[int, Entry],
    build: Callable[[Answer, Entry], dict],
) -> list[str]:
    """Check versions and write each changed answer with a guarded update; refuse everything on a stale one.

    `build(answer, entry)` returns the field values to write. The update only matches the version the form
    was loaded with. Returns the codes written."""
    stale, changed = [], []
    for cid, entry in entries.items():
        a = answers.get(cid)
        if a is None:
            raise DomainError("Tiêu chí không thuộc hồ sơ này.")
        values = build(a, entry)
        if entry.version is not None and entry.version != a.version:
            stale.append(a)
            continue
        updated = Answer.objects.filter(pk=a.pk, version=a.version).update(
            **values,
            version=F("version") + 1,
            updated_by=user_or_none(actor),
            updated_at=dates.now(),
        )
        if not updated:
            a.refresh_from_db()
            stale.append(a)
            continue
        changed.append(a.criterion.code)
    if stale:
        raise DomainError(
            _stale_message(stale), field="version", rows=[a.criterion.code for a in stale]
        )
    return changed


def scores_save(
    *, actor, assessment: Assessment, entries: dict[int, Entry], side: Side
) -> list[str]:
    """Check and write scores (or figures) and texts of one side of the answers; call it inside the caller's
    transaction after its own checks. Refuses the whole save when a value is not allowed (a score above the
    maximum, "không áp dụng" where the set does not allow it, a survey item) or when another user changed one
    of the same criteria meanwhile. Returns the codes saved and audits them."""
    answers = answers_of(assessment, entries.keys())
    thresholds = thresholds_of(entries.keys())
    problems, computed = [], {}
    for cid, entry in entries.items():
        a = answers.get(cid)
        if a is None:
            raise DomainError("Tiêu chí không thuộc hồ sơ này.")
        c = a.criterion
        if c.method == Method.SURVEY:
            problems.append(f"Tiêu chí {c.code}: {side.survey_refusal}")
            continue
        if entry.not_applicable and not c.allow_not_applicable:
            problems.append(f"Tiêu chí {c.code}: không được đánh dấu “không áp dụng”.")
            continue
        try:
            computed[cid] = (
                (None, None)
                if entry.not_applicable
                else figure_and_score(c, entry.value, thresholds)
            )
        except DomainError as exc:
            problems.append(exc.message)
    if problems:
        raise DomainError("\n".join(problems), field=side.field)

    def build(a: Answer, entry: Entry) -> dict:
        figure, score = computed[a.criterion_id]
        return {
            side.figure: figure,
            side.score: score,
            side.text: nfc(entry.text) if entry.text else "",
            "not_applicable": entry.not_applicable,
        }

    changed = versioned_write(actor, answers, entries, build)
    if changed:
        audit.record(
            actor=actor,
            action=side.action,
            obj=assessment,
            after={"criteria": changed},
            unit_path=assessment.unit.path,
        )
    return changed
