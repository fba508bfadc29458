"""The document register: documents (văn bản), their legal bases (căn cứ) and attached files."""

from django.conf import settings
from django.db import models

from cchc.core.models import Attachment
from cchc.core.scope import ScopedQuerySet
from cchc.orgs.models import Unit
from cchc.registry.choices import DatePrecision, DocType


class DocumentQuerySet(ScopedQuerySet):
    """Documents of the actor's subtrees, of the units above them, and public documents of outside bodies."""

    unit_field = "org_unit"
    unowned_public = True


class Document(models.Model):
    """A legal or administrative document (văn bản): number and symbol, type, issuer, date, summary, files."""

    number = models.CharField("Số, ký hiệu", max_length=80, blank=True, db_index=True)
    seq = models.PositiveIntegerField("Số", null=True, blank=True)
    symbol = models.CharField("Ký hiệu", max_length=60, blank=True)
    doc_type = models.CharField(
        "Loại văn bản", max_length=8, choices=DocType.choices, default=DocType.KHAC, db_index=True
    )
    issuer = models.CharField("Cơ quan ban hành", max_length=255, blank=True)
    issuer_unit = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị ban hành (trong hệ thống)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_unit = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị quản lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True, db_index=True)
    date_precision = models.CharField(
        "Độ chính xác ngày", max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    signer = models.CharField("Người ký", max_length=120, blank=True)
    signer_title = models.CharField("Chức vụ người ký", max_length=120, blank=True)
    title = models.TextField("Trích yếu")
    period_start = models.PositiveSmallIntegerField("Từ năm", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("Đến năm", null=True, blank=True)
    body = models.TextField("Toàn văn", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    # Raised by every edit (cchc.core.versions): an edit based on an older one is refused.
    version = models.PositiveIntegerField("Phiên bản", default=1, editable=False)

    class Meta:
        verbose_name = "Văn bản"
        verbose_name_plural = "Văn bản"
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        type_label = self.get_doc_type_display()
        if self.number:
            return f"{type_label} số {self.number}"
        return f"{type_label} (chưa có số) – {self.title[:60]}"

    @property
    def display_number(self) -> str:
        return self.number or (f"…/{self.symbol}" if self.symbol else "(chưa có số)")


class DocumentBasis(models.Model):
    """A legal basis (căn cứ) cited by a document; linked to the registered document when there is one."""

    document = models.ForeignKey(
        Document, verbose_name="Văn bản", on_delete=models.CASCADE, related_name="bases"
    )
    cited = models.ForeignKey(
        Document,
        verbose_name="Văn bản được dẫn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cited_by",
    )
    cited_number = models.CharField("Số, ký hiệu được dẫn", max_length=80, blank=True)
    cited_type = models.CharField("Loại", max_length=8, choices=DocType.choices, blank=True)
    cited_date = models.DateField("Ngày", null=True, blank=True)
    cited_issuer = models.CharField("Cơ quan ban hành", max_length=255, blank=True)
    cited_title = models.TextField("Trích yếu", blank=True)
    raw = models.TextField("Nguyên văn", blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Căn cứ"
        verbose_name_plural = "Căn cứ"
        ordering = ["document_id", "order", "id"]

    def __str__(self) -> str:
        return self.cited_number or self.cited_title[:80]

    @property
    def registered(self) -> bool:
        return self.cited_id is not None


def document_file_path(instance, filename):
    return f"documents/{instance.document_id}/{filename}"


class DocumentFile(Attachment):
    """A file attached to a document (the signed scan, the Word original, an appendix)."""

    document = models.ForeignKey(
        Document, verbose_name="Văn bản", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("Tệp", upload_to=document_file_path, max_length=255)

    class Meta:
        verbose_name = "Tệp đính kèm"
        verbose_name_plural = "Tệp đính kèm"
