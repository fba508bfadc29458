import os

from django.urls import include, path

from cchc.accounts import views as account_views
from cchc.core import views as core_views
from config.api import api

urlpatterns = [
    path("", core_views.home, name="home"),
    path("dang-nhap/", account_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", account_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include(("cchc.accounts.urls", "accounts"))),
    path("nhat-ky/", core_views.audit_list, name="audit_list"),
    path("to-chuc/", include(("cchc.orgs.urls", "orgs"))),
    path("van-ban/", include(("cchc.registry.urls", "registry"))),
    path("nhiem-vu/", include(("cchc.plans.urls", "plans"))),
    path("chi-so/", include(("cchc.par.urls", "par"))),
    path("phong-trao/", include(("cchc.emulation.urls", "emulation"))),
    path("sang-kien/", include(("cchc.initiatives.urls", "initiatives"))),
    path("khen-thuong/", include(("cchc.awards.urls", "awards"))),
    path("", include(("cchc.awards.urls_public", "awards_public"))),
    path("bao-cao/", include(("cchc.reports.urls", "reports"))),
    path("thong-bao/", include(("cchc.notifications.urls", "notifications"))),
    path("api/", api.urls),
]

handler404 = "cchc.core.views.not_found"
handler403 = "cchc.core.views.forbidden"

if os.environ.get("CCHC_BENCH_BARE") == "1":
    # bench/web.py compares the application with a bare Django view served by the same server and middleware;
    # the URL exists only while that benchmark runs.
    from django.http import JsonResponse

    def _bench_bare(request):
        return JsonResponse({"ok": True})

    urlpatterns.append(path("bench/bare/", _bench_bare, name="bench_bare"))
