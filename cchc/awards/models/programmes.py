"""The rules of each plan as data: a validated rule file and its programmes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cchc.awards.choices import (
    ProgrammeKind,
    Subject,
)
from cchc.core.scope import ScopedQuerySet
from cchc.orgs.models import Unit

USER = settings.AUTH_USER_MODEL

# --- The rules as data -----------------------------------------------------------------------------------------


class LevelQuerySet(ScopedQuerySet):
    """Rows of a level (the city, a ward) read by every user of that level and of the units below it."""

    unit_field = "unit"


class RuleFile(models.Model):
    """The award rules of one plan document, as a validated rule file (YAML text and its parsed data)."""

    file_id = models.SlugField("Mã tệp quy định", max_length=60, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name="Cấp ban hành", on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "registry.Document",
        verbose_name="Văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    document_number = models.CharField("Số, ký hiệu văn bản", max_length=80, blank=True)
    title = models.TextField("Trích yếu", blank=True)
    text = models.TextField("Nội dung tệp quy định (YAML)")
    data = models.JSONField("Dữ liệu đã kiểm tra", default=dict)
    source_path = models.CharField("Tệp gốc", max_length=255, blank=True)
    version = models.PositiveIntegerField("Phiên bản", default=1)
    updated_at = models.DateTimeField("Cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = LevelQuerySet.as_manager()

    class Meta:
        verbose_name = "Tệp quy định khen thưởng"
        verbose_name_plural = "Tệp quy định khen thưởng"
        ordering = ["unit__depth", "file_id"]

    def __str__(self) -> str:
        return f"Quy định khen thưởng – {self.document_number or self.file_id}"


class Programme(models.Model):
    """One award programme of a rule file (an annual, period-end or ad-hoc award with its criteria and quotas)."""

    rule_file = models.ForeignKey(
        RuleFile, verbose_name="Tệp quy định", on_delete=models.CASCADE, related_name="programmes"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Cấp tổ chức xét", on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField("Mã chương trình", max_length=80, unique=True)
    name = models.CharField("Tên", max_length=300)
    kind = models.CharField("Loại", max_length=12, choices=ProgrammeKind.choices)
    form = models.CharField("Hình thức (mã)", max_length=60)
    subject = models.CharField("Đối tượng", max_length=12, choices=Subject.choices)
    source = models.CharField("Căn cứ", max_length=200, blank=True)
    data = models.JSONField("Quy định (đã kiểm tra)", default=dict)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang áp dụng", default=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = LevelQuerySet.as_manager()

    class Meta:
        verbose_name = "Chương trình khen thưởng"
        verbose_name_plural = "Chương trình khen thưởng"
        ordering = ["rule_file_id", "order", "id"]

    def __str__(self) -> str:
        return self.name
