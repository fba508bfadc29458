"""One template per kind of administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục III, mục II).

Each function fixes what its kind requires (the symbol, the authority line and "QUYẾT ĐỊNH:" of a
decision, "Kính gửi" of a submission, the two signers of minutes, "Như Điều …" / "Như trên" and
"Lưu: VT" in "Nơi nhận") and returns a `DocumentSpec` for `cchc.documents.word.render`. They know
nothing of the domain: the calling app writes the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from cchc.documents.spec import (
    Annex,
    Article,
    Block,
    BulletList,
    CentredHeading,
    DatePrecision,
    DocumentSpec,
    Issuer,
    Kind,
    LegalBases,
    Paragraph,
    Participant,
    Run,
    Signer,
)

ARCHIVE = "Lưu: VT"


def symbol_for(kind: Kind, issuer: Issuer, *, drafting_unit: str = "") -> str:
    """ "QĐ-UBND" (type + body, Phụ lục I, mục II.3.b); a công văn: body + drafting unit ("UBND-VX")."""
    if kind is Kind.LETTER:
        return "-".join(x for x in (issuer.code, drafting_unit) if x)
    return "-".join(x for x in (kind.abbreviation, issuer.code) if x)


def recipients_list(
    *, first: Sequence[str] = (), others: Sequence[str] = (), archive: str = ""
) -> list[str]:
    """ "Nơi nhận" lines: `first` ("Như Điều 3", "Như trên"), the others, then "Lưu: VT, <archive>"
    unless the caller already wrote a "Lưu" line (Phụ lục I, mục II.9)."""
    lines = [*first, *others]
    if not any(line.strip().startswith("Lưu") for line in lines):
        lines.append(f"{ARCHIVE}, {archive}" if archive else ARCHIVE)
    return lines


def decision(
    *,
    issuer: Issuer,
    authority: str,
    title: str,
    bases: Sequence[str],
    articles: Sequence[Article],
    signer: Signer,
    proposal: str = "",
    number: int | str | None = None,
    place: str = "",
    issued_on: date | None = None,
    date_precision: DatePrecision = "day",
    recipients: Sequence[str] = (),
    archive: str = "",
    executing_article: int | None = None,
    annexes: Sequence[Annex] = (),
    symbol: str | None = None,
) -> DocumentSpec:
    """A Quyết định (cá biệt), Mẫu 1.2/1.3: the power holder's line in capitals ("CHỦ TỊCH ỦY BAN NHÂN
    DÂN PHƯỜNG LÊ CHÂN" from `authority` in ordinary case), the "Căn cứ …;" lines and "Theo đề nghị
    của …." in italics, "QUYẾT ĐỊNH:", Điều 1..n; "Nơi nhận" starts with "Như Điều <n>" (the article
    naming who executes it, the last one by default) and ends with "Lưu: VT"."""
    if not articles:
        raise ValueError("A decision has at least one article.")
    executing = executing_article or len(articles)
    bases_lines = [*bases, proposal] if proposal else list(bases)
    blocks: list[Block] = [CentredHeading(authority.upper())]
    if bases_lines:
        blocks.append(LegalBases(bases_lines))
    blocks.append(CentredHeading("QUYẾT ĐỊNH:"))
    blocks += list(articles)
    return DocumentSpec(
        kind=Kind.DECISION,
        issuer=issuer,
        title=title,
        symbol=symbol or symbol_for(Kind.DECISION, issuer),
        number=number,
        place=place,
        issued_on=issued_on,
        date_precision=date_precision,
        author=authority,
        blocks=blocks,
        signers=[signer],
        recipients=recipients_list(
            first=[f"Như Điều {executing}"], others=recipients, archive=archive
        ),
        annexes=annexes,
    )


def _typed(
    kind: Kind,
    *,
    issuer: Issuer,
    title: str,
    blocks: Sequence[Block],
    signer: Signer,
    addressees: Sequence[str],
    number: int | str | None,
    place: str,
    issued_on: date | None,
    date_precision: DatePrecision,
    recipients: Sequence[str],
    archive: str,
    annexes: Sequence[Annex],
    symbol: str | None,
    drafting_unit: str = "",
) -> DocumentSpec:
    """A document with a type name (Mẫu 1.4) or a công văn (Mẫu 1.5): with "Kính gửi", "Nơi nhận"
    starts with "Như trên" (Phụ lục I, mục II.9.b)."""
    first = ["Như trên"] if addressees else []
    return DocumentSpec(
        kind=kind,
        issuer=issuer,
        title=title,
        symbol=symbol or symbol_for(kind, issuer, drafting_unit=drafting_unit),
        number=number,
        place=place,
        issued_on=issued_on,
        date_precision=date_precision,
        addressees=addressees,
        blocks=blocks,
        signers=[signer],
        recipients=recipients_list(first=first, others=recipients, archive=archive),
        annexes=annexes,
    )


def report(
    *,
    issuer: Issuer,
    title: str,
    blocks: Sequence[Block],
    signer: Signer,
    addressees: Sequence[str] = (),
    number: int | str | None = None,
    place: str = "",
    issued_on: date | None = None,
    date_precision: DatePrecision = "day",
    recipients: Sequence[str] = (),
    archive: str = "",
    annexes: Sequence[Annex] = (),
    symbol: str | None = None,
) -> DocumentSpec:
    """A Báo cáo (Mẫu 1.4); "Kính gửi" when it goes up to a superior body."""
    return _typed(
        Kind.REPORT,
        issuer=issuer,
        title=title,
        blocks=blocks,
        signer=signer,
        addressees=addressees,
        number=number,
        place=place,
        issued_on=issued_on,
        date_precision=date_precision,
        recipients=recipients,
        archive=archive,
        annexes=annexes,
        symbol=symbol,
    )


def plan(
    *,
    issuer: Issuer,
    title: str,
    blocks: Sequence[Block],
    signer: Signer,
    number: int | str | None = None,
    place: str = "",
    issued_on: date | None = None,
    date_precision: DatePrecision = "day",
    recipients: Sequence[str] = (),
    archive: str = "",
    annexes: Sequence[Annex] = (),
    symbol: str | None = None,
) -> DocumentSpec:
    """A Kế hoạch (Mẫu 1.4)."""
    return _typed(
        Kind.PLAN,
        issuer=issuer,
        title=title,
        blocks=blocks,
        signer=signer,
        addressees=(),
        number=number,
        place=place,
        issued_on=issued_on,
        date_precision=date_precision,
        recipients=recipients,
        archive=archive,
        annexes=annexes,
        symbol=symbol,
    )


def submission(
    *,
    issuer: Issuer,
    title: str,
    addressees: Sequence[str],
    blocks: Sequence[Block],
    signer: Signer,
    number: int | str | None = None,
    place: str = "",
    issued_on: date | None = None,
    date_precision: DatePrecision = "day",
    recipients: Sequence[str] = (),
    archive: str = "",
    annexes: Sequence[Annex] = (),
    symbol: str | None = None,
) -> DocumentSpec:
    """A Tờ trình (Mẫu 1.4): always addressed ("Kính gửi: …") to the body that decides."""
    if not addressees:
        raise ValueError("A submission names who it is addressed to (Kính gửi).")
    return _typed(
        Kind.SUBMISSION,
        issuer=issuer,
        title=title,
        blocks=blocks,
        signer=signer,
        addressees=addressees,
        number=number,
        place=place,
        issued_on=issued_on,
        date_precision=date_precision,
        recipients=recipients,
        archive=archive,
        annexes=annexes,
        symbol=symbol,
    )


def letter(
    *,
    issuer: Issuer,
    subject: str,
    addressees: Sequence[str],
    blocks: Sequence[Block],
    signer: Signer,
    drafting_unit: str = "",
    number: int | str | None = None,
    place: str = "",
    issued_on: date | None = None,
    date_precision: DatePrecision = "day",
    recipients: Sequence[str] = (),
    archive: str = "",
    annexes: Sequence[Annex] = (),
    symbol: str | None = None,
) -> DocumentSpec:
    """A Công văn (Mẫu 1.5): no type name, "V/v <subject>" under the number, "Kính gửi", and a symbol
    of the body and the drafting unit ("UBND-VX")."""
    if not addressees:
        raise ValueError("A letter names who it is addressed to (Kính gửi).")
    return _typed(
        Kind.LETTER,
        issuer=issuer,
        title=subject,
        blocks=blocks,
        signer=signer,
        addressees=addressees,
        number=number,
        place=place,
        issued_on=issued_on,
        date_precision=date_precision,
        recipients=recipients,
        archive=archive,
        annexes=annexes,
        symbol=symbol,
        drafting_unit=drafting_unit,
    )


def clock(moment: datetime | None) -> str:
    """ "08 giờ 30 phút, ngày 15 tháng 3 năm 2027"; placeholders when unknown."""
    if moment is None:
        return "… giờ … phút, ngày … tháng … năm …"
    month = f"{moment.month:02d}" if moment.month <= 2 else str(moment.month)
    return (
        f"{moment.hour:02d} giờ {moment.minute:02d} phút, "
        f"ngày {moment.day:02d} tháng {month} năm {moment.year}"
    )


def minutes(
    *,
    issuer: Issuer,
    title: str,
    started_at: datetime | None,
    venue: str,
    attendees: Sequence[str],
    chair: Participant,
    secretary: Participant,
    content: Sequence[Block],
    ended_at: datetime | None = None,
    absent: Sequence[str] = (),
    number: int | str | None = None,
    chair_caption: str = "CHỦ TỌA",
    secretary_caption: str = "THƯ KÝ",
    signers: Sequence[Signer] | None = None,
    recipients: Sequence[str] = (),
    annexes: Sequence[Annex] = (),
    symbol: str | None = None,
) -> DocumentSpec:
    """A Biên bản (Mẫu 1.9): no place and date line; time, venue, attendees, chair and secretary,
    the content, the closing time; signed by the secretary (left) and the chair (right). `signers`
    replaces those two (a ballot count signed by the counting board). No "Nơi nhận" unless given."""
    blocks: list[Block] = [
        Paragraph([Run("Thời gian bắt đầu: ", bold=True), Run(f"{clock(started_at)}.")]),
        Paragraph([Run("Địa điểm: ", bold=True), Run(f"{venue.rstrip('.')}.")]),
        Paragraph([Run("Thành phần tham dự:", bold=True)]),
        BulletList([f"{line.rstrip(';.')};" for line in attendees[:-1]] + _last(attendees)),
    ]
    if absent:
        blocks += [
            Paragraph([Run("Vắng mặt:", bold=True)]),
            BulletList([f"{line.rstrip(';.')};" for line in absent[:-1]] + _last(absent)),
        ]
    blocks += [
        Paragraph([Run("Chủ trì (chủ tọa): ", bold=True), Run(f"{chair}.")]),
        Paragraph([Run("Thư ký (người ghi biên bản): ", bold=True), Run(f"{secretary}.")]),
        Paragraph([Run("Nội dung:", bold=True)]),
        *content,
        Paragraph(f"Cuộc họp kết thúc vào {clock(ended_at)}."),
    ]
    return DocumentSpec(
        kind=Kind.MINUTES,
        issuer=issuer,
        title=title,
        symbol=symbol or symbol_for(Kind.MINUTES, issuer),
        number=number,
        dated=False,
        blocks=blocks,
        signers=list(signers)
        if signers is not None
        else [
            Signer(position=secretary_caption, name=secretary.name),
            Signer(position=chair_caption, name=chair.name),
        ],
        recipients=list(recipients),
        annexes=annexes,
    )


def _last(lines: Sequence[str]) -> list[str]:
    return [f"{lines[-1].rstrip(';.')}."] if lines else []
