from importlib import util

from django.urls import include, path

from cchc.accounts import views as account_views
from cchc.core import views as core_views
from config.api import api

urlpatterns = [
    path("", core_views.home, name="home"),
    path("dang-nhap/", account_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", account_views.LogoutView.as_view(), name="logout"),
    path("nhat-ky/", core_views.audit_list, name="audit_list"),
    path("to-chuc/", include(("cchc.orgs.urls", "orgs"))),
    path("van-ban/", include(("cchc.plans.urls_registry", "registry"))),
    path("api/", api.urls),
]

# Modules that register their pages when present.
for prefix, module, namespace in [
    ("nhiem-vu/", "cchc.plans.urls", "plans"),
    ("chi-so/", "cchc.par.urls", "par"),
    ("bao-cao/", "cchc.plans.urls_reports", "reports"),
]:
    if util.find_spec(module) is not None:
        urlpatterns.append(path(prefix, include((module, namespace))))

handler404 = "cchc.core.views.not_found"
