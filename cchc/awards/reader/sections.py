"""The award section of a plan's text and its numbered items.

The text is cut into paragraphs (lines a PDF or a web page broke are joined again), each paragraph gets the
number of the item it stands in ("III.2.1.2.a"), and the award section is the part under a heading such as
"Công tác khen thưởng", "Khen thưởng" or "Hình thức, tiêu chuẩn, số lượng … khen thưởng", up to the next heading
of the same rank. Pure functions over text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cchc.core.text import fold
from cchc.registry.reader import prepare_lines

_ROMAN = re.compile(r"^(?P<roman>[IVX]{1,5})(?:\.(?P<sub>\d+))?\s*[.:]?\s+(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]?\s+(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<letter>[a-zđ])\)\s*(?P<rest>\S.*)$")
_BULLET = re.compile(r"^(?P<marks>(?:[-+•*–]\s*)+)(?P<rest>\S.*)$")
_STARTS_ITEM = re.compile(
    r"^(?:[-+•*–]\s|[IVX]{1,5}(?:\.\d+)?\s*[.:]?\s|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]?\s|[a-zđ]\)\s)"
)
_STARTS_NOTE = re.compile(r"^(?:lưu ý|chú ý|ghi chú|đối với|trường hợp)\b", re.I)
_ENDS_SENTENCE = re.compile(r"[.;:!?)]\s*$")
_HEADING_MAX = 110

_SECTION_TITLE = re.compile(
    r"^(?:cong tac (?:thi dua, )?khen thuong|khen thuong\b|hinh thuc\b.*\bkhen thuong"
    r"|tieu chuan\b.*\bkhen thuong|thi dua,? khen thuong)"
)


@dataclass
class Paragraph:
    """One paragraph of the text, with the number of its item and how it is marked."""

    index: int
    text: str
    roman: str = ""
    arabic: tuple[str, ...] = ()
    odd: str = ""  # a number that does not fit the outline ("3.1" under "4."), kept as written
    letter: str = ""
    bullet: str = ""  # "-", "+" (a sub-item), "" for none
    heading: bool = False
    own_number: str = ""  # the number written at the start of this paragraph, if any
    body: str = ""  # the text without its number or bullet

    @property
    def clause(self) -> str:
        """'III.2.1.2.a' (the letter only when the paragraph stands under one)."""
        parts = [self.roman] if self.roman else []
        parts.extend(self.arabic)
        if self.letter:
            parts.append(self.letter)
        text = ".".join(parts)
        if self.odd:
            text = f"{text} ({self.odd})" if text else self.odd
        return text

    @property
    def folded(self) -> str:
        return fold(self.body)


@dataclass
class Section:
    """The award section: its paragraphs (the heading first) and those after it (for deadlines written in the
    part on implementation)."""

    heading: Paragraph | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    after: list[Paragraph] = field(default_factory=list)


def _is_heading_line(line: str) -> bool:
    if len(line) > _HEADING_MAX or _ENDS_SENTENCE.search(line) and not line.endswith(":"):
        return False
    return bool(_ROMAN.match(line) or _ARABIC.match(line) or _LETTER.match(line))


def _join_lines(lines: list[str]) -> list[str]:
    """Lines broken inside a sentence joined again: a line continues the previous one unless it starts an item
    or the previous one ends a sentence or is a heading."""
    out: list[str] = []
    closed = True
    for line in lines:
        line = line.strip()
        if not line:
            continue
        starts = bool(_STARTS_ITEM.match(line) or _STARTS_NOTE.match(line))
        # A line starting in lower case continues the previous one, even a short numbered one that looked
        # like a heading ("a) Chủ tịch Ủy ban nhân dân" / "thành phố xem xét tặng …").
        if out and not starts and line[0].islower() and not re.search(r"[.;!?]\s*$", out[-1]):
            closed = False
        if out and not closed and not starts:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        last = out[-1]
        closed = bool(_ENDS_SENTENCE.search(last)) or _is_heading_line(last)
    return out


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of a document with the number of the item each stands in."""
    result: list[Paragraph] = []
    roman = ""
    base: tuple[str, ...] = ()
    arabic: tuple[str, ...] = ()
    odd = ""
    letter = ""
    for i, raw in enumerate(_join_lines(prepare_lines(text))):
        line = re.sub(r"\s+", " ", raw).strip()
        own = ""
        body = line
        heading = False
        m = _ROMAN.match(line)
        if m and (m.group("sub") or len(line) <= _HEADING_MAX):
            roman = m.group("roman")
            base = (m.group("sub"),) if m.group("sub") else ()
            arabic, odd, letter = base, "", ""
            own, body = line[: m.start("rest")].strip(), m.group("rest")
            heading = True
        elif m := _ARABIC.match(line):
            parts = tuple(p for p in m.group("num").split(".") if p)
            own, body = m.group("num"), m.group("rest")
            full = base + parts
            if len(parts) > 1 and full[:-1] != arabic[: len(full) - 1] and arabic:
                odd = m.group("num")
            else:
                arabic, odd = full, ""
            letter = ""
            heading = _is_heading_line(line)
        elif m := _LETTER.match(line):
            letter = m.group("letter")
            own, body = f"{letter})", m.group("rest")
            heading = _is_heading_line(line)
        bullet = ""
        if not own and (b := _BULLET.match(line)):
            marks = b.group("marks").replace(" ", "")
            bullet = "+" if "+" in marks else "-"
            body = b.group("rest")
        result.append(
            Paragraph(
                index=i,
                text=line,
                roman=roman,
                arabic=arabic,
                odd=odd,
                letter=letter,
                bullet=bullet,
                heading=heading,
                own_number=own,
                body=body.strip(),
            )
        )
    return result


def _rank(p: Paragraph) -> int:
    """0 for a roman heading, 1 + depth for an arabic one."""
    if not p.own_number:
        return 99
    if _ROMAN.match(p.text):
        return 0
    if p.own_number.endswith(")"):
        return 9
    return len(p.own_number.split("."))


def is_award_heading(p: Paragraph) -> bool:
    return p.heading and bool(_SECTION_TITLE.match(p.folded.strip("* :")))


def find_section(paras: list[Paragraph]) -> Section:
    """The award section: the first heading naming the awards at the highest rank found, up to the next heading
    of that rank or above. Without one, an empty section."""
    candidates = [p for p in paras if is_award_heading(p)]
    if not candidates:
        return Section(heading=None, after=[])
    top = min(_rank(p) for p in candidates)
    heading = next(p for p in candidates if _rank(p) == top)
    body: list[Paragraph] = [heading]
    end = len(paras)
    for p in paras[heading.index + 1 :]:
        if p.heading and p.own_number and _rank(p) <= top:
            end = p.index
            break
        body.append(p)
    return Section(heading=heading, paragraphs=body, after=paras[end:])


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph ("." followed by a capital)."""
    parts = re.split(r"(?<=\.)\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ(])", text)
    return [p.strip() for p in parts if p.strip()]
