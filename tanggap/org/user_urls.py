"""User accounts and their roles within a region (mounted at /akun/pengguna/)."""

from django.urls import path

from tanggap.org.views import users

app_name = "users"
urlpatterns = [
    path("", users.user_list, name="user_list"),
    path("tambah/", users.user_create, name="user_create"),
    path("<int:pk>/", users.user_detail, name="user_detail"),
    path("<int:pk>/peran/", users.role_assign, name="role_assign"),
    path("<int:pk>/peran/<int:assignment>/cabut/", users.role_revoke, name="role_revoke"),
    path("<int:pk>/nonaktifkan/", users.user_deactivate, name="user_deactivate"),
    path("<int:pk>/aktifkan/", users.user_reactivate, name="user_reactivate"),
]
