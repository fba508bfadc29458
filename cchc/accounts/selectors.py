"""Reads of a user's own account: API tokens and open sessions."""

from django.http import Http404
from django.utils import timezone

from cchc.accounts.models import ApiToken, LoginSession


def token_list(*, actor):
    """The actor's tokens that have not expired, newest first."""
    return ApiToken.objects.visible_to(actor).active().order_by("-created_at", "-id")


def token_get(*, actor, pk) -> ApiToken:
    """One of the actor's own tokens, else 404."""
    try:
        return ApiToken.objects.visible_to(actor).get(pk=pk)
    except (ApiToken.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy mã truy cập API.")


def session_list(*, actor):
    """The browser sessions the actor opened by logging in, newest first."""
    from datetime import timedelta

    from django.conf import settings

    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return (
        LoginSession.objects.visible_to(actor)
        .filter(created_at__gte=cutoff)
        .order_by("-created_at", "-id")
    )
