"""Importing a plan from its document: upload, preview, fix offices, confirm (part of namespace "plans")."""

from django.urls import path

from cchc.plans import views_import

urlpatterns: list = [
    path("nhap-ke-hoach/", views_import.plan_import, name="plan_import"),
    path("nhap-ke-hoach/xac-nhan/", views_import.plan_import_confirm, name="plan_import_confirm"),
]
