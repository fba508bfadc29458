"""Unread notifications on the user's home page ("Việc của tôi")."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from cchc.core.work import WorkItem
from cchc.notifications import kinds, selectors


def work_items(*, user: Any, today: date) -> list[WorkItem]:
    """The user's unread notifications, newest first (the inbox holds them all)."""
    items = []
    for n in selectors.inbox(actor=user, unread=True).order_by("-created_at")[:20]:
        items.append(
            WorkItem(
                section="notifications",
                title=n.text[:160],
                url=n.url or reverse("notifications:inbox"),
                due_on=n.due_on,
                detail=kinds.label(n.kind),
                tone=kinds.tone(n.kind),
            )
        )
    return items
