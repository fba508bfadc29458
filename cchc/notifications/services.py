"""Writes of notifications: create them once (`notify`), mark them read, and e-mail the new ones.

Producers (plans, movements, nomination dossiers, councils) decide who is notified and about what, register their
kinds (`kinds.register_kind`) and record their own audit entry; this module only stores, marks and sends. It
imports no domain app.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from cchc.core.errors import PermissionDenied
from cchc.core.text import fold_words
from cchc.notifications import kinds
from cchc.notifications.models import Notification

log = logging.getLogger(__name__)

MAX_LINES_PER_MAIL = 50


def _user_ids(users: Iterable) -> list[int]:
    ids = set()
    for user in users:
        pk = user if isinstance(user, int) else getattr(user, "pk", None)
        if pk is not None:
            ids.add(int(pk))
    return sorted(ids)


def notify(
    *,
    users: Iterable,
    kind: str,
    subject: models.Model | None = None,
    text: str,
    url: str = "",
    due_on: date | None = None,
    unit_path: str = "",
) -> int:
    """Notify each of `users` (users or user ids) once about `subject` for `due_on`; returns how many were new.

    Idempotent: a (user, kind, subject, due date) that already has a notification is left as it is (read or not,
    e-mailed or not), so a producer may call this every day with everything still due. `kind` must have been
    registered with `kinds.register_kind`; `url` is where the user acts (a path such as "/nhiem-vu/12/"). The
    producer chooses users who may reach the subject (its scope rules), and records its own audit entry.
    """
    if not kinds.is_registered(kind):
        raise ValueError(f"notification kind {kind!r} is not registered (kinds.register_kind)")
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:
        raise ValueError("a notification needs a text")
    ids = _user_ids(users)
    if not ids:
        return 0
    content_type, object_id = None, None
    if subject is not None:
        content_type = ContentType.objects.get_for_model(subject)
        object_id = subject.pk
    existing = set(
        Notification.objects.filter(
            user_id__in=ids,
            kind=kind,
            content_type=content_type,
            object_id=object_id,
            due_on=due_on,
        ).values_list("user_id", flat=True)
    )
    search_text = fold_words(kinds.label(kind), text)
    new = [
        Notification(
            user_id=user_id,
            kind=kind,
            content_type=content_type,
            object_id=object_id,
            due_on=due_on,
            text=text,
            url=(url or "")[:500],
            unit_path=unit_path or "",
            search_text=search_text,
        )
        for user_id in ids
        if user_id not in existing
    ]
    if new:
        with transaction.atomic():
            # A producer running at the same moment may have created some of them: the unique constraints keep one.
            Notification.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def mark_read(*, actor, notification: Notification | None = None) -> int:
    """Mark one of the actor's notifications (or, without `notification`, all of them) read; returns how many
    changed. Another user's notification is refused: notifications are personal."""
    if not getattr(actor, "pk", None):
        return 0
    rows = Notification.objects.filter(user_id=actor.pk, read_at__isnull=True)
    if notification is not None:
        if notification.user_id != actor.pk:
            raise PermissionDenied("Đây không phải thông báo của bạn.")
        rows = rows.filter(pk=notification.pk)
    return rows.update(read_at=timezone.now())


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def _mail(user, rows: list[Notification]) -> tuple[str, str]:
    """Subject and body of the one message listing a user's new notifications."""
    labels = list(dict.fromkeys(n.kind_label for n in rows))
    subject = f"[CCHC] {len(rows)} thông báo mới: {', '.join(labels)}"
    lines = [f"Kính gửi đồng chí {user.get_full_name() or user.username},", ""]
    lines.append(f"Hệ thống CCHC có {len(rows)} thông báo mới cho đồng chí:")
    lines.append("")
    for n in rows[:MAX_LINES_PER_MAIL]:
        lines.append(f"- [{n.kind_label}] {n.text}")
        if n.url:
            lines.append(f"  {_absolute(n.url)}")
    if len(rows) > MAX_LINES_PER_MAIL:
        lines.append(f"- … và {len(rows) - MAX_LINES_PER_MAIL} thông báo khác.")
    lines += ["", f"Xem tất cả tại mục “Thông báo”: {_absolute(reverse('notifications:inbox'))}"]
    return subject, "\n".join(lines)


def send_emails(*, limit: int = 500) -> int:
    """E-mail every notification not e-mailed yet to its user, one message per user (at most `limit` users per
    call); returns how many messages were sent. Users without an e-mail address keep theirs in the inbox only.

    A user's notifications are claimed first (`emailed_at` set where it was empty, so a second sender running at
    the same time gets none of them), then sent; when sending fails the failure is logged and the claim is undone,
    so the next call sends them again: a message is neither lost nor sent twice.
    """
    pending = Notification.objects.filter(emailed_at__isnull=True)
    user_ids = list(
        pending.filter(user__is_active=True)
        .exclude(user__email="")
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()[:limit]
    )
    sent = 0
    for user in get_user_model().objects.filter(pk__in=user_ids).order_by("pk"):
        ids = list(pending.filter(user=user).values_list("pk", flat=True))
        stamp = timezone.now()
        if not Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(
            emailed_at=stamp
        ):
            continue
        claimed = Notification.objects.filter(pk__in=ids, emailed_at=stamp)
        rows = list(claimed.order_by("due_on", "created_at", "pk"))
        subject, body = _mail(user, rows)
        try:
            send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
        except (
            Exception
        ):  # a mail server that is down must not lose the notifications: they are sent next time
            log.exception("notification e-mail to %s failed", user.email)
            claimed.update(emailed_at=None)
            continue
        sent += 1
    return sent
