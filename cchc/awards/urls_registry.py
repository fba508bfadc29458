"""Pages of the award registry (/khen-thuong/so-khen-thuong/…): the list, an award and its certificate."""

from django.urls import path

from cchc.awards import views_registry

urlpatterns = [
    path("so-khen-thuong/", views_registry.award_list, name="award_list"),
    path("so-khen-thuong/<int:pk>/", views_registry.award_detail, name="award_detail"),
    path(
        "so-khen-thuong/<int:pk>/giay-chung-nhan.pdf",
        views_registry.award_certificate,
        name="award_certificate",
    ),
]
