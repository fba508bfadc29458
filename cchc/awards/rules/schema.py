"""Award-programme files: one YAML file per plan document, validated into these models.

A file holds the document it comes from (number, issuer, date), its principles and notes, the reports it asks
for, its targets, and its programmes. A programme is one award track (`kind`: annual, period_end, ad_hoc) of one
title or form of the catalogue (`form`) for one kind of subject (collective, person, household), conferred by
an authority, with its candidate pool, its criteria (`all`, `any`, `at_least` k, nested; see
`cchc.awards.rules.criteria`), quotas, deadline with the policy for late dossiers, tie-breaks, dossier items,
notes and the contradictions of the document (`conflicts`, with both sentences).

Every rule carries its `source` clause ("2162/QĐ-UBND, mục III.2.1.2.a") and may carry the `quote` of the
document, so that a reader of plans can emit these files and a person can check them against the text.

A file with an error is refused whole: `RuleFileError` lists each error as "path: message" in Vietnamese
("programmes[1].criteria[0].n: phải là số nguyên dương"). `python -m cchc.awards.rules.schema` rewrites the
published JSON Schema (`programme.schema.json`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cchc.awards.rules import vocabulary as v
from cchc.awards.rules.catalogue import Authority, catalogue
from cchc.awards.rules.criteria import (
    CRITERION_KINDS,
    Criterion,
    Manual,
    NominatedFor,
    NotNominatedFor,
    _Group,
    _Node,
    _TopN,
    _UnitFact,
)
from cchc.awards.rules.types import (
    Clause,
    Code,
    LatePolicy,
    NonNegInt,
    PosInt,
    ProgrammeKind,
    Subject,
    Text,
)

RULES_DIR = Path(__file__).resolve().parent
PROGRAMMES_DIR = RULES_DIR.parent / "programmes"
SCHEMA_FILE = RULES_DIR / "programme.schema.json"

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Sourced(BaseModel):
    """A rule with its clause and, where useful, the sentence of the document."""

    model_config = _STRICT

    source: Clause
    quote: str | None = None


class Period(BaseModel):
    model_config = _STRICT

    start: Annotated[int, Field(ge=1990, le=2100)]
    end: Annotated[int, Field(ge=1990, le=2100)]

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError("period_order", "năm kết thúc phải từ năm bắt đầu trở đi")
        return self

    def as_tuple(self) -> tuple[int, int]:
        return (self.start, self.end)


_PARTIAL_DATE = re.compile(r"^(?:(\d{1,2})/)?(?:(\d{1,2})/)?(\d{4})$")


def parse_partial_date(text: str) -> tuple[date, str]:
    """'09/06/2026' → (date, 'day'); '01/2026' → (date, 'month'); '2026' → (date, 'year')."""
    m = _PARTIAL_DATE.match(text.strip())
    if not m:
        raise ValueError(text)
    first, second, year = m.groups()
    if first and second:
        return date(int(year), int(second), int(first)), "day"
    if first:
        return date(int(year), int(first), 1), "month"
    return date(int(year), 1, 1), "year"


class DocumentRef(BaseModel):
    """The plan document the rules come from. `number` and `date` may be blank in the document itself."""

    model_config = _STRICT

    number: str | None = None
    type: Text
    issuer: Text
    date: str | None = None
    signer: str | None = None
    title: Text
    period: Period | None = None
    seed: str | None = None
    bases: list[Text] = Field(default_factory=list)

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            parse_partial_date(value)
        except ValueError:
            raise PydanticCustomError(
                "document_date", "ngày văn bản phải viết dd/mm/yyyy, mm/yyyy hoặc yyyy"
            ) from None
        return value

    def cite(self) -> str:
        return self.number or f"{self.type} của {self.issuer}"


class Note(Sourced):
    """A sentence of the document the engine does not evaluate but a person must see."""

    text: Text


class Statement(Sourced):
    """One side of a contradiction: the clause and its sentence (the quote is required)."""

    quote: Text


class Conflict(BaseModel):
    """A contradiction inside the document, with both sentences; criteria may name it (`conflict: code`)."""

    model_config = _STRICT

    code: Code
    title: Text
    text: Text
    statements: list[Statement] = Field(min_length=2)
    resolution: str | None = None


class Pool(BaseModel):
    """Who may be a candidate: blocs, unit kinds, the issuer's own units, kinds of employment."""

    model_config = _STRICT

    blocs: list[str] | None = None
    unit_kinds: list[str] | None = None
    issuer: Literal["any", "itself", "below", "itself_or_below"] = "any"
    employment: list[str] | None = None
    text: str | None = None
    source: Clause | None = None
    quote: str | None = None

    @field_validator("unit_kinds")
    @classmethod
    def _kinds(cls, value: list[str] | None) -> list[str] | None:
        for kind in value or []:
            if kind not in v.UNIT_KIND_NAMES:
                raise PydanticCustomError(
                    "unit_kind",
                    "loại đơn vị '{kind}' không có; các loại: {kinds}",
                    {"kind": kind, "kinds": ", ".join(v.UNIT_KIND_NAMES)},
                )
        return value

    @field_validator("employment")
    @classmethod
    def _employment(cls, value: list[str] | None) -> list[str] | None:
        for kind in value or []:
            if kind not in v.EMPLOYMENT_NAMES:
                raise PydanticCustomError(
                    "employment",
                    "loại cán bộ '{kind}' không có; các loại: {kinds}",
                    {"kind": kind, "kinds": ", ".join(v.EMPLOYMENT_NAMES)},
                )
        return value


class Limit(BaseModel):
    """Counts allowed per subject; `any` counts collectives, persons and households together (either-or)."""

    model_config = _STRICT

    collective: NonNegInt | None = None
    person: NonNegInt | None = None
    household: NonNegInt | None = None
    any: NonNegInt | None = None

    @model_validator(mode="after")
    def _some(self) -> Limit:
        if all(x is None for x in (self.collective, self.person, self.household, self.any)):
            raise PydanticCustomError(
                "empty_limit", "cần ít nhất một giới hạn: collective, person, household hoặc any"
            )
        return self


class PercentLimit(BaseModel):
    """A share of the participants (đối tượng tham gia) of the group, per subject.

    The count allowed is `percent × participants / 100` rounded by `rounding` (default floor: "không quá
    10%" of 25 is 2), and never below `minimum`.
    """

    model_config = _STRICT

    collective: Decimal | None = Field(default=None, gt=0, le=100)
    person: Decimal | None = Field(default=None, gt=0, le=100)
    household: Decimal | None = Field(default=None, gt=0, le=100)
    any: Decimal | None = Field(default=None, gt=0, le=100)
    rounding: Literal["floor", "ceil", "half_up"] = "floor"
    minimum: NonNegInt = 0


class QuotaRule(Sourced):
    """A quota: at most so many nominations per group (proposing unit, bloc, unit class, parent nomination,
    or the whole programme) for the same year or period, over this programme and those in `programmes`."""

    code: Code | None = None
    group_by: Literal["proposer", "bloc", "unit_class", "parent_nomination", "programme"]
    max: Limit | None = None
    max_by_class: dict[str, Limit] | None = None
    percent: PercentLimit | None = None
    programmes: list[Code] | None = None
    text: str | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> QuotaRule:
        given = [x for x in (self.max, self.max_by_class, self.percent) if x is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "one_limit", "cần đúng một trong 'max', 'max_by_class' hoặc 'percent'"
            )
        return self


_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _check_day_month(text: str) -> tuple[int, int]:
    m = _DAY_MONTH.match(text.strip())
    if not m:
        raise PydanticCustomError("day_month", "phải viết ngày/tháng, ví dụ 31/3")
    day, month = int(m.group(1)), int(m.group(2))
    try:
        date(2028, month, day)  # a leap year accepts 29/2
    except ValueError:
        raise PydanticCustomError(
            "day_month", "ngày/tháng không có thật: {t}", {"t": text}
        ) from None
    return day, month


def _check_full_date(text: str) -> date:
    m = _DAY_MONTH_YEAR.match(text.strip())
    if not m:
        raise PydanticCustomError("full_date", "phải viết ngày/tháng/năm, ví dụ 03/10/2023")
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        raise PydanticCustomError("full_date", "ngày không có thật: {t}", {"t": text}) from None


class DeadlineRule(Sourced):
    """When dossiers are due (see `cchc.awards.rules.deadlines` for how each kind is read)."""

    kind: Literal["yearly", "fixed", "days_before_event", "window", "any_time", "announced_later"]
    date: str | None = None
    before: bool = False
    year_offset: int = 1
    n: PosInt | None = None
    working_days: bool = False
    event: str | None = None
    start: str | None = None
    end: str | None = None
    after_achievement: bool = False
    text: str | None = None

    @model_validator(mode="after")
    def _fields_of_kind(self) -> DeadlineRule:
        if self.kind == "yearly":
            if self.date is None:
                raise PydanticCustomError("deadline_date", "hạn hằng năm cần 'date' (ngày/tháng)")
            _check_day_month(self.date)
        elif self.kind == "fixed":
            if self.date is None:
                raise PydanticCustomError(
                    "deadline_date", "hạn cố định cần 'date' (ngày/tháng/năm)"
                )
            _check_full_date(self.date)
        elif self.kind == "days_before_event":
            if self.n is None or not self.event:
                raise PydanticCustomError(
                    "deadline_event", "hạn trước sự kiện cần 'n' (số ngày) và 'event' (tên sự kiện)"
                )
        elif self.kind == "window":
            if self.start is None or self.end is None:
                raise PydanticCustomError(
                    "deadline_window", "khoảng thời gian cần 'start' và 'end'"
                )
            for text in (self.start, self.end):
                if _DAY_MONTH_YEAR.match(text.strip()):
                    _check_full_date(text)
                else:
                    _check_day_month(text)
        return self


class TieBreak(Sourced):
    """How equally qualified candidates are ordered, in the order listed."""

    by: Literal["par_award_order", "par_score", "women_first", "priority", "vote", "authority"]
    text: Text


class DossierItem(Sourced):
    """A document the nomination dossier must contain."""

    code: Code
    name: Text


class Report(Sourced):
    """A report the plan asks of the units (e.g. the yearly report on the movement), with its deadline."""

    code: Code
    name: Text
    to: str | None = None
    deadline: DeadlineRule


class Target(Sourced):
    """A target of a plan that award rules may use as a gate; `criterion` says it in the vocabulary."""

    code: Code
    text: Text
    criterion: Criterion | None = None


@dataclass(frozen=True, slots=True)
class Bound:
    """What a programme needs from its file to be evaluated: the period, names, conflicts (see `bind`)."""

    period: tuple[int, int] | None
    bloc_names: dict[str, str]
    title_names: dict[str, str]
    programme_names: dict[str, str]
    conflicts: dict[str, str]


class Programme(Sourced):
    """One award track of a plan."""

    _bound: Bound | None = PrivateAttr(default=None)

    code: Code
    name: Text
    kind: ProgrammeKind
    form: Code
    subject: Subject
    conferred_by: Authority
    proposed_by: str | None = None
    submitted_to: str | None = None
    pool: Pool = Field(default_factory=Pool)
    period: Period | None = None
    years: Period | None = None
    criteria: list[Criterion] = Field(min_length=1)
    quotas: list[QuotaRule] = Field(default_factory=list)
    deadline: DeadlineRule | None = None
    late_policy: LatePolicy = "to_check"
    late_policy_source: Clause | None = None
    late_policy_quote: str | None = None
    tie_break: list[TieBreak] = Field(default_factory=list)
    dossier: list[DossierItem] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)


class StandingAgency(Sourced):
    name: Text


class ProgrammeFile(BaseModel):
    """A rule file: one plan document and its award programmes."""

    model_config = _STRICT

    schema_version: Literal[1]
    id: Code
    document: DocumentRef
    movement: str | None = None
    standing_agency: StandingAgency | None = None
    blocs: dict[str, Text] = Field(default_factory=dict)
    principles: list[Note] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    reports: list[Report] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)

    def programme(self, code: str) -> Programme:
        for p in self.programmes:
            if p.code == code:
                return p
        raise KeyError(code)

    def period_of(self, programme: Programme) -> tuple[int, int] | None:
        period = programme.period or self.document.period
        return period.as_tuple() if period else None

    def bloc_names(self) -> dict[str, str]:
        return {**v.BLOC_NAMES, **self.blocs}


# --- errors in Vietnamese -------------------------------------------------------------------------------------

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong định dạng (viết sai tên?)",
    "string_type": "phải là chuỗi ký tự",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": "chỉ gồm chữ thường không dấu, số, '_' và '-'",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "decimal_parsing": "phải là số",
    "decimal_type": "phải là số",
    "float_parsing": "phải là số",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là danh sách",
    "dict_type": "phải là bảng (khóa: giá trị)",
    "model_type": "phải là bảng (khóa: giá trị)",
    "model_attributes_type": "phải là bảng (khóa: giá trị)",
    "date_type": "phải là ngày (yyyy-mm-dd)",
    "date_parsing": "phải là ngày (yyyy-mm-dd)",
    "date_from_datetime_parsing": "phải là ngày (yyyy-mm-dd)",
    "union_tag_not_found": "thiếu trường 'kind'",
}


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "literal_error":
        return f"phải là một trong: {str(ctx.get('expected', '')).replace(' or ', ' hoặc ')}"
    if kind == "union_tag_invalid":
        return f"loại '{ctx.get('tag')}' không có; các loại: {ctx.get('expected_tags', '')}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {
            "greater_than": "phải lớn hơn",
            "greater_than_equal": "phải từ",
            "less_than": "phải nhỏ hơn",
            "less_than_equal": "phải không quá",
        }
        bound = next(iter(ctx.values()), "")
        return f"{words[kind]} {bound}"
    if kind in ("too_short", "too_long"):
        return f"số phần tử không hợp lệ ({ctx.get('actual_length')})"
    if str(error.get("msg", "")).startswith("Value error, "):
        return str(error["msg"])[len("Value error, ") :]
    return str(error.get("msg", kind))


_TAGS = set(CRITERION_KINDS)


def format_loc(loc: tuple[Any, ...]) -> str:
    """('programmes', 1, 'criteria', 0, 'par_top_n', 'n') → 'programmes[1].criteria[0].n'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _TAGS or "[" in str(part) or str(part).startswith("function-"):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


class RuleFileError(ValueError):
    """A rule file refused: every error as (path of the field, Vietnamese message)."""

    def __init__(self, file: str, errors: list[tuple[str, str]]):
        self.file = file
        self.errors = errors
        lines = "\n".join(f"- {path}: {msg}" if path else f"- {msg}" for path, msg in errors)
        super().__init__(f"Tệp quy tắc khen thưởng {file} có lỗi:\n{lines}")


# --- checks across fields -------------------------------------------------------------------------------------


def _walk(criteria: list[Any], path: str) -> list[tuple[str, _Node]]:
    out: list[tuple[str, _Node]] = []
    for i, node in enumerate(criteria):
        here = f"{path}[{i}]"
        out.append((here, node))
        if isinstance(node, _Group):
            out.extend(_walk(node.of, f"{here}.of"))
    return out


def semantic_errors(pf: ProgrammeFile) -> list[tuple[str, str]]:
    """Errors no single field shows: duplicate codes, unknown references, criteria that do not fit the subject."""
    errors: list[tuple[str, str]] = []
    forms = catalogue().by_code()
    blocs = pf.bloc_names()
    codes: dict[str, int] = {}
    for i, prog in enumerate(pf.programmes):
        if prog.code in codes:
            errors.append(
                (
                    f"programmes[{i}].code",
                    f"trùng mã chương trình '{prog.code}' (programmes[{codes[prog.code]}])",
                )
            )
        codes.setdefault(prog.code, i)
    for i, prog in enumerate(pf.programmes):
        base = f"programmes[{i}]"
        form = forms.get(prog.form)
        if form is None:
            errors.append(
                (f"{base}.form", f"'{prog.form}' không có trong danh mục hình thức khen thưởng")
            )
        elif prog.subject not in form.coefficients:
            errors.append(
                (
                    f"{base}.subject",
                    f"“{form.name}” không dùng cho {v.SUBJECT_NAMES[prog.subject]}",
                )
            )
        period = pf.period_of(prog)
        if prog.kind == "period_end" and period is None:
            errors.append(
                (
                    f"{base}.period",
                    "chương trình tổng kết giai đoạn cần 'period' (ở đây hoặc ở văn bản)",
                )
            )
        for j, bloc in enumerate(prog.pool.blocs or []):
            if bloc not in blocs:
                errors.append(
                    (
                        f"{base}.pool.blocs[{j}]",
                        f"khối '{bloc}' không có; khai báo ở 'blocs' của tệp",
                    )
                )
        conflict_codes = {c.code for c in prog.conflicts} | {c.code for c in pf.conflicts}
        manual_codes: dict[str, str] = {}
        for path, node in _walk(list(prog.criteria), f"{base}.criteria"):
            if node.conflict is not None and node.conflict not in conflict_codes:
                errors.append(
                    (
                        f"{path}.conflict",
                        f"không có mâu thuẫn mã '{node.conflict}' trong 'conflicts'",
                    )
                )
            if isinstance(node, _Group):
                continue
            if isinstance(node, _UnitFact) and node.applies_to == "own_unit":
                if prog.subject == v.COLLECTIVE:
                    errors.append(
                        (
                            f"{path}.applies_to",
                            "'own_unit' chỉ dùng khi xét cá nhân hoặc hộ gia đình",
                        )
                    )
            elif getattr(node, "applies_to", "self") == "own_unit" and prog.subject == v.COLLECTIVE:
                errors.append(
                    (f"{path}.applies_to", "'own_unit' chỉ dùng khi xét cá nhân hoặc hộ gia đình")
                )
            elif (
                getattr(node, "applies_to", "self") == "self" and prog.subject not in node.subjects
            ):
                who = v.join_vi([v.SUBJECT_NAMES[s] for s in sorted(node.subjects)], "hoặc")
                errors.append(
                    (
                        path,
                        f"tiêu chí '{node.kind}' chỉ dùng cho {who}; chương trình này xét "  # type: ignore[attr-defined]
                        f"{v.SUBJECT_NAMES[prog.subject]}",
                    )
                )
            if isinstance(node, _TopN):
                for bloc in node.blocs_used():
                    if bloc not in blocs:
                        errors.append(
                            (
                                f"{path}.n_by_bloc",
                                f"khối '{bloc}' không có; khai báo ở 'blocs' của tệp",
                            )
                        )
            if getattr(node, "over", "year") == "period" or node.kind in (  # type: ignore[attr-defined]
                "par_years_in_top",
            ):
                if period is None:
                    errors.append(
                        (path, "tiêu chí xét theo giai đoạn nhưng chương trình không có 'period'")
                    )
            if isinstance(node, NominatedFor) and node.programme not in codes:
                errors.append(
                    (f"{path}.programme", f"không có chương trình mã '{node.programme}' trong tệp")
                )
            if isinstance(node, NotNominatedFor):
                for k, other in enumerate(node.programmes):
                    if other not in codes:
                        errors.append(
                            (
                                f"{path}.programmes[{k}]",
                                f"không có chương trình mã '{other}' trong tệp",
                            )
                        )
            if isinstance(node, Manual):
                if node.code in manual_codes:
                    errors.append(
                        (
                            f"{path}.code",
                            f"trùng mã tiêu chuẩn '{node.code}' ({manual_codes[node.code]})",
                        )
                    )
                manual_codes.setdefault(node.code, path)
        for j, quota in enumerate(prog.quotas):
            for k, other in enumerate(quota.programmes or []):
                if other not in codes:
                    errors.append(
                        (
                            f"{base}.quotas[{j}].programmes[{k}]",
                            f"không có chương trình mã '{other}' trong tệp",
                        )
                    )
        if prog.late_policy != "to_check" and prog.deadline is None:
            errors.append((f"{base}.late_policy", "có 'late_policy' nhưng không có 'deadline'"))
    return errors


# --- loading --------------------------------------------------------------------------------------------------


def parse_programme_data(data: Any, *, file: str = "<dữ liệu>") -> ProgrammeFile:
    """Validate already-parsed data (what a reader of plans emits); raise `RuleFileError` on any error."""
    if not isinstance(data, dict):
        raise RuleFileError(file, [("", "tệp phải là một bảng (khóa: giá trị) ở cấp ngoài cùng")])
    try:
        pf = ProgrammeFile.model_validate(data)
    except ValidationError as exc:
        errors = [(format_loc(tuple(e["loc"])), _message(e)) for e in exc.errors()]
        raise RuleFileError(file, errors) from None
    problems = semantic_errors(pf)
    if problems:
        raise RuleFileError(file, problems)
    return bind(pf)


def bind(pf: ProgrammeFile) -> ProgrammeFile:
    """Attach to each programme what evaluation needs from its file (the loaders do it)."""
    titles = catalogue().names()
    names = {p.code: p.name for p in pf.programmes}
    file_conflicts = {c.code: c.title for c in pf.conflicts}
    for prog in pf.programmes:
        prog._bound = Bound(
            period=pf.period_of(prog),
            bloc_names=pf.bloc_names(),
            title_names=titles,
            programme_names=names,
            conflicts={**file_conflicts, **{c.code: c.title for c in prog.conflicts}},
        )
    return pf


def load_programme_file(path: str | Path) -> ProgrammeFile:
    """Read and validate one YAML rule file."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(str(path), [("", f"không đọc được tệp ({exc.strerror})")]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark is not None else ""
        raise RuleFileError(
            str(path), [("", f"không đọc được YAML: {where}{getattr(exc, 'problem', exc)}")]
        ) from None
    return parse_programme_data(data, file=path.name)


@lru_cache(maxsize=1)
def _load_all_cached(directory: str) -> tuple[ProgrammeFile, ...]:
    files = sorted(Path(directory).glob("*.yaml"))
    loaded = [load_programme_file(f) for f in files]
    errors: list[tuple[str, str]] = []
    seen_ids: dict[str, str] = {}
    seen_codes: dict[str, str] = {}
    for f, pf in zip(files, loaded, strict=True):
        if pf.id in seen_ids:
            errors.append((f"{f.name}: id", f"trùng mã tệp '{pf.id}' với {seen_ids[pf.id]}"))
        seen_ids.setdefault(pf.id, f.name)
        for prog in pf.programmes:
            if prog.code in seen_codes:
                errors.append(
                    (f"{f.name}: {prog.code}", f"trùng mã chương trình với {seen_codes[prog.code]}")
                )
            seen_codes.setdefault(prog.code, f.name)
    if errors:
        raise RuleFileError(directory, errors)
    return tuple(loaded)


def load_all(directory: str | Path | None = None) -> tuple[ProgrammeFile, ...]:
    """Every rule file of a folder (default: `cchc/awards/programmes/`), validated; ids and programme codes
    are unique across the files."""
    return _load_all_cached(str(directory or PROGRAMMES_DIR))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file, as published in `programme.schema.json`."""
    schema = ProgrammeFile.model_json_schema()
    schema["$id"] = "https://cchc.local/schemas/awards/programme.schema.json"
    schema["title"] = "Tệp quy tắc khen thưởng (chương trình khen thưởng của một văn bản)"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    SCHEMA_FILE.write_text(json_schema_text(), encoding="utf-8")
    print(f"Đã ghi {SCHEMA_FILE}")
