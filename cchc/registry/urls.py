from django.urls import path

from cchc.registry import views

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("dang-ky/", views.document_create, name="document_create"),
    path("dang-ky/doc-tu-van-ban/", views.document_read, name="document_read"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/sua/", views.document_edit, name="document_edit"),
    path("<int:pk>/can-cu/", views.document_bases, name="document_bases"),
    path("<int:pk>/dinh-kem/", views.document_attach, name="document_attach"),
    path("tep/<int:file_id>/", views.document_file, name="document_file"),
]
