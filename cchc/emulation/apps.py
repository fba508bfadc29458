from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "cchc.emulation"
    label = "emulation"
    verbose_name = "Phong trào thi đua"
