"""Load the demo city when the database is empty (idempotent: does nothing otherwise)."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from cchc.orgs.models import Unit

# Layers run in order; each takes the shared context dict and may add to it.
LAYERS = ["cchc.demo.layers"]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (thành phố Hải Phòng) khi cơ sở dữ liệu còn trống."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, quiet=False, **options):
        if Unit.objects.exists():
            if not quiet:
                self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu.")
            return
        layers = importlib.import_module("cchc.demo.layers")
        with transaction.atomic():
            ctx = layers.run(log=(lambda m: None) if quiet else self.stdout.write)
            importlib.import_module("cchc.demo.initiatives").load(ctx)
        if not quiet:
            self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {ctx['summary']}"))
