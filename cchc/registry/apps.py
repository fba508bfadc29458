from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "cchc.registry"
    label = "registry"
    verbose_name = "Văn bản"
