"""Pages answered without login: the public honour board (/vinh-danh/) and the verification of a certificate
(/xac-minh/<code>/)."""

from django.urls import path

from cchc.awards import views_public

urlpatterns = [
    path("vinh-danh/", views_public.honour_board, name="honour_board"),
    path("xac-minh/<str:code>/", views_public.verify, name="verify"),
]
