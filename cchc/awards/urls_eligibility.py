"""The eligibility page of a programme (/khen-thuong/chuong-trinh/<pk>/xet/)."""

from django.urls import path

from cchc.awards import views_eligibility

urlpatterns = [
    path(
        "chuong-trinh/<int:pk>/xet/",
        views_eligibility.eligibility_page,
        name="eligibility",
    ),
]
