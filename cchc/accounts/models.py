from django.conf import settings
from django.db import models
from django.utils import timezone

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


class ApiTokenQuerySet(models.QuerySet):
    def visible_to(self, actor):
        """A user sees their own tokens only."""
        if not getattr(actor, "is_authenticated", False):
            return self.none()
        return self.filter(user=actor)

    def active(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its SHA-256 and its first characters are stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Tài khoản",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField("Mã (phần đầu)", max_length=12, blank=True)
    created_at = models.DateTimeField("Ngày tạo", auto_now_add=True)
    expires_at = models.DateTimeField("Hết hạn", db_index=True)
    last_used_at = models.DateTimeField("Dùng lần cuối", null=True, blank=True)
    address = models.GenericIPAddressField("Địa chỉ cấp", null=True, blank=True)
    user_agent = models.CharField("Chương trình", max_length=200, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "Mã truy cập API"
        verbose_name_plural = "Mã truy cập API"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user}, {timezone.localtime(self.created_at):%d/%m/%Y})"


class LoginSessionQuerySet(models.QuerySet):
    def visible_to(self, actor):
        """A user sees their own sessions only."""
        if not getattr(actor, "is_authenticated", False):
            return self.none()
        return self.filter(user=actor)


class LoginSession(models.Model):
    """A browser session opened by a login, kept so that "log out everywhere" can end it on any session store."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Tài khoản",
        on_delete=models.CASCADE,
        related_name="login_sessions",
    )
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("Đăng nhập lúc", auto_now_add=True)
    address = models.GenericIPAddressField("Địa chỉ", null=True, blank=True)
    user_agent = models.CharField("Trình duyệt", max_length=200, blank=True)

    objects = LoginSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "Phiên đăng nhập"
        verbose_name_plural = "Phiên đăng nhập"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} ({timezone.localtime(self.created_at):%d/%m/%Y %H:%M})"
