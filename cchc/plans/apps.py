from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = "Kế hoạch và nhiệm vụ CCHC"

    def ready(self) -> None:
        from cchc.core import measures
        from cchc.plans.figures import MEASURES

        for measure in MEASURES:
            measures.register(measure)
