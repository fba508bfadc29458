"""Compute (and optionally publish) the PAR Index results of a year: a thin command over the services."""

from django.core.management.base import BaseCommand, CommandError

from cchc.core.errors import DomainError
from cchc.core.scope import SYSTEM
from cchc.par import result_services, round_services
from cchc.par.models import Round


class Command(BaseCommand):
    help = "Tính kết quả Chỉ số CCHC của một năm (chỉ các hồ sơ đã chốt thẩm định); --cong-bo để công bố."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument(
            "--organiser", default="HP", help="Mã đơn vị tổ chức đợt đánh giá (mặc định HP)"
        )
        parser.add_argument(
            "--cong-bo", action="store_true", dest="publish", help="Công bố kết quả"
        )

    def handle(self, *args, year, organiser, publish, **options):
        round_ = Round.objects.filter(year=year, organiser__code=organiser).first()
        if round_ is None:
            raise CommandError(f"Không có đợt đánh giá năm {year} của đơn vị {organiser}.")
        try:
            if publish:
                count = round_services.round_publish(actor=SYSTEM, round_=round_)
            else:
                count = result_services.results_compute(actor=SYSTEM, round_=round_)
        except DomainError as exc:
            raise CommandError(exc.message)
        what = "công bố" if publish else "tính (chưa công bố)"
        self.stdout.write(self.style.SUCCESS(f"Đã {what} kết quả năm {year} của {count} đơn vị."))
