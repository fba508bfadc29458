"""Import survey scores from an Excel or CSV file: a thin command over the service (all rows or none)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cchc.core.errors import DomainError
from cchc.core.scope import SYSTEM
from cchc.par import survey_services
from cchc.par.models import Round


class Command(BaseCommand):
    help = "Nhập điểm điều tra xã hội học của một năm từ tệp Excel/CSV (cột Mã đơn vị hoặc Đơn vị, S1, S2…)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file")
        parser.add_argument(
            "--organiser", default="HP", help="Mã đơn vị tổ chức đợt đánh giá (mặc định HP)"
        )

    def handle(self, *args, year, file, organiser, **options):
        round_ = Round.objects.filter(year=year, organiser__code=organiser).first()
        if round_ is None:
            raise CommandError(f"Không có đợt đánh giá năm {year} của đơn vị {organiser}.")
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Không có tệp {file}.")
        try:
            count = survey_services.survey_import(
                actor=SYSTEM, round_=round_, filename=path.name, data=path.read_bytes()
            )
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(
            self.style.SUCCESS(f"Đã nhập điểm điều tra xã hội học của {count} đơn vị.")
        )
