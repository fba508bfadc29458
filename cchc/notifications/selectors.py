"""Reads of notifications: always the actor's own (another user's notification is not found)."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404

from cchc.notifications.models import JobRun, Notification


def inbox(*, actor, unread: bool = False, unit_path: str = "") -> QuerySet[Notification]:
    """The actor's own notifications, unread first, then the newest (the most urgent first among those created
    together); `unit_path` keeps those about one unit's subtree."""
    unread_first = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField()).desc()
    qs = Notification.objects.visible_to(actor).order_by(
        unread_first, "-created_at", F("due_on").asc(nulls_last=True), "-id"
    )
    if unread:
        qs = qs.filter(read_at__isnull=True)
    if unit_path:
        qs = qs.filter(unit_path__startswith=unit_path)
    return qs


def notification_get(*, actor, pk) -> Notification:
    """One of the actor's notifications, else 404."""
    found = inbox(actor=actor).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404("Không tìm thấy thông báo.")
    return found


def has_any(*, actor) -> bool:
    """Whether the actor has ever been notified (the inbox has something to mark)."""
    return Notification.objects.visible_to(actor).exists()


def unread_count(*, actor) -> int:
    """How many of the actor's notifications are unread (the badge in the navigation bar); one query."""
    if not getattr(actor, "pk", None) or not getattr(actor, "is_authenticated", False):
        return 0
    return Notification.objects.visible_to(actor).filter(read_at__isnull=True).count()


def last_runs(*, names: list[str]) -> dict[str, JobRun]:
    """The latest run of each named daily job; one query."""
    newest = JobRun.objects.filter(job=OuterRef("job")).order_by("-day").values("pk")[:1]
    runs = JobRun.objects.filter(job__in=names, pk=Subquery(newest))
    return {run.job: run for run in runs}
