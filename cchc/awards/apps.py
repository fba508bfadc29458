from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "cchc.awards"
    label = "awards"
    verbose_name = "Khen thưởng"
    # Vietnamese labels of the audit actions of the awards (the audit log shows them).
    audit_actions = {
        "award_rules.create": "Nạp quy định khen thưởng",
        "award_rules.update": "Cập nhật quy định khen thưởng",
        "award_dossier.open": "Lập hồ sơ đề nghị khen thưởng",
        "award_dossier.nominee_add": "Thêm tập thể, cá nhân vào hồ sơ đề nghị khen thưởng",
        "award_dossier.nominee_remove": "Bỏ tập thể, cá nhân khỏi hồ sơ đề nghị khen thưởng",
        "award_dossier.attach": "Đính kèm tệp vào hồ sơ đề nghị khen thưởng",
        "award_dossier.file_remove": "Xóa tệp của hồ sơ đề nghị khen thưởng",
        "award_dossier.generate": "Lập tờ trình, báo cáo thành tích của hồ sơ đề nghị khen thưởng",
    }

    def ready(self) -> None:
        from cchc.awards.notices_dossiers import register_kinds

        register_kinds()
