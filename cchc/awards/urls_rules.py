"""Pages of the rule files, programmes, fact registers and eligibility (/khen-thuong/, /khen-thuong/chuong-trinh/…) and the reader of award rules (/khen-thuong/doc-quy-dinh/)."""

from django.urls import URLPattern, path

from cchc.awards import views_facts, views_rules

urlpatterns: list[URLPattern] = [
    path("", views_rules.home, name="home"),
    path("chuong-trinh/", views_rules.programme_list, name="programme_list"),
    path("chuong-trinh/<int:pk>/", views_rules.programme_detail, name="programme_detail"),
    path("chuong-trinh/<int:pk>/sua/", views_rules.programme_edit, name="programme_edit"),
    path("quy-dinh/", views_rules.rule_file_list, name="rule_file_list"),
    path("quy-dinh/schema.json", views_rules.rule_file_schema, name="rule_file_schema"),
    path("quy-dinh/nap/", views_rules.rule_file_create, name="rule_file_create"),
    path("quy-dinh/<int:pk>/", views_rules.rule_file_detail, name="rule_file_detail"),
    path("quy-dinh/<int:pk>/sua/", views_rules.rule_file_edit, name="rule_file_edit"),
    path("du-lieu/", views_facts.fact_home, name="fact_home"),
    path("du-lieu/xep-loai/nhap-excel/", views_facts.evaluation_import, name="evaluation_import"),
    path("du-lieu/<slug:kind>/", views_facts.fact_list, name="fact_list"),
    path("du-lieu/<slug:kind>/them/", views_facts.fact_create, name="fact_create"),
    path("du-lieu/<slug:kind>/<int:pk>/sua/", views_facts.fact_edit, name="fact_edit"),
]
