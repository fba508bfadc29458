"""Accounts and grants over unit subtrees (logins: login_services; API tokens: token_services)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from cchc.accounts.models import Grant, Profile
from cchc.core import audit
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import ROLE_LABELS, forget, scope_for

User = get_user_model()


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


def display_name(user) -> str:
    """The user's full name, or the username."""
    return user.get_full_name() or user.username
