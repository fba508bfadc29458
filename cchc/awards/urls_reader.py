"""The reader of award rules: /khen-thuong/doc-quy-dinh/ (read a plan, confirm, save) and the correction of a
saved rule file."""

from django.urls import path

from cchc.awards import views_reader

urlpatterns = [
    path("doc-quy-dinh/", views_reader.reader_page, name="reader"),
    path("doc-quy-dinh/<int:pk>/", views_reader.reader_edit, name="reader_edit"),
]
