"""Pages answered without login: the public honour board (/vinh-danh/) and the verification of a certificate
(/xac-minh/<code>/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
