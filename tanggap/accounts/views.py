"""Pages of one's own account: change the password through the audited service."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy

from tanggap.accounts import services


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
