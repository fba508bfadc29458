"""Read the header of a document file and print it: `python manage.py read_document FILE --format json`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.core import dates
from cchc.registry import reader, textract
from cchc.registry.choices import DocType


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # reads a file only; no database or URL checks needed
    help = "Đọc số, ký hiệu, loại, ngày, cơ quan ban hành, trích yếu và căn cứ của một văn bản (.docx, .txt, .html)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp văn bản; '-' để đọc từ đầu vào chuẩn")
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="Định dạng kết quả"
        )

    def handle(self, *args, **options):
        name = options["file"]
        if name == "-":
            import sys

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
        header = reader.read_header(text)
        if options["format"] == "json":
            self.stdout.write(json.dumps(header.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(header))


def as_text(header: reader.DocumentHeader) -> str:
    """The header for a person reading a terminal, in Vietnamese."""
    type_label = (
        DocType(header.doc_type).label if header.doc_type in DocType.values else header.doc_type
    )
    number = header.number or (f"(chưa có số) …/{header.symbol}" if header.symbol else "(không có)")
    period = ""
    if header.period_start:
        period = (
            str(header.period_start)
            if header.period_start == header.period_end
            else f"{header.period_start} - {header.period_end}"
        )
    rows = [
        ("Số, ký hiệu", number),
        ("Loại văn bản", type_label),
        ("Ngày ban hành", dates.fmt(header.date, precision=header.date_precision) or "(không có)"),
        ("Địa danh", header.place),
        ("Cơ quan ban hành", header.issuer or "(không đọc được)"),
        ("Trích yếu", header.title or "(không đọc được)"),
        ("Người ký", " – ".join(p for p in (header.signer_title, header.signer) if p)),
        ("Giai đoạn", period),
    ]
    if header.attached_title:
        rows.append(("Văn bản kèm theo", header.attached_title))
    lines = [f"{label}: {value}" for label, value in rows if value]
    lines.append(f"Căn cứ ({len(header.bases)}):")
    for i, b in enumerate(header.bases, start=1):
        parts = [
            b.number or "(không số)",
            DocType(b.doc_type).label if b.doc_type in DocType.values else "",
        ]
        if b.date:
            parts.append(dates.fmt(b.date))
        if b.issuer:
            parts.append(b.issuer)
        parts.append(b.title)
        lines.append(f"  {i}. [{b.verb}] " + " | ".join(p for p in parts if p))
    if header.warnings:
        lines.append("Cần kiểm tra:")
        lines.extend(f"  - {w}" for w in header.warnings)
    return "\n".join(lines)
