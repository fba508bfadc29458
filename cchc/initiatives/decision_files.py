"""The Word draft of a recognition decision (Quyết định công nhận sáng kiến), laid out by `cchc.documents` in the
format of Nghị định 30/2020/NĐ-CP: the head of the level recognises the initiative on the council's advice
(Nghị định 13/2012/NĐ-CP, Điều 11)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from django.http import HttpResponse

from cchc.core import dates
from cchc.documents import kinds, word
from cchc.documents.spec import Article, Cell, Issuer, Signer, Table
from cchc.initiatives import scoring
from cchc.initiatives.models import Initiative, InitiativeAuthor

BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành Điều lệ "
    "Sáng kiến",
]
AUTHORS_LINE = "Tác giả của sáng kiến và tỷ lệ đóng góp của từng tác giả như sau:"


def recognition_docx(
    *,
    initiative: Initiative,
    authors: Sequence[InitiativeAuthor],
    verdict: scoring.Verdict | None,
    issuer: str,
) -> bytes:
    """The .docx of the decision recognising one initiative: Điều 1 names it, its authors and its level;
    the table lists the authors and their shares; the council's verdict is cited in the proposal line."""
    council = initiative.council
    assert council is not None
    doc = initiative.decision
    level = initiative.get_level_display() or council.get_level_display()
    proposal = f"Theo đề nghị của {council.name}"
    if verdict is not None and verdict.average is not None:
        proposal += (
            f" (điểm trung bình {scoring.number(verdict.average)}/"
            f"{scoring.number(verdict.max_total)})"
        )
    spec = kinds.decision(
        issuer=Issuer(name=issuer, code="UBND"),
        authority=f"Chủ tịch {issuer}",
        title=f"Về việc công nhận sáng kiến “{initiative.title}”",
        bases=BASES,
        proposal=proposal,
        articles=[
            Article(
                [
                    f"Công nhận sáng kiến “{initiative.title}” ({initiative.get_area_display()}) "
                    f"của {initiative.unit.name}, năm {initiative.year}, là sáng kiến "
                    f"{level.lower()}; áp dụng từ ngày {dates.fmt(initiative.applied_since)}."
                ]
            ),
            Article([AUTHORS_LINE]),
            Article(["Quyết định này có hiệu lực kể từ ngày ký."]),
            Article(
                [
                    f"Thủ trưởng {initiative.unit.name}, {council.name} và các tác giả có tên tại "
                    "Điều 2 chịu trách nhiệm thi hành Quyết định này."
                ]
            ),
        ],
        signer=Signer(position="Chủ tịch", name=doc.signer if doc else ""),
        number=doc.seq if doc and doc.seq else None,
        symbol=doc.symbol if doc and doc.symbol else None,
        place=council.unit.short_name or council.unit.name,
        issued_on=initiative.recognised_on,
        archive="VHXH",
    )
    # The authors' table follows Điều 2.
    blocks = list(spec.blocks)
    at = next(
        i for i, b in enumerate(blocks) if isinstance(b, Article) and AUTHORS_LINE in b.paragraphs
    )
    blocks.insert(
        at + 1,
        Table(
            headers=["TT", "Tác giả", "Chức vụ, đơn vị", "Tỷ lệ đóng góp"],
            rows=[_author_row(i, a) for i, a in enumerate(authors, start=1)],
            widths=[12, 60, 80, 30],
            align=["center", "left", "left", "center"],
        ),
    )
    return word.render(replace(spec, blocks=blocks))


def _author_row(index: int, author: InitiativeAuthor) -> list[Cell]:
    person = author.person
    if person is None:
        return [index, author.label, "", "Tập thể"]
    where = ", ".join(x for x in (person.position, person.unit.name) if x)
    share = f"{scoring.number(author.share)}%" if author.share is not None else ""
    return [index, person.full_name, where, share]


def response(data: bytes, filename: str) -> HttpResponse:
    return word.docx_response(data, filename)
