from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = "Kế hoạch và nhiệm vụ CCHC"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up).
    audit_actions = {
        "plan.delete": "Xóa kế hoạch CCHC (nhập lại)",
        "plan.import": "Nhập kế hoạch CCHC",
        "plan.update": "Sửa thông tin kế hoạch CCHC",
        "plan.withdraw": "Rút kế hoạch CCHC nhập nhầm",
        "reminder.send": "Gửi nhắc việc",
        "target.add": "Thêm chỉ tiêu",
        "target.confirm": "Xác nhận chỉ tiêu",
        "target.delete": "Xóa chỉ tiêu",
        "target.measure": "Ghi kết quả chỉ tiêu",
        "target.update": "Sửa chỉ tiêu",
        "task.progress": "Báo cáo tiến độ nhiệm vụ",
        "task.set_deadline": "Nhập thời hạn nhiệm vụ",
    }

    def ready(self):
        from cchc.notifications import kinds, schedule
        from cchc.plans import jobs
        from cchc.plans.choices import REMINDER_TONES, ReminderKind

        for kind in ReminderKind:
            kinds.register_kind(kind.value, kind.label, tone=REMINDER_TONES[kind])
        schedule.register_daily(
            "task_reminders", jobs.task_reminders, at="06:00", label="Nhắc việc nhiệm vụ CCHC"
        )
        from cchc.core import work
        from cchc.plans.work import work_items

        work.register(work_items)
        from cchc.core import measures
        from cchc.plans.figures import MEASURES

        for measure in MEASURES:
            measures.register(measure)
