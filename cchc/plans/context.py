"""The unread reminder count shown beside the user's name on every page (one query, only when displayed)."""

from django.utils.functional import SimpleLazyObject

from cchc.plans.task_selectors import unread_reminder_count


def reminders(request):
    user = getattr(request, "user", None)
    return {"unread_reminders": SimpleLazyObject(lambda: unread_reminder_count(user))}
