"""Facts the award rules read that no other module keeps: discipline, evaluations, direct CCHC work, manual checks."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cchc.awards.choices import (
    DisciplineLevel,
    EvaluationClass,
)
from cchc.awards.models.programmes import Programme
from cchc.core.scope import ScopedQuerySet
from cchc.orgs.models import Person, Unit

USER = settings.AUTH_USER_MODEL

# --- Facts the rules read that no other module keeps ------------------------------------------------------------


class PersonFactQuerySet(ScopedQuerySet):
    """Facts about a person belong to the person's unit."""

    unit_field = "unit"
    readable_above = False


class DisciplineRecord(models.Model):
    """A disciplinary measure (or a recorded violation) against a person: the rules' "no discipline" standards."""

    person = models.ForeignKey(
        Person, verbose_name="Cá nhân", on_delete=models.PROTECT, related_name="discipline"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("Hình thức", max_length=16, choices=DisciplineLevel.choices)
    decided_on = models.DateField("Ngày quyết định")
    ends_on = models.DateField("Hết hiệu lực", null=True, blank=True)
    document = models.ForeignKey(
        "registry.Document",
        verbose_name="Quyết định kỷ luật",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField("Ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "Kỷ luật"
        verbose_name_plural = "Kỷ luật"
        ordering = ["-decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_level_display()} ({self.decided_on:%d/%m/%Y})"


class Evaluation(models.Model):
    """A person's yearly evaluation (xếp loại chất lượng cán bộ, công chức, viên chức)."""

    person = models.ForeignKey(
        Person, verbose_name="Cá nhân", on_delete=models.PROTECT, related_name="evaluations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("Năm")
    grade = models.CharField("Xếp loại", max_length=8, choices=EvaluationClass.choices)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "Xếp loại cá nhân"
        verbose_name_plural = "Xếp loại cá nhân"
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="awards_one_evaluation_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_grade_display()}"


class UnitEvaluation(models.Model):
    """A collective's yearly evaluation (xếp loại tập thể)."""

    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="evaluations"
    )
    year = models.PositiveSmallIntegerField("Năm")
    grade = models.CharField("Xếp loại", max_length=8, choices=EvaluationClass.choices)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "Xếp loại tập thể"
        verbose_name_plural = "Xếp loại tập thể"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="awards_one_unit_evaluation")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.get_grade_display()}"


class CchcAssignment(models.Model):
    """A spell of a person's work: whether it was direct CCHC work (the period-end "03 năm trực tiếp" standard)."""

    person = models.ForeignKey(
        Person, verbose_name="Cá nhân", on_delete=models.PROTECT, related_name="cchc_assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField("Từ ngày")
    end = models.DateField("Đến ngày", null=True, blank=True)
    position = models.CharField("Chức vụ, nhiệm vụ", max_length=200)
    direct = models.BooleanField("Trực tiếp làm công tác CCHC", null=True)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "Quá trình công tác CCHC"
        verbose_name_plural = "Quá trình công tác CCHC"
        ordering = ["person_id", "start"]

    def __str__(self) -> str:
        return f"{self.person}: {self.position}"


class ManualCheck(models.Model):
    """A person's check of a standard the system cannot decide ("kết quả nổi bật về TTHC"), with its evidence."""

    programme = models.ForeignKey(
        Programme, verbose_name="Chương trình", on_delete=models.CASCADE, related_name="checks"
    )
    criterion = models.CharField("Tiêu chuẩn (mã)", max_length=80)
    year = models.PositiveSmallIntegerField("Năm", null=True, blank=True)
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
        related_name="+",
    )
    passed = models.BooleanField("Đạt")
    evidence = models.TextField("Căn cứ, tài liệu kiểm chứng")
    checked_on = models.DateField("Ngày kiểm tra")
    checked_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Kiểm tra tiêu chuẩn"
        verbose_name_plural = "Kiểm tra tiêu chuẩn"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(person__isnull=False),
                name="awards_check_has_a_candidate",
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {'đạt' if self.passed else 'không đạt'}"
