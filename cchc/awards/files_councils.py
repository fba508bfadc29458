"""The two records of a council meeting as Nghị định 30/2020 `.docx` (through `cchc.documents`): the ballot count
record (biên bản kiểm phiếu) and the minutes (biên bản họp). When the meeting closes they are registered as
documents of the level (`Meeting.tally_record`, `Meeting.minutes`) and attached to every dossier considered, as
the dossier's minutes (Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7: the council's minutes are part of the dossier).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from cchc.awards import selectors_councils as selectors
from cchc.awards.choices import AttachmentKind, BallotKind, CouncilRole
from cchc.awards.models import DossierFile, Meeting
from cchc.awards.rules import voting
from cchc.core import audit
from cchc.core.attachments import attach
from cchc.documents import kinds, word
from cchc.documents.spec import Block, Cell, Issuer, Paragraph, Participant, Run, Signer, Table
from cchc.registry.choices import DocType
from cchc.registry.services import document_attach, document_register

OUTCOME_LABELS = {
    voting.PASSED: "Đề nghị khen thưởng",
    voting.LOWERED: "Đề nghị hình thức thấp hơn",
    voting.FAILED: "Không đề nghị",
}


def _issuer(meeting: Meeting) -> Issuer:
    unit = meeting.council.unit
    return Issuer(
        name=meeting.council.name,
        parent=f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}"
        if unit.kind in ("ward", "commune", "city")
        else unit.name,
        code="HĐTĐKT",
    )


def _moment(meeting: Meeting, time: Any) -> datetime | None:
    return datetime.combine(meeting.held_on, time) if time else None


def _people(meeting: Meeting) -> tuple[list[str], list[str], Participant, Participant]:
    present, absent = [], []
    chair = secretary = None
    for a in selectors.meeting_attendance(meeting=meeting):
        m = a.member
        line = f"{m.name} - {m.position + ', ' if m.position else ''}{m.get_role_display()}"
        if a.present:
            present.append(line)
            if m.role == CouncilRole.CHAIR and chair is None:
                chair = Participant(m.name, f"{m.position}, Chủ tịch Hội đồng".lstrip(", "))
            if m.role == CouncilRole.SECRETARY and secretary is None:
                secretary = Participant(m.name, "Ủy viên, Thư ký Hội đồng")
        else:
            note = " (có ý kiến bằng văn bản)" if a.written_opinion.strip() else ""
            absent.append(line + note)
    chair = chair or Participant("", "Chủ tịch Hội đồng")
    secretary = secretary or Participant("", "Thư ký Hội đồng")
    return present, absent, chair, secretary


def _round(meeting: Meeting) -> str:
    what = f"“{meeting.programme.name}”" if meeting.programme else "các chương trình khen thưởng"
    return f"{what} năm {meeting.year or meeting.held_on.year}"


def _results_table(results: list[selectors.ItemResult]) -> Table:
    rows: list[list[Cell]] = []
    for i, r in enumerate(results, start=1):
        n = r.item.nomination
        outcome = OUTCOME_LABELS[r.outcome.outcome]
        if r.outcome.outcome == voting.LOWERED:
            outcome += f": {selectors.form_name(r.outcome.result_form)}"
        rows.append(
            [
                i,
                f"{n.name} ({n.dossier.proposing_unit.name})",
                selectors.form_name(n.form),
                f"{r.agree}/{r.outcome.threshold.denominator}",
                r.disagree,
                r.lower,
                r.abstain,
                outcome,
            ]
        )
    return Table(
        headers=[
            "TT",
            "Tập thể, cá nhân (đơn vị đề nghị)",
            "Hình thức đề nghị",
            "Đồng ý",
            "Không đồng ý",
            "Thấp hơn",
            "Không biểu quyết",
            "Kết quả",
        ],
        rows=rows,
        widths=[9, 42, 34, 17, 22, 18, 22, 36],
        size=11,
    )


def tally_spec(meeting: Meeting) -> Any:
    """The ballot count record: members in all, present, ballots issued, returned, valid and invalid, then the
    votes per nominee from the highest number of agree votes down."""
    results = selectors.meeting_results(meeting=meeting)
    members, present, written = selectors.meeting_figures(meeting=meeting)
    issued = max((r.item.tally.issued for r in results), default=0)
    returned = max((r.item.tally.returned for r in results), default=0)
    invalid = max((r.item.tally.invalid for r in results), default=0)
    present_lines, _, chair, secretary = _people(meeting)
    ballot = "bỏ phiếu kín" if meeting.ballot == BallotKind.SECRET else "biểu quyết công khai"
    content: list[Block] = [
        Paragraph(
            f"Hội đồng tiến hành {ballot} xét đề nghị khen thưởng {_round(meeting)}. Kết quả kiểm phiếu:"
        ),
        Paragraph([Run("Tổng số thành viên Hội đồng: ", bold=True), Run(f"{members}.")]),
        Paragraph(
            [
                Run("Số thành viên có mặt: ", bold=True),
                Run(
                    f"{present}"
                    + (
                        f"; ý kiến bằng văn bản của thành viên vắng mặt: {written}"
                        if written
                        else ""
                    )
                    + "."
                ),
            ]
        ),
        Paragraph([Run("Số phiếu phát ra: ", bold=True), Run(f"{issued}.")]),
        Paragraph([Run("Số phiếu thu về: ", bold=True), Run(f"{returned}.")]),
        Paragraph([Run("Số phiếu hợp lệ: ", bold=True), Run(f"{returned - invalid}.")]),
        Paragraph([Run("Số phiếu không hợp lệ: ", bold=True), Run(f"{invalid}.")]),
        Paragraph(
            "Số phiếu của từng tập thể, cá nhân (xếp theo số phiếu đồng ý từ cao xuống thấp):"
        ),
        _results_table(results),
    ]
    return kinds.minutes(
        issuer=_issuer(meeting),
        title=f"Kiểm phiếu xét đề nghị khen thưởng {_round(meeting)}",
        started_at=_moment(meeting, meeting.starts_at),
        ended_at=_moment(meeting, meeting.ends_at),
        venue=meeting.place or meeting.council.unit.name,
        attendees=present_lines or ["(chưa ghi)"],
        chair=chair,
        secretary=secretary,
        content=content,
        signers=[
            Signer(position="Thư ký Hội đồng", name=secretary.name),
            Signer(position="Chủ tịch Hội đồng", name=chair.name),
        ],
    )


def minutes_spec(meeting: Meeting) -> Any:
    """The minutes: who attended, the quorum with its figures, the rules applied, each nominee's result with
    the sentence that explains it, and the conclusion."""
    results = selectors.meeting_results(meeting=meeting)
    rules = selectors.meeting_rules(meeting=meeting)
    members, present, written = selectors.meeting_figures(meeting=meeting)
    q = voting.quorum(rules, members=members, present=present, written=written)
    present_lines, absent_lines, chair, secretary = _people(meeting)
    by_outcome: dict[str, list[str]] = {voting.PASSED: [], voting.LOWERED: [], voting.FAILED: []}
    for r in results:
        n = r.item.nomination
        form = selectors.form_name(r.outcome.result_form or n.form)
        by_outcome[r.outcome.outcome].append(f"{n.name} ({form})")
    opinions = [
        f"{a.member.name}: {a.written_opinion.strip().rstrip('.')}"
        for a in selectors.meeting_attendance(meeting=meeting)
        if not a.present and a.written_opinion.strip()
    ]
    content: list[Block] = [
        Paragraph(f"Hội đồng họp xét đề nghị khen thưởng {_round(meeting)}."),
        Paragraph(f"{q.message} Căn cứ: {rules.get('source', '')}."),
    ]
    if opinions:
        content.append(
            Paragraph("Ý kiến bằng văn bản của thành viên vắng mặt: " + "; ".join(opinions) + ".")
        )
    content.append(Paragraph("Kết quả biểu quyết của từng tập thể, cá nhân:"))
    content.append(_results_table(results))
    content += [
        Paragraph([Run(f"{r.item.nomination.name}: ", bold=True), Run(r.outcome.message)])
        for r in results
    ]
    content.append(Paragraph([Run("Kết luận: ", bold=True)]))
    for key, label in (
        (voting.PASSED, "Đề nghị khen thưởng"),
        (voting.LOWERED, "Đề nghị khen thưởng ở hình thức thấp hơn"),
        (voting.FAILED, "Không đề nghị khen thưởng"),
    ):
        if by_outcome[key]:
            content.append(Paragraph(f"{label}: " + "; ".join(by_outcome[key]) + "."))
    return kinds.minutes(
        issuer=_issuer(meeting),
        title=f"Họp Hội đồng Thi đua - Khen thưởng xét đề nghị khen thưởng {_round(meeting)}",
        started_at=_moment(meeting, meeting.starts_at),
        ended_at=_moment(meeting, meeting.ends_at),
        venue=meeting.place or meeting.council.unit.name,
        attendees=present_lines or ["(chưa ghi)"],
        absent=absent_lines,
        chair=chair,
        secretary=secretary,
        content=content,
    )


def tally_docx(meeting: Meeting) -> bytes:
    return word.render(tally_spec(meeting))


def minutes_docx(meeting: Meeting) -> bytes:
    return word.render(minutes_spec(meeting))


@transaction.atomic
def records_generate(*, actor: Any, meeting: Meeting) -> Meeting:
    """Generate both records, register them as documents of the level and attach them to each dossier."""
    unit = meeting.council.unit
    made = {}
    for field, kind_title, render, slug in (
        ("tally_record", "Biên bản kiểm phiếu", tally_docx, "bien-ban-kiem-phieu"),
        ("minutes", "Biên bản họp", minutes_docx, "bien-ban-hop"),
    ):
        data = render(meeting)
        filename = f"{slug}-{meeting.pk}.docx"
        doc = getattr(meeting, field)
        if doc is None:
            doc = document_register(
                actor=actor,
                title=f"{kind_title} {meeting.council.name} xét đề nghị khen thưởng {_round(meeting)}",
                doc_type=DocType.BB,
                issuer=meeting.council.name,
                issued_on=meeting.held_on,
                org_unit=unit,
                issuer_unit=unit,
            )
            setattr(meeting, field, doc)
        document_attach(actor=actor, document=doc, uploaded_file=ContentFile(data, name=filename))
        made[field] = (data, filename)
    meeting.save(update_fields=["minutes", "tally_record"])
    dossiers = {i.nomination.dossier for i in meeting.items.select_related("nomination__dossier")}
    for dossier in dossiers:
        for data, filename in made.values():
            attach(
                DossierFile(dossier=dossier, kind=AttachmentKind.MINUTES, generated=True),
                ContentFile(data, name=filename),
                actor=actor,
            )
    audit.record(
        actor=actor,
        action="award_meeting.records",
        obj=meeting,
        after={
            "minutes": meeting.minutes_id,
            "tally_record": meeting.tally_record_id,
            "dossiers": sorted(d.pk for d in dossiers),
        },
        unit_path=unit.path,
    )
    return meeting
