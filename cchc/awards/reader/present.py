"""The proposal as readable rows for the page: each programme with its criteria as sentences (the rule engine's
own wording), quotas, deadline and late policy, each beside the sentence of the plan it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cchc.awards.reader import without_not_read
from cchc.awards.rules import deadlines
from cchc.awards.rules.catalogue import catalogue
from cchc.awards.rules.eligibility import describe_programme
from cchc.awards.rules.schema import Programme, RuleFileError, parse_programme_data

KIND_NAMES = {"annual": "Hằng năm", "period_end": "Tổng kết giai đoạn", "ad_hoc": "Đột xuất"}
SUBJECT_NAMES = {"collective": "Tập thể", "person": "Cá nhân", "household": "Hộ gia đình"}
GROUP_NAMES = {
    "proposer": "mỗi đơn vị đề nghị",
    "bloc": "mỗi khối thi đua",
    "unit_class": "mỗi loại đơn vị",
    "parent_nomination": "mỗi đơn vị được đề nghị hình thức cấp trên",
    "programme": "toàn chương trình",
}
LATE_NAMES = {
    "refuse": "Hồ sơ nộp muộn không được xét",
    "accept_late": "Hồ sơ nộp muộn vẫn được xét",
    "to_check": "Hồ sơ nộp muộn: người có thẩm quyền quyết định (cần kiểm tra)",
}
_SUBJECT_WORDS = {
    "collective": "tập thể",
    "person": "cá nhân",
    "household": "hộ",
    "any": "trường hợp",
}


@dataclass
class Row:
    label: str
    sentence: str
    source: str
    quote: str = ""


@dataclass
class ProgrammeRows:
    code: str
    name: str
    kind: str
    form: str
    subject: str
    source: str
    rows: list[Row] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _quota_sentence(q: dict[str, Any]) -> str:
    where = GROUP_NAMES.get(q["group_by"], q["group_by"])
    if "max" in q:
        parts = [f"{n:02d} {_SUBJECT_WORDS[s]}" for s, n in q["max"].items()]
        return f"Không quá {', '.join(parts)} ({where})"
    if "percent" in q:
        parts = [f"{p}% {_SUBJECT_WORDS.get(s, s)}" for s, p in q["percent"].items()]
        return f"Không quá {', '.join(parts)} tham gia ({where})"
    return f"Số lượng theo loại đơn vị ({where})"


def _year(p: Programme, raw: dict[str, Any], period: tuple[int, int] | None) -> int:
    if p.years:
        return p.years.start
    if period:
        return period[1] if p.kind == "period_end" else period[0]
    return 2027


def rows(proposal: dict[str, Any]) -> tuple[list[ProgrammeRows], str | None]:
    """The programmes of a proposal as rows, and the validation error of the whole file (if any)."""
    try:
        pf = parse_programme_data(without_not_read(proposal))
    except RuleFileError as exc:
        return [], str(exc)
    forms = catalogue().by_code()
    out: list[ProgrammeRows] = []
    for prog, raw in zip(pf.programmes, proposal["programmes"], strict=True):
        period = pf.period_of(prog)
        year = _year(prog, raw, period)
        item = ProgrammeRows(
            code=prog.code,
            name=prog.name,
            kind=KIND_NAMES[prog.kind],
            form=forms[prog.form].name,
            subject=SUBJECT_NAMES[prog.subject],
            source=prog.source,
            conflicts=[c.model_dump() for c in prog.conflicts],
            notes=[n.text for n in prog.notes],
        )
        sentences = describe_programme(prog, year=year, period=period)
        for criterion, sentence in zip(prog.criteria, sentences, strict=True):
            item.rows.append(Row("Tiêu chuẩn", sentence, criterion.source, _quotes(criterion)))
        for q in raw.get("quotas", []):
            item.rows.append(Row("Số lượng", _quota_sentence(q), q["source"], q.get("quote", "")))
        for tb in prog.tie_break:
            item.rows.append(Row("Ưu tiên", tb.text, tb.source, tb.quote or ""))
        if prog.deadline is not None:
            item.rows.append(
                Row(
                    "Hạn nộp",
                    f"Hồ sơ khen thưởng năm {year}: {deadlines.describe(prog.deadline, year)}"
                    if prog.kind != "ad_hoc"
                    else deadlines.describe(prog.deadline, year),
                    prog.deadline.source,
                    prog.deadline.quote or "",
                )
            )
            item.rows.append(
                Row(
                    "Nộp muộn",
                    LATE_NAMES[prog.late_policy],
                    prog.late_policy_source or prog.deadline.source,
                    prog.late_policy_quote or "",
                )
            )
        else:
            item.rows.append(Row("Hạn nộp", "Văn bản không nêu hạn nộp: cần kiểm tra", prog.source))
        out.append(item)
    return out, None


def _quotes(node: Any) -> str:
    """The sentence of a criterion, or of its first child that has one."""
    if node.quote:
        return str(node.quote)
    for child in getattr(node, "of", []) or []:
        found = _quotes(child)
        if found:
            return found
    return ""
