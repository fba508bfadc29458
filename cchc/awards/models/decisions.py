"""Award decisions and the awards they confer (the registry reads them)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from cchc.awards.choices import (
    DecisionKind,
    DecisionStatus,
    Subject,
)
from cchc.awards.models.councils import Meeting, OwnLevelQuerySet
from cchc.awards.models.dossiers import Nomination
from cchc.awards.models.programmes import Programme
from cchc.core.scope import ScopedQuerySet
from cchc.orgs.models import Person, Unit

USER = settings.AUTH_USER_MODEL

# --- Decisions and the registry of awards ----------------------------------------------------------------------


class Decision(models.Model):
    """An award decision (quyết định khen thưởng) of a level, or a higher level's decision recorded here."""

    unit = models.ForeignKey(
        Unit, verbose_name="Cấp quyết định", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        "Loại", max_length=8, choices=DecisionKind.choices, default=DecisionKind.OWN
    )
    status = models.CharField(
        "Trạng thái", max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name="Chương trình",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="Phiên họp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    title = models.TextField("Trích yếu")
    number = models.CharField("Số, ký hiệu", max_length=80, blank=True)
    signed_on = models.DateField("Ngày ký", null=True, blank=True)
    issuer = models.CharField("Cơ quan, người có thẩm quyền", max_length=200)
    signer_name = models.CharField("Người ký", max_length=150, blank=True)
    signer_title = models.CharField("Chức vụ người ký", max_length=150, blank=True)
    fund_source = models.CharField("Nguồn kinh phí", max_length=300, blank=True)
    bases = models.JSONField("Căn cứ", default=list, blank=True)
    document = models.ForeignKey(
        "registry.Document",
        verbose_name="Văn bản trong sổ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_to = models.ForeignKey(
        Unit,
        verbose_name="Trình cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("Năm thành tích", null=True, blank=True)
    proposal = models.TextField("Theo đề nghị của", blank=True)
    nominations = models.ManyToManyField(
        Nomination, verbose_name="Các đề nghị", blank=True, related_name="decisions"
    )
    submission_number = models.CharField("Số tờ trình cấp trên", max_length=80, blank=True)
    submission_date = models.DateField("Ngày tờ trình", null=True, blank=True)
    version = models.PositiveIntegerField("Phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnLevelQuerySet.as_manager()

    class Meta:
        verbose_name = "Quyết định khen thưởng"
        verbose_name_plural = "Quyết định khen thưởng"
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return (
            f"Quyết định số {self.number}"
            if self.number
            else f"Dự thảo quyết định – {self.title[:60]}"
        )


class AwardQuerySet(ScopedQuerySet):
    """An award belongs to the recipient's unit; the deciding level and the levels above cover it too."""

    unit_field = "unit"
    readable_above = False


class Award(models.Model):
    """An award conferred on a collective, a person or a household: the registry the rules and the public read."""

    decision = models.ForeignKey(
        Decision,
        verbose_name="Quyết định",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name="Đề nghị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awards",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị (của người được khen)",
        on_delete=models.PROTECT,
        related_name="awards",
    )
    subject = models.CharField("Đối tượng", max_length=12, choices=Subject.choices)
    person = models.ForeignKey(
        Person,
        verbose_name="Cá nhân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    recipient = models.CharField("Tên tập thể, cá nhân", max_length=300)
    recipient_unit = models.CharField("Đơn vị công tác", max_length=300, blank=True)
    form = models.CharField("Danh hiệu, hình thức (mã)", max_length=60)
    year = models.PositiveSmallIntegerField("Năm thành tích")
    amount = models.DecimalField(
        "Tiền thưởng (đồng)", max_digits=14, decimal_places=0, default=Decimal(0)
    )
    decision_number = models.CharField("Số quyết định", max_length=80, blank=True)
    decision_date = models.DateField("Ngày quyết định", null=True, blank=True)
    decided_by = models.CharField("Cấp quyết định", max_length=200, blank=True)
    code = models.CharField("Mã xác minh", max_length=40, unique=True)
    revoked_on = models.DateField("Ngày thu hồi", null=True, blank=True)
    revoke_reason = models.TextField("Lý do thu hồi", blank=True)
    revoke_document = models.ForeignKey(
        "registry.Document",
        verbose_name="Quyết định thu hồi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = "Khen thưởng"
        verbose_name_plural = "Sổ khen thưởng"
        ordering = ["-year", "-decision_date", "recipient"]
        indexes = [models.Index(fields=["year", "form"], name="awards_award_year_form")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject__in=["collective", "household"])
                | models.Q(person__isnull=False),
                name="awards_award_person_has_a_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.form} {self.year}"

    @property
    def revoked(self) -> bool:
        return self.revoked_on is not None
