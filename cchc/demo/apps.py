from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "cchc.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up).
    audit_actions = {
        "demo.load": "Nạp dữ liệu mẫu",
    }
