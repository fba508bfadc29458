"""Load the demo city when the database is empty (idempotent: does nothing otherwise), built for one day.

`load_demo` builds it for the default demo day (`cchc.demo.day.DEMO_DAY`); `load_demo --day dd/mm/yyyy` for another
day. The day is recorded (`DemoState`): `./scripts/run` serves the demo with that day as today and the pages show it
in a banner. Nothing in the demo is dated after its day.
"""

import importlib

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cchc.core import dates
from cchc.demo.clock import on_day, settle_installed_rows
from cchc.demo.day import DEMO_DAY
from cchc.demo.models import DemoState
from cchc.orgs.models import Unit


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (thành phố Hải Phòng) cho một ngày khi cơ sở dữ liệu còn trống."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument(
            "--day",
            default="",
            help=f"ngày của dữ liệu mẫu, dd/mm/yyyy (mặc định {DEMO_DAY:%d/%m/%Y})",
        )

    def handle(self, *args, quiet=False, day="", **options):
        chosen = dates.parse(day) if day else DEMO_DAY
        if chosen is None:
            raise CommandError(f"Ngày “{day}” không hợp lệ: nhập dd/mm/yyyy.")
        if Unit.objects.exists():
            if not quiet:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu.")
            return
        layers = importlib.import_module("cchc.demo.layers")
        with transaction.atomic(), on_day(chosen):
            settle_installed_rows(chosen)
            ctx = layers.run(day=chosen, log=(lambda m: None) if quiet else self.stdout.write)
            importlib.import_module("cchc.demo.initiatives").load(ctx)
            DemoState.objects.create(day=chosen)
        if not quiet:
            self.stdout.write(
                self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ngày {chosen:%d/%m/%Y}: {ctx['summary']}")
            )
