"""Reading an emulation movement (phong trào thi đua) from the plan that launches it: a proposal to confirm.

The document itself (number, type, date, issuer, title, legal bases) is read by `cchc.registry.reader`. From the
plan's text this module proposes the movement's name and period, its contents ("Nội dung phong trào thi đua"),
the standing agency (cơ quan thường trực), the rule for the movement report and the dossier deadlines, the
mid-term and final reviews (sơ kết, tổng kết), the participants, the parent movement it cascades, and the
initiatives (sáng kiến, mô hình, giải pháp) it asks for. Every value keeps the sentence it came from and its clause
("mục IV.2"); what cannot be read is listed in `not_read` with a Vietnamese reason, never invented.

A pure rule module: text in, proposal out; no ORM, no request.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from cchc.core.text import fold
from cchc.registry.reader import DocumentHeader, prepare_lines, read_header

__all__ = [
    "AgencyFound",
    "ContentItem",
    "DueRule",
    "Found",
    "Initiative",
    "MovementProposal",
    "NameFound",
    "NotRead",
    "ParentFound",
    "Participant",
    "PeriodFound",
    "Review",
    "read_movement",
]


# --- the proposal ----------------------------------------------------------------------------------------------


@dataclass(kw_only=True)
class Found:
    """A value read from the plan: as written (`text`), the sentence it came from and its clause."""

    text: str = ""
    source: str = ""
    clause: str = ""


@dataclass(kw_only=True)
class NameFound(Found):
    """The movement's name without its place and period: "Đẩy mạnh cải cách hành chính"."""

    value: str


@dataclass(kw_only=True)
class PeriodFound(Found):
    """The years the movement runs: 2026-2030, or one year (start == end)."""

    start: int
    end: int


@dataclass(kw_only=True)
class ContentItem(Found):
    """One content of the movement ("Thi đua nâng cao trách nhiệm ..."); `number` as written ("1", "a", "")."""

    number: str = ""


@dataclass(kw_only=True)
class AgencyFound(Found):
    """The standing agency as written: "Sở Nội vụ", with the office it acts through when named."""

    name: str
    office: str = ""


@dataclass(kw_only=True)
class DueRule(Found):
    """A date by which something is sent: the movement report (`kind="report"`) or award dossiers
    (`kind="dossier"`, `scope` "annual" or "period"). Day and month as written; `year` only when written;
    `recurring` for "hằng năm"; `before` for "trước" (the day itself is late); `to` and `through` (qua) as
    written."""

    kind: str
    scope: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None
    recurring: bool = False
    before: bool = False
    to: str = ""
    through: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        """The rule as read, in Vietnamese: "Trước ngày 30/11 hằng năm", "Hằng năm (không ghi ngày)"."""
        if self.day and self.month:
            when = f"{self.day:02d}/{self.month:02d}" + (f"/{self.year}" if self.year else "")
            lead = "Trước ngày" if self.before else "Đến hết ngày"
            return f"{lead} {when}" + (" hằng năm" if self.recurring else "")
        return "Hằng năm (không ghi ngày)" if self.recurring else "Không ghi ngày"


@dataclass(kw_only=True)
class Review(Found):
    """A review of the movement the plan names: `kind` "mid_term" (sơ kết) or "final" (tổng kết); `when` as
    written and `year` when it names one, else empty."""

    kind: str
    when: str = ""
    year: int | None = None


@dataclass(kw_only=True)
class Participant(Found):
    """Who competes, as written: a bloc ("Khối phường"), an office under the issuer, or a group ("các cá nhân,
    cán bộ, công chức thuộc phường")."""

    name: str
    kind: str  # bloc | office | group


@dataclass(kw_only=True)
class ParentFound(Found):
    """The movement this plan cascades, from its legal bases: the parent plan's number, date and issuer."""

    number: str
    date: dt.date | None = None
    issuer: str = ""
    title: str = ""


@dataclass(kw_only=True)
class Initiative(Found):
    """What the plan asks of initiatives (sáng kiến, mô hình, giải pháp), as written; `who` "collective" or
    "person", `award` "annual" or "period" when the clause says so; `min_count` ("từ 02 sáng kiến") and
    `recognised_from` ("cấp quận" in "được công nhận từ cấp quận trở lên") when written."""

    who: str = ""
    award: str = ""
    min_count: int | None = None
    recognised_from: str = ""


@dataclass
class NotRead:
    """A field the plan does not give, or gives in a way that could not be read, with the reason."""

    field: str
    reason: str


@dataclass
class MovementProposal:
    """What a movement's plan says, proposed for confirmation before a movement is created from it."""

    document: DocumentHeader
    name: NameFound | None = None
    period: PeriodFound | None = None
    contents: list[ContentItem] = field(default_factory=list)
    standing_agency: AgencyFound | None = None
    report_due: DueRule | None = None
    dossier_dues: list[DueRule] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    parent: ParentFound | None = None
    initiatives: list[Initiative] = field(default_factory=list)
    not_read: list[NotRead] = field(default_factory=list)

    def as_dict(self) -> dict:
        """JSON-ready: the document as the registry reader gives it, dates as ISO strings, rules with labels."""
        data = {"document": self.document.as_dict()}
        data.update(
            (key, _plain(getattr(self, key)))
            for key in self.__dataclass_fields__
            if key != "document"
        )
        for rule, out in [(self.report_due, data["report_due"])] + list(
            zip(self.dossier_dues, data["dossier_dues"], strict=True)
        ):
            if rule is not None:
                out["label"] = rule.label
        return data


def _plain(value):
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in asdict(value).items()}
    return value


# --- the text as blocks with their clause -------------------------------------------------------------------------


@dataclass
class _Block:
    """A paragraph of the plan with its numbering marker, the clause it sits in and the headings above it."""

    text: str  # as written, marker included
    body: str  # without the marker
    marker: str  # "II", "2.1", "a", "-", ""
    level: int | None  # 0 for I., 1 for 1., 2 for 1.1., ...; None for bullets and plain paragraphs
    clause: str
    headings: list[str]


_ROMAN_MARK = re.compile(r"^(?P<m>[IVX]+(?:\.\d+)?)\.?\s+(?=\S)")
_NUMBER_MARK = re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\D)|^(?P<n>\d{1,2})\.\s+(?=\D)")
_LETTER_MARK = re.compile(r"^(?P<m>[a-zđ])\)\s+")
_ARTICLE_MARK = re.compile(r"^(?P<m>Điều\s+\d+)\.\s*")
_BULLET_MARK = re.compile(r"^(?P<m>[-+•*])\s*(?=\S)")
_OPENERS = re.compile(
    r"^(?:Căn cứ|Thực hiện|Nhằm|Để|Trên đây|Nơi nhận|Trong quá trình|Theo đề nghị|Xét)\b"
)
_TYPE_HEADING = re.compile(r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|PHỤ LỤC)\b")


def _marker(line: str) -> tuple[str, int | None, str]:
    """(marker, level, body) of a line: roman, numbered, lettered, article or bullet."""
    for pattern, kind in (
        (_ARTICLE_MARK, "article"),
        (_ROMAN_MARK, "roman"),
        (_NUMBER_MARK, "number"),
        (_LETTER_MARK, "letter"),
        (_BULLET_MARK, "bullet"),
    ):
        m = pattern.match(line)
        if not m:
            continue
        mark = m.group("m") or (m.groupdict().get("n") or "")
        body = line[m.end() :].strip()
        if kind in ("article", "roman"):
            return mark, 0, body
        if kind == "number":
            return mark, mark.count(".") + 1, body
        if kind == "letter":
            return mark, 99, body  # placed under the current numbered clause
        return mark, None, body
    return "", None, line


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _heading_like(line: str) -> bool:
    mark, level, body = _marker(line)
    short = len(line) < 70 and not line.rstrip().endswith((".", ";", ":", ","))
    return _is_caps(line) or (level is not None and short)


def _continues(previous: str, line: str) -> bool:
    """Whether `line` continues the paragraph of `previous`: a PDF or a web page breaks lines anywhere."""
    mark, level, _ = _marker(line)
    ended = previous.rstrip().endswith((".", ":", "!", "?", "./."))
    if not mark and line[:1].islower() and not ended:
        return True  # "2. Nội dung" / "thi đua": nothing starts in lower case
    if _is_caps(previous) and _is_caps(line) and previous.rstrip().endswith(","):
        return True  # "II. ĐỐI TƯỢNG," / "NỘI DUNG THI ĐUA"
    if previous.rstrip().endswith((".", ";", ":", "!", "?", "./.")) or _heading_like(previous):
        return False
    if level is not None or _is_caps(line) or _OPENERS.match(line) or _TYPE_HEADING.match(line):
        return False
    if mark:  # a bullet: a new item unless the previous line was cut in mid-sentence
        return len(previous) >= 70
    return len(previous) >= 45 or line[:1].islower()


def _join(left: str, right: str) -> str:
    if re.search(r"\d[-–]$", left) and right[:1].isdigit():
        return left + right
    return f"{left} {right}"


def _blocks(text: str) -> list[_Block]:
    paragraphs: list[str] = []
    for line in prepare_lines(text):
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] = _join(paragraphs[-1], line)
        else:
            paragraphs.append(line)
    blocks: list[_Block] = []
    path: list[str] = []  # [roman or article, "2", "1", letter]
    headings: list[tuple[int, str]] = []
    for paragraph in paragraphs:
        mark, level, body = _marker(paragraph)
        if _TYPE_HEADING.match(paragraph) and _is_caps(paragraph):
            path, headings = [], []  # the plan attached to a decision starts its own numbering
        if level == 0:
            path = [mark]
        elif level == 99:
            numbered = [p for p in path if not re.fullmatch(r"[a-zđ]", p)]
            path = numbered + [mark]
        elif level is not None:
            root = path[:1] if path and not path[0][0].isdigit() else []
            path = root + mark.split(".")
        rank = 0 if level == 0 else (level if level is not None else None)
        if rank is not None:
            headings = [(r, h) for r, h in headings if r < rank] + [(rank, body)]
        clause = ".".join(path)
        if clause.startswith("Điều"):
            clause_text = clause.replace(".", " ", 1) if "." in clause else clause
        else:
            clause_text = f"mục {clause}" if clause else ""
        blocks.append(
            _Block(
                text=paragraph,
                body=body,
                marker=mark,
                level=level,
                clause=clause_text,
                headings=[h for _, h in headings],
            )
        )
    return blocks


_SENTENCE_END = re.compile(r"(?:(?<=[^\W\d_]{3}[.!?])|(?<=[)”\"][.!?]))\s+(?=[A-ZĐÀ-Ỹ“\"(])")


def _sentences(body: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(body) if s.strip()]


def _segment(sentence: str, at: int) -> str:
    """The part of a long sentence between semicolons that holds position `at`."""
    start = sentence.rfind(";", 0, at) + 1
    end = sentence.find(";", at)
    return sentence[start : end if end >= 0 else len(sentence)].strip()


# --- the reader --------------------------------------------------------------------------------------------------


def read_movement(text: str) -> MovementProposal:
    """Propose a movement from the text of the plan that launches it (see the module docstring)."""
    header = read_header(text)
    proposal = MovementProposal(document=header)
    for warning in header.warnings:
        proposal.not_read.append(NotRead("document", warning))
    blocks = _blocks(text)
    missing = proposal.not_read

    proposal.name = _read_name(header, blocks)
    if proposal.name is None:
        missing.append(
            NotRead(
                "name",
                "Không thấy tên phong trào (sau “phong trào thi đua” trong trích yếu): cần nhập.",
            )
        )
    proposal.period = _read_period(header, proposal.name)
    if proposal.period is None:
        missing.append(
            NotRead(
                "period", "Không thấy giai đoạn hay năm của phong trào trong trích yếu: cần nhập."
            )
        )

    section, intro = _contents_section(blocks)
    proposal.contents = _read_contents(section)
    if not proposal.contents:
        missing.append(
            NotRead(
                "contents",
                "Không thấy mục “Nội dung phong trào thi đua” (hay “Nội dung thi đua”) có các nội dung "
                "đánh số hoặc gạch đầu dòng: cần nhập các nội dung.",
            )
        )

    proposal.standing_agency = _read_standing_agency(blocks)
    if proposal.standing_agency is None:
        missing.append(NotRead("standing_agency", _no_standing_agency(blocks)))

    proposal.dossier_dues = _read_dossier_dues(blocks)
    proposal.report_due = _read_report_due(blocks)
    _check_report_due(proposal)

    proposal.reviews = _read_reviews(blocks)
    _check_reviews(proposal)

    proposal.participants = _read_participants(blocks, intro)
    if not proposal.participants:
        missing.append(
            NotRead(
                "participants",
                "Không thấy khối thi đua, đơn vị hay đối tượng tham gia phong trào: cần nhập.",
            )
        )

    proposal.parent = _read_parent(header)
    if proposal.parent is None:
        missing.append(
            NotRead(
                "parent",
                "Không thấy văn bản phát động phong trào của cấp trên trong các căn cứ: phong trào do chính "
                "cơ quan ban hành phát động, hoặc cần kiểm tra.",
            )
        )

    proposal.initiatives = _read_initiatives(blocks)
    if not proposal.initiatives:
        missing.append(
            NotRead("initiatives", "Kế hoạch không nêu yêu cầu về sáng kiến, mô hình, giải pháp.")
        )
    return proposal


# --- name and period -----------------------------------------------------------------------------------------

_QUOTED = re.compile(r"(?:phong trào|đợt)\s+thi\s+đua\s*[“\"]\s*(?P<name>[^”\"]+?)\s*[”\"]", re.I)
_UNQUOTED = re.compile(r"(?:phong trào|đợt)\s+thi\s+đua\s+(?P<name>\S.*)$", re.I)
_PLACE_TAIL = re.compile(r"\s*,?\s+(?:trên địa bàn|tại)\s+.*$", re.I)
_PERIOD_TAIL = re.compile(
    r"\s*,?\s*(?:(?:giai đoạn|năm|nhiệm kỳ)\s+)?\(?\s*(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*\)?\s*$",
    re.I,
)


def _short_name(written: str) -> str:
    name = _PLACE_TAIL.sub("", written)
    name = _PERIOD_TAIL.sub("", name).strip(" ,;.")
    if _is_caps(name):
        name = name.lower()
    return name[:1].upper() + name[1:]


def _read_name(header: DocumentHeader, blocks: list[_Block]) -> NameFound | None:
    sources = [(header.title, "trích yếu"), (header.attached_title, "trích yếu của kế hoạch")]
    sources += [(b.body, b.clause) for b in blocks[:40]]
    for pattern in (_QUOTED, _UNQUOTED):
        for sentence, clause in sources:
            m = pattern.search(sentence or "")
            if m and _short_name(m.group("name")):
                written = m.group("name").strip(" ,;.")
                return NameFound(
                    value=_short_name(written), text=written, source=sentence, clause=clause
                )
    return None


def _read_period(header: DocumentHeader, name: NameFound | None) -> PeriodFound | None:
    if not header.period_start:
        return None
    for title in (header.title, header.attached_title, name.text if name else ""):
        m = re.search(
            r"(?:(?:giai đoạn|năm|nhiệm kỳ)\s+)?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?",
            title or "",
        )
        if m:
            return PeriodFound(
                start=header.period_start,
                end=header.period_end or header.period_start,
                text=m.group(0),
                source=title,
                clause="trích yếu",
            )
    return None


# --- contents ----------------------------------------------------------------------------------------------------

_CONTENTS_HEADING = re.compile(
    r"^(?:cac\s+)?noi dung(?:\s*,\s*tieu chi)?\s+(?:(?:cua\s+)?(?:phong trao|dot)\s+)?thi dua"
    r"(?:\s+cu the)?(?:\s+(?:gom|bao gom))?\s*:?$"
)


def _rank(block: _Block) -> int | None:
    if block.level == 99:
        return 50
    return block.level


def _section_end(blocks: list[_Block], at: int) -> int:
    rank = _rank(blocks[at])
    for i in range(at + 1, len(blocks)):
        other = _rank(blocks[i])
        if other is not None and rank is not None and other <= rank:
            return i
        if _is_caps(blocks[i].text) and blocks[i].level is None:
            return i
    return len(blocks)


def _contents_section(blocks: list[_Block]) -> tuple[list[_Block], list[_Block]]:
    """(the blocks under the contents heading, the paragraphs before its first item); the innermost heading when
    one contents heading holds another ("II. NỘI DUNG PHONG TRÀO THI ĐUA" / "2. Nội dung thi đua")."""
    found = [i for i, b in enumerate(blocks) if _CONTENTS_HEADING.match(fold(b.body))]
    chosen = None
    for i in found:
        if chosen is None or i < _section_end(blocks, chosen):
            chosen = i
    if chosen is None:
        return [], []
    section = blocks[chosen + 1 : _section_end(blocks, chosen)]
    intro = []
    for b in section:
        if b.marker:
            break
        intro.append(b)
    outer = [i for i in found if i < chosen and chosen < _section_end(blocks, i)]
    if outer and not intro:
        intro = [b for b in blocks[outer[0] + 1 : chosen] if not b.marker]
    return section, intro


def _read_contents(section: list[_Block]) -> list[ContentItem]:
    items: list[ContentItem] = []
    style = None
    for block in section:
        kind = _style(block)
        if style is None and kind is not None:
            style = kind
        if kind is not None and kind == style:
            items.append(
                ContentItem(
                    number="" if block.level is None else block.marker,
                    text=block.body.rstrip(" ;"),
                    source=block.text,
                    clause=block.clause,
                )
            )
        elif kind is not None and style is not None:
            break  # a heading of another kind ends the list
    return items


def _style(block: _Block) -> str | None:
    if block.level is None:
        return "bullet" if block.marker else None
    if block.level == 99:
        return "letter"
    return f"number{block.level}"


# --- standing agency -------------------------------------------------------------------------------------------

_STANDING = re.compile(r"cơ quan\s+thường\s+trực", re.I)
_OFFICE_NOUN = (
    r"(?:Sở|Phòng|Văn phòng|Trung tâm|Ban|Bộ phận|Đài|Hội đồng|Ủy ban|Uỷ ban|UBND|Chi cục|Cục|Công an"
    r"|Thanh tra|Trạm|Trường)"
)


def _agency(written: str) -> tuple[str, str]:
    """ "Sở Nội vụ (Phòng Cải cách hành chính và pháp chế)" → ("Sở Nội vụ", "Phòng Cải cách ...")."""
    written = written.strip(" -–:,.")
    m = re.match(r"^(?P<name>[^()]+?)\s*\((?:qua\s+)?(?P<office>[^)]+)\)\s*$", written, re.I)
    if m:
        return m.group("name").strip(), m.group("office").strip(" *")
    return written, ""


def _agency_before(sentence: str) -> str:
    """The agency named before "cơ quan thường trực": "Giao Sở Nội vụ (...) - Cơ quan Thường trực ..."."""
    m = _STANDING.search(sentence)
    before = sentence[: m.start()] if m else ""
    before = re.sub(r"^(?:Giao|Đề nghị)\s+", "", before.strip(), flags=re.I)
    before = re.sub(r"\s*(?:[-–:,]|\blà|\blàm|\bđồng thời là)\s*$", "", before, flags=re.I)
    before = re.sub(r"\s*(?:[-–:,]|\blà|\blàm)\s*$", "", before, flags=re.I)
    return before.strip() if re.match(_OFFICE_NOUN, before.strip()) else ""


def _read_standing_agency(blocks: list[_Block]) -> AgencyFound | None:
    candidates = []
    for i, block in enumerate(blocks):
        for sentence in _sentences(block.body):
            if _STANDING.search(sentence):
                about = bool(re.search(r"phong trào|thi đua", sentence, re.I))
                candidates.append((not about, i, sentence))
    for _, i, sentence in sorted(candidates, key=lambda c: (c[0], c[1])):
        block = blocks[i]
        written = _agency_before(sentence)
        found = _STANDING.search(sentence)
        source = _segment(sentence, found.start() if found else 0)
        if not written and i > 0 and _heading_like(blocks[i - 1].text):
            # "2. Giao Phòng Văn hóa - Xã hội" / "Là cơ quan thường trực ...": named in the heading above
            head = re.sub(r"^(?:Giao|Đề nghị)\s+", "", blocks[i - 1].body, flags=re.I).strip(" :.")
            if re.match(_OFFICE_NOUN, head):
                written, source = head, f"{blocks[i - 1].text}\n{source}"
                block = blocks[i - 1]
        if written:
            name, office = _agency(written)
            return AgencyFound(
                name=name, office=office, text=written, source=source, clause=block.clause
            )
    return None


def _no_standing_agency(blocks: list[_Block]) -> str:
    for block in blocks:
        m = re.match(rf"^Giao\s+(?P<who>{_OFFICE_NOUN}[^,;:]*?)\s+chủ trì\b", block.body)
        if m:
            return (
                f"Kế hoạch không ghi cơ quan thường trực; “{m.group('who')}” được giao chủ trì tổ chức "
                f"thực hiện ({block.clause}): cần kiểm tra."
            )
    return "Kế hoạch không ghi cơ quan thường trực của phong trào: cần nhập."


# --- report and dossier deadlines -----------------------------------------------------------------------------

_DAY_MONTH = re.compile(
    r"(?P<lead>(?:xong\s+)?trước(?:\s+ngày)?|chậm nhất(?:\s+là)?(?:\s+ngày)?|đến(?:\s+hết)?\s+ngày"
    r"|hạn chót(?:\s+là)?(?:\s+ngày)?|không quá(?:\s+ngày)?|ngày)?\s*"
    r"(?:(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>(?:19|20)\d\d))?(?![\d/])"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>(?:19|20)\d\d))?)"
    r"(?P<yearly>\s+(?:hằng|hàng|mỗi)\s+năm)?",
    re.I,
)
_YEARLY = re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b", re.I)
_TO = re.compile(
    rf"\bvề\s+(?P<to>{_OFFICE_NOUN}[^(,;.]*?)\s*(?:\((?P<via>[^)]*)\))?"
    r"(?=\s+(?:trước|xong|chậm|để|trong|theo|trên|hằng|hàng|định)\b|\s*[,;.(]|\s*$)"
)
_VIA = re.compile(r"\(\s*qua\s+(?P<via>[^)]+)\)", re.I)
_REPORT = re.compile(r"báo cáo\s+(?:kết quả|tình hình)\b.{0,60}?phong trào", re.I)
_DOSSIER = re.compile(r"hồ sơ", re.I)


def _due(sentence: str, context: str, block: _Block, kind: str) -> DueRule:
    rule = DueRule(kind=kind, source=sentence, clause=block.clause)
    where = context or sentence
    to = _TO.search(sentence) or _TO.search(where)
    if to:
        rule.to = to.group("to").strip()
        via = to.group("via") or ""
        rule.through = re.sub(r"^qua\s+", "", via.strip(" *"), flags=re.I)
    if not rule.through:
        via = _VIA.search(sentence) or _VIA.search(where)
        rule.through = via.group("via").strip(" *") if via else ""
    date = next((m for m in _DAY_MONTH.finditer(sentence) if m.group("d") or m.group("d2")), None)
    if date and (date.group("lead") or date.group("y") or date.group("y2")):
        day = int(date.group("d") or date.group("d2"))
        month = int(date.group("m") or date.group("m2"))
        year = date.group("y") or date.group("y2")
        if 1 <= day <= 31 and 1 <= month <= 12:
            rule.day, rule.month = day, month
            rule.year = int(year) if year else None
            rule.before = bool(re.match(r"(?:xong\s+)?trước", date.group("lead") or "", re.I))
            rule.recurring = bool(date.group("yearly")) or (
                not year and bool(_YEARLY.search(sentence))
            )
            rule.text = date.group(0).strip()
    if rule.day is None:
        yearly = re.search(r"(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+năm", sentence, re.I)
        rule.recurring = bool(yearly)
        rule.text = yearly.group(0) if yearly else ""
    if kind == "dossier":
        rule.scope = _scope(list(reversed(block.headings)) + [sentence])
    return rule


def _scope(texts: list[str]) -> str:
    """ "period" for a period-end award (tổng kết giai đoạn), "annual" for a yearly one: the nearest heading that
    says decides."""
    for text in texts:
        folded = fold(text)
        if re.search(r"tong ket|giai doan (?:19|20)\d\d", folded):
            return "period"
        if re.search(r"\b(?:hang|moi) nam\b", folded):
            return "annual"
    return ""


def _dated_sentences(blocks: list[_Block]):
    """(sentence, the sentence or paragraph before it in the same clause, block) for every sentence."""
    previous = ""
    for i, block in enumerate(blocks):
        for sentence in _sentences(block.body):
            yield sentence, previous, block
            previous = sentence
        if i + 1 < len(blocks) and blocks[i + 1].level is not None:
            previous = ""


def _read_dossier_dues(blocks: list[_Block]) -> list[DueRule]:
    rules = []
    for sentence, previous, block in _dated_sentences(blocks):
        own = bool(_DOSSIER.search(sentence))
        # "Thời gian trước ngày 31/3 hằng năm." after the sentence that names the dossiers
        borrowed = not own and re.match(r"^Thời gian\b", sentence) and _DOSSIER.search(previous)
        if not (own or borrowed) or _REPORT.search(sentence):
            continue
        rule = _due(sentence, previous if borrowed else "", block, "dossier")
        if rule.day is not None:
            if borrowed:
                rule.source = f"{previous}\n{sentence}"
            rules.append(rule)
    return rules


def _read_report_due(blocks: list[_Block]) -> DueRule | None:
    found = None
    for sentence, _, block in _dated_sentences(blocks):
        if _REPORT.search(sentence) and not _DOSSIER.search(sentence):
            rule = _due(sentence, "", block, "report")
            if rule.day is not None:
                return rule
            found = found or rule
    return found


def _check_report_due(proposal: MovementProposal) -> None:
    rule, missing = proposal.report_due, proposal.not_read
    if rule is not None and rule.day is None:
        missing.append(
            NotRead(
                "report_due",
                f"Kế hoạch chỉ ghi báo cáo kết quả phong trào “{rule.text or 'định kỳ'}” "
                f"về {rule.to or '(không ghi nơi nhận)'}, không ghi ngày ({rule.clause}): cần kiểm tra.",
            )
        )
        return
    if rule is not None:
        return
    period = proposal.period
    dated = [r for r in proposal.dossier_dues if r.day is not None]
    if period and period.start == period.end and dated:
        # a one-year plan whose results go in with the award dossiers: their date is the only one it sets
        first = dated[0]
        proposal.report_due = DueRule(
            **{k: getattr(first, k) for k in DueRule.__dataclass_fields__},
        )
        proposal.report_due.note = (
            "Kế hoạch không ghi hạn báo cáo riêng; đây là hạn gửi hồ sơ đề nghị khen thưởng."
        )
        missing.append(
            NotRead(
                "report_due",
                "Kế hoạch không ghi hạn báo cáo kết quả phong trào; đề xuất lấy hạn gửi hồ sơ đề nghị "
                f"khen thưởng “{first.text}” ({first.clause}): cần kiểm tra.",
            )
        )
        return
    missing.append(
        NotRead(
            "report_due",
            "Không thấy hạn báo cáo kết quả thực hiện phong trào (“báo cáo kết quả ... trước ngày ...”): "
            "cần nhập.",
        )
    )


# --- reviews --------------------------------------------------------------------------------------------------

_REVIEW_WORDS = re.compile(r"\b(?P<kind>so ket|tong ket)\b")
_WHEN = re.compile(
    r"\b(?:(?:vao|trong)\s+(?:dip\s+)?|dip\s+)?(?P<when>(?:(?:quy\s+[ivx]+|thang\s+\d{1,2}|cuoi nam|giua nam"
    r"|dau nam)\s*(?:nam|/)?\s*|nam\s+)(?P<y>(?:19|20)\d\d))\b"
)


def _read_reviews(blocks: list[_Block]) -> list[Review]:
    reviews: dict[str, Review] = {}
    for block in blocks:
        for sentence in _sentences(block.body):
            folded = fold(sentence)
            # "sơ kết, tổng kết phong trào" splits on the comma; each part is read on its own
            for part_start, part in _parts(folded):
                for m in _REVIEW_WORDS.finditer(part):
                    before = part[max(0, m.start() - 30) : m.start()]
                    if "khen thuong" in before or "ho so" in before:
                        continue  # a period-end award (khen thưởng tổng kết), not a review
                    after = part[m.end() :]
                    following = _REVIEW_WORDS.search(after)
                    if following:
                        after = after[: following.start()]  # "sơ kết và tổng kết vào năm 2030"
                    if m.group("kind") == "tong ket" and not re.match(
                        r"\s*(?:phong trao|dot thi dua|thi dua|vao|trong|dip|nam|$)", after
                    ):
                        continue
                    kind = "mid_term" if m.group("kind") == "so ket" else "final"
                    when = _WHEN.search(after)
                    year = None
                    written = ""
                    if when:
                        year = int(when.group("y"))
                        start = part_start + m.end() + when.start("when")
                        end = part_start + m.end() + when.end("when")
                        written = (sentence if len(sentence) == len(folded) else folded)[start:end]
                    if kind in reviews and (reviews[kind].year or not year):
                        continue
                    text_start = part_start + m.start()
                    reviews[kind] = Review(
                        kind=kind,
                        when=written.strip(),
                        year=year,
                        text=sentence[text_start : text_start + len(m.group(0))],
                        source=_segment(sentence, text_start),
                        clause=block.clause,
                    )
    return [reviews[k] for k in ("mid_term", "final") if k in reviews]


def _parts(folded: str):
    start = 0
    for m in re.finditer(r"[,;]", folded):
        yield start, folded[start : m.start()]
        start = m.end()
    yield start, folded[start:]


def _check_reviews(proposal: MovementProposal) -> None:
    named = {r.kind: r for r in proposal.reviews}
    labels = {"mid_term": "sơ kết", "final": "tổng kết"}
    for kind, label in labels.items():
        review = named.get(kind)
        if review is None:
            proposal.not_read.append(
                NotRead(f"reviews.{kind}", f"Kế hoạch không nêu việc {label} phong trào.")
            )
        elif review.year is None:
            proposal.not_read.append(
                NotRead(
                    f"reviews.{kind}",
                    f"Kế hoạch nêu {label} phong trào nhưng không ghi thời điểm ({review.clause}): "
                    "cần kiểm tra.",
                )
            )


# --- participants ---------------------------------------------------------------------------------------------

_BLOC = re.compile(r"\bkhối\s+(?P<name>(?:các\s+)?[^\W\d_]+(?:(?:,\s*|\s+)[^\W\d_]+){0,8})", re.I)
_BLOC_STOP = re.compile(
    r"(?:,\s*|\s+)(?:từ|trong|có|chỉ|về|mỗi|là|được|đối|dẫn|năm|thi|tặng|gồm|của|theo)\b.*$", re.I
)
_BLOC_UNITS = re.compile(
    r"\b(?:so|ban|nganh|phuong|xa|dac khu|quan|huyen|thi xa|thi tran|tinh|thanh pho|co quan|don vi"
    r"|doanh nghiep|truong|cum|doan the|mat tran|dang|cong an|quan su|y te|giao duc)\b"
)
_ORGANISATION = re.compile(r"^to chuc thuc hien\b")
_OFFICE_CUT = re.compile(
    r"\s*(?:\(|:|\bchủ trì\b|\bcó trách nhiệm\b|\bphối hợp\b|\bthực hiện\b|\bcăn cứ\b|\bchủ động\b"
    r"|\btriển khai\b|\blà\b|\bbáo cáo\b|\bgửi\b|\btham mưu\b|\btheo dõi\b|\bhướng dẫn\b|\btổ chức\b"
    r"|\bxây dựng\b|\s[-–]\s(?=Cơ quan)).*$",
    re.I,
)


def _read_participants(blocks: list[_Block], intro: list[_Block]) -> list[Participant]:
    blocs = _read_blocs(blocks)
    if len(blocs) >= 2:
        return blocs  # a movement organised by blocs: the blocs compete
    found: list[Participant] = []
    found += _organisation_units(blocks)
    found += _targets(blocks) or _who_competes(intro)
    seen, unique = set(), []
    for p in found:
        key = fold(p.name)
        if key and key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _read_blocs(blocks: list[_Block]) -> list[Participant]:
    blocs: list[Participant] = []
    keys: list[set[str]] = []
    for block in blocks:
        for m in _BLOC.finditer(block.body):
            name = _BLOC_STOP.sub("", m.group("name")).strip(" ,")
            words = set(fold(name).replace(",", " ").split()) - {"cac"}
            if not words or fold(name).startswith("thi dua") or not _BLOC_UNITS.search(fold(name)):
                continue  # "khối đại đoàn kết toàn dân", "khối thi đua": not a bloc of units
            if any(words <= other or other <= words for other in keys):
                continue  # "khối Sở, ngành" is the "khối Sở, ban, ngành" named before
            keys.append(words)
            written = f"khối {name}"
            blocs.append(
                Participant(
                    name=f"Khối {name}",
                    kind="bloc",
                    text=written,
                    source=block.body,
                    clause=block.clause,
                )
            )
    return blocs


def _organisation_units(blocks: list[_Block]) -> list[Participant]:
    """Offices and units given work in "TỔ CHỨC THỰC HIỆN", as written; those only asked ("Đề nghị Ủy ban Mặt
    trận ...") are not under the issuer and are left out."""
    start = next(
        (i for i, b in enumerate(blocks) if b.level == 0 and _ORGANISATION.match(fold(b.body))),
        None,
    )
    if start is None:
        return []
    found = []
    for block in blocks[start + 1 : _section_end(blocks, start)]:
        if block.level != 1:
            continue
        head = re.sub(r"^Giao\s+", "", block.body)
        if re.match(r"^Đề nghị\b", head):
            continue
        head = _OFFICE_CUT.sub("", head).strip(" ,.;")
        for part in re.split(r",\s*(?=" + _OFFICE_NOUN + r"\b)", head):
            part = part.strip(" ,.;")
            if re.match(_OFFICE_NOUN + r"\b", part):
                kind = "office"
            elif re.match(r"^Các\b", part):
                kind = "group"
            else:
                continue
            found.append(
                Participant(name=part, kind=kind, text=part, source=block.text, clause=block.clause)
            )
    return found


def _targets(blocks: list[_Block]) -> list[Participant]:
    """The items under "Đối tượng thi đua"."""
    for i, block in enumerate(blocks):
        if re.match(r"^doi tuong thi dua\s*:?$", fold(block.body)):
            found = []
            for item in blocks[i + 1 : _section_end(blocks, i)]:
                if item.marker and item.level in (None, 99):
                    name = item.body.rstrip(" ;.")
                    found.append(
                        Participant(
                            name=name, kind="group", text=name, source=item.text, clause=item.clause
                        )
                    )
            return found
    return []


def _who_competes(intro: list[_Block]) -> list[Participant]:
    """ "..., các ngành, đơn vị, tổ dân phố; các cá nhân, cán bộ, công chức thuộc phường thi đua thực hiện ..."."""
    for block in intro:
        m = re.search(r"[,;]\s*(?P<who>các\s.+?)\s+thi đua\s+thực hiện", block.body)
        if m:
            return [
                Participant(
                    name=part.strip(" ,"),
                    kind="group",
                    text=part.strip(" ,"),
                    source=block.body,
                    clause=block.clause,
                )
                for part in m.group("who").split(";")
                if part.strip(" ,")
            ]
    return []


# --- parent movement and initiatives ---------------------------------------------------------------------------


def _read_parent(header: DocumentHeader) -> ParentFound | None:
    for basis in header.bases:
        about = fold(f"{basis.title} {basis.raw}")
        if (
            basis.number
            and basis.number != header.number
            and re.search(r"phong trao thi dua|dot thi dua|phat dong", about)
        ):
            return ParentFound(
                number=basis.number,
                date=basis.date,
                issuer=basis.issuer,
                title=basis.title,
                text=basis.raw,
                source=basis.raw,
                clause="căn cứ",
            )
    return None


_INITIATIVE = re.compile(r"sáng kiến", re.I)


def _read_initiatives(blocks: list[_Block]) -> list[Initiative]:
    found = []
    who = ""
    for block in blocks:
        root = fold(block.headings[0]) if block.headings else ""
        if "khen thuong" not in root:
            who = ""
            continue
        folded = fold(block.body)
        said = re.match(r"^(?:doi voi\s+(tap the|ca nhan)\b|(tap the|ca nhan)\s*:)", folded)
        if said:
            who = "collective" if (said.group(1) or said.group(2)) == "tap the" else "person"
        elif block.level is not None:
            who = ""  # a new clause, a)/b) included, says again whom it is about
        if not _INITIATIVE.search(block.body):
            continue
        award = _scope(list(reversed(block.headings)))
        count = re.search(r"(?:tu|it nhat|toi thieu)\s+(\d{1,2})\s+sang kien", folded)
        level = re.search(r"cong nhan tu (cap \w+(?: \w+)?) tro len", folded)
        recognised = ""
        if level:
            start = level.start(1)
            recognised = block.body[start : level.end(1)] if len(block.body) == len(folded) else ""
            recognised = recognised or level.group(1)
        found.append(
            Initiative(
                who=who,
                award=award,
                min_count=int(count.group(1)) if count else None,
                recognised_from=recognised,
                text=block.body.rstrip(" ;"),
                source=block.text,
                clause=block.clause,
            )
        )
    return found
