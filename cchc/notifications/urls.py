"""The inbox (namespace "notifications", under /thong-bao/)."""

from django.urls import path

from cchc.notifications import views

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/da-doc/", views.read, name="read"),
    path("da-doc-tat-ca/", views.read_all, name="read_all"),
]
