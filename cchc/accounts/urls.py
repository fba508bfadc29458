from django.urls import path

from cchc.accounts import views

urlpatterns = [
    path("", views.profile, name="profile"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("ma-api/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("dang-xuat-moi-noi/", views.logout_everywhere, name="logout_everywhere"),
]
