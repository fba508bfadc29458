"""The base salary (mức lương cơ sở) as a dated table: the money of an award reads the row in force on the date of
the award decision (Nghị định 152/2025/NĐ-CP, Điều 54-55)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

USER = settings.AUTH_USER_MODEL


class BaseSalary(models.Model):
    """A base salary in force from a date until the next row (Nghị định 73/2024/NĐ-CP: 2.340.000 đ from
    01/7/2024); the city's standing agency adds later values."""

    from_date = models.DateField("Áp dụng từ ngày", unique=True)
    amount = models.PositiveIntegerField("Mức lương cơ sở (đồng/tháng)")
    source = models.CharField("Văn bản quy định", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Mức lương cơ sở"
        verbose_name_plural = "Mức lương cơ sở"
        ordering = ["-from_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="awards_base_salary_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount_text} đ từ {self.from_date:%d/%m/%Y}"

    @property
    def amount_text(self) -> str:
        return f"{self.amount:,}".replace(",", ".")
