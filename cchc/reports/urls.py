"""Reports on CCHC plans (namespace "reports", under /bao-cao/)."""

from django.urls import path

from cchc.reports import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tong-hop/", views.overview, name="overview"),
    path("tong-hop/excel/", views.overview_xlsx, name="overview_xlsx"),
    path("ke-hoach/<int:pk>/", views.plan_dashboard, name="plan_dashboard"),
    path("ke-hoach/<int:pk>/excel/", views.plan_xlsx, name="plan_xlsx"),
    path("ke-hoach/<int:pk>/bao-cao-word/", views.plan_report, name="plan_report"),
]
