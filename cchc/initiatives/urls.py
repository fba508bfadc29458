from django.urls import path

from cchc.initiatives import views

urlpatterns = [
    path("", views.initiative_list, name="initiative_list"),
    path("them/", views.initiative_create, name="initiative_create"),
    path("thong-ke/", views.counts, name="counts"),
    path("<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("<int:pk>/sua/", views.initiative_edit, name="initiative_edit"),
    path("<int:pk>/minh-chung/", views.initiative_attach, name="initiative_attach"),
    path("<int:pk>/gui-hoi-dong/", views.initiative_submit, name="initiative_submit"),
    path("<int:pk>/mo-cham-diem/", views.initiative_open_scoring, name="initiative_open_scoring"),
    path("<int:pk>/cham-diem/", views.initiative_score, name="initiative_score"),
    path("<int:pk>/tra-lai/", views.initiative_return, name="initiative_return"),
    path("<int:pk>/cong-nhan/", views.initiative_recognise, name="initiative_recognise"),
    path("<int:pk>/khong-cong-nhan/", views.initiative_refuse, name="initiative_refuse"),
    path(
        "<int:pk>/ghi-nhan-quyet-dinh/",
        views.initiative_record_decision,
        name="initiative_record_decision",
    ),
    path(
        "<int:pk>/du-thao-quyet-dinh/",
        views.initiative_decision_docx,
        name="initiative_decision_docx",
    ),
    path("minh-chung/<int:file_id>/", views.initiative_file, name="initiative_file"),
    path(
        "minh-chung/<int:file_id>/go/", views.initiative_file_remove, name="initiative_file_remove"
    ),
    path("hoi-dong/", views.council_list, name="council_list"),
    path("hoi-dong/them/", views.council_create, name="council_create"),
    path("hoi-dong/<int:pk>/", views.council_detail, name="council_detail"),
    path("hoi-dong/<int:pk>/sua/", views.council_edit, name="council_edit"),
    path("hoi-dong/<int:pk>/phieu-cham/", views.council_sheet, name="council_sheet"),
    path("hoi-dong/<int:pk>/thanh-vien/", views.council_member_add, name="council_member_add"),
    path(
        "hoi-dong/<int:pk>/thanh-vien/<int:member_id>/bot/",
        views.council_member_remove,
        name="council_member_remove",
    ),
]
