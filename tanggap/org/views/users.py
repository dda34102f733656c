"""Pages for user accounts and roles within a region: list a region's accounts, open one for an official,
grant and revoke roles. They live with the organisation (regions, units, officials) they are about."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tanggap.accounts import selectors, services
from tanggap.accounts.models import RoleAssignment
from tanggap.accounts.permissions import (
    can_assign_role,
    can_manage_region,
    can_manage_user,
    is_staff_member,
)
from tanggap.core.decorators import staff_view
from tanggap.core.forms import run_form
from tanggap.core.pages import paginate, run_action
from tanggap.org import selectors as org_selectors
from tanggap.org.forms import DeactivateForm, RoleAssignForm, UserCreateForm
from tanggap.org.views.region_pages import region_context


def _require_any_reader(request):
    if selectors.readable_region_ids(request.user) == set():
        raise HttpForbidden


@staff_view(is_staff_member)
def user_list(request):
    """Accounts in the regions the user reads (one region when `?wilayah=` names it)."""
    _require_any_reader(request)
    region = None
    if request.GET.get("wilayah"):
        region = org_selectors.region_get_visible_to(user=request.user, slug=request.GET["wilayah"])
    search = request.GET.get("q", "")[:100]
    page = paginate(
        request, selectors.user_list_visible_to(user=request.user, region=region, search=search)
    )
    context = {"page": page, "search": search, "section": "accounts", "region": None}
    if region is not None:
        context |= region_context(request, region)
    return render(request, "org/users/user_list.html", context)


def _detail_page(request, account, *, assign_form=None, deactivate_form=None, status=200):
    regions = org_selectors.region_list_managed_by(user=request.user)
    assignments = [
        (a, can_assign_role(request.user, a.role, a.region_id) and a.user_id != request.user.pk)
        for a in account.role_assignments.all()
    ]
    context = {
        "account": account,
        "official": getattr(account, "official", None),
        "assignments": assignments,
        "can_assign": regions.exists(),
        "can_manage_account": can_manage_user(request.user, account),
        "assign_form": assign_form or RoleAssignForm(regions=regions, actor=request.user),
        "deactivate_form": deactivate_form or DeactivateForm(),
        "section": "accounts",
    }
    return render(request, "org/users/user_detail.html", context, status=status)


@staff_view(is_staff_member)
def user_detail(request, pk):
    """One account: its official, its roles, and (for those who may) forms to change them."""
    _require_any_reader(request)
    return _detail_page(request, selectors.user_get_visible_to(user=request.user, pk=pk))


@never_cache
@staff_view(is_staff_member)
def user_create(request):
    """Open an account for an official; the temporary password is shown once, on the answer page."""
    official_pk = request.GET.get("pegawai", "")
    if not (official_pk.isascii() and official_pk.isdigit()):
        raise Http404
    official = org_selectors.official_get_visible_to(user=request.user, pk=int(official_pk))
    if not can_manage_region(request.user, official.region_id):
        raise HttpForbidden
    form = UserCreateForm(request.POST or None)
    # UserCreateForm carries only the username, which is all the service takes from it.
    ok, result = run_form(
        request, form, services.user_create_for_official, actor=request.user, official=official
    )
    if ok:
        account, password = result
        return render(
            request,
            "org/users/user_created.html",
            {"account": account, "official": official, "password": password},
        )
    return render(request, "org/users/user_create.html", {"form": form, "official": official})


@staff_view(is_staff_member)
@require_POST
def role_assign(request, pk):
    _require_any_reader(request)
    account = selectors.user_get_visible_to(user=request.user, pk=pk)
    regions = org_selectors.region_list_managed_by(user=request.user)
    if not regions.exists():
        raise HttpForbidden
    form = RoleAssignForm(request.POST, regions=regions, actor=request.user)
    ok, assignment = run_form(request, form, services.role_assign, actor=request.user, user=account)
    if ok:
        messages.success(
            request, _("Peran %(role)s diberikan.") % {"role": assignment.get_role_display()}
        )
        return redirect("users:user_detail", pk=account.pk)
    return _detail_page(request, account, assign_form=form)


@staff_view(is_staff_member)
@require_POST
def role_revoke(request, pk, assignment):
    _require_any_reader(request)
    account = selectors.user_get_visible_to(user=request.user, pk=pk)
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("region", "unit"), pk=assignment, user=account
    )
    success = _("Peran %(role)s dicabut.") % {"role": assignment.get_role_display()}
    run_action(
        request, services.role_revoke, success=success, actor=request.user, assignment=assignment
    )
    return redirect("users:user_detail", pk=account.pk)


@staff_view(is_staff_member)
@require_POST
def user_deactivate(request, pk):
    _require_any_reader(request)
    account = selectors.user_get_visible_to(user=request.user, pk=pk)
    if not can_manage_user(request.user, account):
        raise HttpForbidden
    form = DeactivateForm(request.POST)
    # DeactivateForm carries only the reason, which is all user_deactivate takes from it.
    ok, _result = run_form(
        request, form, services.user_deactivate, actor=request.user, user=account
    )
    if ok:
        messages.success(request, _("Akun %(name)s dinonaktifkan.") % {"name": account})
        return redirect("users:user_detail", pk=account.pk)
    return _detail_page(request, account, deactivate_form=form)


@staff_view(is_staff_member)
@require_POST
def user_reactivate(request, pk):
    _require_any_reader(request)
    account = selectors.user_get_visible_to(user=request.user, pk=pk)
    success = _("Akun %(name)s diaktifkan kembali.") % {"name": account}
    run_action(request, services.user_reactivate, success=success, actor=request.user, user=account)
    return redirect("users:user_detail", pk=account.pk)
