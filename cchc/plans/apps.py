from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = "Kế hoạch và nhiệm vụ CCHC"

    def ready(self):
        from cchc.notifications import kinds, schedule
        from cchc.plans import jobs
        from cchc.plans.choices import REMINDER_TONES, ReminderKind

        for kind in ReminderKind:
            kinds.register_kind(kind.value, kind.label, tone=REMINDER_TONES[kind])
        schedule.register_daily(
            "task_reminders", jobs.task_reminders, at="06:00", label="Nhắc việc nhiệm vụ CCHC"
        )
