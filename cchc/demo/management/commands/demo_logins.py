"""Print the demo accounts with what each may do."""

from django.core.management.base import BaseCommand

from cchc.demo import DEMO_PASSWORD
from cchc.demo.accounts import ACCOUNTS


class Command(BaseCommand):
    help = "In danh sách tài khoản mẫu."

    def handle(self, *args, **options):
        rows = [("admin", "Quản trị hệ thống (toàn quyền)")] + [(a[0], a[5]) for a in ACCOUNTS]
        width = max(len(r[0]) for r in rows)
        for username, description in rows:
            self.stdout.write(f"  {username.ljust(width)}  {description}")
        self.stdout.write(f"  (mật khẩu: {DEMO_PASSWORD})")
