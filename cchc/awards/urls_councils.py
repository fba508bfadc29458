"""Pages of emulation councils, meetings and votes (/khen-thuong/hoi-dong/…, /khen-thuong/phien-hop/…)."""

from django.urls import URLPattern, path

from cchc.awards import views_councils as views

urlpatterns: list[URLPattern] = [
    path("hoi-dong/", views.council_list, name="council_list"),
    path("hoi-dong/them/", views.council_create, name="council_create"),
    path("hoi-dong/<int:pk>/", views.council_detail, name="council_detail"),
    path("hoi-dong/<int:pk>/sua/", views.council_edit, name="council_edit"),
    path("hoi-dong/<int:pk>/thanh-vien/", views.council_member_add, name="council_member_add"),
    path(
        "hoi-dong/<int:pk>/thanh-vien/<int:member_id>/bot/",
        views.council_member_remove,
        name="council_member_remove",
    ),
    path("hoi-dong/<int:pk>/phien-hop/them/", views.meeting_create, name="meeting_create"),
    path("phien-hop/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("phien-hop/<int:pk>/khai-mac/", views.meeting_open, name="meeting_open"),
    path("phien-hop/<int:pk>/diem-danh/", views.meeting_attendance, name="meeting_attendance"),
    path("phien-hop/<int:pk>/bieu-quyet/", views.meeting_vote, name="meeting_vote"),
    path("phien-hop/<int:pk>/ket-thuc/", views.meeting_close, name="meeting_close"),
    path(
        "phien-hop/<int:pk>/<slug:kind>.docx",
        views.meeting_record_docx,
        name="meeting_record_docx",
    ),
]
