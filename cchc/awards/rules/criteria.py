"""The vocabulary of award criteria: each kind with its parameters, its sentence, and its three-valued check.

Every criterion is a node of a rule file (`kind: ...`), carries the clause it comes from (`source`) and may carry
the sentence of the document (`quote`). `describe(ctx)` renders the rule as a Vietnamese sentence;
`evaluate(candidate, ctx)` returns a `Reason` whose outcome is pass, fail or unknown ("cần kiểm tra"): missing
facts are unknown, never a silent fail. Standards are combined with `all`, `any` and `at_least` (nested):

- all: a fail fails; otherwise an unknown makes it unknown; otherwise pass;
- any: a pass passes; otherwise an unknown makes it unknown; otherwise fail;
- at_least k: k passes pass; passes + unknowns < k fail; otherwise unknown.

A criterion that names a `conflict` (a contradiction of the document, listed in the programme) never fails on its
own: its fail becomes unknown, with the contradiction in the sentence, so that a person decides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cchc.awards.rules import vocabulary as v
from cchc.awards.rules.facts import (
    DisciplineRecord,
    HouseholdFacts,
    Initiative,
    ManualCheck,
    Nomination,
    PersonFacts,
    UnitFacts,
    cchc_years_from_positions,
)
from cchc.awards.rules.types import AppliesTo, Clause, Code, Over, PosInt, Reason, Text

PASS, FAIL, UNKNOWN = v.PASS, v.FAIL, v.UNKNOWN
_UNIT_ONLY = frozenset({v.COLLECTIVE})
_UNIT_OR_PERSON = frozenset({v.COLLECTIVE, v.PERSON})
_PERSON_ONLY = frozenset({v.PERSON})
_ANY_SUBJECT = frozenset({v.COLLECTIVE, v.PERSON, v.HOUSEHOLD})


@dataclass(slots=True)
class Ctx:
    """What a criterion needs besides the candidate: the programme, the year and period, names."""

    programme: str
    kind: str
    subject: str
    year: int
    period: tuple[int, int] | None
    bloc_names: Mapping[str, str] = field(default_factory=dict)
    title_names: Mapping[str, str] = field(default_factory=dict)
    programme_names: Mapping[str, str] = field(default_factory=dict)
    conflicts: Mapping[str, str] = field(default_factory=dict)
    unit_reasons: dict[tuple[int, int], tuple[UnitFacts, Reason]] = field(default_factory=dict)

    def window(self, over: str) -> tuple[int, int]:
        if over == "period" and self.period is not None:
            return self.period
        return (self.year, self.year)

    def window_text(self, over: str) -> str:
        start, end = self.window(over)
        return f"năm {start}" if start == end else f"giai đoạn {start} - {end}"

    def bloc(self, code: str | None) -> str:
        return v.bloc_name(code, self.bloc_names)

    def title(self, code: str) -> str:
        return f"“{self.title_names.get(code, code)}”"

    def programme_name(self, code: str) -> str:
        return f"“{self.programme_names.get(code, code)}”"

    def occasion_matches(self, nomination: Nomination) -> bool:
        if nomination.period is not None:
            return self.period is not None and tuple(nomination.period) == tuple(self.period)
        return nomination.year == self.year


Facts = UnitFacts | PersonFacts | HouseholdFacts


class _Node(BaseModel):
    """Fields shared by every criterion node."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Code | None = None
    source: Clause
    quote: str | None = None
    conflict: Code | None = None

    subjects: ClassVar[frozenset[str]] = _ANY_SUBJECT
    unit_fact: ClassVar[bool] = False

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:  # pragma: no cover - overridden
        raise NotImplementedError

    def _reason(self, ctx: Ctx, outcome: str, body: str | Callable[[], str]) -> Reason:
        """A reason whose sentence is rendered when read: `body` may be a function returning it."""
        source = self.source
        if self.conflict is not None and outcome == FAIL:
            title = ctx.conflicts.get(self.conflict, self.conflict)

            def text() -> str:
                said = body if isinstance(body, str) else body()
                return (
                    f"{said}; quy định này mâu thuẫn với quy định khác của văn bản ({title}), "
                    "cần người có thẩm quyền quyết định"
                )

            return Reason(text, source, UNKNOWN, self.quote)
        if isinstance(body, str):
            return Reason(f"{body} ({source})", source, outcome, self.quote)
        return Reason(body, source, outcome, self.quote)

    def leaves(self) -> list[_Node]:
        return [self]


class _UnitFact(_Node):
    """A criterion on facts of a unit: a collective's own, or the unit of a person (`applies_to: own_unit`)."""

    applies_to: AppliesTo = "self"
    subjects: ClassVar[frozenset[str]] = _UNIT_ONLY
    unit_fact: ClassVar[bool] = True

    def target(self, cand: Facts) -> UnitFacts | None:
        if self.applies_to == "own_unit":
            return None if isinstance(cand, UnitFacts) else cand.unit
        return cand if isinstance(cand, UnitFacts) else None

    def who(self) -> str:
        return "Đơn vị của cá nhân" if self.applies_to == "own_unit" else "Đơn vị"

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        """The reason for a person's unit is the same for every person of that unit: worked out once per
        unit and context (facts are never changed once made), then shared."""
        if self.applies_to != "own_unit" or isinstance(cand, UnitFacts) or cand.unit is None:
            return self.check(cand, ctx)
        key = (id(self), id(cand.unit))
        hit = ctx.unit_reasons.get(key)
        if hit is not None and hit[0] is cand.unit:
            return hit[1]
        reason = self.check(cand, ctx)
        if len(ctx.unit_reasons) > 100_000:
            ctx.unit_reasons.clear()
        ctx.unit_reasons[key] = (cand.unit, reason)
        return reason

    def check(self, cand: Facts, ctx: Ctx) -> Reason:  # pragma: no cover - overridden
        raise NotImplementedError


def _by_bloc_text(
    ctx: Ctx, n: int | None, n_by_bloc: Mapping[str, int] | None, bloc: str | None
) -> str:
    if n is not None:
        return f"{n} đơn vị dẫn đầu {ctx.bloc(bloc) if bloc else 'khối thi đua'}"
    assert n_by_bloc is not None
    if bloc is not None and bloc in n_by_bloc:
        return f"{n_by_bloc[bloc]} đơn vị dẫn đầu {ctx.bloc(bloc)}"
    parts = [f"{k} ({ctx.bloc(b)})" for b, k in n_by_bloc.items()]
    return f"{v.join_vi(parts, 'và')} đơn vị dẫn đầu của khối"


class _TopN(_UnitFact):
    n: PosInt | None = None
    n_by_bloc: dict[str, PosInt] | None = None

    @model_validator(mode="after")
    def _one_n(self) -> _TopN:
        if (self.n is None) == (self.n_by_bloc is None):
            raise PydanticCustomError(
                "one_n", "cần đúng một trong hai trường 'n' (một số) hoặc 'n_by_bloc' (theo khối)"
            )
        return self

    def n_for(self, bloc: str | None) -> int | None:
        if self.n is not None:
            return self.n
        assert self.n_by_bloc is not None
        return self.n_by_bloc.get(bloc) if bloc is not None else None

    def blocs_used(self) -> list[str]:
        return list(self.n_by_bloc or {})


def _rank_text(
    ctx: Ctx, rank: int | None, of: int | None, order: int | None, bloc: str, year: int
) -> str:
    text = f"Hạng {rank}/{of}" if of else f"Hạng {rank}"
    if order is not None and rank is not None and order != rank:
        text += f" (đồng hạng, thứ tự xét khen thưởng {order})"
    return f"{text} {ctx.bloc(bloc)} năm {year}"


class ParTopN(_TopN):
    """PAR Index: among the first N of the bloc in the year (N may differ per bloc). Ranked by the award order
    when the result has one (exactly N units), else by the rank."""

    kind: Literal["par_top_n"]

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return f"Xếp trong {_by_bloc_text(ctx, self.n, self.n_by_bloc, bloc)} về Chỉ số CCHC năm {ctx.year}"

    def check(self, cand: Facts, ctx: Ctx) -> Reason:
        unit = self.target(cand)
        year = ctx.year
        if unit is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có thông tin đơn vị — cần kiểm tra: {self.describe(ctx)}",
            )
        res = unit.par.get(year) if unit.par is not None else None
        bloc = res.bloc_code if res is not None else unit.blocs.get(year)
        if res is None or not res.published or (res.award_order is None and res.rank is None):
            state = "chưa công bố" if res is not None and not res.published else "chưa có"
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"{self.who()} {state} kết quả Chỉ số CCHC năm {year} — cần kiểm tra: "
                    f"{self.describe(ctx, bloc)}"
                ),
            )
        n = self.n_for(bloc)
        position = res.award_order if res.award_order is not None else res.rank

        def head() -> str:
            return _rank_text(ctx, res.rank, res.of, res.award_order, res.bloc_code, year)

        if n is None:
            return self._reason(
                ctx, FAIL, lambda: f"{head()} — chương trình không xét {ctx.bloc(bloc)}"
            )
        assert position is not None
        if position <= n:
            return self._reason(ctx, PASS, lambda: f"{head()} — đạt top {n}")
        return self._reason(ctx, FAIL, lambda: f"{head()} — không thuộc top {n}")


class ParYearsInTop(_TopN):
    """PAR Index: at least K years among the first N of the bloc over the period."""

    kind: Literal["par_years_in_top"]
    min_years: PosInt

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return (
            f"Có ít nhất {v.count_vi(self.min_years)} năm trong "
            f"{_by_bloc_text(ctx, self.n, self.n_by_bloc, bloc)} về Chỉ số CCHC "
            f"{ctx.window_text('period')}"
        )

    def check(self, cand: Facts, ctx: Ctx) -> Reason:
        unit = self.target(cand)
        start, end = ctx.window("period")
        if unit is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có thông tin đơn vị — cần kiểm tra: {self.describe(ctx)}",
            )
        par = unit.par or {}
        inside: list[int] = []
        unknown: list[int] = []
        bloc: str | None = None
        fixed, by_bloc = self.n, self.n_by_bloc or {}
        for year in range(start, end + 1):
            res = par.get(year)
            if res is None or not res.published:
                unknown.append(year)
                continue
            bloc = res.bloc_code
            # `n_for`, inline: this runs for every unit of every period-end programme.
            n = fixed if fixed is not None else by_bloc.get(bloc) if bloc is not None else None
            position = res.award_order
            if position is None:
                position = res.rank
            if position is None:
                unknown.append(year)
            elif n is not None and position <= n:
                inside.append(year)
        if bloc is None:
            bloc = unit.blocs.get(ctx.year)
        need = self.min_years

        def head() -> str:
            n_text = _by_bloc_text(ctx, self.n, self.n_by_bloc, bloc)
            return (
                f"{len(inside)} năm trong {n_text} {ctx.window_text('period')}"
                f"{' (' + v.years_vi(inside) + ')' if inside else ''}"
            )

        if len(inside) >= self.min_years:
            return self._reason(
                ctx, PASS, lambda: f"{head()} — đạt, cần ít nhất {v.count_vi(need)} năm"
            )
        if len(inside) + len(unknown) < self.min_years:
            return self._reason(
                ctx, FAIL, lambda: f"{head()} — không đạt, cần ít nhất {v.count_vi(need)} năm"
            )
        return self._reason(
            ctx,
            UNKNOWN,
            lambda: (
                f"{head()}; chưa có kết quả các năm {v.years_vi(unknown)} — cần kiểm tra, "
                f"cần ít nhất {v.count_vi(need)} năm"
            ),
        )


def _par_result(rule: _UnitFact, cand: Facts, ctx: Ctx) -> tuple[UnitFacts | None, Any]:
    unit = rule.target(cand)
    if unit is None or unit.par is None:
        return unit, None
    res = unit.par.get(ctx.year)
    return unit, res if res is not None and res.published else None


class ParScoreAtLeast(_UnitFact):
    """PAR Index: score of the year at least x."""

    kind: Literal["par_score_at_least"]
    min_score: Decimal = Field(ge=0, le=100)

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return f"Chỉ số CCHC năm {ctx.year} đạt từ {_num(self.min_score)} điểm trở lên"

    def check(self, cand: Facts, ctx: Ctx) -> Reason:
        _, res = _par_result(self, cand, ctx)
        if res is None or res.score is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"Chưa có điểm Chỉ số CCHC năm {ctx.year} — cần kiểm tra: {self.describe(ctx)}"
                ),
            )

        def head() -> str:
            return f"Chỉ số CCHC năm {ctx.year}: {_num(res.score)} điểm"

        if res.score >= self.min_score:
            return self._reason(
                ctx, PASS, lambda: f"{head()} — đạt mức từ {_num(self.min_score)} điểm"
            )
        return self._reason(ctx, FAIL, lambda: f"{head()} — dưới mức {_num(self.min_score)} điểm")


DEFAULT_BANDS = ["Yếu", "Trung bình", "Khá", "Tốt"]


class ParBandAtLeast(_UnitFact):
    """PAR Index: band of the year at least B (`bands` lists the bands from the lowest)."""

    kind: Literal["par_band_at_least"]
    min_band: Text
    bands: list[Text] = Field(default_factory=lambda: list(DEFAULT_BANDS))

    @model_validator(mode="after")
    def _known_band(self) -> ParBandAtLeast:
        if self.min_band not in self.bands:
            raise PydanticCustomError(
                "unknown_band",
                "mức xếp loại '{band}' không có trong danh sách 'bands' ({bands})",
                {"band": self.min_band, "bands": ", ".join(self.bands)},
            )
        return self

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return f"Chỉ số CCHC năm {ctx.year} xếp loại từ “{self.min_band}” trở lên"

    def check(self, cand: Facts, ctx: Ctx) -> Reason:
        _, res = _par_result(self, cand, ctx)
        if res is None or res.band is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"Chưa có xếp loại Chỉ số CCHC năm {ctx.year} — cần kiểm tra: {self.describe(ctx)}"
                ),
            )

        def head() -> str:
            return f"Chỉ số CCHC năm {ctx.year} xếp loại “{res.band}”"

        if res.band not in self.bands:
            return self._reason(
                ctx, UNKNOWN, lambda: f"{head()}: mức này không có trong quy định — cần kiểm tra"
            )
        if self.bands.index(res.band) >= self.bands.index(self.min_band):
            return self._reason(ctx, PASS, lambda: f"{head()} — đạt mức từ “{self.min_band}”")
        return self._reason(ctx, FAIL, lambda: f"{head()} — dưới mức “{self.min_band}”")


class BlocLeader(_UnitFact):
    """PAR Index: the leader (first by award order, else rank 1) of its bloc in the year."""

    kind: Literal["bloc_leader"]

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return f"Dẫn đầu {ctx.bloc(bloc) if bloc else 'khối thi đua'} về Chỉ số CCHC năm {ctx.year}"

    def check(self, cand: Facts, ctx: Ctx) -> Reason:
        unit, res = _par_result(self, cand, ctx)
        position = None if res is None else (res.award_order or res.rank)
        if res is None or position is None:
            bloc = unit.blocs.get(ctx.year) if unit is not None else None
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"Chưa có kết quả Chỉ số CCHC năm {ctx.year} — cần kiểm tra: {self.describe(ctx, bloc)}"
                ),
            )

        def head() -> str:
            return _rank_text(ctx, res.rank, res.of, res.award_order, res.bloc_code, ctx.year)

        if position == 1:
            return self._reason(ctx, PASS, lambda: f"{head()} — dẫn đầu khối")
        return self._reason(ctx, FAIL, lambda: f"{head()} — không dẫn đầu khối")


def _num(value: Decimal | float | int) -> str:
    text = f"{Decimal(str(value)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class Initiatives(_Node):
    """At least M recognised initiatives of level at least L, over the year or the period. An initiative
    already used by another nomination does not count; one awaiting recognition makes the outcome unknown
    when it could decide it."""

    kind: Literal["initiatives"]
    min_count: PosInt = 1
    min_level: str = "unit"
    over: Over = "year"
    applies_to: AppliesTo = "self"
    subjects: ClassVar[frozenset[str]] = _UNIT_OR_PERSON

    @field_validator("min_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value not in v.INITIATIVE_LEVEL_ORDER:
            raise PydanticCustomError(
                "initiative_level",
                "cấp công nhận sáng kiến phải là một trong: {levels}",
                {"levels": ", ".join(v.INITIATIVE_LEVEL_ORDER)},
            )
        return value

    def _level_text(self) -> str:
        return v.INITIATIVE_LEVEL_NAMES[self.min_level]

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return (
            f"Có ít nhất {v.count_vi(self.min_count)} sáng kiến được công nhận từ {self._level_text()} "
            f"trở lên {ctx.window_text(self.over)}"
        )

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        owner: Any = cand if self.applies_to == "self" else getattr(cand, "unit", None)
        items: tuple[Initiative, ...] | None = getattr(owner, "initiatives", None)
        if items is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có dữ liệu sáng kiến — cần kiểm tra: {self.describe(ctx)}",
            )
        start, end = ctx.window(self.over)
        floor = v.INITIATIVE_LEVEL_ORDER[self.min_level]
        counted: list[Initiative] = []
        pending: list[Initiative] = []
        used: list[Initiative] = []
        for item in items:
            if not start <= item.year <= end:
                continue
            if item.used_in:
                used.append(item)
            elif item.recognised_on is None or item.level is None:
                pending.append(item)
            elif v.INITIATIVE_LEVEL_ORDER.get(item.level, 0) >= floor:
                counted.append(item)

        def head() -> str:
            text = (
                f"{len(counted)} sáng kiến được công nhận từ {self._level_text()} trở lên "
                f"{ctx.window_text(self.over)}"
            )
            if counted:
                text += ": " + "; ".join(f"“{i.title}”" for i in counted[:3])
                if len(counted) > 3:
                    text += "; …"
            if used:
                text += (
                    " (không tính "
                    + "; ".join(f"“{i.title}” đã dùng cho {i.used_in}" for i in used)
                    + ")"
                )
            return text

        need = self.min_count
        if len(counted) >= self.min_count:
            return self._reason(
                ctx, PASS, lambda: f"{head()} — đạt, cần ít nhất {v.count_vi(need)}"
            )
        if len(counted) + len(pending) >= self.min_count:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"{head()}; {len(pending)} sáng kiến chưa được công nhận — cần kiểm tra, cần ít nhất {v.count_vi(need)}"
                ),
            )
        return self._reason(
            ctx, FAIL, lambda: f"{head()} — không đạt, cần ít nhất {v.count_vi(need)}"
        )


class PlanOnTimeRate(_UnitFact):
    """Share of the tasks of the unit's CCHC plan of the year done on time, at least X %."""

    kind: Literal["plan_on_time_rate"]
    min_percent: Decimal = Field(ge=0, le=100)

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return (
            f"Hoàn thành đúng hạn từ {_num(self.min_percent)}% nhiệm vụ của kế hoạch CCHC "
            f"năm {ctx.year} trở lên"
        )

    def check(self, cand: Facts, ctx: Ctx) -> Reason:
        unit = self.target(cand)
        rate = (
            None
            if unit is None or unit.plan_on_time_rate is None
            else unit.plan_on_time_rate.get(ctx.year)
        )
        if rate is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"Chưa có tỷ lệ nhiệm vụ đúng hạn của kế hoạch CCHC năm {ctx.year} — cần kiểm tra: "
                    f"{self.describe(ctx)}"
                ),
            )

        def head() -> str:
            return f"Tỷ lệ nhiệm vụ của kế hoạch CCHC năm {ctx.year} hoàn thành đúng hạn: {_num(rate)}%"

        if rate >= self.min_percent:
            return self._reason(ctx, PASS, lambda: f"{head()} — đạt mức {_num(self.min_percent)}%")
        return self._reason(
            ctx, FAIL, lambda: f"{head()} — không đạt mức {_num(self.min_percent)}%"
        )


class _YearFlag(_UnitFact):
    field_name: ClassVar[str] = ""
    yes: ClassVar[str] = ""
    no: ClassVar[str] = ""

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return self.yes.format(year=ctx.year)

    def check(self, cand: Facts, ctx: Ctx) -> Reason:
        """Pass, fail or unknown from the unit's flag of the year; the note of the data behind the flag (the
        registration, the report and its due date, or why there is none) is quoted after the outcome."""
        unit = self.target(cand)
        values = None if unit is None else getattr(unit, self.field_name)
        flag = None if values is None else values.get(ctx.year)
        note = None if unit is None else unit.year_notes.get(self.field_name, {}).get(ctx.year)
        why = f": {note}" if note else ""
        if flag is None:
            if note:
                return self._reason(
                    ctx, UNKNOWN, lambda: f"{self.describe(ctx)}{why} — cần kiểm tra"
                )
            return self._reason(
                ctx, UNKNOWN, lambda: f"Chưa có dữ liệu — cần kiểm tra: {self.describe(ctx)}"
            )
        if flag:
            return self._reason(ctx, PASS, lambda: f"{self.yes.format(year=ctx.year)} — đạt{why}")
        return self._reason(ctx, FAIL, lambda: f"{self.no.format(year=ctx.year)} — không đạt{why}")


class MovementReportOnTime(_YearFlag):
    """The unit's yearly report on the movement reached the standing agency on time."""

    kind: Literal["movement_report_on_time"]
    field_name: ClassVar[str] = "movement_report_on_time"
    yes: ClassVar[str] = "Gửi báo cáo kết quả phong trào thi đua năm {year} đúng hạn"
    no: ClassVar[str] = (
        "Không gửi, hoặc gửi không đúng hạn, báo cáo kết quả phong trào thi đua năm {year}"
    )


class Registration(_YearFlag):
    """The unit registered for the movement (đăng ký thi đua) that year."""

    kind: Literal["registration"]
    field_name: ClassVar[str] = "registered"
    yes: ClassVar[str] = "Có đăng ký thi đua năm {year}"
    no: ClassVar[str] = "Không đăng ký thi đua năm {year}"


def _level_validator(value: str) -> str:
    if value not in v.DISCIPLINE_ORDER:
        raise PydanticCustomError(
            "discipline_level",
            "mức kỷ luật phải là một trong: {levels}",
            {"levels": ", ".join(v.DISCIPLINE_ORDER)},
        )
    return value


class NoDiscipline(_Node):
    """No one disciplined at or above a level (or with a recorded violation, level `vi_pham`) in the year or
    the period: the person, or every member of the collective (`scope: members`)."""

    kind: Literal["no_discipline"]
    min_level: str = "khien_trach"
    over: Over = "year"
    subjects: ClassVar[frozenset[str]] = _UNIT_OR_PERSON

    @field_validator("min_level")
    @classmethod
    def check_level(cls, value: str) -> str:
        return _level_validator(value)

    def _what(self) -> str:
        if self.min_level == "vi_pham":
            return "vi phạm quy định hoặc bị kỷ luật"
        return f"bị kỷ luật từ hình thức {v.DISCIPLINE_NAMES[self.min_level]} trở lên"

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        who = (
            "Không có cán bộ, công chức, viên chức nào" if ctx.subject == v.COLLECTIVE else "Không"
        )
        return f"{who} {self._what()} {ctx.window_text(self.over)}"

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        records: tuple[DisciplineRecord, ...] | None
        if isinstance(cand, UnitFacts):
            records = cand.member_discipline
        else:
            records = getattr(cand, "discipline", None)
        if records is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có dữ liệu kỷ luật — cần kiểm tra: {self.describe(ctx)}",
            )
        start, end = ctx.window(self.over)
        first, last = date(start, 1, 1), date(end, 12, 31)
        floor = v.DISCIPLINE_ORDER[self.min_level]
        hits = [
            r
            for r in records
            if v.DISCIPLINE_ORDER.get(r.level, 99) >= floor
            and r.decided_on <= last
            and (r.decided_on >= first or (r.ends_on is not None and r.ends_on >= first))
        ]
        if not hits:
            return self._reason(ctx, PASS, lambda: f"{self.describe(ctx)} — đạt")
        listed = "; ".join(
            f"{r.person_name} ({v.DISCIPLINE_NAMES.get(r.level, r.level)}, "
            f"{r.decided_on.strftime('%d/%m/%Y')})"
            for r in hits
        )
        return self._reason(
            ctx,
            FAIL,
            lambda: f"Có người {self._what()} {ctx.window_text(self.over)}: {listed} — không đạt",
        )


class CchcWorkYears(_Node):
    """A person's years of direct CCHC work (leading, advising, organising it) in the period, at least K."""

    kind: Literal["cchc_work_years"]
    min_years: PosInt
    over: Over = "period"
    min_months: PosInt = 6
    subjects: ClassVar[frozenset[str]] = _PERSON_ONLY

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        if self.over == "year":
            return f"Trực tiếp chỉ đạo, phụ trách, tham mưu hoặc tổ chức thực hiện công tác CCHC năm {ctx.year}"
        return (
            f"Có ít nhất {v.count_vi(self.min_years)} năm trực tiếp chỉ đạo, phụ trách, tham mưu hoặc "
            f"tổ chức thực hiện công tác CCHC {ctx.window_text(self.over)}"
        )

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        start, end = ctx.window(self.over)
        years: Mapping[int, bool | None] | None = None
        if isinstance(cand, PersonFacts):
            years = cand.cchc_years
            if years is None and cand.positions is not None:
                years = cchc_years_from_positions(
                    cand.positions, range(start, end + 1), min_months=self.min_months
                )
        if years is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có quá trình công tác — cần kiểm tra: {self.describe(ctx)}",
            )
        sure: list[int] = []
        maybe: list[int] = []
        for year in range(start, end + 1):
            flag = years.get(year)
            if flag is True:
                sure.append(year)
            elif flag is None:
                maybe.append(year)
        need = self.min_years

        def head() -> str:
            text = f"{len(sure)} năm trực tiếp làm công tác CCHC {ctx.window_text(self.over)}"
            return f"{text} ({v.years_vi(sure)})" if sure else text

        if len(sure) >= self.min_years:
            return self._reason(
                ctx, PASS, lambda: f"{head()} — đạt, cần ít nhất {v.count_vi(need)} năm"
            )
        if len(sure) + len(maybe) >= self.min_years:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"{head()}; chưa rõ các năm {v.years_vi(maybe)} — cần kiểm tra, cần {v.count_vi(need)} năm"
                ),
            )
        return self._reason(
            ctx, FAIL, lambda: f"{head()} — không đạt, cần ít nhất {v.count_vi(need)} năm"
        )


class TitleHeld(_Node):
    """A title held N consecutive years up to the year ("02 lần liên tục Chiến sĩ thi đua cơ sở")."""

    kind: Literal["title_held"]
    title: Code
    consecutive_years: PosInt = 1
    applies_to: AppliesTo = "self"
    subjects: ClassVar[frozenset[str]] = _UNIT_OR_PERSON

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        if self.consecutive_years == 1:
            return f"Đạt danh hiệu {ctx.title(self.title)} năm {ctx.year}"
        first = ctx.year - self.consecutive_years + 1
        return (
            f"Đạt danh hiệu {ctx.title(self.title)} {v.count_vi(self.consecutive_years)} năm liên tục "
            f"({first} - {ctx.year})"
        )

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        owner: Any = cand if self.applies_to == "self" else getattr(cand, "unit", None)
        history: Mapping[int, frozenset[str]] | None = getattr(owner, "titles", None)
        if history is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có dữ liệu danh hiệu — cần kiểm tra: {self.describe(ctx)}",
            )
        years = range(ctx.year - self.consecutive_years + 1, ctx.year + 1)
        held = [y for y in years if history.get(y) is not None and self.title in history[y]]
        missing = [y for y in years if history.get(y) is None]

        def head() -> str:
            return (
                f"Danh hiệu {ctx.title(self.title)}: "
                + (f"đạt các năm {v.years_vi(held)}" if held else "không đạt năm nào")
                + f" trong {v.years_vi(years)}"
            )

        if len(held) == len(years):
            return self._reason(ctx, PASS, lambda: f"{head()} — đạt")
        if len(held) + len(missing) == len(years):
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"{head()}; chưa có dữ liệu năm {v.years_vi(missing)} — cần kiểm tra",
            )
        return self._reason(ctx, FAIL, lambda: f"{head()} — không đạt")


def _class_validator(value: str) -> str:
    if value not in v.EVALUATION_ORDER:
        raise PydanticCustomError(
            "evaluation_class",
            "mức xếp loại phải là một trong: {classes}",
            {"classes": ", ".join(v.EVALUATION_ORDER)},
        )
    return value


class EvaluationClass(_Node):
    """Evaluation class (xếp loại mức độ hoàn thành nhiệm vụ) at least C, N consecutive years up to the year:
    HTXS > HTT > HT > KHT."""

    kind: Literal["evaluation_class"]
    min_class: str
    consecutive_years: PosInt = 1
    applies_to: AppliesTo = "self"
    subjects: ClassVar[frozenset[str]] = _UNIT_OR_PERSON

    @field_validator("min_class")
    @classmethod
    def check_class(cls, value: str) -> str:
        return _class_validator(value)

    def _class_text(self) -> str:
        name = f"“{v.EVALUATION_NAMES[self.min_class]}”"
        return name if self.min_class == "htxs" else f"từ {name} trở lên"

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        if self.consecutive_years == 1:
            return f"Được xếp loại {self._class_text()} năm {ctx.year}"
        first = ctx.year - self.consecutive_years + 1
        return (
            f"Được xếp loại {self._class_text()} {v.count_vi(self.consecutive_years)} năm liên tục "
            f"({first} - {ctx.year})"
        )

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        owner: Any = cand if self.applies_to == "self" else getattr(cand, "unit", None)
        history: Mapping[int, str | None] | None = getattr(owner, "evaluation", None)
        if history is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có kết quả xếp loại — cần kiểm tra: {self.describe(ctx)}",
            )
        floor = v.EVALUATION_ORDER[self.min_class]
        years = range(ctx.year - self.consecutive_years + 1, ctx.year + 1)
        fails = unknowns = 0
        for year in years:
            cls = history.get(year)
            if cls is None:
                unknowns += 1
            elif v.EVALUATION_ORDER.get(cls, 0) < floor:
                fails += 1

        def head() -> str:
            parts = []
            for year in years:
                cls = history.get(year)
                name = "chưa có" if cls is None else v.EVALUATION_NAMES.get(cls, cls)
                parts.append(f"năm {year}: {name}" if cls is not None else f"năm {year} {name}")
            return "Xếp loại " + "; ".join(parts)

        if fails:
            return self._reason(ctx, FAIL, lambda: f"{head()} — không đạt mức {self._class_text()}")
        if unknowns:
            return self._reason(
                ctx, UNKNOWN, lambda: f"{head()} — cần kiểm tra: {self.describe(ctx)}"
            )
        return self._reason(ctx, PASS, lambda: f"{head()} — đạt mức {self._class_text()}")


def _share_outcome(sure: int, maybe: int, total: int, min_percent: Decimal) -> str:
    if total <= 0:
        return UNKNOWN
    if sure * 100 >= min_percent * total:
        return PASS
    if (sure + maybe) * 100 >= min_percent * total:
        return UNKNOWN
    return FAIL


def _members(cand: Facts, year: int) -> Any:
    if not isinstance(cand, UnitFacts) or cand.members is None:
        return None
    return cand.members.get(year)


class MembersTitleShare(_Node):
    """Composition: at least p % of the collective's members hold a title that year (compared exactly:
    count × 100 ≥ p × members, no rounding)."""

    kind: Literal["members_title_share"]
    title: Code
    min_percent: Decimal = Field(gt=0, le=100)
    subjects: ClassVar[frozenset[str]] = _UNIT_ONLY

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return (
            f"Có ít nhất {_num(self.min_percent)}% cá nhân trong tập thể đạt danh hiệu "
            f"{ctx.title(self.title)} năm {ctx.year}"
        )

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        summary = _members(cand, ctx.year)
        count = None if summary is None else summary.titles.get(self.title)
        if summary is None or count is None or summary.total <= 0:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"Chưa có số liệu thành viên năm {ctx.year} — cần kiểm tra: {self.describe(ctx)}"
                ),
            )
        share = Decimal(count * 100) / Decimal(summary.total)

        def head() -> str:
            return (
                f"{count}/{summary.total} cá nhân ({_num(share.quantize(Decimal('0.1')))}%) đạt danh hiệu "
                f"{ctx.title(self.title)} năm {ctx.year}"
            )

        outcome = _share_outcome(count, 0, summary.total, self.min_percent)
        word = "đạt" if outcome == PASS else "không đạt"
        return self._reason(
            ctx, outcome, lambda: f"{head()} — {word} mức {_num(self.min_percent)}%"
        )


class MembersWithTitle(_Node):
    """Composition: at least M members (default one) hold a title that year."""

    kind: Literal["members_with_title"]
    title: Code
    min_count: PosInt = 1
    subjects: ClassVar[frozenset[str]] = _UNIT_ONLY

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return (
            f"Có ít nhất {v.count_vi(self.min_count)} cá nhân đạt danh hiệu {ctx.title(self.title)} "
            f"năm {ctx.year}"
        )

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        summary = _members(cand, ctx.year)
        count = None if summary is None else summary.titles.get(self.title)
        if count is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"Chưa có số liệu thành viên năm {ctx.year} — cần kiểm tra: {self.describe(ctx)}"
                ),
            )

        def head() -> str:
            return f"{count} cá nhân đạt danh hiệu {ctx.title(self.title)} năm {ctx.year}"

        if count >= self.min_count:
            return self._reason(ctx, PASS, lambda: f"{head()} — đạt")
        return self._reason(
            ctx, FAIL, lambda: f"{head()} — không đạt, cần ít nhất {v.count_vi(self.min_count)}"
        )


class MembersEvaluationShare(_Node):
    """Composition: at least p % of the members rated at least C that year ("100% cá nhân hoàn thành nhiệm
    vụ"); members not rated yet make the outcome unknown when they could decide it."""

    kind: Literal["members_evaluation_share"]
    min_class: str
    min_percent: Decimal = Field(gt=0, le=100)
    subjects: ClassVar[frozenset[str]] = _UNIT_ONLY

    @field_validator("min_class")
    @classmethod
    def check_class(cls, value: str) -> str:
        return _class_validator(value)

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return (
            f"Có {_num(self.min_percent)}% cá nhân trong tập thể được xếp loại từ "
            f"“{v.EVALUATION_NAMES[self.min_class]}” trở lên năm {ctx.year}"
        )

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        summary = _members(cand, ctx.year)
        if summary is None or summary.total <= 0:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: (
                    f"Chưa có số liệu thành viên năm {ctx.year} — cần kiểm tra: {self.describe(ctx)}"
                ),
            )
        floor = v.EVALUATION_ORDER[self.min_class]
        sure = sum(n for c, n in summary.classes.items() if v.EVALUATION_ORDER.get(c, 0) >= floor)
        rated = sum(summary.classes.values())
        maybe = max(summary.total - rated, 0)

        def head() -> str:
            text = (
                f"{sure}/{summary.total} cá nhân được xếp loại từ “{v.EVALUATION_NAMES[self.min_class]}” "
                f"trở lên năm {ctx.year}"
            )
            return f"{text} ({maybe} người chưa được xếp loại)" if maybe else text

        outcome = _share_outcome(sure, maybe, summary.total, self.min_percent)
        tail = {PASS: "đạt", FAIL: "không đạt", UNKNOWN: "cần kiểm tra"}[outcome]
        return self._reason(
            ctx, outcome, lambda: f"{head()} — {tail} mức {_num(self.min_percent)}%"
        )


def _nominations(rule: Any, cand: Facts) -> tuple[Nomination, ...] | None:
    owner: Any = cand if rule.applies_to == "self" else getattr(cand, "unit", None)
    return None if owner is None else owner.nominations


_Status = Literal["proposed", "awarded"]
_DEFAULT_STATUSES: list[_Status] = ["proposed", "awarded"]


class NominatedFor(_Node):
    """Proposed (or awarded) for another programme of the same occasion: a person of a unit proposed for the
    emulation flag, for instance (`applies_to: own_unit`)."""

    kind: Literal["nominated_for"]
    programme: Code
    statuses: list[_Status] = Field(default_factory=lambda: list(_DEFAULT_STATUSES))
    applies_to: AppliesTo = "self"

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        who = "Đơn vị của cá nhân" if self.applies_to == "own_unit" else "Được"
        verb = " được" if self.applies_to == "own_unit" else ""
        return f"{who}{verb} đề nghị {ctx.programme_name(self.programme)}"

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        items = _nominations(self, cand)
        if items is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có dữ liệu hồ sơ đề nghị — cần kiểm tra: {self.describe(ctx)}",
            )
        hits = [
            n
            for n in items
            if n.programme == self.programme
            and n.status in self.statuses
            and ctx.occasion_matches(n)
        ]
        if hits:
            return self._reason(ctx, PASS, lambda: f"{self.describe(ctx)} ({hits[0].label}) — đạt")
        return self._reason(
            ctx,
            FAIL,
            lambda: f"Không có hồ sơ đề nghị {ctx.programme_name(self.programme)} — không đạt",
        )


class NotNominatedFor(_Node):
    """Not proposed for any of these programmes for the same achievement ("không khen thưởng nhiều lần,
    nhiều hình thức cho một thành tích")."""

    kind: Literal["not_nominated_for"]
    programmes: list[Code] = Field(min_length=1)
    applies_to: AppliesTo = "self"

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        names = v.join_vi([ctx.programme_name(p) for p in self.programmes], "hoặc")
        return f"Không đồng thời được đề nghị {names} cho cùng thành tích"

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        items = _nominations(self, cand)
        if items is None:
            return self._reason(
                ctx,
                UNKNOWN,
                lambda: f"Chưa có dữ liệu hồ sơ đề nghị — cần kiểm tra: {self.describe(ctx)}",
            )
        hits = [
            n
            for n in items
            if n.programme in self.programmes
            and n.status in v.NOMINATION_COUNTED
            and ctx.occasion_matches(n)
        ]
        if not hits:
            return self._reason(ctx, PASS, lambda: f"{self.describe(ctx)} — đạt")
        listed = "; ".join(f"{ctx.programme_name(n.programme)} ({n.label})" for n in hits)
        return self._reason(
            ctx,
            FAIL,
            lambda: f"Đã được đề nghị {listed} cho cùng thành tích — không khen nhiều hình thức",
        )


class Manual(_Node):
    """A standard a person checks with evidence; the engine never decides it: unknown until a check is recorded."""

    kind: Literal["manual"]
    code: Code
    text: Text
    hint: str | None = None

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        return self.text

    def find(self, checks: tuple[ManualCheck, ...], ctx: Ctx) -> ManualCheck | None:
        wanted_year = None if ctx.kind == "period_end" else ctx.year
        found = None
        for check in checks:
            if check.programme == ctx.programme and check.criterion == self.code:
                if check.year is None or wanted_year is None or check.year == wanted_year:
                    if found is None or check.checked_on >= found.checked_on:
                        found = check
        return found

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        check = self.find(cand.manual_checks, ctx) if cand.manual_checks else None
        if check is None:
            hint = f" ({self.hint})" if self.hint else ""
            return self._reason(ctx, UNKNOWN, lambda: f"Cần kiểm tra: {self.text}{hint}")
        by = f"{check.checked_by}, {check.checked_on.strftime('%d/%m/%Y')}"
        if check.evidence:
            by += f"; minh chứng: {check.evidence}"
        word = "đạt" if check.passed else "không đạt"
        return self._reason(
            ctx, PASS if check.passed else FAIL, f"Đã kiểm tra: {self.text} — {word} ({by})"
        )


def _combine_text(kind: str, k: int, total: int) -> str:
    if kind == "all":
        return "Đạt tất cả các tiêu chuẩn sau"
    if kind == "any":
        return "Đạt một trong các tiêu chuẩn sau"
    return f"Đạt ít nhất {v.count_vi(k)} trong {v.count_vi(total)} tiêu chuẩn sau"


class _Group(_Node):
    of: list[Criterion] = Field(min_length=1)

    def leaves(self) -> list[_Node]:
        out: list[_Node] = []
        for child in self.of:
            out.extend(child.leaves())
        return out

    def needed(self) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    def describe(self, ctx: Ctx, bloc: str | None = None) -> str:
        inner = "; ".join(c.describe(ctx, bloc) for c in self.of)
        return f"{_combine_text(self.kind, self.needed(), len(self.of))}: {inner}"  # type: ignore[attr-defined]

    def evaluate(self, cand: Facts, ctx: Ctx) -> Reason:
        return self.combine(tuple([c.evaluate(cand, ctx) for c in self.of]), ctx)

    def combine(self, children: tuple[Reason, ...], ctx: Ctx) -> Reason:
        """The reason of the group from the reasons of its standards, in order."""
        outcomes = [child.outcome for child in children]
        passes, unknowns = outcomes.count(PASS), outcomes.count(UNKNOWN)
        need = self.needed()
        if passes >= need:
            outcome = PASS
        elif passes + unknowns >= need:
            outcome = UNKNOWN
        else:
            outcome = FAIL

        def head() -> str:
            return f"{_combine_text(self.kind, need, len(self.of))} — đạt {passes}/{len(self.of)}"  # type: ignore[attr-defined]

        reason = self._reason(ctx, outcome, head)
        reason.children = children
        return reason


class AllOf(_Group):
    """Every standard must hold."""

    kind: Literal["all"]

    def needed(self) -> int:
        return len(self.of)


class AnyOf(_Group):
    """One of the standards suffices."""

    kind: Literal["any"]

    def needed(self) -> int:
        return 1


class AtLeast(_Group):
    """At least k of the standards."""

    kind: Literal["at_least"]
    k: PosInt

    @model_validator(mode="after")
    def _k_fits(self) -> AtLeast:
        if self.k > len(self.of):
            raise PydanticCustomError(
                "k_too_big",
                "k = {k} lớn hơn số tiêu chuẩn trong 'of' ({n})",
                {"k": self.k, "n": len(self.of)},
            )
        return self

    def needed(self) -> int:
        return self.k


Criterion = Annotated[
    AllOf
    | AnyOf
    | AtLeast
    | ParTopN
    | ParYearsInTop
    | ParScoreAtLeast
    | ParBandAtLeast
    | BlocLeader
    | Initiatives
    | PlanOnTimeRate
    | MovementReportOnTime
    | Registration
    | NoDiscipline
    | CchcWorkYears
    | TitleHeld
    | EvaluationClass
    | MembersTitleShare
    | MembersWithTitle
    | MembersEvaluationShare
    | NominatedFor
    | NotNominatedFor
    | Manual,
    Field(discriminator="kind"),
]

CRITERION_KINDS: dict[str, type[_Node]] = {
    "all": AllOf,
    "any": AnyOf,
    "at_least": AtLeast,
    "par_top_n": ParTopN,
    "par_years_in_top": ParYearsInTop,
    "par_score_at_least": ParScoreAtLeast,
    "par_band_at_least": ParBandAtLeast,
    "bloc_leader": BlocLeader,
    "initiatives": Initiatives,
    "plan_on_time_rate": PlanOnTimeRate,
    "movement_report_on_time": MovementReportOnTime,
    "registration": Registration,
    "no_discipline": NoDiscipline,
    "cchc_work_years": CchcWorkYears,
    "title_held": TitleHeld,
    "evaluation_class": EvaluationClass,
    "members_title_share": MembersTitleShare,
    "members_with_title": MembersWithTitle,
    "members_evaluation_share": MembersEvaluationShare,
    "nominated_for": NominatedFor,
    "not_nominated_for": NotNominatedFor,
    "manual": Manual,
}

for _model in (AllOf, AnyOf, AtLeast):
    _model.model_rebuild()
