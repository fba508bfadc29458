from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "cchc.notifications"
    label = "notifications"
    verbose_name = "Thông báo và việc định kỳ"
