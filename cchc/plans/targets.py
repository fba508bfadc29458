"""Reading a plan's targets (chỉ tiêu) from its text, as proposals the user confirms.

A CCHC plan states its targets in a section such as "2. Một số chỉ tiêu chủ yếu" (or "Chỉ tiêu cụ thể",
"Các chỉ tiêu") followed by items "a) ...", "b) ...", "đ) ...", until the next numbered heading ("3. ...",
"II. ..."). A paragraph that does not open a new item continues the item above (a page break inside an
item). Each item becomes a `ProposedTarget` with a comparable form where the wording allows one:

- "thứ hạng cao", "nhóm dẫn đầu", "tốp đầu" → `top`;
- "vượt chỉ tiêu" → `exceed`;
- "≥ 90%", "ít nhất 90%", "tối thiểu 90%", "trên 90%", "không thấp hơn 90%", "từ 90% trở lên" → `gte` 90 %;
- "≤ 5%", "không quá 5%", "tối đa 5%", "dưới 5%" → `lte` 5 %;
- a bare "100%" (or any other percentage) → `gte` that value, since reaching it is what counts;
- anything else → `text` (qualitative: judged by the responsible office).

No Django here: pure text processing, tested without a database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from decimal import Decimal

from cchc.core.text import fold

TOP, EXCEED, GTE, LTE, QUALITATIVE = "top", "exceed", "gte", "lte", "text"

# Folded headings that open the targets section.
_SECTION_RE = re.compile(
    r"^(?:\d+(?:\.\d+)*\s*[.)]|[ivx]+\s*[.)]|[a-z]\s*\))?\s*(?:mot so |cac )?chi tieu\b"
)
# Headings that close it: "3. Nhiệm vụ", "II. NHIỆM VỤ, GIẢI PHÁP", "Điều 2".
_NEXT_HEADING_RE = re.compile(
    r"^(?:\d+(?:\.\d+)*\s*[.)]\s+\S|[IVXLC]+\s*[.)]\s+\S|Điều\s+\d+|PHỤ LỤC|Phụ lục)"
)
# An item: "a) ...", "đ) ...", "- ..." or "+ ...".
_ITEM_RE = re.compile(r"^(?:([a-zđ])\s*\)|([a-zđ])\s*\.(?=\s)|[-+•])\s*(\S.*)$", re.S)

_TOP_WORDS = (
    "thu hang cao",
    "nhom dan dau",
    "top dau",
    "top 10",
    "xep hang cao",
    "dung dau",
    "nhom cao",
)
_EXCEED_WORDS = ("vuot chi tieu", "vuot ke hoach", "vuot muc")
_PERCENT = r"(\d{1,3}(?:[.,]\d+)?)\s*%"
_GTE_RE = re.compile(
    rf"(?:>=|≥|\bit nhat|\btoi thieu|\btren|\bkhong thap hon|\bkhong duoi|\btu)\s*(?:la\s*|dat\s*)?{_PERCENT}"
)
_GTE_AFTER_RE = re.compile(rf"{_PERCENT}\s*tro len")
_LTE_RE = re.compile(
    rf"(?:<=|≤|\bkhong qua|\bkhong vuot qua|\btoi da|\bduoi|\bthap hon)\s*(?:muc\s*)?{_PERCENT}"
)
_ANY_PERCENT_RE = re.compile(_PERCENT)


@dataclass
class ProposedTarget:
    """One target read from the text: its code ("a"), wording, and comparable form (comparator, value, unit)."""

    code: str
    text: str
    comparator: str
    value: Decimal | None
    value_unit: str
    order: int

    def as_dict(self) -> dict:
        data = asdict(self)
        data["value"] = None if self.value is None else float(self.value)
        return data


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def classify(text: str) -> tuple[str, Decimal | None, str]:
    """(comparator, value, unit) of one target's wording; see the module docstring."""
    folded = fold(text)
    if any(w in folded for w in _TOP_WORDS):
        return TOP, None, ""
    if any(w in folded for w in _EXCEED_WORDS):
        return EXCEED, None, ""
    for regex, comparator in ((_LTE_RE, LTE), (_GTE_RE, GTE), (_GTE_AFTER_RE, GTE)):
        m = regex.search(folded)
        if m:
            return comparator, _number(m.group(1)), "%"
    m = _ANY_PERCENT_RE.search(folded)
    if m:
        return GTE, _number(m.group(1)), "%"
    return QUALITATIVE, None, ""


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(line.split()) for line in text.split("\n")]


def target_section(text: str) -> list[str]:
    """The paragraphs of the first targets section (heading excluded), or [] when the text has none."""
    lines = _lines(text)
    for index, line in enumerate(lines):
        if not line or len(line) > 120 or "\t" in line:
            continue
        if _SECTION_RE.match(fold(line)) and not _ITEM_RE.match(line):
            body = []
            for following in lines[index + 1 :]:
                if not following:
                    continue
                if _NEXT_HEADING_RE.match(following):
                    break
                body.append(following)
            if body:
                return body
    return []


def propose_targets(text: str) -> list[ProposedTarget]:
    """The targets of the plan's text, in order; [] when no targets section is found."""
    items: list[list[str]] = []
    codes: list[str] = []
    for paragraph in target_section(text):
        m = _ITEM_RE.match(paragraph)
        if m:
            codes.append(m.group(1) or m.group(2) or "")
            items.append([m.group(3)])
        elif items:
            items[-1].append(paragraph)
        else:
            codes.append("")
            items.append([paragraph])
    targets = []
    for order, (code, parts) in enumerate(zip(codes, items, strict=True), start=1):
        wording = " ".join(parts).strip()
        comparator, value, unit = classify(wording)
        targets.append(
            ProposedTarget(
                code=code or str(order),
                text=wording,
                comparator=comparator,
                value=value,
                value_unit=unit,
                order=order,
            )
        )
    return targets
