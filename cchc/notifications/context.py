"""The unread notification count shown beside the user's name on every page (one query, only when displayed)."""

from django.utils.functional import SimpleLazyObject

from cchc.notifications.selectors import unread_count


def badge(request):
    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(actor=user))}
