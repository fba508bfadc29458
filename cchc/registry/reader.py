"""Reading the header of an administrative document: number and symbol, type, date, issuing body, title, signer
and the legal bases it cites (Nghị định 30/2020/NĐ-CP, Phụ lục I: ô 1-5, 7 and the căn cứ lines).

Real documents come messy: the two-column header pasted onto one line, "01 /KH-UBND", "263/KH-UBNDngày
31/12/2024", the date split over two lines, web-page menus before the header, bases written "Căn cứ ...",
"Thực hiện ..." or several in one paragraph, lines broken wherever a PDF broke them. Pasted from a legal-text web
site they also carry banners and buttons ("Lưu", "Tải về", "Hiệu lực: Còn hiệu lực"), "|" cell debris, the motto or
a body name broken over lines, and a metadata table ("Số hiệu | Loại văn bản | Nơi ban hành | Ngày ban hành") that
is used, flagged, only for what the header lacks. No piece of the national motto is ever the issuer. What cannot be
read is left empty and named in `warnings`, never guessed. Pure functions over text, except `link_bases` (registry
lookup).
"""

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from cchc.core import dates
from cchc.core.text import fold
from cchc.registry.choices import DatePrecision, DocType, doc_type_from_abbrev

if TYPE_CHECKING:
    from cchc.registry.models import Document


@dataclass
class CitedBasis:
    number: str = ""
    doc_type: str = ""
    date: dt.date | None = None
    issuer: str = ""
    title: str = ""
    raw: str = ""
    verb: str = ""

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "type": self.doc_type,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "title": self.title,
            "verb": self.verb,
            "raw": self.raw,
        }


@dataclass
class DocumentHeader:
    number: str = ""
    symbol: str = ""
    seq: int | None = None
    doc_type: str = DocType.KHAC
    date: dt.date | None = None
    date_precision: str = DatePrecision.NONE
    place: str = ""
    issuer: str = ""
    title: str = ""
    signer: str = ""
    signer_title: str = ""
    period_start: int | None = None
    period_end: int | None = None
    bases: list[CitedBasis] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    attached_title: str = ""
    attached_type: str = ""

    def as_dict(self) -> dict:
        """JSON-ready: number, type, date (ISO or null), issuer, title, bases, and the other fields."""
        data = asdict(self)
        data.pop("doc_type")
        data["type"] = self.doc_type
        data["type_label"] = DocType(self.doc_type).label if self.doc_type in DocType.values else ""
        data["date"] = self.date.isoformat() if self.date else None
        data["date_display"] = dates.fmt(self.date, precision=self.date_precision)
        data["bases"] = [b.as_dict() for b in self.bases]
        return data


# --- patterns ------------------------------------------------------------------------------------------------

_DASH = r"[-–—‐]"
_QH = re.compile(
    r"C[ỘO]NG\s+H(?:ÒA|OÀ|OA)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.I
)
_TN = re.compile(rf"Đ[ộo]c\s+l[ậa]p\s*{_DASH}\s*T[ựu]\s+do\s*{_DASH}\s*H[ạa]nh\s+ph[úu]c", re.I)
# One group of a symbol: capitals and digits, or the mixed-case type abbreviations of ND 30 (TTr, CTr, QyĐ, TrS).
_SEG = r"(?:TTr|CTr|QyĐ|TrS|[A-ZĐ][A-ZĐ0-9]*[a-zđ](?![\wÀ-ỹ])|[A-ZĐ0-9][A-ZĐ0-9.&]*(?<![.&]))"
_SYMBOL = rf"(?:\d{{4}}\s*/\s*)?{_SEG}(?:\s?[-–]\s?{_SEG})*"
_NUMBER = re.compile(
    rf"(?P<seq>\d+)\s*/\s*(?P<symbol>{_SYMBOL})|(?P<party>\d+\s*-\s*[A-ZĐ]+\s*/\s*[A-ZĐ]+(?:-[A-ZĐ]+)?)"
)
_SO_LINE = re.compile(rf"^S[ốỐ]\s*[:.]?\s*(?P<seq>\d*)\s*[.…_]*\s*/\s*(?P<symbol>{_SYMBOL})")
_SO_START = re.compile(r"^S[ốỐ]\s*(?:[:.]|(?=\d+\s*/|/))", re.I)
_SO_INLINE = re.compile(rf"S[ốỐ]\s*:\s*\d*\s*[.…_]*\s*/\s*{_SYMBOL}")
_BLANK = r"[\s.…_]*"
_LONG_DATE = re.compile(
    rf"ngày\s*(?P<d>\d{{1,2}})?{_BLANK}tháng\s*(?P<m>\d{{1,2}})?{_BLANK}năm\s*(?P<y>\d{{4}})", re.I
)
_SHORT_DATE = re.compile(
    r"ngày\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})", re.I
)
_PLACE_DATE = re.compile(r"(?P<place>[^\t,]{2,60}),\s*ngày\b", re.I)
_ROMAN = re.compile(r"^(?:[IVX]+|\d+)\s*[.)]\s+\S")

TYPE_HEADINGS = {
    "QUYẾT ĐỊNH": DocType.QD,
    "KẾ HOẠCH": DocType.KH,
    "NGHỊ QUYẾT": DocType.NQ,
    "NGHỊ ĐỊNH": DocType.ND,
    "THÔNG TƯ": DocType.TT,
    "LUẬT": DocType.LUAT,
    "CHỈ THỊ": DocType.CT,
    "BÁO CÁO": DocType.BC,
    "TỜ TRÌNH": DocType.TTR,
    "THÔNG BÁO": DocType.TB,
    "HƯỚNG DẪN": DocType.HD,
    "BIÊN BẢN": DocType.BB,
    "CHƯƠNG TRÌNH": DocType.CTR,
    "QUY CHẾ": DocType.QC,
    "QUY ĐỊNH": DocType.KHAC,
    "ĐỀ ÁN": DocType.KHAC,
    "PHƯƠNG ÁN": DocType.KHAC,
    "CÔNG ĐIỆN": DocType.KHAC,
    "GIẤY MỜI": DocType.KHAC,
}
_HEADING = re.compile(
    r"^(?P<type>"
    + "|".join(sorted(TYPE_HEADINGS, key=len, reverse=True))
    + r")(?:\s+(?P<rest>.*))?$"
)

# Words that open a cited document, with the type they give.
CITED_TYPES = {
    "luật": DocType.LUAT,
    "bộ luật": DocType.LUAT,
    "pháp lệnh": DocType.KHAC,
    "nghị quyết liên tịch": DocType.NQ,
    "nghị quyết": DocType.NQ,
    "nghị định": DocType.ND,
    "quyết định": DocType.QD,
    "thông tư liên tịch": DocType.TT,
    "thông tư": DocType.TT,
    "chỉ thị": DocType.CT,
    "kế hoạch": DocType.KH,
    "chương trình": DocType.CTR,
    "công văn": DocType.CV,
    "văn bản": "",
    "hướng dẫn": DocType.HD,
    "thông báo": DocType.TB,
    "tờ trình": DocType.TTR,
    "báo cáo": DocType.BC,
    "quy chế": DocType.QC,
    "quy định": DocType.KHAC,
    "kết luận": DocType.KHAC,
    "đề án": DocType.KHAC,
    "công điện": DocType.KHAC,
}
_NAMED_TYPES = {"luật", "bộ luật", "pháp lệnh"}
_CITED = re.compile(
    r"^(?P<type>" + "|".join(sorted(CITED_TYPES, key=len, reverse=True)) + r")\b", re.I
)
_VERB = re.compile(r"^(?P<verb>căn cứ|thực hiện|theo|xét|trên cơ sở)\b[\s:,]*", re.I)
_PROPOSAL = re.compile(r"^(theo|xét)\s+(đề nghị|đề xuất|tờ trình|báo cáo)\b", re.I)
# Words that end the issuer of a cited document and start its subject.
_SUBJECT_START = re.compile(
    r"\s*,?\s+(?=(?:về việc|về|v/v|ban hành|quy định|hướng dẫn|phê duyệt|triển khai|thực hiện|sửa đổi|bổ sung|"
    r"phát động|kiện toàn|công bố|thành lập|đẩy mạnh|tăng cường|phân công|điều chỉnh|chấp thuận|tiếp tục|giao|kết luận|"
    r"tổ chức thực hiện|hủy bỏ|bãi bỏ)\b)",
    re.I,
)
_TAIL_CLAUSE = re.compile(
    r",\s+(?:ủy|uỷ|ubnd|chủ tịch|hội đồng|sở|phòng|văn phòng)\b[^,;]{0,80}?\b(?:ban hành|xây dựng|triển khai)\b"
    r".*$",
    re.I,
)
_PERIOD = re.compile(rf"(?<!\d)(?P<a>(?:19|20)\d\d)\s*{_DASH}\s*(?P<b>(?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d\d)\b", re.I)
_KINDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "xã", "quận", "huyện", "tỉnh")
_KIND_RE = "|".join(_KINDS)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*"
_SELF_REFERENCE = re.compile(
    rf"(?P<body>(?:Ủy|Uỷ|ủy|uỷ) ban nhân dân|UBND)\s+(?P<kind>{_KIND_RE})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})*)"
    r"\s+(?:ban\s+hành|xây\s+dựng)\b"
)
_SIGN_PREFIX = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S")
_AUTHORITY = re.compile(
    r"^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|THỦ TƯỚNG|TRƯỞNG BAN|TRƯỞNG PHÒNG|ỦY BAN|UỶ BAN|HỘI ĐỒNG"
    r"|CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|VIỆN TRƯỞNG|HIỆU TRƯỞNG|BAN CHỈ ĐẠO|BAN THƯỜNG VỤ)\b"
)
_ABBREVIATIONS = {
    "UBND",
    "HĐND",
    "TP",
    "MTTQ",
    "TĐKT",
    "VHXH",
    "CCHC",
    "ĐU",
    "TW",
    "VN",
    "SNV",
    "BCĐ",
    "HĐTĐKT",
}


# --- preparing the text ----------------------------------------------------------------------------------------


def _strip_markup(line: str) -> str:
    line = re.sub(r"\\([*_#\[\]().\-])", r"\1", line)
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = re.sub(r"^\s*>\s?", "", line)
    line = line.replace("**", "").replace("__", "")
    line = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", line)
    line = re.sub(r"(?:^|(?<=\s))\*+(?=\s|$)", "", line)  # a lone "*" left by "** *"
    return re.sub(r"[ \t]+", " ", line).strip()


def _split_squashed(line: str) -> list[str]:
    """Break a header line where Word's two columns were pasted together ("UBND TỈNH X CỘNG HÒA XÃ HỘI CHỦ NGHĨA
    VIỆT NAM SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc Số: 12/KH-SNV X, ngày ...")."""
    cuts = set()
    for pattern in (_QH, _TN, _SO_INLINE):
        for m in pattern.finditer(line):
            cuts.add(m.start())
            cuts.add(m.end())
    if not cuts:
        return [line]
    parts, last = [], 0
    for cut in sorted(cuts):
        parts.append(line[last:cut])
        last = cut
    parts.append(line[last:])
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


# Lines a legal-text web site puts around a document: buttons, status, counters, breadcrumbs, captions.
_WEB_DEBRIS = re.compile(
    r"^(?:lưu|(?:>+\s*)?tải về\b.*|tải văn bản|tải file|in|in văn bản|chia sẻ|theo dõi|theo dõi văn bản|văn bản gốc"
    r"|văn bản tiếng anh|tiếng anh|thuộc tính|lược đồ|nội dung|mục lục|đăng nhập|đăng ký|báo lỗi|góp ý"
    r"|gửi góp ý|xem thêm|quay lại|trang chủ|liên hệ|văn bản liên quan|vb liên quan|tóm tắt|so sánh"
    r"|(?:tình trạng\s*)?hiệu lực\s*:.*|tình trạng\s*:.*|lượt xem\s*:.*|ngày đăng\s*:.*"
    r"|(?:ngày\s*)?cập nhật\s*:.*|>>.*|\(?hình từ internet\)?|quý khách cần hỏi thêm.*)[.!]?$",
    re.I,
)
_BREADCRUMB = re.compile(r"^[^>»]{1,60}(?:\s[>»]\s[^>»]{1,80})+$")


def _is_debris(cell: str) -> bool:
    return bool(
        re.fullmatch(r"[-_=*~.…|\s]+", cell) or _WEB_DEBRIS.match(cell) or _BREADCRUMB.match(cell)
    )


def prepare_lines(text: str) -> list[str]:
    """Non-empty lines without markup or web-page debris; cells (tab or "|") and squashed header columns on lines
    of their own; the motto, a body name, a type heading or "Số:" broken over two lines mended."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = re.sub(
        r"\*{4,}", "\n", text
    )  # "**I. MỤC ĐÍCH****1. Mục đích**": two bold headings run together
    cells = []
    for raw in text.split("\n"):
        for cell in re.split(r"\t|\|", raw):
            cell = _strip_markup(cell)
            if cell and not _is_debris(cell):
                cells.append(cell)
    lines = []
    for cell in _mend_breaks(cells):
        lines.extend(_split_squashed(cell))
    return lines


_QH_WORDS = "cong hoa xa hoi chu nghia viet nam".split()
_TN_WORDS = "doc lap tu do hanh phuc".split()
_MOTTO_MARKS = {"cong", "chu", "nghia", "viet", "doc", "lap", "hanh", "phuc"}
_BROKEN_PHRASES = [
    p.split()
    for p in (
        "ỦY BAN NHÂN DÂN",
        "UỶ BAN NHÂN DÂN",
        "HỘI ĐỒNG NHÂN DÂN",
        "VĂN PHÒNG",
        "TRUNG TÂM",
        "MẶT TRẬN TỔ QUỐC VIỆT NAM",
    )
]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def _within(words: list[str], sequence: list[str]) -> bool:
    n = len(words)
    return any(sequence[i : i + n] == words for i in range(len(sequence) - n + 1))


def is_motto_fragment(text: str) -> bool:
    """True for the national motto or any piece of it ("CHỦ NGHĨA VIỆT NAM", "Hạnh phúc"): never a body name."""
    if _QH.search(text) or _TN.search(text):
        return True
    words = _words(text)
    return bool(words) and any(
        _within(words, seq) and _MOTTO_MARKS & set(words) for seq in (_QH_WORDS, _TN_WORDS)
    )


def _mend_breaks(cells: list[str]) -> list[str]:
    """Join what a web page or a PDF broke over two lines inside the header."""
    out: list[str] = []
    i = 0
    while i < len(cells):
        line = cells[i]
        joined = None
        for k in (2, 1):
            if i + k >= len(cells):
                continue
            parts = cells[i : i + k + 1]
            candidate = " ".join(parts)
            motto = _QH.search(candidate) or _TN.search(candidate)
            if (
                motto
                and not any(_QH.search(p) or _TN.search(p) for p in parts)
                and motto.start() < len(parts[0])
                and motto.end() > len(candidate) - len(parts[-1])
            ):
                joined, i = candidate, i + k
                break
        if joined is None and i + 1 < len(cells):
            nxt = cells[i + 1]
            if _is_caps(line) and _is_caps(nxt) and _broken_phrase(line, nxt):
                joined, i = f"{line} {nxt}", i + 1
            elif _is_caps(line) and _is_caps(nxt) and f"{line} {nxt}".rstrip(":") in TYPE_HEADINGS:
                joined, i = f"{line} {nxt}", i + 1
            elif re.fullmatch(r"S[ốỐ]\s*:?", line) and _NUMBER.match(nxt):
                joined, i = f"Số: {nxt}", i + 1
            elif re.fullmatch(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+", line) and re.match(
                r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s[\wÀ-ỹ]+){0,3},\s*ngày\b", nxt
            ):
                joined, i = f"{line} {nxt}", i + 1  # "Hà" / "Nội, ngày 27 tháng 11 năm 2025"
        out.append(joined if joined is not None else line)
        i += 1
    return out


def _broken_phrase(line: str, nxt: str) -> bool:
    """ "ỦY BAN NHÂN" / "DÂN TỈNH BẮC NINH": a body name broken inside one of its fixed phrases."""
    left, right = line.split(), nxt.split()
    for phrase in _BROKEN_PHRASES:
        for cut in range(1, len(phrase)):
            if left[-cut:] == phrase[:cut] and right[: len(phrase) - cut] == phrase[cut:]:
                return True
    return False


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _heading(line: str) -> tuple[str, str] | None:
    """(DocType, rest of the line) when the line is a type heading ("KẾ HOẠCH", "QUYẾT ĐỊNH Ban hành ...")."""
    if line.endswith(":"):
        return None
    m = _HEADING.match(line)
    if not m:
        return None
    rest = (m.group("rest") or "").strip()
    if rest and (_is_caps(rest) or not re.match(r"[A-ZĐÀ-Ỹ\"“(][a-zà-ỹđ\s]", rest)):
        return None
    return TYPE_HEADINGS[m.group("type")], rest


def _is_basis_start(line: str) -> bool:
    return bool(_VERB.match(line)) or _cites_document(line)


# "Căn cứ điểm b khoản 2 Điều 7 Luật Thủ đô ...": the clause cited before the document's name.
_CLAUSE_PREFIX = re.compile(
    r"^(?:(?:điểm\s+[a-zđ]|khoản\s+\d+|điều\s+\d+[a-zđ]?|tiểu mục\s+\d+|mục\s+[IVX\d]+|chương\s+[IVX\d]+)"
    r"[\s,]*(?:và\s+)?)+(?:của\s+)?",
    re.I,
)


def _without_clause(text: str) -> str:
    return _CLAUSE_PREFIX.sub("", text, count=1)


def _cites_document(text: str) -> bool:
    text = _without_clause(text)
    m = _CITED.match(text)
    if not m:
        return bool(_NUMBER.match(text))
    rest = text[m.end() :].strip()
    if m.group("type").lower() in _NAMED_TYPES:
        return bool(re.match(r"(?:số\s*)?\d|[A-ZĐÀ-Ỹ]|sửa đổi", rest))
    return bool(re.match(r"(?:số\s*)?\d", rest, re.I))


# --- the reader -------------------------------------------------------------------------------------------------


def read_header(text: str) -> DocumentHeader:
    """Read the header, title, signer and legal bases of a document's text (see the module docstring)."""
    lines = prepare_lines(text)
    header = DocumentHeader()
    if not lines:
        header.warnings.append("Văn bản không có nội dung.")
        return header
    start, heading_at = _locate_header(lines)
    head_end = (
        heading_at if heading_at is not None else _first(lines, start, _is_basis_start, len(lines))
    )
    head_end = min(head_end, start + 15) if heading_at is None else head_end
    head = lines[start:head_end]

    _read_number(header, head)
    _read_date(header, head)
    top_issuer = _top_left_issuer(head)

    heading_type = None
    after_title = head_end
    if heading_at is not None:
        heading = _heading(lines[heading_at])
        assert heading is not None  # _locate_header gives the line of a type heading
        heading_type, rest = heading
        header.title, after_title = _read_title(lines, heading_at + 1, rest)
    else:
        vv = next((i for i, line in enumerate(head) if re.match(r"^V/v\b", line, re.I)), None)
        if vv is not None:
            header.title = re.sub(r"^V/v\.?\s*", "", head[vv], flags=re.I).strip()
    _read_type(header, heading_type, head)

    authority = ""
    if (
        after_title < len(lines)
        and _is_caps(lines[after_title])
        and _AUTHORITY.match(lines[after_title])
    ):
        authority = lines[after_title]
        after_title += 1
    if after_title < len(lines) and re.match(r"^Kính gửi", lines[after_title], re.I):
        after_title += 1
        while after_title < len(lines) and lines[after_title].startswith(("-", "+", "•")):
            after_title += 1
    header.bases, bases_end = _read_bases(lines, after_title)

    sign_from = _first(
        lines, bases_end, lambda s: s.endswith("./.") or bool(re.match(r"^Nơi nhận", s, re.I)), None
    )
    sign_at = _read_signer(header, lines, sign_from) if sign_from is not None else None
    if sign_from is None:
        header.warnings.append("Không thấy phần chữ ký (chức vụ, họ tên người ký).")
    _read_attached(header, lines, sign_at if sign_at is not None else bases_end)
    _read_issuer(header, top_issuer, authority, text, " ".join(lines[after_title : bases_end + 12]))
    _read_period(header)
    _apply_metadata(header, read_metadata(text))
    _check(header)
    return header


def _join(left: str, right: str) -> str:
    """Join a line broken by a PDF: "2026-" + "2030" → "2026-2030"."""
    if re.search(rf"\d{_DASH}$", left) and right[:1].isdigit():
        return left + right
    return f"{left} {right}"


def _first(lines, start, predicate, default):
    for i in range(start, len(lines)):
        if predicate(lines[i]):
            return i
    return default


def _locate_header(lines: list[str]) -> tuple[int, int | None]:
    """(first line of the header, line of the type heading); skips menus and breadcrumbs of a web page."""
    anchor = _first(
        lines,
        0,
        lambda s: bool(_QH.search(s) or _TN.search(s) or (_SO_START.match(s) and "/" in s)),
        None,
    )
    if anchor is not None:
        heading = _first(lines, anchor, lambda s: _heading(s) is not None, None)
        if heading is not None:
            # a công văn has no type heading ("V/v ..." instead); one after the bases belongs to the body
            first_basis = _first(lines, anchor, _is_basis_start, len(lines))
            subject = _first(
                lines, anchor, lambda s: bool(re.match(r"^V/v\b", s, re.I)), len(lines)
            )
            if heading - anchor > 12 or heading > first_basis or subject < heading:
                heading = None
        start = anchor
        while (
            start > 0
            and anchor - start < 4
            and _is_caps(lines[start - 1])
            and _heading(lines[start - 1]) is None
        ):
            start -= 1
        return start, heading
    heading = _first(lines, 0, lambda s: _heading(s) is not None, None)
    if heading is None:
        return 0, None
    start = heading
    while start > 0 and heading - start < 4:
        prev = lines[start - 1]
        if not (
            _is_caps(prev)
            or _LONG_DATE.search(prev)
            or _SHORT_DATE.search(prev)
            or _SO_START.match(prev)
        ):
            break
        start -= 1
    return start, heading


def _clean_number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").replace("–", "-")


def _read_number(header: DocumentHeader, head: list[str]) -> None:
    so_lines = [line for line in head if _SO_START.match(line)]
    for line in so_lines:
        m = _SO_LINE.match(line)
        if not m:
            continue
        symbol = _clean_number(m.group("symbol"))
        header.symbol = symbol
        if m.group("seq"):
            header.seq = int(m.group("seq"))
            header.number = f"{m.group('seq')}/{symbol}"
        else:
            header.warnings.append(f"Văn bản chưa có số (Số: …/{symbol}): số để trống.")
        return
    if so_lines:
        header.warnings.append(f"Không đọc được số, ký hiệu “{so_lines[0]}”: cần nhập tay.")
    else:
        header.warnings.append("Không thấy số, ký hiệu của văn bản (dòng “Số: …”): số để trống.")


def _make_date(y: str | None, m: str | None, d: str | None, warnings: list[str], what: str):
    """(date, precision) from the parts as written; blank parts lower the precision, never get invented."""
    if not y:
        return None, DatePrecision.NONE
    year = int(y)
    try:
        if m and d:
            return dt.date(year, int(m), int(d)), DatePrecision.DAY
        if m:
            return dt.date(year, int(m), 1), DatePrecision.MONTH
        return dt.date(year, 1, 1), DatePrecision.YEAR
    except ValueError:
        warnings.append(f"{what} “{d or '…'}/{m or '…'}/{y}” không hợp lệ: để trống.")
        return None, DatePrecision.NONE


def _read_date(header: DocumentHeader, head: list[str]) -> None:
    joined = "\n".join(head)
    m = _SHORT_DATE.search(joined) or _LONG_DATE.search(joined)
    if not m:
        header.warnings.append(
            "Không thấy ngày ban hành (“…, ngày … tháng … năm …”): ngày để trống."
        )
        return
    header.date, header.date_precision = _make_date(
        m.group("y"), m.group("m"), m.group("d"), header.warnings, "Ngày ban hành"
    )
    if header.date and header.date_precision == DatePrecision.MONTH:
        header.warnings.append(f"Ngày ban hành để trống, chỉ có tháng {header.date:%m/%Y}.")
    elif header.date and header.date_precision == DatePrecision.YEAR:
        header.warnings.append(f"Ngày ban hành để trống, chỉ có năm {header.date.year}.")
    line_start = joined.rfind("\n", 0, m.start()) + 1
    before = joined[line_start : m.start()].strip()
    if not before.rstrip(",").strip() and line_start > 0:
        before = joined[joined.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()
    place = before.rstrip(",").strip()
    if place and not _SO_START.match(place) and not _NUMBER.search(place) and len(place) <= 60:
        header.place = place


def _top_left_issuer(head: list[str]) -> str:
    """The issuing body from the capitals at the top left: the last body when a governing body stands above it
    ("UBND TỈNH X" / "SỞ NỘI VỤ" → Sở Nội vụ); a bare "VĂN PHÒNG" is the office of the body above it. No piece of
    the national motto is ever a body."""
    bodies: list[str] = []
    for line in head:
        if _SO_START.match(line) or not _is_caps(line) or is_motto_fragment(line):
            continue
        if _LONG_DATE.search(line) or _SHORT_DATE.search(line):
            continue
        line = _strip_motto_tail(line)
        continues = bodies and (
            any(line.startswith(k.upper() + " ") for k in _KINDS)
            or bodies[-1].endswith((" NHÂN DÂN", "-"))
            or any(
                bodies[-1].endswith(" " + k.upper()) for k in _KINDS
            )  # "... UBND TỈNH" / "GIA LAI"
        )
        if continues:
            bodies[-1] = f"{bodies[-1]} {line}"
        elif line:
            bodies.append(line)
    if bodies:
        bodies[-1:] = _split_bodies(bodies[-1])
    if not bodies:
        return ""
    last = bodies[-1]
    if fold(last) == "van phong" and len(bodies) > 1:
        last = f"{last} {bodies[-2]}"
    return body_case(last)


_KINDS_CAPS = "|".join(k.upper() for k in _KINDS)


def _split_bodies(line: str) -> list[str]:
    """ "UBND TỈNH X SỞ NỘI VỤ" → the governing body and the issuer, when one line holds both."""
    cut = None
    for m in re.finditer(r"\s(?=(?:SỞ|VĂN PHÒNG|TRUNG TÂM|CHI CỤC|BAN)\s)", line):
        before = line[: m.start()]
        if re.search(rf"\b(?:{_KINDS_CAPS})\s+\S", before) and not before.endswith(("ỦY", "UỶ")):
            cut = m.start()
    return [line] if cut is None else [line[:cut].strip(), line[cut:].strip()]


def _strip_motto_tail(line: str) -> str:
    """ "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI" → "ỦY BAN NHÂN DÂN": the motto's first or last words squashed onto a
    body's line."""
    words = line.split()
    for n in range(len(words) - 1, 1, -1):
        tail = _words(" ".join(words[-n:]))
        # the last words alone ("VIỆT NAM") also end "MẶT TRẬN TỔ QUỐC VIỆT NAM": from "NGHĨA" on only
        if tail and (
            tail == _QH_WORDS[: len(tail)] or (len(tail) > 2 and tail == _QH_WORDS[-len(tail) :])
        ):
            return " ".join(words[:-n])
        if tail and (tail == _TN_WORDS[: len(tail)] or tail == _TN_WORDS[-len(tail) :]):
            return " ".join(words[:-n])
    return line


_AGENCY_NOUNS = (
    "văn phòng",
    "chi cục",
    "tổng cục",
    "trung tâm",
    "sở",
    "bộ",
    "phòng",
    "ban",
    "cục",
    "viện",
    "trường",
)
_TITLE_NOUNS = (
    "phó chủ tịch",
    "chủ tịch",
    "giám đốc",
    "phó giám đốc",
    "bộ trưởng",
    "thủ tướng",
    "trưởng ban",
)


_FIXED_NAMES = {
    "ủy ban mặt trận tổ quốc việt nam": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "chính phủ": "Chính phủ",
    "quốc hội": "Quốc hội",
}


def body_case(caps: str) -> str:
    """ "ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN" → "Ủy ban nhân dân phường Lê Chân" (capitalisation of ND 30, Phụ lục II)."""
    words = caps.replace("UỶ", "ỦY").split()
    out: list[str] = []
    mode = "lower"  # lower | place (every word capitalised) | name-first (next word capitalised)
    i = 0
    while i < len(words):
        word = words[i]
        low = word.lower()
        rest = " ".join(w.lower() for w in words[i:])
        if word in _ABBREVIATIONS:
            out.append(word)
            i += 1
            continue
        if out and out[-1] in ("-", "–") and mode != "place":
            out.append(word.capitalize())
            mode = "lower"
            i += 1
            continue
        phrase = next((k for k in _KINDS if rest == k or rest.startswith(k + " ")), None)
        if phrase and mode != "place":
            n = len(phrase.split())
            out.extend(w.lower() for w in words[i : i + n])
            i += n
            mode = "place"
            continue
        for fixed, written in _FIXED_NAMES.items():
            if rest == fixed or rest.startswith(fixed + " "):
                n = len(fixed.split())
                out.extend(written.split())
                i += n
                mode = "lower"
                break
        else:
            agency = next(
                (k for k in _AGENCY_NOUNS + _TITLE_NOUNS if rest == k or rest.startswith(k + " ")),
                None,
            )
            if agency and mode != "place":
                n = len(agency.split())
                out.extend([words[i].capitalize()] + [w.lower() for w in words[i + 1 : i + n]])
                i += n
                mode = "name-first"
                continue
            if mode == "place" or mode == "name-first" or (out and out[-1] in ("-", "–")):
                out.append(word.capitalize() if word.isalpha() or "-" not in word else word)
                if mode == "name-first":
                    mode = "lower"
            else:
                out.append(low)
            i += 1
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def _read_title(lines: list[str], at: int, first: str) -> tuple[str, int]:
    """The trích yếu after the type heading; returns it and the index of the first line after it."""
    parts = [first] if first else []
    i = at
    while i < len(lines) and len(parts) < 6:
        line = lines[i]
        # a title in capitals may run over several lines ("PHÁT" / "ĐỘNG PHONG TRÀO ... XÃ" / "HỘI ..."); any
        # other line in capitals after the title (the power holder, "QUYẾT ĐỊNH:") ends it
        caps_title = bool(parts) and all(_is_caps(p) for p in parts)
        if (
            _is_basis_start(line)
            or (_is_caps(line) and parts and not caps_title)
            or (_is_caps(line) and _AUTHORITY.match(line))
            or (_is_caps(line) and line.rstrip(": ") in TYPE_HEADINGS)
            or line.startswith("(")
            or _ROMAN.match(line)
            or re.match(r"^(Điều\s+\d|Nhằm|Để|Kính gửi)", line)
            or len(line) > 300
        ):
            break
        if _is_caps(line) and not parts:
            # a heading in capitals over two lines ("KẾ HOẠCH" / "PHÁT ĐỘNG PHONG TRÀO ...")
            parts.append(line)
            i += 1
            continue
        parts.append(line)
        i += 1
        if line.endswith((".", ":", ";")):
            break
    title = ""
    for part in parts:
        title = _join(title, part) if title else part
    title = re.sub(r"\s+", " ", title).strip().rstrip(".;:").strip()
    return title, i


def _read_type(header: DocumentHeader, heading_type: str | None, head: list[str]) -> None:
    symbol_type = ""
    if header.symbol:
        first = re.sub(r"^\d{4}/", "", header.symbol).split("-")[0]
        candidate = doc_type_from_abbrev(first)
        symbol_type = candidate if candidate != DocType.KHAC else ""
    if (
        heading_type
        and symbol_type
        and heading_type != symbol_type
        and heading_type != DocType.KHAC
    ):
        header.warnings.append(
            f"Loại văn bản “{DocType(heading_type).label}” không khớp ký hiệu “{header.symbol}”: cần kiểm tra."
        )
    if heading_type and heading_type != DocType.KHAC:
        header.doc_type = heading_type
    elif symbol_type:
        header.doc_type = symbol_type
    elif any(re.match(r"^V/v\b", line, re.I) for line in head):
        header.doc_type = DocType.CV
    elif heading_type:
        header.doc_type = heading_type
    else:
        header.doc_type = DocType.KHAC
        header.warnings.append(
            "Không xác định được loại văn bản (không thấy tên loại hay ký hiệu): cần chọn."
        )


# --- legal bases -------------------------------------------------------------------------------------------


def _read_bases(lines: list[str], start: int) -> tuple[list[CitedBasis], int]:
    """The căn cứ after the title: one per sentence ending in ";" or ".", several per paragraph allowed."""
    paragraphs: list[str] = []
    i = start
    while i < len(lines):
        line = lines[i]
        open_paragraph = paragraphs and not paragraphs[-1].rstrip().endswith((";", ".", ":"))
        # "... hướng dẫn thi hành một số điều của" / "Luật Thi đua, khen thưởng;": a line broken before a
        # cited name continues its sentence
        broken = open_paragraph and bool(_CONTINUES.search(paragraphs[-1]))
        if _is_basis_start(line) and not (
            open_paragraph and (broken or (not _VERB.match(line) and not _CITED.match(line)))
        ):
            paragraphs.append(line)
        elif open_paragraph and (broken or not _is_caps(line)):
            paragraphs[-1] = _join(paragraphs[-1], line)
        else:
            break
        i += 1
    return _bases_of(paragraphs, keep_unknown=False), i


_CONTINUES = re.compile(
    r"(?:,|\b(?:của|và|tại|theo|về|với|cho|số|thi hành|hướng dẫn|sửa đổi|bổ sung|ban hành|quy định|điều"
    r"|một))\s*$",
    re.I,
)
_NUMBERED_TYPES = "|".join(
    sorted((t for t in CITED_TYPES if t not in _NAMED_TYPES), key=len, reverse=True)
)
_NEXT_CITED = rf"(?=(?:{_NUMBERED_TYPES})\s+(?:số\s*:?\s*)?\d+\s*[/-])"
_LIST_COMMA = re.compile(rf",\s+{_NEXT_CITED}", re.I)
_LIST_AND = re.compile(rf",?\s+và\s+{_NEXT_CITED}", re.I)
_ENDS_CITATION = re.compile(
    r"(?:\d+\s*/\s*[\wĐđ./-]+|ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}\s*/|tháng\s+\d{1,2}\s+năm)\s*\d{4})\s*$"
)


def _listed(sentences: list[str]) -> list[str]:
    """ "Căn cứ Quyết định số 1/QĐ-UBND ..., Quyết định số 2/QĐ-UBND ... và Kế hoạch số 3/KH-UBND ...": several
    documents cited in one sentence, one per part. A "và" splits only in such a list, so that "hướng dẫn thi hành
    Luật ... và Nghị định số ..." stays the subject of one document."""
    citing = sum(1 for s in sentences if _cites_document(_VERB.sub("", s, count=1)))
    out: list[str] = []
    for sentence in sentences:
        parts = _LIST_COMMA.split(sentence)
        listed = citing >= 2 or len(parts) > 1
        for part in parts:
            start = 0
            for m in _LIST_AND.finditer(part):
                # "... số 72/2025/QH15 và Kế hoạch số 17/KH-UBND ...": a "và" right after a number or a date
                # joins two citations even outside a list
                if listed or _ENDS_CITATION.search(part[start : m.start()]):
                    out.append(part[start : m.start()].strip())
                    start = m.end()
            out.append(part[start:].strip())
    return [p for p in out if p]


def parse_bases(text: str) -> list[CitedBasis]:
    """Legal bases typed or pasted on their own (the registry form): one per line or sentence, with or without
    "Căn cứ"; a line that names no document is kept as written, in the title, rather than lost."""
    paragraphs: list[str] = []
    for line in prepare_lines(text):
        open_paragraph = paragraphs and not paragraphs[-1].rstrip().endswith((";", ".", ":"))
        if open_paragraph and not _is_basis_start(line) and line[:1].islower():
            paragraphs[-1] = _join(paragraphs[-1], line)
        else:
            paragraphs.append(line)
    return _bases_of(paragraphs, keep_unknown=True)


def _bases_of(paragraphs: list[str], *, keep_unknown: bool) -> list[CitedBasis]:
    bases: list[CitedBasis] = []
    verb = ""
    seen = set()
    for paragraph in paragraphs:
        for sentence in _listed(_sentences(paragraph)):
            m = _VERB.match(sentence)
            if m:
                verb = m.group("verb")
                verb = verb[:1].upper() + verb[1:].lower()
                if _PROPOSAL.match(sentence):
                    verb = "Theo đề nghị"
                    continue
                body = sentence[m.end() :]
            elif verb == "Theo đề nghị" and not keep_unknown:
                continue
            else:
                body = sentence
            if not _cites_document(body):
                if bases and not m and body[:1].islower():
                    bases[-1].title = f"{bases[-1].title}; {body}".strip("; ")
                    bases[-1].raw = f"{bases[-1].raw}; {sentence}"
                elif keep_unknown and body.strip():
                    bases.append(
                        CitedBasis(
                            doc_type=DocType.KHAC, title=body.strip(), raw=sentence, verb=verb
                        )
                    )
                continue
            basis = parse_citation(body)
            basis.verb = verb or "Căn cứ"
            basis.raw = sentence.strip()
            key = basis.number.lower() or fold(basis.title)
            if key in seen:
                continue
            seen.add(key)
            bases.append(basis)
    for b in bases:
        b.title = _TAIL_CLAUSE.sub("", b.title).strip().rstrip(";.,:").strip()
    return bases


def _sentences(paragraph: str) -> list[str]:
    text = re.sub(r"\s+", " ", paragraph).strip()
    text = re.sub(r"\.\s+(?=(?:Căn cứ|Thực hiện|Theo)\b)", "; ", text)
    return [s.strip().rstrip(".").strip() for s in text.split(";") if s.strip().rstrip(".").strip()]


def _date_at(text: str):
    """(date, precision, end) of a date written at the start of `text` ("ngày 12/02/2026", "ngày 12 tháng 02 năm
    2026"), or None."""
    for pattern in (_SHORT_DATE, _LONG_DATE):
        m = re.compile(r"\s*,?\s*(?:ban hành\s+)?" + pattern.pattern, re.I).match(text)
        if m:
            value, precision = _make_date(m.group("y"), m.group("m"), m.group("d"), [], "")
            return value, precision, m.end()
    return None


def parse_citation(text: str) -> CitedBasis:
    """ "Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ ban hành ..." → its parts."""
    text = _without_clause(re.sub(r"\s+", " ", text).strip().rstrip(";.").strip())
    basis = CitedBasis()
    rest = text
    m = _CITED.match(rest)
    type_word = m.group("type").lower() if m else ""
    if m:
        basis.doc_type = CITED_TYPES[type_word]
        rest = rest[m.end() :]
    name = ""
    if m and type_word in _NAMED_TYPES and not re.match(r"\s*(?:số\s*)?\d", rest, re.I):
        stop = re.search(r"\s(?:ngày|số)\s*(?=\d)|,?\s(?:được|đã được)\s", rest)
        name = (m.group("type") + (rest[: stop.start()] if stop else rest)).strip().rstrip(",")
        rest = rest[stop.start() :] if stop else ""
    n = re.match(r"\s*(?:số\s*:?\s*)?", rest, re.I)
    rest = rest[n.end() :] if n else rest
    num = _NUMBER.match(rest)
    if num:
        basis.number = _clean_number(num.group(0))
        rest = rest[num.end() :]
        if num.group("symbol") and not basis.doc_type:
            first = re.sub(r"^\d{4}/", "", _clean_number(num.group("symbol"))).split("-")[0]
            basis.doc_type = doc_type_from_abbrev(first)
    found = _date_at(rest)
    if found:
        basis.date, _, end = found
        rest = rest[end:]
    of = re.match(r"\s*,?\s*của\s+", rest, re.I)
    if of:
        rest = rest[of.end() :]
        stop = _SUBJECT_START.search(rest)
        if stop:
            basis.issuer, rest = rest[: stop.start()].strip(" ,"), rest[stop.end() :]
        elif len(rest.split()) <= 10:
            basis.issuer, rest = rest.strip(" ,"), ""
        if not found:
            found = _date_at(rest)
            if found:
                basis.date, _, end = found
                rest = rest[end:]
    rest = rest.strip(" ,")
    basis.title = name or rest
    if name and rest and not re.match(r"^(ngày|số)\b", rest):
        basis.title = name
    basis.doc_type = basis.doc_type or DocType.KHAC
    return basis


# --- the metadata table of a legal-text web site ------------------------------------------------------------

_META_LABELS = {
    "so hieu": "number",
    "so ky hieu": "number",
    "loai van ban": "type",
    "noi ban hanh": "issuer",
    "co quan ban hanh": "issuer",
    "nguoi ky": "signer",
    "ngay ban hanh": "date",
}


def _meta_label(cell: str) -> str | None:
    return _META_LABELS.get(re.sub(r"[^a-z ]", "", fold(cell)).strip())


def read_metadata(text: str) -> dict[str, str]:
    """The table a legal-text web site shows before a document ("Số hiệu | Loại văn bản | Nơi ban hành | Ngày ban
    hành" over a row of values, or "Số hiệu: | 12/KH-SNV" pairs): number, type, issuer, signer and date as
    written, for what the document's own header lacks."""
    rows = []
    for raw in unicodedata.normalize("NFC", text or "").split("\n"):
        cells = [_strip_markup(c) for c in re.split(r"\t|\|", raw)]
        cells = [c for c in cells if c and not re.fullmatch(r"[-:=\s]+", c)]
        if cells:
            rows.append(cells)
    meta: dict[str, str] = {}
    header_row: list[str | None] | None = None
    for i, cells in enumerate(rows):
        labels = [_meta_label(c) for c in cells]
        if header_row and len(cells) == len(header_row) and not any(labels):
            for key, value in zip(header_row, cells, strict=True):
                if key:
                    meta.setdefault(key, value)
            header_row = None
            continue
        header_row = labels if len(cells) >= 2 and all(labels) else None
        if header_row:
            continue
        j = 0
        while j < len(cells):
            pair = re.match(r"^(?P<label>[^:]{3,25}):\s*(?P<value>\S.*)$", cells[j])
            pair_label = _meta_label(pair.group("label")) if pair else None
            label = labels[j]
            if pair and pair_label:
                meta.setdefault(pair_label, pair.group("value").strip())
            elif label and j + 1 < len(cells) and not labels[j + 1]:
                meta.setdefault(label, cells[j + 1])
                j += 1
            elif label and len(cells) == 1 and i + 1 < len(rows) and len(rows[i + 1]) == 1:
                if not _meta_label(rows[i + 1][0]):
                    meta.setdefault(label, rows[i + 1][0])
            j += 1
    return meta


def _apply_metadata(header: DocumentHeader, meta: dict[str, str]) -> None:
    """What the header lacks, taken from the web page's table and flagged; a table that disagrees is flagged."""
    source = "lấy từ bảng thông tin của trang web, không thấy ở đầu văn bản: cần kiểm tra"
    number = _NUMBER.match(meta.get("number", "").strip())
    if number:
        value = _clean_number(number.group(0))
        if not header.number:
            header.number = value
            header.symbol = _clean_number(number.group("symbol") or "")
            header.seq = int(number.group("seq")) if number.group("seq") else None
            header.warnings = [w for w in header.warnings if "số, ký hiệu" not in w.lower()]
            header.warnings.append(f"Số, ký hiệu “{value}” {source}.")
        elif value.lower() != header.number.lower():
            header.warnings.append(
                f"Số, ký hiệu ở đầu văn bản “{header.number}” khác bảng thông tin của trang web "
                f"“{value}”: cần kiểm tra."
            )
    when = re.fullmatch(
        r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", meta.get("date", "").strip()
    )
    if when:
        value, _ = _make_date(when.group(3), when.group(2), when.group(1), [], "")
        if value and header.date is None:
            header.date, header.date_precision = value, DatePrecision.DAY
            header.warnings = [w for w in header.warnings if "ngày ban hành" not in w.lower()]
            header.warnings.append(f"Ngày ban hành {value:%d/%m/%Y} {source}.")
        elif value and header.date_precision == DatePrecision.DAY and value != header.date:
            header.warnings.append(
                f"Ngày ban hành ở đầu văn bản {header.date:%d/%m/%Y} khác bảng thông tin của trang web "
                f"{value:%d/%m/%Y}: cần kiểm tra."
            )
    issuer = meta.get("issuer", "").strip()
    if issuer and not header.issuer and not is_motto_fragment(issuer):
        header.issuer = body_case(issuer) if _is_caps(issuer) else issuer
        header.warnings = [w for w in header.warnings if "cơ quan ban hành" not in w]
        header.warnings.append(f"Cơ quan ban hành “{header.issuer}” {source}.")
    kind = TYPE_HEADINGS.get(meta.get("type", "").strip().upper())
    if kind and header.doc_type == DocType.KHAC and kind != DocType.KHAC:
        header.doc_type = kind
        header.warnings = [w for w in header.warnings if "loại văn bản" not in w]
        header.warnings.append(f"Loại văn bản “{DocType(kind).label}” {source}.")


# --- signer, attached document, issuer, period --------------------------------------------------------------


def _is_name(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 6
        and not any(ch.isdigit() for ch in line)
        and all(
            w[:1].isupper() and (len(w) == 1 or not w[1:].isupper() or w[1:] == w[1:].lower())
            for w in words
        )
        and not _is_caps(line)
        and not re.search(r"[:;,()/]", line)
    )


def _read_signer(header: DocumentHeader, lines: list[str], start: int) -> int | None:
    """Signature block: the signing authority and position in capitals, then the signer's name."""
    block: list[str] = []
    begin = None
    for i in range(start, min(len(lines), start + 40)):
        line = lines[i]
        if line.startswith(("-", "+", "•")) or re.match(r"^Nơi nhận", line, re.I):
            continue
        if not block:
            if _ROMAN.match(line) or any(ch.isdigit() for ch in line):
                continue
            if _SIGN_PREFIX.match(line) or (
                _is_caps(line)
                and len(line.split()) <= 8
                and _heading(line) is None
                and not line.endswith(":")
            ):
                block.append(line)
                begin = i
            continue
        if _is_caps(line) and len(line.split()) <= 8 and _heading(line) is None and len(block) < 3:
            block.append(line)
            continue
        if line.startswith("(") or re.match(r"^(Đã ký|\[?ký|\(ký)", line, re.I):
            continue
        if not _is_name(line) and i + 1 < len(lines) and _is_name(f"{line} {lines[i + 1]}"):
            line = f"{line} {lines[i + 1]}"  # "Dương" / "Đức Tuấn": a name broken by a web page
        if _is_name(line):
            header.signer = line
            header.signer_title = " – ".join(block)
            return i
        break
    if begin is not None and not header.signer:
        header.signer_title = " – ".join(block)
        header.warnings.append("Không đọc được họ tên người ký: cần nhập tay.")
        return begin
    header.warnings.append("Không thấy phần chữ ký (chức vụ, họ tên người ký).")
    return None


def _read_attached(header: DocumentHeader, lines: list[str], start: int) -> None:
    """A decision that issues a plan carries it after the signature: its type heading, title and "(Kèm theo ...)"."""
    for i in range(start, min(len(lines), start + 30)):
        found = _heading(lines[i])
        if not found:
            continue
        title, after = _read_title(lines, i + 1, found[1])
        window = " ".join(lines[after : after + 3])
        if re.match(r"^\(?\s*(Ban hành\s+)?kèm theo", window, re.I):
            header.attached_title = title
            header.attached_type = found[0]
        return


def _cited_before(text: str, at: int) -> bool:
    return bool(re.search(r"(của|Chủ tịch|chủ tịch)\s*$", text[max(0, at - 20) : at]))


def _read_issuer(
    header: DocumentHeader, top: str, authority: str, text: str, preamble: str
) -> None:
    if top and is_motto_fragment(top):
        top = ""
    if top:
        header.issuer = top
        return
    if authority and not _SIGN_PREFIX.match(authority):
        header.issuer = body_case(authority)
        return
    source, issuer = "", ""
    tm = next((part for part in header.signer_title.split(" – ") if part.startswith("TM.")), "")
    unit = _unit_of_place(header.place, text)
    if tm and unit:
        issuer, source = f"{body_case(tm[3:].strip())} {unit}", "phần chữ ký và địa danh"
    if not issuer:
        m = next(
            (
                m
                for m in _SELF_REFERENCE.finditer(preamble)
                if not _cited_before(preamble, m.start())
            ),
            None,
        )
        if m:
            issuer = f"Ủy ban nhân dân {m.group('kind').lower()} {m.group('name')}"
            source = "lời văn của văn bản"
    if not issuer and unit and header.symbol.endswith("-UBND"):
        issuer, source = f"Ủy ban nhân dân {unit}", "ký hiệu và địa danh"
    if issuer:
        header.issuer = issuer
        header.warnings.append(
            f"Không thấy tên cơ quan ban hành ở đầu văn bản; đã suy ra “{issuer}” từ {source}: cần kiểm tra."
        )
    else:
        header.warnings.append("Không đọc được cơ quan ban hành: cần nhập tay.")


def _unit_of_place(place: str, text: str) -> str:
    """ "Phường Lê Chân" → "phường Lê Chân"; a bare name ("Phú Lương") gets its kind from the text when written."""
    place = re.sub(r"^P\.\s*", "Phường ", place.strip())
    place = re.sub(r"^X\.\s*", "Xã ", place)
    if not place:
        return ""
    m = re.match(rf"^({_KIND_RE})\s+(.+)$", place, re.I)
    if m:
        return f"{m.group(1).lower()} {m.group(2)}"
    found = re.search(rf"\b({_KIND_RE})\s+{re.escape(place)}\b", text, re.I)
    return f"{found.group(1).lower()} {place}" if found else ""


def _read_period(header: DocumentHeader) -> None:
    for text in (header.title, header.attached_title):
        m = _PERIOD.search(text or "")
        if m and int(m.group("a")) <= int(m.group("b")):
            header.period_start, header.period_end = int(m.group("a")), int(m.group("b"))
            return
        y = _YEAR.search(text or "")
        if y:
            header.period_start = header.period_end = int(y.group("y"))
            return


def _check(header: DocumentHeader) -> None:
    if not header.title:
        header.warnings.append(
            "Không đọc được trích yếu (dòng sau tên loại văn bản): cần nhập tay."
        )
    for b in header.bases:
        if not b.number and b.doc_type != DocType.LUAT:
            header.warnings.append(f"Căn cứ “{b.raw[:80]}” không ghi số, ký hiệu.")


def link_bases(header: DocumentHeader, *, actor) -> list[tuple[CitedBasis, "Document | None"]]:
    """Each basis of the header with the registered document it cites (see `link_citations`)."""
    return link_citations(header.bases, actor=actor)


def link_citations(bases: list[CitedBasis], *, actor) -> list[tuple[CitedBasis, "Document | None"]]:
    """Each basis with the registered document it cites, among those the actor may see: by number (the date
    decides between documents of the same number), or by type, date and name for a law cited without one."""
    from django.db.models import Q

    from cchc.registry.models import Document

    numbers = {b.number for b in bases if b.number}
    candidates: dict[str, list] = {}
    if numbers:
        q = Q()
        for number in numbers:
            q |= Q(number__iexact=number)
        for doc in Document.objects.visible_to(actor).filter(q).order_by("-issued_on", "id"):
            candidates.setdefault(doc.number.lower(), []).append(doc)
    named = [b for b in bases if not b.number and b.title]
    unnumbered = []
    if named:
        unnumbered = list(
            Document.objects.visible_to(actor).filter(
                number="", doc_type__in={b.doc_type for b in named}
            )
        )
    result = []
    for b in bases:
        match = None
        if b.number:
            docs = candidates.get(b.number.lower(), [])
            same_day = [d for d in docs if b.date and d.issued_on == b.date]
            same_year = [
                d for d in docs if b.date and d.issued_on and d.issued_on.year == b.date.year
            ]
            undated = [d for d in docs if d.issued_on is None]
            match = (same_day or same_year or (undated if b.date else docs) or [None])[0]
        elif b.title:
            for d in unnumbered:
                if (
                    d.doc_type == b.doc_type
                    and fold(d.title) == fold(b.title)
                    and (not b.date or d.issued_on == b.date)
                ):
                    match = d
                    break
        result.append((b, match))
    return result
