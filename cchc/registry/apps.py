from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "cchc.registry"
    label = "registry"
    verbose_name = "Văn bản"

    def ready(self) -> None:
        from cchc.core import measures
        from cchc.registry.figures import MEASURES

        for measure in MEASURES:
            measures.register(measure)
