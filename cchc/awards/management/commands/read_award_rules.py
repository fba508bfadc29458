"""Read the award section of an emulation plan and print the proposed rule file:
`python manage.py read_award_rules FILE [--format json|yaml] [--issuer-unit CODE]`."""

import json
import sys
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from cchc.awards import reader
from cchc.registry import textract


class Command(BaseCommand):
    help = (
        "Đọc phần khen thưởng của kế hoạch thi đua (.docx, .txt, '-' cho đầu vào chuẩn) và đề xuất "
        "chương trình, tiêu chuẩn, số lượng, hạn nộp; câu không đọc được nằm ở 'not_read'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp văn bản; '-' để đọc từ đầu vào chuẩn")
        parser.add_argument("--format", choices=["json", "yaml"], default="json")
        parser.add_argument(
            "--issuer-unit", help="Mã đơn vị ban hành (khi phần đầu văn bản không ghi rõ cấp)"
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
        issuer_kind = issuer_name = None
        if options.get("issuer_unit"):
            from cchc.orgs.models import Unit

            unit = Unit.objects.filter(code=options["issuer_unit"]).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã “{options['issuer_unit']}”.")
            issuer_kind, issuer_name = unit.kind, f"Ủy ban nhân dân {unit.name}"
        try:
            proposal = reader.read_file(
                name, data, issuer_kind=issuer_kind, issuer_name=issuer_name
            )
        except textract.TextractError as exc:
            raise CommandError(exc.message) from None
        if options["format"] == "yaml":
            text = yaml.safe_dump(proposal, allow_unicode=True, sort_keys=False, width=110)
        else:
            text = json.dumps(proposal, ensure_ascii=False, indent=2)
        self.stdout.write(text)
        if not proposal["programmes"]:
            why = [n["reason"] for n in proposal["not_read"] if n["source"] != "phần đầu văn bản"]
            self.stderr.write(why[0] if why else reader.NO_SECTION)
