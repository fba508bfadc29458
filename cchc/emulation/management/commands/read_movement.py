"""Read an emulation movement from the plan that launches it: `python manage.py read_movement FILE --format json`."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.core import dates
from cchc.emulation.reading import MovementProposal, read_movement
from cchc.registry import textract

REVIEW_LABELS = {"mid_term": "Sơ kết", "final": "Tổng kết"}
PARTICIPANT_LABELS = {"bloc": "khối", "office": "đơn vị", "group": "đối tượng"}


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # reads a file only; no database or URL checks needed
    help = (
        "Đọc phong trào thi đua từ kế hoạch phát động: tên, giai đoạn, nội dung, cơ quan thường trực, "
        "hạn báo cáo, sơ kết, tổng kết, đối tượng, phong trào cấp trên, sáng kiến (.docx, .txt, .html)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp kế hoạch; '-' để đọc từ đầu vào chuẩn")
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="Định dạng kết quả"
        )

    def handle(self, *args, **options):
        name = options["file"]
        if name == "-":
            data, name = sys.stdin.buffer.read(), "stdin.txt"
        else:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Không tìm thấy tệp “{name}”.")
            data = path.read_bytes()
        try:
            text = textract.document_text(name, data)
        except textract.TextractError as exc:
            raise CommandError(exc.message)
        proposal = read_movement(text)
        if options["format"] == "json":
            self.stdout.write(json.dumps(proposal.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(proposal))


def as_text(p: MovementProposal) -> str:
    """The proposal for a person reading a terminal, in Vietnamese."""
    doc = p.document
    lines = [
        f"Văn bản: {doc.number or '(không có số)'} – {dates.fmt(doc.date) or '(không có ngày)'} – "
        f"{doc.issuer or '(không rõ cơ quan ban hành)'}",
        f"Tên phong trào: {p.name.value if p.name else '(không đọc được)'}",
    ]
    if p.period:
        span = (
            str(p.period.start)
            if p.period.start == p.period.end
            else f"{p.period.start} - {p.period.end}"
        )
        lines.append(f"Giai đoạn: {span}")
    lines.append(f"Nội dung thi đua ({len(p.contents)}):")
    for i, item in enumerate(p.contents, start=1):
        lines.append(f"  {item.number or i}. {item.text} [{item.clause}]")
    if p.standing_agency:
        office = f" (qua {p.standing_agency.office})" if p.standing_agency.office else ""
        lines.append(
            f"Cơ quan thường trực: {p.standing_agency.name}{office} [{p.standing_agency.clause}]"
        )
    if p.report_due:
        r = p.report_due
        to = f" về {r.to}" + (f" (qua {r.through})" if r.through else "") if r.to else ""
        lines.append(f"Hạn báo cáo: {r.label}{to} – “{r.text}” [{r.clause}]")
    for r in p.dossier_dues:
        lines.append(
            f"Hạn gửi hồ sơ khen thưởng: {r.label} về {r.to or '(không ghi)'} [{r.clause}]"
        )
    for review in p.reviews:
        when = review.when or "không ghi thời điểm"
        lines.append(f"{REVIEW_LABELS[review.kind]}: {when} [{review.clause}]")
    if p.participants:
        lines.append("Tham gia:")
        lines.extend(
            f"  - {x.name} ({PARTICIPANT_LABELS.get(x.kind, x.kind)})" for x in p.participants
        )
    if p.parent:
        lines.append(f"Phong trào cấp trên: {p.parent.number} ({p.parent.issuer or 'không rõ'})")
    if p.initiatives:
        lines.append("Yêu cầu về sáng kiến:")
        lines.extend(f"  - {i.text} [{i.clause}]" for i in p.initiatives)
    if p.not_read:
        lines.append("Chưa đọc được / cần kiểm tra:")
        lines.extend(f"  - {n.reason}" for n in p.not_read)
    return "\n".join(lines)
