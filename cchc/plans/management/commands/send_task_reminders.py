"""python manage.py send_task_reminders [--today dd/mm/yyyy] [--days N]

Creates the reminders due today (tasks due within N days, tasks overdue, continuous tasks whose last period ended
without a report) and e-mails each officer their new ones. Running it twice the same day sends nothing new. The
scheduler (`manage.py run_scheduler`, started by `./scripts/run`) does the same every morning by itself; this
command is for a day chosen by hand.
"""

from django.core.management.base import BaseCommand, CommandError

from cchc.core import dates
from cchc.plans.tracking import reminders_send, reminders_summary


class Command(BaseCommand):
    help = "Gửi nhắc việc: nhiệm vụ sắp đến hạn, đã quá hạn, đến kỳ báo cáo."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="ngày tính nhắc việc, dd/mm/yyyy (mặc định: hôm nay)")
        parser.add_argument(
            "--days", type=int, default=7, help="nhắc trước hạn bao nhiêu ngày (mặc định 7)"
        )

    def handle(self, *args, **options):
        today = dates.today()
        if options["today"]:
            today = dates.parse(options["today"])
            if today is None:
                raise CommandError(f"Ngày “{options['today']}” không hợp lệ: nhập dd/mm/yyyy.")
        if options["days"] < 0:
            raise CommandError("Số ngày nhắc trước hạn phải từ 0 trở lên.")
        counts = reminders_send(today=today, days_ahead=options["days"])
        self.stdout.write(f"Nhắc việc ngày {dates.fmt(today)} (nhắc trước {options['days']} ngày):")
        for line in reminders_summary(counts):
            self.stdout.write(f"  {line}")
