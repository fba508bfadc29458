"""Pages of nomination dossiers (/khen-thuong/ho-so/…)."""

from django.urls import path

from cchc.awards import views_dossiers as views
from cchc.awards import views_dossiers_actions as actions

urlpatterns = [
    path("ho-so/", views.dossier_list, name="dossier_list"),
    path("ho-so/lap/", views.dossier_create, name="dossier_create"),
    path("ho-so/chua-nop/", views.dossier_board, name="dossier_board"),
    path("ho-so/<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("ho-so/<int:pk>/them/", actions.dossier_nominee_add, name="dossier_nominee_add"),
    path(
        "ho-so/de-nghi/<int:pk>/bo/", actions.dossier_nominee_remove, name="dossier_nominee_remove"
    ),
    path(
        "ho-so/de-nghi/<int:pk>/sang-kien/",
        actions.dossier_nominee_initiatives,
        name="dossier_nominee_initiatives",
    ),
    path("ho-so/<int:pk>/dinh-kem/", actions.dossier_attach, name="dossier_attach"),
    path("ho-so/tep/<int:file_id>/", views.dossier_file, name="dossier_file"),
    path("ho-so/tep/<int:file_id>/xoa/", actions.dossier_file_remove, name="dossier_file_remove"),
    path("ho-so/<int:pk>/lap-tep/", actions.dossier_generate, name="dossier_generate"),
    path(
        "ho-so/<int:pk>/trinh-phe-duyet/",
        actions.dossier_request_approval,
        name="dossier_request_approval",
    ),
    path("ho-so/<int:pk>/phe-duyet/", actions.dossier_approve, name="dossier_approve"),
    path("ho-so/<int:pk>/tra-lai/", actions.dossier_return, name="dossier_return"),
    path("ho-so/<int:pk>/nop/", actions.dossier_submit, name="dossier_submit"),
    path("ho-so/<int:pk>/ho-so-giay/", actions.dossier_record_paper, name="dossier_record_paper"),
    path("ho-so/<int:pk>/tiep-nhan/", actions.dossier_receive, name="dossier_receive"),
    path("ho-so/<int:pk>/tra-lai-don-vi/", actions.dossier_send_back, name="dossier_send_back"),
    path("ho-so/<int:pk>/sua-lai/", actions.dossier_reopen, name="dossier_reopen"),
]
