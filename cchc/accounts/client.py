"""Who is on the other end of a request: the client's address and program, for login counters and the
list of sessions and tokens."""

import ipaddress

from django.conf import settings


def _valid(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or with PROXY_COUNT proxies in front, the address the first of them
    saw (that many places from the right of X-Forwarded-For; what the client wrote further left is ignored)."""
    hops = settings.PROXY_COUNT
    if hops > 0:
        forwarded = [
            p for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()
        ]
        if len(forwarded) >= hops:
            address = _valid(forwarded[-hops])
            if address:
                return address
    return _valid(request.META.get("REMOTE_ADDR", ""))


def client_program(request) -> str:
    """The User-Agent, cut to what the models keep."""
    return request.META.get("HTTP_USER_AGENT", "")[:200]
