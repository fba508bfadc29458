"""python manage.py import_plan FILE --unit <unit id> [--dry-run] [--format json|text] [--year N] [--replace]
    [--accept-issuer]

Reads a CCHC plan (.docx, .xlsx, .txt) for a unit and prints what was read: the document header, the areas,
every task with its offices matched to units, its deadline as written and as read, its product and warnings,
and the errors. Without --dry-run the plan is saved (as --user, by default the first active administrator).
When the document was issued for another level than the unit, the warning is printed (and is
`issuer_warning` in JSON) and saving needs --accept-issuer. Exit status 1 when the file cannot be imported.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cchc.core.dates import fmt
from cchc.core.errors import DomainError
from cchc.orgs.models import Unit
from cchc.plans.import_preview import plan_import_preview
from cchc.plans.plan_services import plan_import_confirm


def _offices(items: list[dict]) -> str:
    parts = []
    for o in items:
        if o["unit"]:
            parts.append(o["unit"])
        elif o["is_group"]:
            parts.append(f"{o['text']} (nhóm)")
        else:
            parts.append(f"{o['text']} (CHƯA KHỚP)")
    return "; ".join(parts) or "—"


class Command(BaseCommand):
    help = "Nhập kế hoạch CCHC từ tệp .docx, .xlsx hoặc .txt cho một đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--unit", type=int, required=True, help="id của đơn vị (phường, xã, thành phố)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ đọc và in kết quả, không lưu"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--year", type=int, default=None, help="năm của kế hoạch khi văn bản không ghi"
        )
        parser.add_argument(
            "--accept-issuer",
            action="store_true",
            help="vẫn nhập khi văn bản do đơn vị khác ban hành",
        )
        parser.add_argument(
            "--replace", action="store_true", help="thay kế hoạch cùng năm chưa có tiến độ"
        )
        parser.add_argument(
            "--user", default="", help="tài khoản thực hiện (mặc định: quản trị hệ thống)"
        )

    def _actor(self, username: str):
        users = get_user_model().objects.filter(is_active=True)
        actor = users.filter(username=username).first() if username else None
        if username and actor is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        actor = actor or users.filter(is_superuser=True).order_by("pk").first()
        if actor is None:
            raise CommandError("Chưa có tài khoản quản trị nào: hãy dùng --user.")
        return actor

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        unit = Unit.objects.filter(pk=opts["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị có id {opts['unit']}.")
        actor = self._actor(opts["user"])
        data = path.read_bytes()
        as_json = opts["format"] == "json"
        result: dict = {
            "document": None,
            "areas": [],
            "tasks": [],
            "targets": [],
            "warnings": [],
            "errors": [],
        }
        saved = None
        try:
            preview = plan_import_preview(
                actor=actor, unit=unit, filename=path.name, data=data, year=opts["year"]
            )
            result = preview.as_dict()
            if not opts["dry_run"] and preview.ok:
                saved = plan_import_confirm(
                    actor=actor,
                    unit=unit,
                    filename=path.name,
                    data=data,
                    replace=opts["replace"],
                    accept_issuer=opts["accept_issuer"],
                    preview=preview,
                )
        except DomainError as exc:
            result["errors"] = [*result.get("errors", []), exc.message]
        result["saved"] = (
            {
                "plan_id": saved.pk,
                "title": saved.title,
                "tasks": saved.tasks.count(),
                "document_id": saved.document_id,
            }
            if saved
            else None
        )
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        else:
            self._print_text(result, dry_run=opts["dry_run"])
        if result["errors"]:
            raise SystemExit(1)

    def _print_text(self, r: dict, *, dry_run: bool) -> None:
        out = self.stdout.write
        doc = r.get("document") or {}
        if doc:
            out(
                f"Văn bản: {doc.get('type') or ''} số {doc.get('number') or '(chưa có số)'}, ngày {doc.get('date') or '—'}"
            )
            out(f"Cơ quan ban hành: {doc.get('issuer') or '—'}")
            out(f"Trích yếu: {doc.get('title') or '—'}")
            for b in doc.get("bases", []):
                out(f"  Căn cứ: {b.get('number') or ''} {b.get('title') or ''}".rstrip())
        if r.get("title"):
            out(f"Kế hoạch: {r['title']} (năm {r.get('year')})")
        for area in r.get("areas", []):
            out(f"\n{area['code']}. {area['title']}")
            for t in (t for t in r["tasks"] if t["area"] == area["code"]):
                self._print_task(t)
        for t in (t for t in r.get("tasks", []) if not t["area"]):
            self._print_task(t)
        if r.get("targets"):
            out("\nChỉ tiêu đề xuất:")
            for t in r["targets"]:
                value = f" {t['value']:g}{t['value_unit']}" if t["value"] is not None else ""
                out(f"  {t['code']}) [{t['comparator']}{value}] {t['text'][:100]}")
        if r.get("issuer_warning"):
            out(self.style.WARNING(f"Cảnh báo: {r['issuer_warning']}"))
        for w in r.get("warnings", []):
            out(self.style.WARNING(f"Cảnh báo: {w}"))
        for e in r.get("errors", []):
            out(self.style.ERROR(f"Lỗi: {e}"))
        counts = r.get("counts")
        if counts:
            out(
                f"\n{counts['tasks']} nhiệm vụ trong {counts['areas']} lĩnh vực; {counts['offices_matched']} cơ quan đã "
                f"khớp, {counts['offices_groups']} nhóm, {counts['offices_unmatched']} chưa khớp; "
                f"{counts['deadlines_unknown']} thời hạn chưa đọc được; {counts['targets']} chỉ tiêu."
            )
        if r.get("saved"):
            s = r["saved"]
            out(
                self.style.SUCCESS(
                    f"Đã lưu kế hoạch #{s['plan_id']} “{s['title']}” với {s['tasks']} nhiệm vụ."
                )
            )
        elif dry_run and not r.get("errors"):
            out("Chạy thử (--dry-run): chưa lưu gì.")

    def _print_task(self, t: dict) -> None:
        d = t["deadline"]
        due = fmt_iso(d.get("due"))
        self.stdout.write(
            f"  {t['no']}. {t['content'][:90]}\n"
            f"     Chủ trì: {_offices(t['lead_units'])} | Phối hợp: {_offices(t['coordinating_units'])}\n"
            f"     Thời hạn: {t['deadline_text']} → {d['kind']}{' đến ' + due if due else ''} | Sản phẩm: {t['product'][:60]}"
        )
        for w in t["warnings"]:
            self.stdout.write(self.style.WARNING(f"     ! {w}"))


def fmt_iso(value: str | None) -> str:
    if not value:
        return ""
    from datetime import date

    return fmt(date.fromisoformat(value))
