"""Failed-login counters in Django's cache, per username and per client address.

The cache is shared by every worker and every app server (Redis with REDIS_URL, otherwise a database table), so a
lockout reached through one server holds on all of them. A window opens at the first failure and lasts
LOGIN_FAILURE_WINDOW seconds; reaching the limit inside it locks logins for LOGIN_LOCKOUT_SECONDS, whatever the
password given meanwhile.
"""

import hashlib
import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

USERNAME = "username"
ADDRESS = "address"


@dataclass(frozen=True)
class Lock:
    """A lockout in force: what is locked and until when (seconds since the epoch)."""

    kind: str
    until: float

    def minutes_left(self, now: float | None = None) -> int:
        return max(1, math.ceil((self.until - (now or time.time())) / 60))


def _limits() -> dict[str, int]:
    return {USERNAME: settings.LOGIN_FAILURE_LIMIT, ADDRESS: settings.LOGIN_ADDRESS_FAILURE_LIMIT}


def _subjects(username: str, address: str) -> dict[str, str]:
    subjects = {USERNAME: username.strip().casefold()}
    if address:
        subjects[ADDRESS] = address
    return {kind: value for kind, value in subjects.items() if value}


def _key(part: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:40]
    return f"login:{part}:{kind}:{digest}"


def locked(*, username: str, address: str) -> Lock | None:
    """The lockout in force for this username or this address, else None."""
    subjects = _subjects(username, address)
    keys = {_key("lock", kind, value): kind for kind, value in subjects.items()}
    found = cache.get_many(list(keys))
    locks = [Lock(kind=keys[k], until=float(until)) for k, until in found.items()]
    now = time.time()
    locks = [lock for lock in locks if lock.until > now]
    return max(locks, key=lambda lock: lock.until) if locks else None


def _count_failure(kind: str, value: str, window: int) -> int:
    """Add one failure to the window of this subject and return the failures counted in it."""
    now = time.time()
    start_key = _key("window", kind, value)
    opened = cache.get_or_set(start_key, f"{now:.3f}:{secrets.token_hex(6)}", timeout=window)
    start = float(opened.split(":", 1)[0])
    # The window's name is part of the counter's: a counter outliving its window is never read again.
    counter = f"{_key('count', kind, value)}:{opened.split(':', 1)[1]}"
    if cache.add(counter, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(counter)
        except ValueError:  # expired between add() and incr()
            cache.add(counter, 1, timeout=window)
            count = 1
    # Some backends (the database cache) reset the expiry on incr(); set it again.
    cache.touch(counter, timeout=max(1, int(start + window - now) + 1))
    return count


def record_failure(*, username: str, address: str) -> list[Lock]:
    """Count one failed login; the lockouts it starts (none while under the limits)."""
    started = []
    window, lockout = settings.LOGIN_FAILURE_WINDOW, settings.LOGIN_LOCKOUT_SECONDS
    for kind, value in _subjects(username, address).items():
        if _count_failure(kind, value, window) < _limits()[kind]:
            continue
        until = time.time() + lockout
        # add(): when two servers reach the limit together, one lockout is recorded.
        if cache.add(_key("lock", kind, value), until, timeout=lockout):
            started.append(Lock(kind=kind, until=until))
        cache.delete(_key("window", kind, value))
    return started


def record_success(*, username: str) -> None:
    """A correct password outside a lockout starts the username's count again (the address keeps its count)."""
    value = username.strip().casefold()
    if value:
        cache.delete(_key("window", USERNAME, value))
