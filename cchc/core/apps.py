from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cchc.core"
    label = "core"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        from django.apps import apps

        from cchc.core import audit

        for config in apps.get_app_configs():
            audit.label_actions(getattr(config, "audit_actions", {}))
