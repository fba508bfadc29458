"""API bearer tokens: issued for a correct password (under the same login limits as the login page), stored as a
SHA-256 with only their first characters in clear, expiring after API_TOKEN_DAYS, at most API_TOKENS_PER_USER per
user, revoked one by one, all at once on a password change or "log out everywhere"."""

import functools
import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cchc.accounts import actions, policies
from cchc.accounts.login_services import login_check
from cchc.accounts.models import ApiToken
from cchc.core import audit, compiled
from cchc.core.errors import PermissionDenied

PREFIX_LENGTH = 8


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _revoke(*, actor, token: ApiToken, reason: str) -> None:
    audit.record(
        actor=actor,
        action=actions.TOKEN_REVOKE,
        obj=token,
        before={"prefix": token.prefix, "expires_at": token.expires_at},
        note=reason,
    )
    token.delete()


def token_issue(
    *, username: str, password: str, address: str = "", user_agent: str = ""
) -> tuple[str, ApiToken]:
    """A new token (the key, shown once, and its record) for a correct username and password. Refused like a
    login during a lockout; beyond API_TOKENS_PER_USER the user's oldest tokens are revoked."""
    user = login_check(username=username, password=password, address=address, channel="api")
    with transaction.atomic():
        now = timezone.now()
        ApiToken.objects.filter(user=user, expires_at__lte=now).delete()
        key = secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user,
            key_hash=key_hash(key),
            prefix=key[:PREFIX_LENGTH],
            expires_at=now + timedelta(days=settings.API_TOKEN_DAYS),
            address=address or None,
            user_agent=user_agent[:200],
        )
        audit.record(
            actor=user,
            action=actions.TOKEN_ISSUE,
            obj=token,
            after={"prefix": token.prefix, "expires_at": token.expires_at, "address": address},
        )
        cap = max(1, settings.API_TOKENS_PER_USER)
        for old in ApiToken.objects.filter(user=user).order_by("-created_at", "-id")[cap:]:
            _revoke(
                actor=user,
                token=old,
                reason=f"Vượt quá {cap} mã truy cập API của một tài khoản: thu hồi mã cũ nhất.",
            )
    return key, token


@functools.cache
def _token_fields() -> tuple[Any, list[str], list[str]]:
    user_model = get_user_model()
    token_fields = [f.attname for f in ApiToken._meta.concrete_fields]
    user_fields = [f.attname for f in user_model._meta.concrete_fields]
    return user_model, token_fields, user_fields


def _token_with_user(digest: str) -> ApiToken | None:
    """The token stored under `digest` with its user, in one query whose SQL is built once per process."""
    user_model, token_fields, user_fields = _token_fields()
    rows = compiled.values_rows(
        "accounts.token_use",
        lambda digest: (
            ApiToken.objects.filter(key_hash=digest)
            .order_by()
            .values(*token_fields, *(f"user__{name}" for name in user_fields))
        ),
        args=(digest,),
    )
    if not rows:
        return None
    row = rows[0]
    db = ApiToken.objects.db
    token = ApiToken.from_db(db, token_fields, [row[name] for name in token_fields])
    token.user = user_model.from_db(db, user_fields, [row[f"user__{name}"] for name in user_fields])
    return token


def token_use(*, key: str) -> ApiToken | None:
    """The live token for a bearer key (its user active, not expired), else None. Its last use is written at most
    once every API_TOKEN_TOUCH_SECONDS, so that reading through the API does not write on every request."""
    if not key:
        return None
    now = timezone.now()
    token = _token_with_user(key_hash(key))
    if token is None or token.expires_at <= now or not token.user.is_active:
        return None
    stale = now - timedelta(seconds=settings.API_TOKEN_TOUCH_SECONDS)
    if token.last_used_at is None or token.last_used_at < stale:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


@transaction.atomic
def token_revoke(*, actor, token: ApiToken, reason: str = "") -> None:
    """Revoke one token of the actor's own."""
    if not policies.can_revoke_token(actor, token):
        raise PermissionDenied("Bạn chỉ thu hồi được mã truy cập API của chính mình.")
    _revoke(actor=actor, token=token, reason=reason or "Người dùng thu hồi.")


@transaction.atomic
def tokens_revoke_all(*, actor, user, reason: str) -> int:
    """Revoke every token of the user (a password change, "log out everywhere"); how many were revoked."""
    if not policies.can_manage_account(actor, user):
        raise PermissionDenied()
    tokens = list(ApiToken.objects.filter(user=user))
    for token in tokens:
        _revoke(actor=actor, token=token, reason=reason)
    return len(tokens)
