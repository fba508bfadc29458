"""Files of award decisions: the chairman's decision (Quyết định khen thưởng) and the submission to the higher
level (Tờ trình) as Nghị định 30/2020/NĐ-CP `.docx` through `cchc.documents`, and the Excel of the fund's spending
of a level in a year."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.http import HttpResponse

from cchc.awards import money
from cchc.awards import selectors_decisions as selectors
from cchc.awards.choices import Subject
from cchc.awards.models import Award, Decision
from cchc.awards.rules import powers
from cchc.awards.rules.laws import law_era
from cchc.core import dates, listing
from cchc.documents import kinds, word
from cchc.documents.spec import (
    Annex,
    Article,
    Block,
    Cell,
    Issuer,
    LegalBases,
    Paragraph,
    Signer,
    Table,
    TableSection,
)
from cchc.orgs.models import Unit

ANNEX_TITLE = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"
ANNEX_HEADERS = [
    "TT",
    "Tên tập thể, cá nhân",
    "Đơn vị công tác",
    "Hình thức khen thưởng",
    "Số tiền (đồng)",
]
GROUPS = [
    (Subject.COLLECTIVE, "I. TẬP THỂ"),
    (Subject.HOUSEHOLD, "II. HỘ GIA ĐÌNH"),
    (Subject.PERSON, "II. CÁ NHÂN"),
]


def body_name(level: Unit) -> str:
    """ "Ủy ban nhân dân phường Lê Chân" from the level "Phường Lê Chân"."""
    name = level.name.strip()
    return f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"


def issuer_of(level: Unit) -> Issuer:
    return Issuer(name=body_name(level), code="UBND")


def place_of(level: Unit) -> str:
    return level.short_name or level.name


def split_number(number: str) -> tuple[str | None, str | None]:
    """("125", "QĐ-UBND") from "125/QĐ-UBND"; (None, None) when there is no number yet."""
    number = (number or "").strip()
    if not number:
        return None, None
    head, sep, symbol = number.partition("/")
    return head, (symbol if sep else None)


def signer_of(decision: Decision) -> Signer:
    """A deputy signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.7.b)."""
    title = (decision.signer_title or "Chủ tịch").strip()
    if title.lower().startswith("phó"):
        return Signer(position=title, signs_for="Chủ tịch", name=decision.signer_name)
    return Signer(position=title, name=decision.signer_name)


def annex_table(rows: Sequence[selectors.AnnexRow], *, with_total: bool = True) -> Table:
    """The annex list: collectives first, then households and persons, numbered within each group; the total
    on the last line."""
    table_rows: list[Sequence[Cell] | TableSection] = []
    present = [(s, label) for s, label in GROUPS if any(r.subject == s for r in rows)]
    for index, (subject, label) in enumerate(present):
        roman = ["I", "II", "III"][index]
        table_rows.append(TableSection(f"{roman}.{label.split('.', 1)[1]}"))
        for i, r in enumerate((r for r in rows if r.subject == subject), start=1):
            table_rows.append(
                [
                    i,
                    r.name,
                    r.unit,
                    r.form,
                    money.vnd(r.amount) if r.amount is not None else "cần kiểm tra",
                ]
            )
    bold = []
    if with_total:
        bold = [len(table_rows)]
        table_rows.append(["", "Tổng cộng", "", "", money.vnd(selectors.total_amount(list(rows)))])
    return Table(
        headers=ANNEX_HEADERS,
        rows=table_rows,
        widths=[12, 55, 55, 50, 30],
        align=["center", "left", "left", "left", "right"],
        bold_rows=bold,
    )


def _counts(rows: Sequence[selectors.AnnexRow]) -> str:
    collectives = sum(1 for r in rows if r.subject == Subject.COLLECTIVE)
    households = sum(1 for r in rows if r.subject == Subject.HOUSEHOLD)
    persons = sum(1 for r in rows if r.subject == Subject.PERSON)
    parts = [
        f"{n:02d} {label}"
        for n, label in (
            (collectives, "tập thể"),
            (households, "hộ gia đình"),
            (persons, "cá nhân"),
        )
        if n
    ]
    return ", ".join(parts)


def _forms(rows: Sequence[selectors.AnnexRow]) -> str:
    return ", ".join(dict.fromkeys(r.form for r in rows))


def movement_phrase(decision: Decision) -> str:
    """ " trong Phong trào thi đua “…”" from the rule file of the decision's programme; "" when unknown."""
    programme = decision.programme
    movement = programme.rule_file.data.get("movement") if programme is not None else None
    return f" trong Phong trào thi đua “{movement}”" if movement else ""


def form_titles(decision: Decision) -> str:
    """The forms of the decision with the conferring level's name ("Giấy khen của Chủ tịch Ủy ban nhân dân
    phường Lê Chân")."""
    codes = dict.fromkeys(n.result_form or n.form for n in decision.nominations.all())
    return ", ".join(powers.titled_name(code, decision.unit) for code in codes)


def decision_docx(decision: Decision, *, day: date | None = None) -> bytes:
    """The chairman's award decision: the legal bases, Điều 1 with the annex list, Điều 2 the money and its
    source, Điều 3 who executes it; the annex on its own page with the total."""
    level = decision.unit
    when = decision.signed_on or day or dates.today()
    rows = selectors.annex_rows(decision=decision, day=when)
    total = selectors.total_amount(rows)
    base = money.base_salary_on(when, selectors.salary_table())
    issuer = issuer_of(level)
    authority = decision.issuer or f"Chủ tịch {issuer.name}"
    movement = movement_phrase(decision)
    year = f" năm {decision.year}" if decision.year else ""
    standing = _standing_agency_name(level)
    number, symbol = split_number(decision.number)
    articles = [
        Article(
            [
                f"Tặng {form_titles(decision)} cho {_counts(rows)} đã có thành tích xuất sắc{movement}{year} "
                "(có danh sách kèm theo)."
            ]
        ),
        Article(
            [
                "Tiền thưởng kèm theo mỗi hình thức khen thưởng bằng hệ số mức tiền thưởng nhân với mức lương "
                f"cơ sở {money.vnd(base)} đồng đang có hiệu lực tại ngày ký quyết định, làm tròn số lên hàng "
                f"chục nghìn đồng ({law_era(when).decree} của Chính phủ). Tổng số tiền thưởng: "
                f"{money.vnd(total)} đồng.",
                f"Nguồn kinh phí: {decision.fund_source or 'Quỹ thi đua, khen thưởng của ' + body_name(level)}.",
            ]
        ),
        Article(
            [
                "Quyết định này có hiệu lực kể từ ngày ký.",
                f"Chánh Văn phòng HĐND và UBND, Trưởng {standing}, Thủ trưởng các cơ quan, đơn vị có liên quan "
                "và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
            ]
        ),
    ]
    spec = kinds.decision(
        issuer=issuer,
        authority=authority,
        title=decision.title,
        bases=[b["text"] for b in decision.bases],
        proposal=decision.proposal,
        articles=articles,
        signer=signer_of(decision),
        number=number,
        symbol=symbol,
        place=place_of(level),
        issued_on=decision.signed_on,
        recipients=["Chủ tịch, các Phó Chủ tịch UBND", standing],
        archive="VHXH",
        annexes=[Annex(title=ANNEX_TITLE, blocks=[annex_table(rows)])],
    )
    return word.render(spec)


def submission_docx(decision: Decision, *, day: date | None = None) -> bytes:
    """The submission (Tờ trình) of a level to the higher level for the forms it cannot confer itself."""
    level = decision.unit
    rows = selectors.annex_rows(decision=decision, day=day or dates.today())
    higher = decision.proposed_to
    forms = sorted({n.result_form or n.form for n in decision.nominations.all()})
    authority = powers.authority_of(forms, higher) or "cấp trên"
    number, symbol = split_number(decision.submission_number)
    year = f" năm {decision.year}" if decision.year else ""
    blocks: list[Block] = [
        LegalBases([b["text"] for b in decision.bases]),
        Paragraph(
            f"{body_name(level)} kính trình {authority} xem xét, tặng {_forms(rows)} cho "
            f"{_counts(rows)} đã có thành tích xuất sắc{year}, cụ thể như sau:"
        ),
        annex_table(rows, with_total=False),
        Paragraph(
            "Hồ sơ kèm theo gồm: báo cáo thành tích của từng tập thể, cá nhân; biên bản họp Hội đồng Thi đua - "
            "Khen thưởng; các tài liệu kiểm chứng."
        ),
        Paragraph(f"Kính trình {authority} xem xét, quyết định."),
    ]
    spec = kinds.submission(
        issuer=issuer_of(level),
        title=f"Về việc đề nghị tặng {_forms(rows)}",
        addressees=[authority],
        blocks=blocks,
        signer=Signer(
            position="Chủ tịch", on_behalf_of="Ủy ban nhân dân", name=decision.signer_name
        ),
        number=number,
        symbol=symbol,
        place=place_of(level),
        issued_on=decision.submission_date,
        recipients=[_standing_agency_name(higher) if higher else ""],
        archive="VHXH",
    )
    return word.render(spec)


def _standing_agency_name(level: Unit | None) -> str:
    from cchc.orgs.selectors import standing_agency_of

    if level is None:
        return "cơ quan thường trực"
    agency = standing_agency_of(level=level)
    return (
        agency.name if agency is not None else "cơ quan thường trực công tác thi đua, khen thưởng"
    )


def fund_xlsx(*, level: Unit, year: int, awards: Sequence[Award]) -> HttpResponse:
    """The fund's spending of a level in a year: one line per award of its signed decisions, the total last."""
    headers = [
        "Số quyết định",
        "Ngày quyết định",
        "Tập thể, cá nhân",
        "Đơn vị công tác",
        "Hình thức",
        "Đối tượng",
        "Số tiền (đồng)",
        "Ghi chú",
    ]
    rows: list[list] = [
        [
            a.decision_number,
            a.decision_date,
            a.recipient,
            a.recipient_unit,
            powers.form_name(a.form),
            Subject(a.subject).label,
            int(a.amount),
            f"Đã thu hồi ngày {dates.fmt(a.revoked_on)}" if a.revoked_on else "",
        ]
        for a in awards
    ]
    rows.append(
        [
            "Tổng cộng",
            None,
            f"{len(awards)} khen thưởng",
            "",
            "",
            "",
            sum(int(a.amount) for a in awards),
            "",
        ]
    )
    return listing.xlsx_response(
        f"Chi khen thưởng {year}",
        headers,
        rows,
        f"chi-quy-khen-thuong-{level.code or level.pk}-{year}",
    )


def docx_response(data: bytes, filename: str) -> HttpResponse:
    return word.docx_response(data, filename)
