"""python manage.py backup --to FILE: the database, the uploaded files and a manifest in one tar.gz archive."""

from datetime import datetime
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from cchc.core import backup
from cchc.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (SQLite hoặc PostgreSQL), các tệp đính kèm và manifest.json "
        "vào một tệp .tar.gz; chạy được khi hệ thống đang hoạt động."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", required=True, help="Tệp sao lưu sẽ ghi, ví dụ cchc-2026-06-15.tar.gz"
        )

    def handle(self, *args, **options):
        target = Path(options["to"]).expanduser()
        try:
            manifest = backup.backup(to=target, connection=connection, storage=default_storage)
        except DomainError as exc:
            raise CommandError(exc.message)
        media = [n for n in manifest["files"] if n.startswith(backup.MEDIA)]
        when = timezone.localtime(datetime.fromisoformat(manifest["created_at"]))
        self.stdout.write(
            f"Đã sao lưu vào {target} lúc {when:%d/%m/%Y %H:%M}: cơ sở dữ liệu "
            f"{backup.ENGINE_LABELS[manifest['database']['engine']]} ({len(manifest['tables'])} bảng, "
            f"{sum(manifest['tables'].values())} dòng) và {len(media)} tệp đính kèm; "
            f"{target.stat().st_size / 1_048_576:.1f} MB."
        )
