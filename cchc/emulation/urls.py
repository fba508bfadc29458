"""Pages of the movements (namespace "emulation", under /phong-trao/)."""

from django.urls import path

from cchc.emulation import views

urlpatterns = [
    path("", views.home, name="home"),
    path("danh-sach/", views.movement_list, name="movement_list"),
    path("nhap/", views.movement_import, name="movement_import"),
    path("nhap/xac-nhan/", views.movement_import_confirm, name="movement_import_confirm"),
    path("<int:pk>/", views.movement_detail, name="movement_detail"),
    path("<int:pk>/sua/", views.movement_edit, name="movement_edit"),
    path("<int:pk>/trien-khai/", views.cascade_board, name="cascade_board"),
    path("<int:pk>/tinh-hinh-dang-ky/", views.registration_board, name="registration_board"),
    path("<int:pk>/tinh-hinh-bao-cao/", views.report_board, name="report_board"),
    path("<int:pk>/bao-cao-tong-hop.docx", views.report_docx, name="report_docx"),
    path("dang-ky/", views.registration_list, name="registration_list"),
    path(
        "dang-ky/moi/<int:participant_pk>/<int:year>/",
        views.registration_start,
        name="registration_start",
    ),
    path("dang-ky/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("dang-ky/<int:pk>/gui/", views.registration_submit, name="registration_submit"),
    path("dang-ky/<int:pk>/duyet/", views.registration_approve, name="registration_approve"),
    path("dang-ky/<int:pk>/tra-lai/", views.registration_return, name="registration_return"),
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/moi/<int:participant_pk>/<int:year>/", views.report_start, name="report_start"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path(
        "bao-cao/<int:pk>/trinh-phe-duyet/",
        views.report_request_approval,
        name="report_request_approval",
    ),
    path("bao-cao/<int:pk>/phe-duyet/", views.report_approve, name="report_approve"),
    path("bao-cao/<int:pk>/tra-lai/", views.report_return, name="report_return"),
    path("bao-cao/<int:pk>/nop/", views.report_submit, name="report_submit"),
    path("bao-cao/tep/<int:pk>/", views.report_file, name="report_file"),
    path("bao-cao/tep/<int:pk>/go/", views.report_file_remove, name="report_file_remove"),
]
