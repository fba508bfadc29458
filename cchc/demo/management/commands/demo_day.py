"""Print the day the loaded demo was built for (dd/mm/yyyy), or nothing when there is no demo."""

from django.core.management.base import BaseCommand

from cchc.demo.models import DemoState


class Command(BaseCommand):
    help = "In ngày của dữ liệu mẫu đã nạp (dd/mm/yyyy); không in gì khi chưa có dữ liệu mẫu."

    def handle(self, *args, **options):
        state = DemoState.objects.order_by("-id").first()
        if state is not None:
            self.stdout.write(f"{state.day:%d/%m/%Y}")
