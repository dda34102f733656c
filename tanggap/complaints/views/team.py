"""The unit's responsive team (tim responsif): who handles its reports; the unit head adds and removes
members."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tanggap.accounts.permissions import can_view_unit_internal, is_staff_member
from tanggap.complaints import permissions, selectors, services
from tanggap.complaints.forms.staff import TeamMemberForm
from tanggap.complaints.models import TeamMember
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError
from tanggap.core.forms import add_domain_error
from tanggap.org.models import Unit


def _unit(request, unit_id: int) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("region"), pk=unit_id)
    if not (
        can_view_unit_internal(request.user, unit)
        or permissions.can_manage_team(request.user, unit)
    ):
        raise HttpForbidden
    return unit


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def team(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The roster; the unit head (or admin) adds a member with a role."""
    unit = _unit(request, unit_id)
    can_manage = permissions.can_manage_team(request.user, unit)
    form = None
    if can_manage:
        candidates = selectors.team_candidates(unit)
        form = TeamMemberForm(request.POST or None, candidates=candidates)
        if request.method == "POST" and form.is_valid():
            try:
                services.team_member_add(
                    actor=request.user,
                    unit=unit,
                    user=form.cleaned_data["user"],
                    role=form.cleaned_data["role"],
                )
            except DomainError as exc:
                if exc.status == 403:
                    raise
                add_domain_error(form, exc)
            else:
                messages.success(request, _("Anggota tim ditambahkan."))
                return redirect("complaints:team", unit_id=unit.pk)
    elif request.method == "POST":
        raise HttpForbidden
    context = {
        "unit": unit,
        "members": selectors.team_of(unit),
        "form": form,
        "can_manage": can_manage,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "complaints/staff/team.html", context, status=status)


@require_POST
@staff_view(is_staff_member)
def team_remove(request: HttpRequest, unit_id: int, member_id: int) -> HttpResponse:
    """Take a member off the team (the row stays, inactive, for the record)."""
    unit = _unit(request, unit_id)
    if not permissions.can_manage_team(request.user, unit):
        raise HttpForbidden
    member = get_object_or_404(TeamMember.objects.select_related("user"), pk=member_id, unit=unit)
    try:
        services.team_member_remove(actor=request.user, member=member)
    except DomainError as exc:
        if exc.status == 403:
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("%(name)s tidak lagi menjadi anggota tim.")
            % {"name": member.user.get_full_name() or member.user.get_username()},
        )
    return redirect("complaints:team", unit_id=unit.pk)
