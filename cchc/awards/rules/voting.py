"""Quorum and thresholds of an emulation council's vote, as data, and the result per nominee (pure).

The rules are a dict (kept on the council, copied onto the meeting when it opens) merged over `DEFAULT_RULES`:

    {"quorum": [{"share": "2/3", "of": "members"},
                {"share": "0.8", "of": "members", "when": "awards"}],
     "written_opinions": {"count_in_quorum": false, "count_as_votes": true},
     "conflict": {"exclude_from": ["present", "voting"]},
     "thresholds": {"default": {"share": "1/2", "of": "present", "strict": true},
                    "cstd_co_so": {"share": "0.8", "of": "members"}},
     "lower_forms": {"cstd_co_so": "ldtt"}}

Sources: Luật Thi đua, khen thưởng 2022, Điều 90 (the council decides by majority); Nghị định 98/2023/NĐ-CP,
Điều 30 khoản 7 (a vote is required; ≥ 90 % of all members for Chiến sĩ thi đua toàn quốc and cấp tỉnh, ≥ 80 % of
all members for Chiến sĩ thi đua cơ sở, Cờ thi đua cấp tỉnh and Cờ thi đua của Chính phủ; absent members vote in
writing); the quorum of a provincial council (2/3 of members; ≥ 80 % present for a session that considers awards)
after Quyết định 86/2025/QĐ-UBND tỉnh Bắc Ninh, Điều 9. A council changes any of these in its own rules.

Denominators (`of`):
- "members": every member of the council (absent ones included);
- "present": members present, plus absent members whose written opinion counts as a vote;
- "voting": the valid votes cast (agree + disagree + lower), abstentions left out.
A member with a conflict of interest abstains; the abstention is recorded and the member is left out of the
denominators listed in `conflict.exclude_from` (by default "present" and "voting"; "members" only if the council's
rules say so). `share` is a fraction ("2/3", "1/2") or a decimal ("0.8"); `strict` asks for more than the share
("quá nửa"), otherwise at least the share ("từ ... trở lên").

Outcome of a nominee proposed for form F:
- passed: the agree votes reach F's threshold;
- lowered: otherwise, when F has a lower form L (`lower_forms`) and the agree votes plus the votes proposing a lower
  form reach L's own threshold (a member who agrees with F agrees a fortiori with L);
- failed: otherwise.
Every result comes with a Vietnamese sentence giving the figures and the denominator.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

PASSED, FAILED, LOWERED = "passed", "failed", "lowered"

DENOMINATORS = {
    "members": "tổng số thành viên Hội đồng",
    "present": "số thành viên có mặt (kể cả ý kiến bằng văn bản được tính)",
    "voting": "số phiếu biểu quyết hợp lệ",
}

DEFAULT_RULES: dict[str, Any] = {
    "source": "Luật Thi đua, khen thưởng 2022, Điều 90; Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7",
    "quorum": [
        {"share": "2/3", "of": "members", "label": "phiên họp của Hội đồng"},
        {
            "share": "0.8",
            "of": "members",
            "when": "awards",
            "label": "phiên họp xét khen thưởng",
        },
    ],
    "written_opinions": {"count_in_quorum": False, "count_as_votes": True},
    "conflict": {"exclude_from": ["present", "voting"]},
    "thresholds": {
        "default": {"share": "1/2", "of": "present", "strict": True},
        "cstd_co_so": {"share": "0.8", "of": "members"},
        "cstd_cap_tinh": {"share": "0.9", "of": "members"},
        "cstd_toan_quoc": {"share": "0.9", "of": "members"},
        "co_thi_dua_ubnd_tp": {"share": "0.8", "of": "members"},
        "co_thi_dua_chinh_phu": {"share": "0.8", "of": "members"},
    },
    "lower_forms": {
        "cstd_cap_tinh": "cstd_co_so",
        "cstd_co_so": "ldtt",
        "ttldxs": "ttldtt",
        "co_thi_dua_ubnd_tp": "bang_khen_chu_tich_ubnd_tp",
        "bang_khen_thu_tuong": "bang_khen_chu_tich_ubnd_tp",
        "bang_khen_chu_tich_ubnd_tp": "giay_khen_chu_tich_ubnd_phuong",
    },
}


class RuleError(ValueError):
    """The rules data is malformed; the message is Vietnamese."""


def merged_rules(*layers: dict[str, Any] | None) -> dict[str, Any]:
    """`DEFAULT_RULES` with each layer's keys over it; `thresholds` and `lower_forms` merge key by key."""
    result = copy.deepcopy(DEFAULT_RULES)
    for layer in layers:
        for key, value in (layer or {}).items():
            if key in ("thresholds", "lower_forms", "written_opinions", "conflict") and isinstance(
                value, dict
            ):
                result[key] = {**result.get(key, {}), **value}
            else:
                result[key] = copy.deepcopy(value)
    validate(result)
    return result


def share_of(text: Any) -> Fraction:
    """ "2/3" → 2/3, "0.8" → 4/5; a RuleError for anything else or outside (0, 1]."""
    try:
        value = Fraction(str(text).strip())
    except (ValueError, ZeroDivisionError):
        raise RuleError(f"Tỷ lệ “{text}” không hợp lệ (ghi dạng 2/3 hoặc 0.8).") from None
    if not 0 < value <= 1:
        raise RuleError(f"Tỷ lệ “{text}” phải lớn hơn 0 và không quá 1.")
    return value


def validate(rules: dict[str, Any]) -> None:
    """Refuse malformed rules with a Vietnamese message naming the entry."""
    for q in rules.get("quorum", []):
        share_of(q.get("share"))
        if q.get("of") not in ("members",):
            raise RuleError(
                f"Túc số phải tính trên tổng số thành viên, không phải “{q.get('of')}”."
            )
    thresholds = rules.get("thresholds", {})
    if "default" not in thresholds:
        raise RuleError("Thiếu ngưỡng biểu quyết mặc định (thresholds.default).")
    for form, t in thresholds.items():
        share_of(t.get("share"))
        if t.get("of") not in DENOMINATORS:
            raise RuleError(
                f"Ngưỡng của “{form}”: mẫu số “{t.get('of')}” không hợp lệ "
                f"(chọn một trong {', '.join(DENOMINATORS)})."
            )
    for item in rules.get("conflict", {}).get("exclude_from", []):
        if item not in DENOMINATORS:
            raise RuleError(f"Xung đột lợi ích: mẫu số “{item}” không hợp lệ.")


def percent(value: Fraction) -> str:
    """4/5 → "80%", 2/3 → "2/3", 1/2 → "1/2" (the way the rules are quoted)."""
    if (value * 100).denominator == 1:
        if value == Fraction(1, 2):
            return "1/2"
        return f"{int(value * 100)}%"
    return f"{value.numerator}/{value.denominator}"


def describe(rules: dict[str, Any], names: dict[str, str] | None = None) -> list[str]:
    """The rules in Vietnamese sentences, as the council page shows them."""
    names = names or {}
    lines = []
    for q in rules.get("quorum", []):
        when = " (phiên họp xét khen thưởng)" if q.get("when") == "awards" else ""
        lines.append(
            f"Túc số {q.get('label') or 'phiên họp'}: từ {percent(share_of(q['share']))} tổng số "
            f"thành viên trở lên{when}."
        )
    written = rules.get("written_opinions", {})
    lines.append(
        "Ý kiến bằng văn bản của thành viên vắng mặt "
        + ("được tính là phiếu" if written.get("count_as_votes") else "không được tính là phiếu")
        + (
            ", được tính vào túc số."
            if written.get("count_in_quorum")
            else ", không tính vào túc số."
        )
    )
    excluded = rules.get("conflict", {}).get("exclude_from", [])
    lines.append(
        "Thành viên có xung đột lợi ích không biểu quyết"
        + (
            " và không được tính vào: " + ", ".join(DENOMINATORS[x] for x in excluded) + "."
            if excluded
            else "."
        )
    )
    for form, t in rules.get("thresholds", {}).items():
        label = "Các hình thức khác" if form == "default" else names.get(form, form)
        strict = bool(t.get("strict"))
        share = percent(share_of(t["share"]))
        wording = f"quá {share}" if strict else f"từ {share} trở lên"
        lines.append(f"{label}: {wording} {DENOMINATORS[t['of']]} đồng ý.")
    for form, lower in rules.get("lower_forms", {}).items():
        lines.append(
            f"Không đạt {names.get(form, form)} thì có thể đề nghị {names.get(lower, lower)}."
        )
    if rules.get("source"):
        lines.append(f"Căn cứ: {rules['source']}.")
    return lines


# --- Quorum ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumResult:
    reached: bool
    members: int
    present: int
    needed: int
    message: str


def quorum(
    rules: dict[str, Any], *, members: int, present: int, written: int = 0, awards: bool = True
) -> QuorumResult:
    """Whether enough members are present for the meeting to vote; every condition of `rules["quorum"]` applies
    (those marked `"when": "awards"` only to a session that considers awards)."""
    counted = present + (written if rules.get("written_opinions", {}).get("count_in_quorum") else 0)
    needed = 0
    failing: list[str] = []
    for q in rules.get("quorum", []):
        if q.get("when") == "awards" and not awards:
            continue
        share = share_of(q["share"])
        need = _ceil(share * members)
        needed = max(needed, need)
        if counted < need:
            failing.append(
                f"{q.get('label') or 'phiên họp'} cần ít nhất {percent(share)} tổng số thành viên "
                f"({need}/{members})"
            )
    if members == 0:
        return QuorumResult(False, 0, present, 0, "Hội đồng chưa có thành viên: cần kiểm tra.")
    what = f"Có mặt {present}/{members} thành viên" + (
        f" (và {written} ý kiến bằng văn bản)" if written else ""
    )
    if failing:
        return QuorumResult(
            False,
            members,
            present,
            needed,
            f"Không đủ túc số: {what}; {'; '.join(failing)}. Hội đồng chưa thể biểu quyết.",
        )
    return QuorumResult(True, members, present, needed, f"Đủ túc số: {what}, cần ít nhất {needed}.")


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


# --- Thresholds and outcomes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """The votes on one nominee and the room they were cast in."""

    agree: int
    disagree: int
    lower: int
    abstain: int
    members: int
    present: int  # present members plus counted written opinions

    @property
    def voting(self) -> int:
        return self.agree + self.disagree + self.lower


@dataclass(frozen=True)
class Threshold:
    form: str
    share: Fraction
    of: str
    strict: bool
    denominator: int
    needed: int

    def reached(self, votes: int) -> bool:
        if self.denominator <= 0:
            return False
        ratio = Fraction(votes, self.denominator)
        return ratio > self.share if self.strict else ratio >= self.share

    @property
    def wording(self) -> str:
        word = "quá" if self.strict else "từ"
        tail = "" if self.strict else " trở lên"
        return f"{word} {percent(self.share)}{tail} {DENOMINATORS[self.of]}"


@dataclass(frozen=True)
class Outcome:
    outcome: str
    form: str
    result_form: str
    threshold: Threshold
    counts: Counts
    message: str
    lower_threshold: Threshold | None = None
    figures: dict[str, Any] = field(default_factory=dict)


def threshold_for(rules: dict[str, Any], form: str, counts: Counts) -> Threshold:
    """The threshold of `form` (or the default) with its denominator counted from `counts`."""
    data = rules["thresholds"].get(form) or rules["thresholds"]["default"]
    share = share_of(data["share"])
    of = data["of"]
    strict = bool(data.get("strict", False))
    excluded = set(rules.get("conflict", {}).get("exclude_from", []))
    if of == "members":
        denominator = counts.members - (counts.abstain if "members" in excluded else 0)
    elif of == "present":
        denominator = counts.present - (counts.abstain if "present" in excluded else 0)
    else:
        denominator = counts.voting
    denominator = max(denominator, 0)
    exact = share * denominator
    needed = int(exact) + 1 if strict else _ceil(exact)
    return Threshold(form, share, of, strict, denominator, needed)


def outcome(
    rules: dict[str, Any], *, form: str, counts: Counts, names: dict[str, str] | None = None
) -> Outcome:
    """The result of one nominee: passed at its form, lowered to the lower form, or failed (module docstring)."""
    names = names or {}
    name = names.get(form, form)
    t = threshold_for(rules, form, counts)
    figures = (
        f"{counts.agree} đồng ý, {counts.disagree} không đồng ý, {counts.lower} đề nghị hình thức "
        f"thấp hơn, {counts.abstain} không biểu quyết do xung đột lợi ích"
    )
    if t.denominator == 0:
        return Outcome(
            FAILED,
            form,
            "",
            t,
            counts,
            f"{name}: cần kiểm tra — mẫu số ({DENOMINATORS[t.of]}) bằng 0; {figures}.",
        )
    base = (
        f"{name}: {counts.agree}/{t.denominator} đồng ý ({_pct(counts.agree, t.denominator)}), "
        f"ngưỡng {t.wording} (cần {t.needed}/{t.denominator})"
    )
    if t.reached(counts.agree):
        return Outcome(PASSED, form, form, t, counts, f"Đạt. {base}; {figures}.")
    lower = rules.get("lower_forms", {}).get(form)
    if lower and counts.lower:
        lt = threshold_for(rules, lower, counts)
        support = counts.agree + counts.lower
        lower_name = names.get(lower, lower)
        if lt.reached(support):
            return Outcome(
                LOWERED,
                form,
                lower,
                t,
                counts,
                f"Đề nghị hình thức thấp hơn ({lower_name}). {base}: không đạt; đồng ý cộng đề nghị "
                f"hình thức thấp hơn {support}/{lt.denominator} ({_pct(support, lt.denominator)}), đạt "
                f"ngưỡng của {lower_name} ({lt.wording}, cần {lt.needed}/{lt.denominator}); {figures}.",
                lower_threshold=lt,
            )
        return Outcome(
            FAILED,
            form,
            "",
            t,
            counts,
            f"Không đạt. {base}; đồng ý cộng đề nghị hình thức thấp hơn {support}/{lt.denominator} "
            f"cũng chưa đạt ngưỡng của {lower_name} ({lt.wording}, cần {lt.needed}); {figures}.",
            lower_threshold=lt,
        )
    return Outcome(FAILED, form, "", t, counts, f"Không đạt. {base}; {figures}.")


def _pct(votes: int, denominator: int) -> str:
    if not denominator:
        return "—"
    value = Fraction(votes * 100, denominator)
    text = f"{float(value):.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text}%"
