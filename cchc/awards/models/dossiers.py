"""Nomination dossiers of a proposing unit, their nominations and files."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cchc.awards.choices import (
    AttachmentKind,
    DossierStatus,
    NominationStatus,
    Subject,
    Verdict,
)
from cchc.awards.models.programmes import Programme
from cchc.core.models import Attachment
from cchc.core.scope import ScopedQuerySet
from cchc.orgs.models import Person, Unit

USER = settings.AUTH_USER_MODEL

# --- Nomination dossiers ---------------------------------------------------------------------------------------


class DossierQuerySet(ScopedQuerySet):
    """A dossier belongs to its proposing unit; the standing agency above it (who receives it) covers it."""

    unit_field = "proposing_unit"
    readable_above = False


class Dossier(models.Model):
    """A nomination dossier (hồ sơ đề nghị khen thưởng) of a proposing unit for a programme and a year or period."""

    programme = models.ForeignKey(
        Programme, verbose_name="Chương trình", on_delete=models.PROTECT, related_name="dossiers"
    )
    proposing_unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị đề nghị", on_delete=models.PROTECT, related_name="award_dossiers"
    )
    number = models.PositiveIntegerField("Số hồ sơ")
    year = models.PositiveSmallIntegerField("Năm thành tích", null=True, blank=True)
    period_start = models.PositiveSmallIntegerField("Từ năm", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("Đến năm", null=True, blank=True)
    title = models.CharField("Tên hồ sơ", max_length=300, blank=True)
    status = models.CharField(
        "Trạng thái", max_length=20, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    due_on = models.DateField("Hạn nộp", null=True, blank=True)
    paper = models.BooleanField("Hồ sơ giấy (cơ quan thường trực ghi nhận)", default=False)
    submitted_at = models.DateTimeField("Nộp lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField("Ngày tiếp nhận", null=True, blank=True)
    received_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField("Phê duyệt lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField("Lý do trả lại", blank=True)
    refusal_reason = models.TextField("Lý do không xét", blank=True)
    version = models.PositiveIntegerField("Phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "Hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "Hồ sơ đề nghị khen thưởng"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="awards_dossier_number")
        ]

    def __str__(self) -> str:
        return f"Hồ sơ số {self.number} — {self.proposing_unit}"


class Nomination(models.Model):
    """A nominee of a dossier (a collective, a person or a household) for an award form, with its verdict."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="Hồ sơ", on_delete=models.CASCADE, related_name="nominations"
    )
    subject = models.CharField("Đối tượng", max_length=12, choices=Subject.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Tập thể",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        Person,
        verbose_name="Cá nhân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    name = models.CharField("Tên tập thể, cá nhân", max_length=300)
    form = models.CharField("Hình thức đề nghị (mã)", max_length=60)
    achievement = models.TextField("Thành tích", blank=True)
    # The initiatives named as the achievement: one initiative supports one award (Luật Thi đua, khen thưởng
    # 2022, Điều 5, khoản 2; checked at submission by `submission.check_one_initiative`).
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        verbose_name="Sáng kiến làm thành tích",
        blank=True,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="Đề nghị kèm theo",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    status = models.CharField(
        "Trạng thái",
        max_length=16,
        choices=NominationStatus.choices,
        default=NominationStatus.PROPOSED,
    )
    verdict = models.CharField(
        "Kết quả xét điều kiện", max_length=16, choices=Verdict.choices, blank=True
    )
    reasons = models.JSONField("Lý do (khi nộp)", default=list, blank=True)
    checked_on = models.DateField("Xét điều kiện ngày", null=True, blank=True)
    result_form = models.CharField("Hình thức Hội đồng đề nghị (mã)", max_length=60, blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Đề nghị khen thưởng"
        verbose_name_plural = "Đề nghị khen thưởng"
        ordering = ["dossier_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(person__isnull=False),
                name="awards_nominee_is_a_unit_or_a_person",
            )
        ]

    def __str__(self) -> str:
        return self.name


def dossier_file_path(instance, filename):
    return f"awards/dossiers/{instance.dossier_id}/{filename}"


class DossierFile(Attachment):
    """A file of a dossier: the submission, an achievement report, the council's minutes, evidence."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="Hồ sơ", on_delete=models.CASCADE, related_name="files"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name="Đề nghị",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
    )
    kind = models.CharField("Loại", max_length=16, choices=AttachmentKind.choices)
    generated = models.BooleanField("Do hệ thống tạo", default=False)
    file = models.FileField("Tệp", upload_to=dossier_file_path, max_length=255)

    class Meta:
        verbose_name = "Tệp hồ sơ khen thưởng"
        verbose_name_plural = "Tệp hồ sơ khen thưởng"
        ordering = ["dossier_id", "kind", "id"]
