from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "cchc.awards"
    label = "awards"
    verbose_name = "Khen thưởng"
    # Vietnamese labels of the audit actions of the awards (the audit log shows them).
    audit_actions = {
        "award_rules.create": "Nạp quy định khen thưởng",
        "award_rules.update": "Cập nhật quy định khen thưởng",
        "award_decision.draft": "Lập dự thảo quyết định khen thưởng",
        "award_decision.propose_up": "Trình cấp trên khen thưởng",
        "award.revoke": "Thu hồi khen thưởng",
        "base_salary.create": "Thêm mức lương cơ sở",
    }
