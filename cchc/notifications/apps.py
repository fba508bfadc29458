from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "cchc.notifications"
    label = "notifications"
    verbose_name = "Thông báo và việc định kỳ"

    def ready(self):
        from cchc.core import work
        from cchc.notifications.work import work_items

        work.register(work_items)
