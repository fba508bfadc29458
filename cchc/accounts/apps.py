from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cchc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up).
    audit_actions = {
        "grant.add": "Phân quyền cho tài khoản",
        "grant.remove": "Thu hồi quyền của tài khoản",
        "user.create": "Tạo tài khoản",
    }
