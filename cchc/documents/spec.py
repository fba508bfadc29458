"""What an administrative document says, as the components of Nghị định 30/2020/NĐ-CP, Điều 8.

A `DocumentSpec` is plain data: who issues it, its number and symbol, place and date, kind and trích yếu,
"Kính gửi", the body as a list of blocks, the signers, "Nơi nhận" and the annexes. `cchc.documents.word`
lays it out; `cchc.documents.kinds` builds one for each kind of document. Domain apps fill the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Literal

from cchc.core.dates import long_form

Align = Literal["left", "center", "right", "justify"]
DatePrecision = Literal["day", "month", "year"]
Cell = str | int | float | Decimal | None
PLACEHOLDER = "…"


class Kind(Enum):
    """Kinds of administrative documents with their abbreviation (Phụ lục III, mục I).

    A công văn has no type name and no type abbreviation: its symbol is the issuing body and the
    drafting unit ("UBND-VX") and its trích yếu follows "V/v" under the number.
    """

    DECISION = ("Quyết định", "QĐ")
    PLAN = ("Kế hoạch", "KH")
    REPORT = ("Báo cáo", "BC")
    SUBMISSION = ("Tờ trình", "TTr")
    MINUTES = ("Biên bản", "BB")
    NOTICE = ("Thông báo", "TB")
    LETTER = ("Công văn", "")

    def __init__(self, label: str, abbreviation: str) -> None:
        self.label = label
        self.abbreviation = abbreviation

    @property
    def type_name(self) -> str:
        """The type name printed above the trích yếu ("QUYẾT ĐỊNH"); none for a công văn."""
        return "" if self is Kind.LETTER else self.label.upper()


@dataclass(frozen=True)
class Issuer:
    """The issuing body (ô 2) under its governing body, both printed in capitals.

    `name` in ordinary case ("Ủy ban nhân dân phường Lê Chân"): it is also what annex references cite.
    A "\\n" in `name` or `parent` forces a line break; otherwise long names are split to fit.
    `code` is the body's abbreviation in symbols ("UBND", "HĐTĐKT", "SNV").
    """

    name: str
    parent: str = ""
    code: str = ""

    @property
    def plain_name(self) -> str:
        """The name on one line, as running text cites it."""
        return " ".join(self.name.split())


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with its own weight ("Điều 1." in bold before the text)."""

    text: str
    bold: bool = False
    italic: bool = False


Text = str | Sequence[Run]


@dataclass(frozen=True)
class Paragraph:
    """Body text: justified, first line indented 1 cm, 6 pt after (Phụ lục I, mục II.6.e)."""

    text: Text
    bold: bool = False
    italic: bool = False
    indent: bool = True
    align: Align = "justify"
    size: int | None = None


@dataclass(frozen=True)
class Heading:
    """A section heading written with its number: level 1 "I. KẾT QUẢ", 2 "1. Nhiệm vụ", 3 "a) …"."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class CentredHeading:
    """A centred bold line ("QUYẾT ĐỊNH:", "Chương I") with an optional title in capitals below."""

    text: str
    title: str = ""


@dataclass(frozen=True)
class LegalBases:
    """The "Căn cứ …" lines in italics, one per line, ";" after each and "." after the last
    (Phụ lục I, mục II.6.a)."""

    lines: Sequence[str]


@dataclass(frozen=True)
class Article:
    """ "Điều n." in bold with its title, then its paragraphs; numbered in order when `number` is None."""

    paragraphs: Sequence[Text] = ()
    title: str = ""
    number: int | None = None


@dataclass(frozen=True)
class BulletList:
    """Lines starting with "-" (or `marker`), indented like the body."""

    items: Sequence[Text]
    marker: str = "-"


@dataclass(frozen=True)
class TableSection:
    """A full-width row inside a table that opens a group ("I. TẬP THỂ")."""

    text: str


@dataclass(frozen=True)
class Table:
    """A bordered table whose header row repeats on every page.

    `widths` are relative (millimetres as drawn on a portrait page are fine): the table always fills
    the text width of its page. `align` gives each column's alignment; by default numbers are centred
    and text is left-aligned. `bold_rows` are indices into `rows` (a total line).
    """

    headers: Sequence[str]
    rows: Sequence[Sequence[Cell] | TableSection]
    widths: Sequence[float] = ()
    align: Sequence[Align] = ()
    size: int = 12
    bold_rows: Sequence[int] = ()


@dataclass(frozen=True)
class PageBreak:
    """The next block starts on a new page."""


Block = Paragraph | Heading | CentredHeading | LegalBases | Article | BulletList | Table | PageBreak


@dataclass(frozen=True)
class Signer:
    """The signing block (ô 7a-7c): authority lines in capitals, room for the signature, the name.

    `on_behalf_of` prints "TM. <collective>"; `signs_for` "KT. <head>" (a deputy signs);
    `by_order_of` "TL. <head>"; `by_delegation_of` "TUQ. <head>"; `acting` prefixes the position with
    "Q." (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7.b). `name` empty leaves the line blank.
    """

    position: str
    name: str = ""
    on_behalf_of: str = ""
    signs_for: str = ""
    by_order_of: str = ""
    by_delegation_of: str = ""
    acting: bool = False

    def __post_init__(self) -> None:
        if sum(bool(x) for x in (self.signs_for, self.by_order_of, self.by_delegation_of)) > 1:
            raise ValueError("A signer signs as KT., TL. or TUQ., not several at once.")

    def lines(self) -> list[str]:
        """The authority and position lines, top to bottom, in capitals."""
        lines = [f"TM. {self.on_behalf_of}"] if self.on_behalf_of else []
        for prefix, head in (
            ("KT.", self.signs_for),
            ("TL.", self.by_order_of),
            ("TUQ.", self.by_delegation_of),
        ):
            if head:
                lines.append(f"{prefix} {head}")
        lines.append(f"Q. {self.position}" if self.acting else self.position)
        return [line.upper() for line in lines]


@dataclass(frozen=True)
class Participant:
    """Someone named in minutes: "Ông Nguyễn Văn A" with the role "Chủ tịch UBND phường"."""

    name: str
    role: str = ""

    def __str__(self) -> str:
        return f"{self.name} - {self.role}" if self.role else self.name


@dataclass(frozen=True)
class Annex:
    """A "Phụ lục" starting on a new page, numbered on its own (Phụ lục I, mục III.1).

    `reference` replaces the "(Kèm theo Quyết định số … ngày … của …)" line built from the document.
    """

    title: str
    blocks: Sequence[Block]
    landscape: bool = False
    reference: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    """One administrative document.

    `number` None leaves "Số:      /<symbol>" for the clerk; `issued_on` None prints
    "ngày … tháng … năm …". `dated` False drops the place and date line (a biên bản, Mẫu 1.9).
    `author` is who issues it as annexes cite it ("Chủ tịch Ủy ban nhân dân phường Lê Chân");
    the issuer's name by default. The body ends with "./." unless `closing_mark` is False.
    """

    kind: Kind
    issuer: Issuer
    title: str
    symbol: str
    number: int | str | None = None
    place: str = ""
    issued_on: date | None = None
    date_precision: DatePrecision = "day"
    dated: bool = True
    author: str = ""
    addressees: Sequence[str] = ()
    blocks: Sequence[Block] = ()
    signers: Sequence[Signer] = ()
    recipients: Sequence[str] = ()
    annexes: Sequence[Annex] = ()
    landscape: bool = False
    body_size: int = 14
    closing_mark: bool = True

    @property
    def number_line(self) -> str:
        """ "Số: 05/QĐ-UBND", or "Số:      /QĐ-UBND" before the clerk numbers it."""
        return f"Số: {format_number(self.number) or ' ' * 5}/{self.symbol}"

    @property
    def place_date_line(self) -> str:
        """ "Lê Chân, ngày 15 tháng 3 năm 2027" (Phụ lục I, mục II.4)."""
        return place_date(self.place, self.issued_on, self.date_precision)

    @property
    def citation(self) -> str:
        """ "Quyết định số 05/QĐ-UBND ngày 15 tháng 3 năm 2027 của …", "…" where still unknown."""
        return citation(
            kind=self.kind,
            symbol=self.symbol,
            number=self.number,
            issued_on=self.issued_on,
            author=self.author or self.issuer.plain_name,
        )


def format_number(number: int | str | None) -> str:
    """The document number with a leading zero below 10 (Phụ lục I, mục II.3.c); "" when unknown."""
    if number is None or str(number).strip() == "":
        return ""
    text = str(number).strip()
    return text.zfill(2) if text.isdigit() else text


def place_date(place: str, issued_on: date | None, precision: DatePrecision = "day") -> str:
    """ "Lê Chân, ngày 05 tháng 01 năm 2027"; placeholders "ngày … tháng … năm …" when unknown."""
    when = long_form(issued_on, precision=precision)
    if not place:
        return when[:1].upper() + when[1:]
    return f"{place}, {when}"


def citation(
    *, kind: Kind, symbol: str, number: int | str | None, issued_on: date | None, author: str
) -> str:
    """How a document is cited in an annex reference or a legal basis (Phụ lục I, mục II.6.b)."""
    numbered = format_number(number) or PLACEHOLDER
    return (
        f"{kind.label} số {numbered}/{symbol} {long_form(issued_on)}"
        + (f" của {author}" if author else "")
    ).strip()


@dataclass(frozen=True)
class AnnexFile:
    """An annex issued as a file of its own (a ranking to attach to a decision still being drafted).

    The header carries the issuing body and the Quốc hiệu; `place` adds the place and date line
    (`issued_on` None prints the placeholders). `reference` is the "(Kèm theo …)" line.
    """

    issuer: Issuer
    annex: Annex
    reference: str
    place: str = ""
    issued_on: date | None = None
    body_size: int = 14

    @property
    def place_date_line(self) -> str:
        return place_date(self.place, self.issued_on) if self.place else ""
