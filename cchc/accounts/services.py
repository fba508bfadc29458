"""Accounts: grants over unit subtrees and API tokens."""

import hashlib
import secrets

from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.utils import timezone

from cchc.accounts.models import ApiToken, Grant, Profile
from cchc.core import audit
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import ROLE_LABELS, forget, scope_for

User = get_user_model()


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    office=None,
    is_superuser: bool = False,
    audit_it: bool = True,
):
    """Create an account (administrators only, or the demo loader with actor None)."""
    if not scope_for(actor).is_admin:
        raise PermissionDenied()
    if User.objects.filter(username=username).exists():
        raise DomainError(f"Tên đăng nhập “{username}” đã tồn tại.", field="username")
    first, _, last = full_name.rpartition(" ")
    user = User(
        username=username,
        email=email,
        first_name=first,
        last_name=last or full_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_password(password)
    user.save()
    Profile.objects.create(user=user, office=office)
    if audit_it:
        audit.record(
            actor=actor,
            action="user.create",
            obj=user,
            after={"username": username, "office": getattr(office, "pk", None)},
        )
    return user


@transaction.atomic
def grant_add(*, actor, user, role: str, unit, audit_it: bool = True) -> Grant:
    """Give `user` the `role` over `unit` and its subtree."""
    if role not in ROLE_LABELS:
        raise DomainError(f"Vai trò “{role}” không hợp lệ.", field="role")
    if not scope_for(actor).is_admin:
        raise PermissionDenied()
    grant, _ = Grant.objects.get_or_create(user=user, role=role, unit=unit)
    forget(user)
    if audit_it:
        audit.record(
            actor=actor,
            action="grant.add",
            obj=grant,
            after={"user": user.username, "role": role, "unit": unit.pk},
            unit_path=unit.path,
        )
    return grant


def token_issue(*, username: str, password: str) -> str | None:
    """A new API token for valid credentials, else None."""
    user = authenticate(username=username, password=password)
    if user is None or not user.is_active:
        return None
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=_hash(key))
    return key


def token_user(key: str):
    """The active user owning the token, else None."""
    if not key:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def display_name(user) -> str:
    """The user's full name, or the username."""
    return user.get_full_name() or user.username
