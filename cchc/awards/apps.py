from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "cchc.awards"
    label = "awards"
    verbose_name = "Khen thưởng"
    # Vietnamese labels of the audit actions of the awards (the audit log shows them).
    audit_actions = {
        "award_rules.create": "Nạp quy định khen thưởng",
        "award_rules.update": "Cập nhật quy định khen thưởng",
    }

    def ready(self) -> None:
        from cchc.awards import views_registry
        from cchc.orgs import panels

        panels.register(panels.PERSON, views_registry.person_panel)
        panels.register(panels.UNIT, views_registry.unit_panel)
