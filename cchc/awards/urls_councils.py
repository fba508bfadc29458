"""Pages of emulation councils, meetings and votes (/khen-thuong/hoi-dong/…)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
