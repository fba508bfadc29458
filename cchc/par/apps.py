from django.apps import AppConfig


class ParConfig(AppConfig):
    name = "cchc.par"
    label = "par"
    verbose_name = "Chỉ số CCHC"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up).
    audit_actions = {
        "assessment.appraise": "Thẩm định hồ sơ đánh giá",
        "assessment.finalise": "Chốt kết quả đánh giá",
        "assessment.reopen": "Mở lại tự đánh giá",
        "assessment.respond": "Giải trình kết quả thẩm định",
        "assessment.self_save": "Lưu kết quả tự đánh giá",
        "assessment.send_back": "Gửi kết quả thẩm định cho đơn vị",
        "assessment.submit": "Nộp hồ sơ tự đánh giá",
        "criteria_set.bands": "Sửa mức xếp loại của bộ chỉ số",
        "criteria_set.clone": "Sao chép bộ chỉ số",
        "criteria_set.create": "Tạo bộ chỉ số",
        "criteria_set.delete": "Xóa bộ chỉ số",
        "criteria_set.import": "Nhập bộ chỉ số từ Excel",
        "criteria_set.issue": "Ban hành phiên bản mới của bộ chỉ số",
        "criteria_set.new_version": "Tạo phiên bản mới của bộ chỉ số",
        "criteria_set.update": "Sửa bộ chỉ số",
        "criterion.delete": "Xóa tiêu chí",
        "criterion.save": "Lưu tiêu chí",
        "evidence.add": "Thêm tài liệu kiểm chứng",
        "evidence.measure": "Ghi số liệu hệ thống làm tài liệu kiểm chứng",
        "evidence.remove": "Gỡ tài liệu kiểm chứng",
        "results.compute": "Tính kết quả Chỉ số CCHC",
        "round.create": "Tạo đợt đánh giá",
        "round.open": "Mở đợt đánh giá",
        "round.publish": "Công bố kết quả Chỉ số CCHC",
        "round.team": "Phân công tổ thẩm định",
        "round.update": "Sửa đợt đánh giá",
        "survey.import": "Nhập kết quả điều tra xã hội học",
        "survey.set": "Nhập điểm điều tra xã hội học",
    }

    def ready(self) -> None:
        from cchc.core import work
        from cchc.par.work import work_items

        work.register(work_items)
