from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "cchc.emulation"
    label = "emulation"
    verbose_name = "Phong trào thi đua"
    # Vietnamese names of the audit actions this app records (collected by cchc.core at start-up); the workflow
    # moves ("registration.submit", "movement_report.approve", ...) are labelled by their workflows.
    audit_actions = {
        "movement.import": "Nhập phong trào thi đua từ kế hoạch",
        "movement.update": "Sửa thông tin phong trào thi đua",
        "registration.create": "Lập bản đăng ký thi đua",
        "registration.update": "Sửa bản đăng ký thi đua",
        "movement_report.create": "Lập báo cáo phong trào",
        "movement_report.update": "Sửa báo cáo phong trào",
        "movement_report.remove_file": "Gỡ tệp của báo cáo phong trào",
        "movement_reminder.send": "Gửi nhắc báo cáo phong trào",
    }

    def ready(self):
        from cchc.emulation import jobs, workflows  # noqa: F401 (workflows label their moves)
        from cchc.emulation.choices import REMINDER_TONES, ReminderKind
        from cchc.notifications import kinds, schedule

        for kind in ReminderKind:
            kinds.register_kind(kind.value, kind.label, tone=REMINDER_TONES[kind])
        schedule.register_daily(
            "movement_report_reminders",
            jobs.report_reminders,
            at="06:00",
            label="Nhắc báo cáo phong trào thi đua",
        )
        from cchc.core import work
        from cchc.emulation.work import work_items

        work.register(work_items)
