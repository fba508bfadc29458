from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "cchc.awards"
    label = "awards"
    verbose_name = "Khen thưởng"
    # Vietnamese labels of the audit actions of the awards (the audit log shows them).
    audit_actions = {
        "award_rules.create": "Nạp quy định khen thưởng",
        "award_rules.update": "Cập nhật quy định khen thưởng",
        "award_programme.update": "Sửa chương trình khen thưởng",
        "award_discipline.create": "Ghi nhận kỷ luật",
        "award_discipline.update": "Sửa bản ghi kỷ luật",
        "award_evaluation.create": "Ghi nhận xếp loại cá nhân",
        "award_evaluation.update": "Sửa xếp loại cá nhân",
        "award_unit_evaluation.create": "Ghi nhận xếp loại tập thể",
        "award_unit_evaluation.update": "Sửa xếp loại tập thể",
        "award_cchc_assignment.create": "Ghi nhận quá trình công tác CCHC",
        "award_cchc_assignment.update": "Sửa quá trình công tác CCHC",
        "award_manual_check.create": "Ghi nhận kiểm tra tiêu chuẩn",
        "award_manual_check.update": "Sửa kết quả kiểm tra tiêu chuẩn",
        "award_decision.draft": "Lập dự thảo quyết định khen thưởng",
        "award_decision.propose_up": "Trình cấp trên khen thưởng",
        "award.revoke": "Thu hồi khen thưởng",
        "base_salary.create": "Thêm mức lương cơ sở",
        "award_council.create": "Thành lập Hội đồng Thi đua - Khen thưởng",
        "award_council.update": "Sửa thông tin Hội đồng Thi đua - Khen thưởng",
        "award_council.member_add": "Thêm thành viên Hội đồng Thi đua - Khen thưởng",
        "award_council.member_remove": "Bớt thành viên Hội đồng Thi đua - Khen thưởng",
        "award_meeting.create": "Triệu tập phiên họp Hội đồng Thi đua - Khen thưởng",
        "award_meeting.attendance": "Điểm danh phiên họp Hội đồng Thi đua - Khen thưởng",
        "award_meeting.votes": "Ghi phiếu biểu quyết công khai",
        "award_meeting.tally": "Ghi kết quả kiểm phiếu kín",
        "award_meeting.result": "Ghi kết quả biểu quyết của Hội đồng vào đề nghị khen thưởng",
        "award_meeting.records": "Lập biên bản họp, biên bản kiểm phiếu",
        "award_dossier.open": "Lập hồ sơ đề nghị khen thưởng",
        "award_dossier.nominee_add": "Thêm tập thể, cá nhân vào hồ sơ đề nghị khen thưởng",
        "award_dossier.nominee_initiatives": "Ghi sáng kiến làm thành tích của tập thể, cá nhân được đề nghị",
        "award_dossier.nominee_remove": "Bỏ tập thể, cá nhân khỏi hồ sơ đề nghị khen thưởng",
        "award_dossier.attach": "Đính kèm tệp vào hồ sơ đề nghị khen thưởng",
        "award_dossier.file_remove": "Xóa tệp của hồ sơ đề nghị khen thưởng",
        "award_dossier.generate": "Lập tờ trình, báo cáo thành tích của hồ sơ đề nghị khen thưởng",
    }

    def ready(self) -> None:
        from cchc.awards import views_registry
        from cchc.orgs import panels

        panels.register(panels.PERSON, views_registry.person_panel)
        panels.register(panels.UNIT, views_registry.unit_panel)
        from cchc.awards import views_dossiers

        panels.register(panels.INITIATIVE, views_dossiers.initiative_panel)

        from cchc.awards.notices_dossiers import register_kinds

        register_kinds()
