from django.conf import settings
from django.db import models


class AuditLog(models.Model):
    """One change of a domain record: who, when, what, and the values before and after. Never edited."""

    # Set by `audit.record` from `dates.now()`: on a demo's configured day, the moment falls on that day.
    at = models.DateTimeField("Thời điểm", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("Tên đăng nhập", max_length=150, blank=True)
    action = models.CharField("Thao tác", max_length=80, db_index=True)
    model = models.CharField("Loại dữ liệu", max_length=80, db_index=True)
    object_id = models.CharField("Mã bản ghi", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("Bản ghi", max_length=300, blank=True)
    unit_path = models.CharField("Phạm vi đơn vị", max_length=255, blank=True, db_index=True)
    before = models.JSONField("Trước", null=True, blank=True)
    after = models.JSONField("Sau", null=True, blank=True)
    note = models.TextField("Ghi chú", blank=True)
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = "Nhật ký thay đổi"
        verbose_name_plural = "Nhật ký thay đổi"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"


class Attachment(models.Model):
    """An uploaded file kept with a record (evidence, a document's file, a progress report's file): one shape.

    Concrete models add the record they belong to and `upload_to`; `cchc.core.attachments.attach` checks and
    stores the upload."""

    file = models.FileField("Tệp", max_length=255)
    name = models.CharField("Tên tệp", max_length=255)
    size = models.PositiveIntegerField("Dung lượng", default=0)
    uploaded_at = models.DateTimeField("Tải lên lúc", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người tải lên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name
