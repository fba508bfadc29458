"""Reads of the award rules: rule files, programmes with their rules as sentences, the award cycle at a glance.

A user reads the rule files and programmes of their level and of the levels above it (`LevelQuerySet`); anything
else is not found (404).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from cchc.awards.models import Dossier, Programme, RuleFile
from cchc.awards.rule_files import programme_file, programme_rule
from cchc.awards.rules import deadlines, eligibility, schema
from cchc.awards.rules.catalogue import catalogue
from cchc.core import dates

LATE_POLICY_TEXT = {
    "refuse": "Không xét hồ sơ nộp muộn",
    "accept_late": "Vẫn nhận hồ sơ nộp muộn",
    "to_check": "Hồ sơ nộp muộn do người có thẩm quyền quyết định (cần kiểm tra)",
}
TIE_BREAK_TEXT = {
    "par_award_order": "Thứ tự xét khen thưởng theo Chỉ số CCHC",
    "par_score": "Điểm Chỉ số CCHC",
    "women_first": "Ưu tiên nữ",
    "priority": "Ưu tiên",
    "vote": "Biểu quyết của Hội đồng",
    "authority": "Người có thẩm quyền quyết định",
}
GROUP_TEXT = {
    "proposer": "mỗi đơn vị đề nghị",
    "bloc": "mỗi khối thi đua",
    "unit_class": "theo phân loại đơn vị",
    "parent_nomination": "kèm một đề nghị của đơn vị",
    "programme": "toàn chương trình",
}
SUBJECT_TEXT = {
    "collective": "tập thể",
    "person": "cá nhân",
    "household": "hộ gia đình",
    "any": "trường hợp",
}


def rule_file_list(*, actor) -> QuerySet[RuleFile]:
    """Rule files of the user's level and the levels above it, with their programme counts."""
    return (
        RuleFile.objects.visible_to(actor)
        .select_related("unit", "updated_by")
        .annotate(n_programmes=Count("programmes"))
    )


def rule_file_get(*, actor, pk: int) -> RuleFile:
    """One rule file the user may read (404 otherwise)."""
    obj = (
        RuleFile.objects.visible_to(actor)
        .select_related("unit", "updated_by")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise Http404("Không tìm thấy tệp quy định.")
    return obj


def programme_list(*, actor) -> QuerySet[Programme]:
    """Programmes of the user's level and the levels above it."""
    return Programme.objects.visible_to(actor).select_related("rule_file", "unit")


def programme_get(*, actor, pk: int) -> Programme:
    obj = programme_list(actor=actor).filter(pk=pk).first()
    if obj is None:
        raise Http404("Không tìm thấy chương trình khen thưởng.")
    return obj


def form_name(code: str) -> str:
    """The Vietnamese name of an award form of the catalogue (the code when unknown)."""
    form = catalogue().form(code)
    return form.name if form else code


def reference_year(programme: schema.Programme, today: date | None = None) -> int:
    """The achievement year whose dossiers are next due: the year before today for an annual programme (dossiers
    go in early the next year), the period's last year for a period-end one, clamped to the programme's years."""
    today = today or dates.today()
    if programme.kind == "period_end":
        return programme.period.end if programme.period else today.year
    year = today.year - 1
    years = programme.years
    if years is not None:
        year = max(years.start, min(years.end, year))
    return year


@dataclass
class Deadline:
    text: str
    due: date | None
    year: int
    source: str = ""


def next_deadline(programme: schema.Programme, pf: schema.ProgrammeFile) -> Deadline | None:
    """The next due date of the programme's dossiers as of today: the first year whose due date is not past
    (an annual programme), else the last one; with its wording."""
    rule = programme.deadline
    if rule is None:
        return None
    today = dates.today()
    if programme.kind == "period_end":
        period = pf.period_of(programme)
        year = period[1] if period else today.year
        return Deadline(
            deadlines.describe(rule, year), deadlines.due(rule, year), year, rule.source
        )
    year = reference_year(programme, today)
    last = programme.years.end if programme.years else year + 1
    while True:
        due = deadlines.due(rule, year)
        if due is None or due >= today or year >= last:
            return Deadline(deadlines.describe(rule, year), due, year, rule.source)
        year += 1


@dataclass
class ConflictView:
    title: str
    text: str
    statements: list[tuple[str, str]]
    resolution: str | None = None


@dataclass
class ProgrammeView:
    """A programme as the detail page and the API read it: every rule as a Vietnamese sentence with its clause."""

    row: Programme
    rules: schema.Programme
    file: schema.ProgrammeFile
    form: str
    criteria: list[str]
    quotas: list[str]
    deadline: Deadline | None
    late_policy: str
    tie_breaks: list[str]
    dossier: list[str]
    notes: list[str]
    conflicts: list[ConflictView] = field(default_factory=list)
    criteria_rows: list[tuple[str, str | None]] = field(default_factory=list)
    pool: str = ""
    period: tuple[int, int] | None = None


def _limit_text(limit: Any) -> str:
    parts = []
    for key in ("collective", "person", "household", "any"):
        value = getattr(limit, key, None)
        if value is not None:
            parts.append(f"{value:02d} {SUBJECT_TEXT[key]}")
    return ", ".join(parts)


def quota_sentence(rule: schema.QuotaRule) -> str:
    """A quota as a sentence: "Mỗi đơn vị đề nghị: không quá 01 tập thể (259/KH-UBND, mục III.2.1.2.b)"."""
    if rule.text:
        body = rule.text
    elif rule.max is not None:
        body = f"{GROUP_TEXT[rule.group_by].capitalize()}: không quá {_limit_text(rule.max)}"
    elif rule.max_by_class is not None:
        tiers = "; ".join(f"loại {k}: {_limit_text(v)}" for k, v in rule.max_by_class.items())
        body = f"{GROUP_TEXT[rule.group_by].capitalize()}: {tiers}"
    else:
        pct = rule.percent
        assert pct is not None
        shares = [
            f"{getattr(pct, k)}% {SUBJECT_TEXT[k]}"
            for k in ("collective", "person", "household", "any")
            if getattr(pct, k) is not None
        ]
        body = f"{GROUP_TEXT[rule.group_by].capitalize()}: không quá {', '.join(shares)} số đối tượng tham gia"
    if rule.programmes:
        body += " (tính chung với chương trình " + ", ".join(rule.programmes) + ")"
    return f"{body} ({rule.source})"


def _pool_sentence(p: schema.Programme, pf: schema.ProgrammeFile, issuer_name: str) -> str:
    pool = p.pool
    parts = []
    if pool.text:
        parts.append(pool.text)
    if pool.blocs:
        names = pf.bloc_names()
        parts.append("Khối: " + ", ".join(names.get(b, b) for b in pool.blocs))
    issuer = {
        "itself": f"chỉ {issuer_name}",
        "below": f"các đơn vị thuộc {issuer_name}",
        "itself_or_below": f"{issuer_name} và các đơn vị thuộc {issuer_name}",
    }.get(pool.issuer)
    if issuer and not pool.text:
        parts.append(issuer[0].upper() + issuer[1:])
    text = "; ".join(parts) or "Không giới hạn"
    return f"{text} ({pool.source})" if pool.source else text


def programme_view(programme: Programme) -> ProgrammeView:
    """Everything the detail page shows of a programme, read from its validated rule file."""
    pf, p = programme_rule(programme)
    period = pf.period_of(p) if p.kind == "period_end" else None
    year = None if p.kind == "period_end" else reference_year(p)
    criteria = eligibility.describe_programme(p, year=year, period=period)
    conflicts = [
        ConflictView(c.title, c.text, [(s.source, s.quote) for s in c.statements], c.resolution)
        for c in [*p.conflicts, *pf.conflicts]
    ]
    titles = {c.code: c.title for c in [*p.conflicts, *pf.conflicts]}
    late = LATE_POLICY_TEXT[p.late_policy]
    if p.late_policy_source:
        late += f" ({p.late_policy_source})"
    return ProgrammeView(
        row=programme,
        rules=p,
        file=pf,
        form=form_name(p.form),
        criteria=criteria,
        quotas=[quota_sentence(q) for q in p.quotas],
        deadline=next_deadline(p, pf),
        late_policy=late,
        tie_breaks=[f"{TIE_BREAK_TEXT[t.by]}: {t.text} ({t.source})" for t in p.tie_break],
        dossier=[f"{d.name} ({d.source})" for d in p.dossier],
        notes=[f"{n.text} ({n.source})" for n in p.notes],
        conflicts=conflicts,
        pool=_pool_sentence(p, pf, programme.unit.name),
        criteria_rows=[
            (sentence, titles.get(getattr(c, "conflict", None) or ""))
            for sentence, c in zip(criteria, p.criteria, strict=True)
        ],
        period=period,
    )


def programme_deadline(programme: Programme) -> Deadline | None:
    pf, p = programme_rule(programme)
    return next_deadline(p, pf)


def rule_file_conflicts(rule_file: RuleFile) -> list[tuple[str, ConflictView]]:
    """The contradictions of a rule file (its own and its programmes'), with the programme they belong to."""
    pf = programme_file(rule_file)
    found = [("", c) for c in pf.conflicts]
    found += [(p.name, c) for p in pf.programmes for c in p.conflicts]
    return [
        (name, ConflictView(c.title, c.text, [(s.source, s.quote) for s in c.statements]))
        for name, c in found
    ]


@dataclass
class HomeCard:
    programme: Programme
    form: str
    deadline: Deadline | None
    has_conflict: bool


def awards_home(*, actor) -> dict[str, Any]:
    """The award cycle at a glance: programmes in force with their next deadlines (soonest first), the rule
    files, dossiers by status."""
    from cchc.awards.choices import DossierStatus

    programmes = list(programme_list(actor=actor).filter(is_active=True))
    cards = []
    for prog in programmes:
        pf, p = programme_rule(prog)
        cards.append(HomeCard(prog, form_name(p.form), next_deadline(p, pf), bool(p.conflicts)))
    today = dates.today()
    upcoming = sorted(
        (c for c in cards if c.deadline and c.deadline.due and c.deadline.due >= today),
        key=lambda c: c.deadline.due if c.deadline and c.deadline.due else today,
    )
    counts = dict(
        Dossier.objects.visible_to(actor)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_status = [(value, label, counts.get(value, 0)) for value, label in DossierStatus.choices]
    files = list(rule_file_list(actor=actor))
    return {
        "cards": cards,
        "upcoming": upcoming[:8],
        "by_status": by_status,
        "dossier_total": sum(counts.values()),
        "files": files,
        "n_conflicts": sum(1 for c in cards if c.has_conflict),
    }


# --- Fact registers -------------------------------------------------------------------------------------------


def fact_rows(*, actor, model: type[Any]) -> QuerySet:
    """Facts of a kind the user may read: a person's or collective's facts belong to its unit (the unit and
    those above it read them); a manual check is read by the standing agency of the programme's level and by
    the candidate's unit."""
    from cchc.awards.models import ManualCheck
    from cchc.awards.policies import STANDING_ROLES
    from cchc.core.scope import scope_for

    if model is not ManualCheck:
        related = [f for f in ("unit", "person", "document") if hasattr(model, f)]
        return model.objects.visible_to(actor).select_related(*related)
    scope = scope_for(actor)
    qs = ManualCheck.objects.select_related("programme__unit", "unit", "person__unit", "checked_by")
    if scope.is_admin:
        return qs
    if scope.is_anonymous:
        return qs.none()
    cond = (
        scope.q("programme__unit__path", roles=STANDING_ROLES)
        | scope.q("unit__path")
        | scope.q("person__unit__path")
    )
    return qs.filter(cond, programme__in=Programme.objects.visible_to(actor))


def fact_get(*, actor, model: type[Any], pk: int):
    obj = fact_rows(actor=actor, model=model).filter(pk=pk).first()
    if obj is None:
        raise Http404("Không tìm thấy bản ghi.")
    return obj


def checkable_standards(*, actor) -> list[tuple[Programme, str, str]]:
    """(programme, code, text) of every manual standard the user may check, programmes in force only."""
    from cchc.awards.policies import can_check_standard
    from cchc.awards.services_facts import manual_standards

    found = []
    for prog in programme_list(actor=actor).filter(is_active=True).order_by("unit__path", "order"):
        if can_check_standard(actor, prog):
            found += [(prog, code, text) for code, text in manual_standards(prog)]
    return found
