"""python manage.py restore FILE [--force]: put a backup back into an empty data directory or database."""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.utils import timezone

from cchc.core import backup
from cchc.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (.tar.gz của lệnh backup) vào thư mục dữ liệu hoặc cơ sở dữ liệu "
        "trống, rồi đối chiếu số dòng của mọi bảng và mã SHA-256 của mọi tệp với manifest.json."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Xóa dữ liệu hiện có (cơ sở dữ liệu và tệp đính kèm) rồi khôi phục đè lên",
        )

    def handle(self, *args, **options):
        try:
            done = backup.restore(
                archive=Path(options["file"]).expanduser(),
                database=connection.settings_dict,
                storage=default_storage,
                force=options["force"],
                before_write=connections.close_all,
            )
        except DomainError as exc:
            raise CommandError(exc.message)
        when = timezone.localtime(done.created_at)
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {when:%d/%m/%Y %H:%M} (Django "
            f"{done.manifest['django_version']}): cơ sở dữ liệu {backup.ENGINE_LABELS[done.engine]} "
            f"gồm {len(done.tables)} bảng, {done.rows} dòng, và {len(done.files)} tệp đính kèm.\n"
            "Đã kiểm tra: số dòng của mọi bảng và mã SHA-256 của mọi tệp khớp với manifest.json."
        )
        self.stdout.write("Tiếp theo: chạy “manage.py migrate” nếu phiên bản mới hơn bản sao lưu.")
