"""The one JSON API of cchc (/api/, OpenAPI at /api/docs): bearer tokens or the session."""

from datetime import datetime

from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from cchc.accounts import token_services
from cchc.accounts.client import client_address, client_program
from cchc.accounts.login_services import LoginFailed, LoginLocked
from cchc.core.errors import DomainError, PermissionDenied


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        api_token = token_services.token_use(key=token)
        if api_token is not None:
            request.user = api_token.user
            request.api_token = api_token
            return api_token.user
        return None


api = NinjaAPI(
    title="cchc API",
    version="1",
    description="API của hệ thống quản lý cải cách hành chính và thi đua, khen thưởng.",
    auth=[BearerAuth(), django_auth],
    urls_namespace="api",
)


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    expires_at: datetime


class ErrorOut(Schema):
    detail: str


@api.post(
    "/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut, 429: ErrorOut}, tags=["auth"]
)
def auth_token(request, payload: TokenIn):
    """Exchange a username and password for a bearer token (valid CCHC_API_TOKEN_DAYS days). Failed attempts are
    limited like the login page: 429 during a lockout, even with the right password."""
    try:
        key, token = token_services.token_issue(
            username=payload.username,
            password=payload.password,
            address=client_address(request),
            user_agent=client_program(request),
        )
    except LoginLocked as exc:
        response = api.create_response(request, {"detail": exc.message}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    except LoginFailed as exc:
        return 401, {"detail": exc.message}
    return 200, {"token": key, "expires_at": token.expires_at}


@api.delete("/auth/token", response={204: None, 404: ErrorOut}, tags=["auth"])
def auth_token_revoke(request):
    """Revoke the bearer token this request was made with."""
    api_token = getattr(request, "api_token", None)
    if api_token is None:
        return 404, {"detail": "Yêu cầu này không dùng mã truy cập API (Bearer) nào để thu hồi."}
    token_services.token_revoke(actor=request.user, token=api_token, reason="Thu hồi qua API.")
    return 204, None


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=403)


_WHERE = {"query": "tham số", "path": "đường dẫn", "body": "nội dung", "form": "biểu mẫu"}


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    """Input that does not fit the schema: 400 naming each parameter in Vietnamese (with the raw errors)."""
    names = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        where = _WHERE.get(loc[0], loc[0]) if loc else "dữ liệu"
        names.append(f"{where} “{'.'.join(loc[1:]) or '?'}”")
    detail = "Dữ liệu gửi lên không hợp lệ: " + ", ".join(names or ["không đọc được"]) + "."
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=400)


@api.exception_handler(DomainError)
def on_domain_error(request, exc):
    return api.create_response(
        request, {"detail": exc.message, "field": exc.field, "rows": exc.rows}, status=400
    )


def register_routers() -> None:
    from cchc.awards.api import router as awards_router
    from cchc.emulation.api import router as emulation_router
    from cchc.initiatives.api import router as initiatives_router
    from cchc.orgs.api import router as orgs_router
    from cchc.par.api import router as par_router
    from cchc.plans.api import router as plans_router
    from cchc.registry.api import router as registry_router
    from cchc.reports.api import router as reports_router

    api.add_router("/", orgs_router)
    api.add_router("/", registry_router)
    api.add_router("/", reports_router)
    api.add_router("/", plans_router)
    api.add_router("/parindex", par_router)
    api.add_router("/", emulation_router)
    api.add_router("/", initiatives_router)
    api.add_router("/", awards_router)


register_routers()

__all__ = ["api", "HttpError"]
