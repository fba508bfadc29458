"""Field types of the rule files, with Vietnamese error messages, and the result types of the engine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

Outcome = Literal["pass", "fail", "unknown"]
VerdictCode = Literal["eligible", "not_eligible", "to_check"]
Subject = Literal["collective", "person", "household"]
ProgrammeKind = Literal["annual", "period_end", "ad_hoc"]
LatePolicy = Literal["refuse", "accept_late", "to_check"]
AppliesTo = Literal["self", "own_unit"]
Over = Literal["year", "period"]


def _positive_int(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise PydanticCustomError("positive_int", "phải là số nguyên dương")
    return value


def _non_negative_int(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PydanticCustomError("non_negative_int", "phải là số nguyên không âm")
    return value


PosInt = Annotated[int, BeforeValidator(_positive_int), Field(gt=0)]
NonNegInt = Annotated[int, BeforeValidator(_non_negative_int), Field(ge=0)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Code = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[a-z0-9][a-z0-9_\-]*$")
]
Clause = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]


class Reason:
    """One line of a verdict: a Vietnamese sentence with the figures and the clause, and its outcome.

    `text` ends with the clause in brackets; `children` hold the lines of a combined standard ("Đạt một trong
    các tiêu chuẩn sau"). The outcome is decided when the reason is made; the sentence may be given as a
    function returning it without the clause, rendered (clause appended) the first time it is read, then kept:
    a list of thousands of verdicts reads outcomes only.
    """

    __slots__ = ("_text", "clause", "outcome", "quote", "children")

    def __init__(
        self,
        text: str | Callable[[], str],
        clause: str,
        outcome: str,
        quote: str | None = None,
        children: tuple[Reason, ...] = (),
    ) -> None:
        self._text = text
        self.clause = clause
        self.outcome = outcome
        self.quote = quote
        self.children = children

    @property
    def text(self) -> str:
        text = self._text
        if not isinstance(text, str):
            text = f"{text()} ({self.clause})"
            self._text = text
        return text

    def __repr__(self) -> str:
        return f"Reason({self.outcome}: {self.text})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reason):
            return NotImplemented
        return (self.text, self.clause, self.outcome, self.quote, self.children) == (
            other.text,
            other.clause,
            other.outcome,
            other.quote,
            other.children,
        )

    __hash__ = None  # type: ignore[assignment]

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "clause": self.clause, "outcome": self.outcome}
        if self.quote:
            data["quote"] = self.quote
        if self.children:
            data["children"] = [c.as_dict() for c in self.children]
        return data

    def walk(self, depth: int = 0) -> list[tuple[int, Reason]]:
        """This line and every line below it, with their depth, in reading order."""
        lines = [(depth, self)]
        for child in self.children:
            lines.extend(child.walk(depth + 1))
        return lines
