"""The one JSON API of cchc (/api/, OpenAPI at /api/docs): bearer tokens or the session."""

from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from cchc.accounts import services as account_services
from cchc.core.errors import DomainError, PermissionDenied


class BearerAuth(HttpBearer):
    def authenticate(self, request, token):
        user = account_services.token_user(token)
        if user is not None:
            request.user = user
            return user
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


class ErrorOut(Schema):
    detail: str


@api.post("/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut}, tags=["auth"])
def auth_token(request, payload: TokenIn):
    """Exchange a username and password for a bearer token."""
    key = account_services.token_issue(username=payload.username, password=payload.password)
    if key is None:
        return 401, {"detail": "Tên đăng nhập hoặc mật khẩu không đúng."}
    return 200, {"token": key}


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(DomainError)
def on_domain_error(request, exc):
    return api.create_response(
        request, {"detail": exc.message, "field": exc.field, "rows": exc.rows}, status=400
    )


def register_routers() -> None:
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
    api.add_router("/", initiatives_router)


register_routers()

__all__ = ["api", "HttpError"]
