from django.urls import path

from cchc.orgs import views

urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("cay/", views.unit_tree, name="unit_tree"),
    path("cay/<int:pk>/", views.unit_tree_children, name="unit_tree_children"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/them-don-vi/", views.unit_create, name="unit_create"),
    path("don-vi/<int:pk>/giai-the/", views.unit_deactivate, name="unit_deactivate"),
    path("don-vi/<int:pk>/khoi/", views.unit_bloc_set, name="unit_bloc_set"),
    path("don-vi/<int:pk>/ten-goi/", views.alias_add, name="alias_add"),
    path("don-vi/<int:pk>/ten-goi/<int:alias_id>/xoa/", views.alias_remove, name="alias_remove"),
    path("don-vi/<int:pk>/them-ca-nhan/", views.person_create, name="person_create"),
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/chuyen/", views.person_move, name="person_move"),
    path("khoi/", views.bloc_list, name="bloc_list"),
    path("khoi/<str:code>/", views.bloc_detail, name="bloc_detail"),
    path("nhap/<str:what>/", views.import_upload, name="import_upload"),
    path("nhap/<str:what>/xac-nhan/", views.import_confirm, name="import_confirm"),
    path("mau/<str:what>.xlsx", views.import_template, name="import_template"),
]
