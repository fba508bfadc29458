"""Logins, browser sessions and passwords: failed logins limited per username and per address (counted in the
shared cache), every login, failure, lockout and password change audited, and "log out everywhere"."""

from datetime import UTC, datetime, timedelta
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cchc.accounts import actions, policies, throttle
from cchc.accounts.models import LoginSession
from cchc.core import audit
from cchc.core.errors import DomainError, PermissionDenied

User = get_user_model()

WRONG_CREDENTIALS = "Tên đăng nhập hoặc mật khẩu không đúng."


class LoginFailed(DomainError):
    """The username or the password is wrong (the message does not say which)."""


class LoginLocked(DomainError):
    """Too many failed logins for this username or from this address: refused until the lock ends."""

    def __init__(self, lock: throttle.Lock):
        minutes = lock.minutes_left()
        limit = (
            settings.LOGIN_FAILURE_LIMIT
            if lock.kind == throttle.USERNAME
            else settings.LOGIN_ADDRESS_FAILURE_LIMIT
        )
        window = settings.LOGIN_FAILURE_WINDOW // 60
        super().__init__(
            "Đăng nhập tạm thời bị khóa vì nhập sai mật khẩu quá nhiều lần "
            f"({limit} lần trong {window} phút). Vui lòng thử lại sau {minutes} phút."
        )
        self.lock = lock
        self.retry_after = minutes * 60


def _claimant(username: str) -> SimpleNamespace:
    """The audit actor of an attempt: the username typed, whoever typed it."""
    return SimpleNamespace(pk=None, username=username[:150] or "(trống)")


def _where(address: str, channel: str) -> str:
    return f"Qua {actions.CHANNELS.get(channel, channel)}, địa chỉ {address or 'không rõ'}."


def login_check(*, username: str, password: str, address: str, channel: str, request=None):
    """The active user for a correct username and password. During a lockout of the username or the address the
    login is refused (LoginLocked) even with the right password; a wrong one raises LoginFailed, and reaching the
    limit (LOGIN_FAILURE_LIMIT in LOGIN_FAILURE_WINDOW seconds) starts a lockout. Failures and lockouts are
    audited ("auth.login_failed", "auth.lockout")."""
    lock = throttle.locked(username=username, address=address)
    if lock is not None:
        raise LoginLocked(lock)
    user = authenticate(request, username=username, password=password)
    if user is not None and user.is_active:
        throttle.record_success(username=username)
        return user
    user_id = User.objects.filter(username=username).values_list("pk", flat=True).first()
    with transaction.atomic():
        audit.record(
            actor=_claimant(username),
            action=actions.LOGIN_FAILED,
            model="auth.user",
            object_id=user_id,
            object_repr=username[:300],
            after={"channel": channel, "address": address},
            note=_where(address, channel),
        )
        locks = throttle.record_failure(username=username, address=address)
        for new_lock in locks:
            audit.record(
                actor=_claimant(username),
                action=actions.LOCKOUT,
                model="auth.user",
                object_id=user_id if new_lock.kind == throttle.USERNAME else None,
                object_repr=(username if new_lock.kind == throttle.USERNAME else address)[:300],
                after={
                    "locked": new_lock.kind,
                    "until": datetime.fromtimestamp(new_lock.until, tz=UTC),
                    "address": address,
                },
                note=(
                    "Tạm khóa đăng nhập của tên đăng nhập này. "
                    if new_lock.kind == throttle.USERNAME
                    else "Tạm khóa đăng nhập từ địa chỉ này. "
                )
                + _where(address, channel),
            )
    if locks:
        raise LoginLocked(locks[0])
    raise LoginFailed(WRONG_CREDENTIALS, field="password")


@transaction.atomic
def session_open(*, user, session_key: str, address: str, user_agent: str) -> LoginSession:
    """Remember the browser session a login opened (so that it can be ended from elsewhere) and audit the login."""
    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    LoginSession.objects.filter(user=user, created_at__lt=cutoff).delete()
    session, _ = LoginSession.objects.update_or_create(
        session_key=session_key,
        defaults={"user": user, "address": address or None, "user_agent": user_agent[:200]},
    )
    audit.record(
        actor=user,
        action=actions.LOGIN,
        obj=user,
        after={"channel": "web", "address": address},
        note=_where(address, "web"),
    )
    return session


@transaction.atomic
def session_close(*, user, session_key: str | None) -> None:
    """Forget the session a logout ends, and audit the logout."""
    if session_key:
        LoginSession.objects.filter(user=user, session_key=session_key).delete()
    audit.record(actor=user, action=actions.LOGOUT, obj=user)


def session_moved(*, user, old_key: str | None, new_key: str | None) -> None:
    """Follow a session whose key changed (a password change cycles it)."""
    if old_key and new_key and old_key != new_key:
        LoginSession.objects.filter(user=user, session_key=old_key).update(session_key=new_key)


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _end_sessions(user, *, keep: str | None) -> int:
    """End every session of the user but `keep`, in whatever store sessions live (database, cache, Redis)."""
    store = _session_store()
    keys = set(
        LoginSession.objects.filter(user=user)
        .exclude(session_key=keep or "")
        .values_list("session_key", flat=True)
    )
    if settings.SESSION_ENGINE.endswith(("sessions.backends.db", "sessions.backends.cached_db")):
        # Sessions opened before sessions were tracked (or by other means) are found in the table.
        from django.contrib.sessions.models import Session

        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if s.session_key != keep and str(s.get_decoded().get("_auth_user_id")) == str(user.pk):
                keys.add(s.session_key)
    for key in keys:
        store(session_key=key).delete()
    LoginSession.objects.filter(user=user, session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def logout_everywhere(*, actor, user, keep_session_key: str | None) -> dict:
    """End every other session of the user and revoke all their API tokens; the session in use stays open."""
    from cchc.accounts import token_services

    if not policies.can_manage_account(actor, user):
        raise PermissionDenied()
    ended = _end_sessions(user, keep=keep_session_key)
    revoked = token_services.tokens_revoke_all(
        actor=actor, user=user, reason="Đăng xuất khỏi mọi nơi."
    )
    audit.record(
        actor=actor,
        action=actions.LOGOUT_EVERYWHERE,
        obj=user,
        after={"sessions_ended": ended, "tokens_revoked": revoked},
    )
    return {"sessions": ended, "tokens": revoked}


@transaction.atomic
def password_change(
    *, actor, user, old_password: str, new_password: str, keep_session_key: str | None
) -> dict:
    """Change the user's own password after checking the current one and the password rules; every other
    session ends and every API token is revoked. The password never enters the audit log."""
    from cchc.accounts import token_services

    if not policies.can_manage_account(actor, user):
        raise PermissionDenied()
    if not user.check_password(old_password):
        raise DomainError("Mật khẩu hiện tại không đúng.", field="old_password")
    if new_password == old_password:
        raise DomainError("Mật khẩu mới phải khác mật khẩu hiện tại.", field="new_password1")
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="new_password1")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    ended = _end_sessions(user, keep=keep_session_key)
    revoked = token_services.tokens_revoke_all(actor=actor, user=user, reason="Đổi mật khẩu.")
    audit.record(
        actor=actor,
        action=actions.PASSWORD_CHANGE,
        obj=user,
        after={"sessions_ended": ended, "tokens_revoked": revoked},
    )
    return {"sessions": ended, "tokens": revoked}
