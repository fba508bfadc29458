from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "cchc.awards"
    label = "awards"
    verbose_name = "Khen thưởng"
    # Vietnamese labels of the audit actions of the awards (the audit log shows them).
    audit_actions = {
        "award_rules.create": "Nạp quy định khen thưởng",
        "award_rules.update": "Cập nhật quy định khen thưởng",
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
    }
