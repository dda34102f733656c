"""Sign in and out, and change one's password (the pages for managing accounts are in tanggap.org.user_urls)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from tanggap.accounts import views
from tanggap.accounts.login_guard import refuse_sprayed_addresses

app_name = "accounts"
urlpatterns = [
    path(
        "masuk/",
        refuse_sprayed_addresses(views.LoginView.as_view()),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
]
