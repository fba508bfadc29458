from django.apps import AppConfig
from django.db.models.signals import post_migrate

from cchc.accounts.actions import LABELS


def _create_cache_table(sender, using="default", **kwargs):
    """The database cache (login failure counters without Redis) needs its table; `migrate` makes it."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "cchc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up).
    audit_actions = {
        "grant.add": "Phân quyền cho tài khoản",
        "grant.remove": "Thu hồi quyền của tài khoản",
        "user.create": "Tạo tài khoản",
        **LABELS,
    }

    def ready(self):
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="cchc-cache-table")
