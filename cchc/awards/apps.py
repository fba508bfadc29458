from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "cchc.awards"
    label = "awards"
    verbose_name = "Khen thưởng"
