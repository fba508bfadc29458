"""Notifications (one user, one thing to act on) and the record of the daily jobs' runs."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from cchc.notifications import kinds


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, actor) -> "NotificationQuerySet":
        """A notification is personal: only its own user sees it (nobody else, administrators included)."""
        if not getattr(actor, "pk", None) or not getattr(actor, "is_authenticated", False):
            return self.none()
        return self.filter(user_id=actor.pk)


class Notification(models.Model):
    """Something one user should act on: a task due soon, a dossier to review. Created by the producing app through
    `notifications.services.notify`; unique per user, kind, subject and due date, so that a producer may run every
    day and nothing is created or e-mailed twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người nhận",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("Loại thông báo", max_length=40, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="Loại đối tượng",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField("Mã đối tượng", null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    unit_path = models.CharField("Phạm vi đơn vị", max_length=255, blank=True, db_index=True)
    due_on = models.DateField("Hạn", null=True, blank=True)
    text = models.TextField("Nội dung")
    url = models.CharField("Đường dẫn", max_length=500, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField("Ngày tạo", auto_now_add=True)
    read_at = models.DateTimeField("Đã đọc lúc", null=True, blank=True)
    emailed_at = models.DateTimeField("Đã gửi thư lúc", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = "Thông báo"
        verbose_name_plural = "Thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notif_user_read"),
            models.Index(fields=["emailed_at", "user"], name="notif_emailed_user"),
        ]
        # NULLs are distinct in a unique index, so each combination of a missing subject or due date has its own
        # partial index: together they make (user, kind, subject, due date) unique in every case.
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="notif_subject_whole",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "content_type", "object_id", "due_on"], name="notif_once"
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "content_type", "object_id"],
                condition=Q(due_on__isnull=True, content_type__isnull=False),
                name="notif_once_undated",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "due_on"],
                condition=Q(content_type__isnull=True, due_on__isnull=False),
                name="notif_once_no_subject",
            ),
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(content_type__isnull=True, due_on__isnull=True),
                name="notif_once_bare",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label}: {self.text[:80]}"

    @property
    def kind_label(self) -> str:
        """The Vietnamese label its producer registered for the kind."""
        return kinds.label(self.kind)

    @property
    def kind_tone(self) -> str:
        return kinds.tone(self.kind)


class JobRun(models.Model):
    """One run of a daily job on one day. The row is inserted before the job runs and is unique per job and day,
    so a restart or a second server never runs the same job twice on the same day."""

    job = models.CharField("Việc định kỳ", max_length=80)
    day = models.DateField("Ngày")
    started_at = models.DateTimeField("Bắt đầu lúc")
    finished_at = models.DateTimeField("Kết thúc lúc", null=True, blank=True)
    ok = models.BooleanField("Thành công", null=True)
    result = models.TextField("Kết quả", blank=True)

    class Meta:
        verbose_name = "Lần chạy việc định kỳ"
        verbose_name_plural = "Lần chạy việc định kỳ"
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="notif_jobrun_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.day:%d/%m/%Y}"
