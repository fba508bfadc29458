"""python manage.py import_movement FILE --unit <unit id> [--dry-run] [--format json|text] [--user NAME]

Imports the movement a plan launches (.docx, .html, .txt) for the level `--unit`: prints what the preview read and
matched (name, period, standing agency, report rule as written and as read, parent movement, participants, what
needs checking); without --dry-run saves it through the same service as the page (as --user, by default the
first active administrator). Exit status 1 when the file cannot be imported.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cchc.core.errors import DomainError
from cchc.emulation import services
from cchc.emulation.import_preview import movement_import_preview
from cchc.orgs.models import Unit


class Command(BaseCommand):
    help = "Nhập phong trào thi đua từ kế hoạch phát động (.docx, .html, .txt) cho một cấp."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", type=int, required=True, help="id của cấp phát động")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và in, không lưu")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--user", default="", help="tài khoản thực hiện (mặc định: quản trị hệ thống)"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp “{path}”.")
        unit = Unit.objects.filter(pk=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị id {options['unit']}.")
        users = get_user_model().objects.filter(is_active=True)
        user = (
            users.filter(username=options["user"]).first()
            if options["user"]
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if user is None:
            raise CommandError("Không tìm thấy tài khoản thực hiện (--user).")
        data = path.read_bytes()
        try:
            preview = movement_import_preview(actor=user, unit=unit, filename=path.name, data=data)
            movement = None
            if not options["dry_run"]:
                movement = services.movement_import_confirm(
                    actor=user, unit=unit, filename=path.name, data=data, preview=preview
                )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        result = preview.as_dict()
        result["saved_movement_id"] = movement.pk if movement else None
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        due = result["report_due"]
        lines = [
            f"Phong trào: {result['name']}",
            f"Giai đoạn: {result['period']}",
            f"Cơ quan thường trực: {result['standing_agency']['unit'] or '—'}"
            f" ({result['standing_agency']['note']})",
            f"Hạn báo cáo: “{due['text']}” → ngày {due['day'] or '—'}, tháng {due['month'] or '—'}",
            f"Phong trào cấp trên: {result['parent']['note']}",
            f"Đơn vị tham gia: {len(result['participants'])}",
            f"Nội dung: {len(result['contents'])}",
            *(f"Cần kiểm tra: {c}" for c in result["checks"]),
            f"Đã lưu phong trào id {movement.pk}." if movement else "Chưa lưu (--dry-run).",
        ]
        self.stdout.write("\n".join(lines))
