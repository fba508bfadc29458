from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "cchc.initiatives"
    label = "initiatives"
    verbose_name = "Sáng kiến"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up).
    audit_actions = {
        "council.create": "Thành lập Hội đồng sáng kiến",
        "council.update": "Sửa thông tin Hội đồng sáng kiến",
        "council.member_add": "Thêm thành viên Hội đồng sáng kiến",
        "council.member_remove": "Bớt thành viên Hội đồng sáng kiến",
        "council.sheet": "Sửa phiếu chấm điểm sáng kiến",
        "initiative.create": "Tạo sáng kiến",
        "initiative.update": "Sửa sáng kiến",
        "initiative.attach": "Đính kèm minh chứng sáng kiến",
        "initiative.detach": "Gỡ minh chứng sáng kiến",
        "initiative.score": "Chấm điểm sáng kiến",
        "initiative.submit": "Gửi Hội đồng (sáng kiến)",
        "initiative.open_scoring": "Mở chấm điểm (sáng kiến)",
        "initiative.return": "Trả lại để hoàn thiện (sáng kiến)",
        "initiative.recognise": "Công nhận (sáng kiến)",
        "initiative.refuse": "Không công nhận (sáng kiến)",
        "initiative.record_decision": "Ghi nhận quyết định của cơ quan bên ngoài (sáng kiến)",
    }

    def ready(self) -> None:
        from cchc.initiatives.choices import NOTIFICATION_KINDS
        from cchc.notifications import kinds

        for code, (label, tone) in NOTIFICATION_KINDS.items():
            kinds.register_kind(code, label, tone=tone)
        from cchc.core import measures
        from cchc.initiatives.figures import MEASURES

        for measure in MEASURES:
            measures.register(measure)
