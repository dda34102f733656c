"""Sign in and out; user accounts and their roles."""

from django.contrib.auth import views as auth_views
from django.urls import path

from tanggap.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("pengguna/", views.user_list, name="user_list"),
    path("pengguna/tambah/", views.user_create, name="user_create"),
    path("pengguna/<int:pk>/", views.user_detail, name="user_detail"),
    path("pengguna/<int:pk>/peran/", views.role_assign, name="role_assign"),
    path("pengguna/<int:pk>/peran/<int:assignment>/cabut/", views.role_revoke, name="role_revoke"),
    path("pengguna/<int:pk>/nonaktifkan/", views.user_deactivate, name="user_deactivate"),
    path("pengguna/<int:pk>/aktifkan/", views.user_reactivate, name="user_reactivate"),
    path("kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
]
