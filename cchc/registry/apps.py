from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "cchc.registry"
    label = "registry"
    verbose_name = "Văn bản"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up).
    audit_actions = {
        "document.attach": "Đính kèm tệp vào văn bản",
        "document.register": "Đăng ký văn bản",
        "document.update": "Sửa thông tin văn bản",
    }

    def ready(self) -> None:
        from cchc.core import measures
        from cchc.registry.figures import MEASURES

        for measure in MEASURES:
            measures.register(measure)
