"""Pages of award decisions and the catalogue (/khen-thuong/quyet-dinh/…, /khen-thuong/danh-muc/…)."""

from django.urls import path

from cchc.awards import views_catalogue, views_decisions

urlpatterns = [
    path("danh-muc/", views_catalogue.catalogue, name="catalogue"),
    path("danh-muc/luong-co-so/", views_catalogue.base_salary_add, name="base_salary_add"),
    path("quyet-dinh/", views_decisions.decision_list, name="decision_list"),
    path("quyet-dinh/lap/", views_decisions.decision_draft, name="decision_draft"),
    path("quyet-dinh/trinh-cap-tren/", views_decisions.decision_propose, name="decision_propose"),
    path("quyet-dinh/chi-quy/", views_decisions.fund_xlsx, name="decision_fund_xlsx"),
    path("quyet-dinh/<int:pk>/", views_decisions.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/ky/", views_decisions.decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/ghi-nhan/", views_decisions.decision_record, name="decision_record"),
    path("quyet-dinh/<int:pk>/docx/", views_decisions.decision_docx, name="decision_docx"),
    path(
        "quyet-dinh/<int:pk>/to-trinh/",
        views_decisions.decision_submission_docx,
        name="decision_submission_docx",
    ),
    path("so-khen-thuong/<int:pk>/thu-hoi/", views_decisions.award_revoke, name="award_revoke"),
]
