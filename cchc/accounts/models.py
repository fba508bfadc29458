from django.conf import settings
from django.db import models

from cchc.core.scope import ROLE_LABELS
from cchc.orgs.models import Person, Unit

ROLE_CHOICES = list(ROLE_LABELS.items())


class Grant(models.Model):
    """A role of a user over a unit and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Tài khoản",
        on_delete=models.CASCADE,
        related_name="grants",
    )
    role = models.CharField("Vai trò", max_length=16, choices=ROLE_CHOICES)
    unit = models.ForeignKey(
        Unit, verbose_name="Phạm vi (đơn vị)", on_delete=models.PROTECT, related_name="grants"
    )

    class Meta:
        verbose_name = "Phân quyền"
        verbose_name_plural = "Phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_grant")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class Profile(models.Model):
    """The office a user works in and the person record behind the account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    office = models.ForeignKey(
        Unit,
        verbose_name="Nơi làm việc",
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
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "Hồ sơ tài khoản"
        verbose_name_plural = "Hồ sơ tài khoản"

    def __str__(self) -> str:
        return str(self.user)


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Mã truy cập API"
        verbose_name_plural = "Mã truy cập API"

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%d/%m/%Y})"
