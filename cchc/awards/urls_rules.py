"""Pages of the rule files, programmes, fact registers and eligibility (/khen-thuong/, /khen-thuong/chuong-trinh/…) and the reader of award rules (/khen-thuong/doc-quy-dinh/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
