"""Pages of nomination dossiers (/khen-thuong/ho-so/…)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
