"""The Word files of a nomination dossier, laid out by `cchc.documents` (Nghị định 30/2020/NĐ-CP): the submission
(tờ trình, Mẫu 1.4) of the proposing unit with the list of nominees, and one achievement report (báo cáo thành
tích) per nominee with the headings of the templates of Nghị định 152/2025/NĐ-CP (collective: sơ lược đặc điểm,
tình hình; thành tích đạt được; các hình thức khen thưởng đã được ghi nhận — person: sơ lược lý lịch; thành tích
đạt được; các hình thức đã được khen thưởng), prefilled from the system: PAR results, recognised initiatives and
the figures of the CCHC plan."""

from __future__ import annotations

from collections.abc import Iterator

from cchc.awards import selectors_dossiers as selectors
from cchc.awards.choices import AttachmentKind, Verdict
from cchc.awards.models import Dossier, Nomination
from cchc.awards.rules import catalogue
from cchc.core import dates
from cchc.core.text import fold
from cchc.documents import kinds, word
from cchc.documents.spec import Block, BulletList, Cell, Heading, Issuer, Paragraph, Signer, Table
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.orgs.selectors import standing_agency_of

TO_FILL = "(Đơn vị bổ sung)"


def issuer_of(unit: Unit) -> Issuer:
    """The body that signs for a unit: "Ủy ban nhân dân phường Lê Chân" for a level, else the unit itself under
    its level."""
    if unit.kind in LEVEL_KINDS:
        return Issuer(name=f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}", code="UBND")
    parent = unit.parent
    parent_name = ""
    if parent is not None and parent.kind in LEVEL_KINDS:
        parent_name = f"Ủy ban nhân dân {parent.name[:1].lower()}{parent.name[1:]}"
    return Issuer(name=unit.name, parent=parent_name)


def signer_of(unit: Unit) -> Signer:
    return Signer(position="Chủ tịch" if unit.kind in LEVEL_KINDS else "Thủ trưởng đơn vị")


def form_name(code: str) -> str:
    return catalogue.catalogue().names().get(code, code)


def occasion(dossier: Dossier) -> str:
    if dossier.year is not None:
        return f"năm {dossier.year}"
    return f"giai đoạn {dossier.period_start} - {dossier.period_end}"


def _filename(prefix: str, dossier: Dossier, name: str = "") -> str:
    slug = "-".join(fold(name).split())[:50] if name else ""
    return f"{prefix}-ho-so-{dossier.number}{'-' + slug if slug else ''}.docx"


def _where(n: Nomination) -> str:
    person = n.person
    if person is None:
        return str(n.get_subject_display())
    return ", ".join(x for x in (person.position, person.unit.name) if x)


def submission_docx(dossier: Dossier, nominations: list[Nomination]) -> bytes:
    """The submission of the proposing unit to the standing agency of the programme's level."""
    programme = dossier.programme
    unit = dossier.proposing_unit
    agency = standing_agency_of(level=programme.unit)
    addressees = [agency.name] if agency is not None else [issuer_of(programme.unit).name]
    rule_file = programme.rule_file
    forms = form_name(programme.form)
    rows: list[list[Cell]] = [
        [
            i,
            n.name,
            _where(n),
            form_name(n.form),
            str(Verdict(n.verdict).label) if n.verdict else "",
        ]
        for i, n in enumerate(nominations, start=1)
    ]
    blocks: list[Block] = [
        Paragraph(
            f"Căn cứ {rule_file.document_number or rule_file.title} của {issuer_of(programme.unit).name}"
            f" ({programme.source});"
        ),
        Paragraph(
            f"Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng {unit.name} (biên bản kèm theo);"
        ),
        Paragraph(
            f"{issuer_of(unit).name} kính đề nghị xét tặng “{forms}” cho {len(nominations)} "
            f"{programme.get_subject_display().lower()} có thành tích {occasion(dossier)} trong "
            "công tác cải cách hành chính, gồm:"
        ),
        Table(
            headers=[
                "TT",
                "Tên tập thể, cá nhân",
                "Chức vụ, đơn vị",
                "Hình thức đề nghị",
                "Kết quả xét điều kiện",
            ],
            rows=rows,
            widths=[10, 55, 50, 45, 30],
            align=["center", "left", "left", "left", "left"],
        ),
        Paragraph(
            "(Kèm theo báo cáo thành tích của từng tập thể, cá nhân, biên bản họp Hội đồng Thi đua - "
            "Khen thưởng và tài liệu kiểm chứng.)",
            italic=True,
        ),
        Paragraph(f"Kính đề nghị {addressees[0]} xem xét, trình cấp có thẩm quyền quyết định."),
    ]
    spec = kinds.submission(
        issuer=issuer_of(unit),
        title=f"Về việc đề nghị tặng {forms} {occasion(dossier)}",
        addressees=addressees,
        blocks=blocks,
        signer=signer_of(unit),
        place=(unit.short_name or unit.name) if unit.kind in LEVEL_KINDS else "",
        issued_on=dates.today(),
        archive="VT",
    )
    return word.render(spec)


def _evidence_lines(rows: list[selectors.EvidenceRow]) -> list[str]:
    return [r.text for r in rows] or [TO_FILL]


def achievement_docx(
    dossier: Dossier, nomination: Nomination, evidence: selectors.Evidence
) -> bytes:
    """The achievement report of one nominee, with the system's figures filled in and the rest left to the unit."""
    unit = dossier.proposing_unit
    forms = form_name(nomination.form)
    blocks: list[Block] = []
    person = nomination.person
    if person is not None:
        blocks += [
            Heading("I. SƠ LƯỢC LÝ LỊCH"),
            BulletList(
                [
                    f"Họ và tên: {person.full_name}",
                    f"Năm sinh: {person.birth_year or TO_FILL}",
                    f"Chức vụ, đơn vị công tác: {person.position or TO_FILL}, {person.unit.name}",
                    f"Loại cán bộ: {person.get_employment_kind_display()}",
                ]
            ),
            Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
            Heading("1. Quyền hạn, nhiệm vụ được giao", level=2),
            Paragraph(nomination.achievement or TO_FILL),
            Heading("2. Thành tích đạt được", level=2),
        ]
    else:
        blocks += [
            Heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
            Heading("1. Đặc điểm, tình hình", level=2),
            Paragraph(f"{nomination.name}. {TO_FILL}"),
            Heading("2. Chức năng, nhiệm vụ được giao", level=2),
            Paragraph(TO_FILL),
            Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        ]
        if nomination.achievement:
            blocks.append(Paragraph(nomination.achievement))
    blocks += [
        Heading("Kết quả Chỉ số cải cách hành chính", level=2),
        BulletList(_evidence_lines(evidence.par)),
        Heading("Sáng kiến, mô hình, giải pháp được công nhận", level=2),
        BulletList(_evidence_lines(evidence.initiatives)),
        Heading("Kết quả thực hiện kế hoạch cải cách hành chính", level=2),
        BulletList(_evidence_lines(evidence.plans)),
        Heading(
            "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"
            if person is not None
            else "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"
        ),
        Heading("1. Danh hiệu thi đua", level=2),
        Paragraph(TO_FILL),
        Heading("2. Hình thức khen thưởng", level=2),
        Paragraph(TO_FILL),
    ]
    subject = "cá nhân" if nomination.person_id else "tập thể"
    spec = kinds.report(
        issuer=issuer_of(unit),
        title=f"Thành tích đề nghị tặng {forms} {occasion(dossier)} của {subject} {nomination.name}",
        blocks=blocks,
        signer=signer_of(unit),
        place=(unit.short_name or unit.name) if unit.kind in LEVEL_KINDS else "",
        issued_on=dates.today(),
    )
    return word.render(spec)


def dossier_documents(dossier: Dossier) -> Iterator[tuple[str, Nomination | None, str, bytes]]:
    """Every generated file of a dossier: (kind, nomination, file name, bytes)."""
    nominations = list(
        dossier.nominations.select_related("unit", "person", "person__unit").order_by("order", "id")
    )
    yield (
        AttachmentKind.SUBMISSION,
        None,
        _filename("to-trinh", dossier),
        submission_docx(dossier, nominations),
    )
    for evidence in selectors.evidence_for(nominations=nominations, dossier=dossier):
        n = evidence.nomination
        yield (
            AttachmentKind.ACHIEVEMENT,
            n,
            _filename("bao-cao-thanh-tich", dossier, n.name),
            achievement_docx(dossier, n, evidence),
        )
