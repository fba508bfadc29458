"""Pages of award decisions, certificates and the award registry (/khen-thuong/quyet-dinh/…, /khen-thuong/so-khen-thuong/…)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
