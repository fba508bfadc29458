"""python manage.py run_scheduler [--once] [--now "dd/mm/yyyy HH:MM"] [--interval 60]

The scheduler process started by `./scripts/run` beside the web server: every minute (and at start-up) it runs the
daily jobs whose time has come and that have not run that day, and e-mails the new notifications. It stops
cleanly on SIGTERM or SIGINT. `--once` runs one tick and exits (for a check, or a cron line if one prefers it).
"""

import signal
import threading
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from cchc.core import dates
from cchc.notifications import schedule


def _parse_now(text: str) -> datetime:
    try:
        naive = datetime.strptime(text.strip(), "%d/%m/%Y %H:%M")
    except ValueError:
        raise CommandError(f"Thời điểm “{text}” không hợp lệ: nhập dd/mm/yyyy HH:MM.") from None
    return timezone.make_aware(naive)


class Command(BaseCommand):
    help = "Chạy các việc định kỳ hằng ngày (nhắc việc, gửi thư thông báo) trong khi hệ thống chạy."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="chạy một lần rồi dừng")
        parser.add_argument(
            "--now", help="thời điểm giả định cho --once, dd/mm/yyyy HH:MM (mặc định: bây giờ)"
        )
        parser.add_argument(
            "--interval", type=int, default=60, help="số giây giữa hai lần kiểm tra (mặc định 60)"
        )

    def handle(self, *args, **options):
        if options["interval"] < 1:
            raise CommandError("Số giây giữa hai lần kiểm tra phải từ 1 trở lên.")
        if options["now"] and not options["once"]:
            raise CommandError("--now chỉ dùng cùng --once.")
        now = _parse_now(options["now"]) if options["now"] else None
        jobs = schedule.registered()
        listed = "; ".join(f"{j.label} lúc {j.at_text}" for j in jobs) or "chưa có việc nào"
        self.stdout.write(f"Bộ lập lịch: {listed}.")
        if options["once"]:
            try:
                self._report(schedule.tick(now=now))
            except Exception as exc:
                raise CommandError(f"Bộ lập lịch gặp lỗi: {exc}") from exc
            return
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write("Bộ lập lịch đang chạy (dừng: Ctrl+C).")
        self.stdout.flush()
        interval = options["interval"]
        while not stop.is_set():
            # A long-running process drops broken or expired database connections around each tick, as a
            # request does.
            close_old_connections()
            try:
                self._report(schedule.tick())
            except (
                Exception
            ) as exc:  # the database is unreachable: say so and try again at the next tick
                self.stderr.write(f"Bộ lập lịch gặp lỗi, sẽ thử lại: {exc}")
            finally:
                close_old_connections()
            # Wake at the start of the next interval, so that a 06:00 job starts at 06:00.
            stop.wait(interval - (timezone.now().timestamp() % interval))
        self.stdout.write("Bộ lập lịch đã dừng.")

    def _report(self, result: schedule.TickResult) -> None:
        labels = {j.name: j.label for j in schedule.registered()}
        when = dates.fmt(result.now)
        for run in result.runs:
            state = "xong" if run.ok else "bị lỗi"
            summary = run.result.strip().splitlines()[-1] if run.result.strip() else ""
            line = f"[{when}] {labels.get(run.job, run.job)} ngày {dates.fmt(run.day)}: {state}"
            self.stdout.write(line + (f" – {summary}" if summary else ""))
        if result.emailed:
            self.stdout.write(f"[{when}] Đã gửi {result.emailed} thư thông báo.")
        self.stdout.flush()
