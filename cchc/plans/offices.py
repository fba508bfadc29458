"""Splitting the office cells of a plan's task table ("Cơ quan chủ trì", "Cơ quan phối hợp") into single offices.

A cell names one or more offices separated by ";" (always) or "," (only between offices, never inside a
group phrase such as "Các cơ quan, đơn vị liên quan" nor inside a name such as "Phòng Kinh tế, Hạ tầng và
Đô thị"). Each part becomes an `OfficeRef`; group phrases that do not name one office are flagged so the
caller does not try to match them to a unit. Matching to units happens later, against the database, using
`normalise_office_name` on both sides.

No Django here: the module is pure text processing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cchc.core.text import fold as _base_fold

# --- Data -------------------------------------------------------------------------------------------------
# Group phrases. A part of a cell is a group (names no single office) when its folded text matches one of
# these patterns. Folded means `fold()`: no diacritics, lower case, "đ" -> "d".
GROUP_PATTERNS: list[str] = [
    # "Các cơ quan, đơn vị liên quan", "các Tổ dân phố", "Những đơn vị ...", "Toàn thể ...", "Mọi người dân"
    r"^(cac|nhung|toan the|toan bo|tat ca|moi)\b",
    # "Cơ quan, đơn vị liên quan", "Đơn vị có liên quan", "Phòng, ban liên quan"
    r"^(co quan|don vi|phong|ban|nganh|to chuc|ca nhan|bo phan|doan the)\b.*\blien quan$",
    # the public, or every residential block, named without a number: "Người dân, doanh nghiệp", "Tổ dân phố"
    r"^(?:(?:va|cac)\s+)?(?:nguoi dan|nhan dan|cong dan|doanh nghiep|to dan pho|khu dan cu|khu pho|thon|to chuc|ca nhan)"
    r"(?:\s+(?:va\s+)?(?:nguoi dan|nhan dan|cong dan|doanh nghiep|to chuc|ca nhan))*$",
]

# Words that open a plural group phrase; a part starting with one of them always starts a new reference.
GROUP_LEADS: list[str] = ["cac", "nhung", "toan the", "toan bo", "tat ca", "moi"]

# A group phrase ends after a part ending with one of these (folded); what follows is a new reference.
GROUP_ENDINGS: list[str] = ["lien quan"]

# Head words of an office name (lower case, with diacritics). After a comma, a part starting with one of
# them is a new office ("Phòng A, Trung tâm B"); otherwise the comma belongs to the name
# ("Phòng Kinh tế, Hạ tầng và Đô thị", "Sở Văn hóa, Thể thao và Du lịch").
OFFICE_HEADS: list[str] = [
    "phòng",
    "văn phòng",
    "trung tâm",
    "công an",
    "ủy ban",
    "uỷ ban",
    "hội đồng",
    "đảng ủy",
    "đảng uỷ",
    "ban",
    "mặt trận",
    "đoàn",
    "hội",
    "trạm",
    "trường",
    "sở",
    "chi cục",
    "chi nhánh",
    "kho bạc",
    "bảo hiểm",
    "đội",
    "tòa án",
    "toà án",
    "viện kiểm sát",
    "bộ chỉ huy",
    "công đoàn",
    "hợp tác xã",
    "bưu điện",
    "điện lực",
    "tổ dân phố",
    "khu phố",
    "thôn",
    "cổng thông tin",
    "thường trực",
]

# Abbreviations that open an office name; matched case-sensitively as whole words.
OFFICE_ABBREVIATIONS: list[str] = [
    "UBND",
    "HĐND",
    "MTTQ",
    "UBMTTQ",
    "TT",
    "VP",
    "CA",
    "BCH",
    "BHXH",
    "TTYT",
    "HCC",
    "TTDVSNC",
]

# Heads that close an open group phrase when they start a part with a capital letter:
# "Các cơ quan, đơn vị, Phòng Văn hóa - Xã hội" is a group and an office. Heads that often appear inside a
# long list of kinds of bodies ("..., Mặt trận Tổ quốc Việt Nam, tổ chức chính trị - xã hội, ...") are
# left out, so such a list stays one group.
GROUP_CLOSING_HEADS: list[str] = [
    "phòng",
    "văn phòng",
    "trung tâm",
    "công an",
    "ủy ban",
    "uỷ ban",
    "hội đồng",
    "đảng ủy",
    "đảng uỷ",
    "ban",
    "trạm",
    "trường",
    "sở",
    "chi cục",
    "kho bạc",
    "bảo hiểm",
    "bộ chỉ huy",
]

# Heads before which " và " separates two offices: "Phòng Tư pháp và Trung tâm Phục vụ HCC".
# "Ủy ban"/"Hội đồng" and abbreviations are left out: "Văn phòng HĐND và UBND" is one office.
AND_SPLIT_HEADS: list[str] = [
    "phòng",
    "trung tâm",
    "công an",
    "trạm",
    "trường",
    "sở",
    "ban chỉ huy",
]

# Abbreviation expansions for matching, applied to folded text (regex, replacement), in order.
ABBREVIATIONS: list[tuple[str, str]] = [
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bubmttq\b", "uy ban mat tran to quoc"),
    (r"\bmttq\b", "mat tran to quoc"),
    (r"\bub\b", "uy ban"),
    (r"\bpvhcc\b", "phuc vu hanh chinh cong"),
    (r"\bhcc\b", "hanh chinh cong"),
    (r"\bttdvsnc\b", "trung tam dich vu su nghiep cong"),
    (r"\bdvsnc\b", "dich vu su nghiep cong"),
    (r"\bsnc\b", "su nghiep cong"),
    (r"\btthc\b", "thu tuc hanh chinh"),
    (r"\bcchc\b", "cai cach hanh chinh"),
    (r"\bbhxh\b", "bao hiem xa hoi"),
    (r"\bttyt\b", "trung tam y te"),
    (r"\b(?:vhxh|vh - xh)\b", "van hoa - xa hoi"),
    (r"\b(?:kthtdt|kt - ht - dt|kt - ht va dt)\b", "kinh te ha tang va do thi"),
    (r"\bkinh te (?:- )?ha tang (?:- |va )?do thi\b", "kinh te ha tang va do thi"),
    (r"\bvn\b", "viet nam"),
    (r"^tt\b", "trung tam"),
    (r"^vp\b", "van phong"),
    (r"^bch\b", "ban chi huy"),
    (r"^ca\b", "cong an"),
    (r"^p\b", "phong"),
]

# Trailing qualifiers dropped for matching: "Công an phường" ~ "Công an", "UBND xã" ~ "UBND".
TRAILING_QUALIFIERS = r"(?:\s+(?:cua\s+)?(?:phuong|xa|thi tran|dac khu))+$"

# --- Implementation ---------------------------------------------------------------------------------------

_GROUP_RES = [re.compile(p) for p in GROUP_PATTERNS]
_ABBREVIATION_RES = [(re.compile(p), r) for p, r in ABBREVIATIONS]
_TRAILING_RE = re.compile(TRAILING_QUALIFIERS)
_NOT_WORD = re.compile(r"[^\w\s/-]+")
_HYPHENS = re.compile(r"\s*-+\s*")
_SPACES = re.compile(r"\s+")
_BULLET = re.compile(r"^[\s\-+•*·–—]+")
_TRAILING_PUNCT = re.compile(r"[\s.,;:]+$")


def fold(text: str | None) -> str:
    """Vietnamese folding for comparison: "Văn hoá – Xã hội" and "văn hóa-xã hội" both give "van hoa - xa hoi".

    NFD without combining marks, "đ" -> "d", lower case, "&" -> "và", dashes unified, other punctuation
    turned into spaces and spaces collapsed.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).replace("Ð", "Đ").replace("ð", "đ")
    text = _base_fold(text).replace("&", " va ")
    text = _NOT_WORD.sub(" ", text).replace("_", " ")
    text = _HYPHENS.sub(" - ", text)
    text = _SPACES.sub(" ", text).strip(" -")
    return text


def normalise_office_name(text: str | None) -> str:
    """The folded name with abbreviations expanded and trailing "phường"/"xã" dropped, for matching units.

    "Văn phòng HĐND&UBND phường" -> "van phong hoi dong nhan dan va uy ban nhan dan";
    "Trung tâm Phục vụ HCC" -> "trung tam phuc vu hanh chinh cong"; "Phòng VH-XH" -> "phong van hoa - xa hoi".
    """
    name = fold(text)
    for pattern, replacement in _ABBREVIATION_RES:
        name = pattern.sub(replacement, name)
    name = _SPACES.sub(" ", name).strip()
    shorter = _TRAILING_RE.sub("", name).strip()
    return shorter or name


@dataclass
class OfficeRef:
    """One office named in a cell, as written (trimmed); `is_group` for phrases naming no single office."""

    text: str
    is_group: bool


def is_group_phrase(text: str) -> bool:
    """True for "Các cơ quan, đơn vị liên quan", "các Tổ dân phố" and the like."""
    folded = fold(text)
    return any(r.search(folded) for r in _GROUP_RES)


def _starts_with_any(text: str, heads: list[str]) -> bool:
    lowered = unicodedata.normalize("NFC", text).lower()
    return any(lowered == h or lowered.startswith(h + " ") for h in heads)


def _starts_with_abbreviation(text: str) -> bool:
    first = re.split(r"[\s,;.&()-]+", unicodedata.normalize("NFC", text), maxsplit=1)[0]
    return first in OFFICE_ABBREVIATIONS


def _starts_group(text: str) -> bool:
    folded = fold(text)
    return any(folded == lead or folded.startswith(lead + " ") for lead in GROUP_LEADS)


def begins_new_office(text: str) -> bool:
    """Whether `text` opens a new office or group rather than continuing the previous name.

    Used when a cell is continued on the next page: "Phòng Văn hóa - Xã hội" + "Trung tâm ..." are two
    offices, "Trung tâm Phục vụ" + "hành chính công" one.
    """
    text = _clean(text)
    if not text or not text[0].isupper():
        return False
    return (
        _starts_with_any(text, OFFICE_HEADS)
        or _starts_group(text)
        or _starts_with_abbreviation(text)
    )


def _clean(text: str) -> str:
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
    text = _BULLET.sub("", text)
    return _TRAILING_PUNCT.sub("", text).strip()


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _split_on_and(text: str) -> list[str]:
    """Split "Phòng A và Trung tâm B" into two offices; leave "Văn phòng HĐND và UBND" whole."""
    pieces = re.split(r"\s+và\s+", text)
    out = [pieces[0]]
    for piece in pieces[1:]:
        if piece[:1].isupper() and _starts_with_any(piece, AND_SPLIT_HEADS):
            out.append(piece)
        else:
            out[-1] = f"{out[-1]} và {piece}"
    return out


def _refs_in_piece(piece: str) -> list[OfficeRef]:
    """Split one ";"-separated piece on the commas that separate offices or groups."""
    segments = [s for s in (_clean(s) for s in _split_outside_brackets(piece, ",")) if s]
    refs: list[OfficeRef] = []
    current: list[str] = []
    in_group = closed = False

    def flush():
        if current:
            text = ", ".join(current)
            if in_group or is_group_phrase(text):
                refs.append(OfficeRef(text=text, is_group=True))
            else:
                refs.extend(
                    OfficeRef(text=t, is_group=is_group_phrase(t)) for t in _split_on_and(text)
                )

    for seg in segments:
        if current:
            if _starts_group(seg):
                new = True
            elif in_group:
                new = closed or (seg[0].isupper() and _starts_with_any(seg, GROUP_CLOSING_HEADS))
                new = new or (seg[0].isupper() and _starts_with_abbreviation(seg))
            else:
                new = _starts_with_any(seg, OFFICE_HEADS) or _starts_with_abbreviation(seg)
            if not new:
                current.append(seg)
                closed = in_group and any(fold(seg).endswith(e) for e in GROUP_ENDINGS)
                continue
            flush()
        current = [seg]
        in_group = _starts_group(seg)
        closed = in_group and any(fold(seg).endswith(e) for e in GROUP_ENDINGS)
    flush()
    return refs


def split_offices(cell: str | None) -> list[OfficeRef]:
    """The offices named in one cell, in order; empty cells and placeholders ("-", "x") give []."""
    if not cell:
        return []
    text = unicodedata.normalize("NFC", str(cell)).replace("\xa0", " ")
    refs: list[OfficeRef] = []
    for piece in _split_outside_brackets(text, ";\n"):
        if _clean(piece).lower() in ("", "-", "x", "/"):
            continue
        refs.extend(_refs_in_piece(piece))
    return refs
