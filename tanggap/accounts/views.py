"""Pages of one's own account: change the password through the audited service."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect
from django.urls import reverse_lazy

from tanggap.accounts import services

# Longer than any password a person types; argon2 hashes every byte it is given.
PASSWORD_MAX_LENGTH = 1024


class LoginForm(AuthenticationForm):
    """Django's sign-in form, with the username's length checked before any sign-in is tried.

    Django only sets the username field's `max_length` after building it, so nothing enforced it: a long
    username reached authenticate(), and django-axes' record of the failure (255 characters) turned it into
    a database error on PostgreSQL. A too-long username or password is now a form error.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].validators.append(
            MaxLengthValidator(self.fields["username"].max_length)
        )
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password (first of all the temporary one) through the audited service."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        services.user_password_change(
            actor=self.request.user, user=form.user, password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(self.request, form.user)
        return redirect(self.get_success_url())
