"""Pages for the officials (ASN) of a region: list for rotation planning, detail, register, correct, archive."""

from __future__ import annotations

from django.contrib import messages
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import can_manage_user, is_staff_member
from tanggap.core.decorators import staff_view
from tanggap.core.forms import run_form
from tanggap.core.pages import paginate
from tanggap.org import selectors, services
from tanggap.org.forms import OfficialArchiveForm, OfficialFilterForm, OfficialForm
from tanggap.org.views.region_pages import (
    form_page,
    region_context,
    region_from_url,
    require_manager,
)


@staff_view(is_staff_member)
def official_list(request, region):
    """Officials the user may see, searchable and filterable, with tenure in the current position."""
    region = region_from_url(request, region)
    units = selectors.unit_list_visible_to(user=request.user, region=region)
    filters = OfficialFilterForm(request.GET or None, units=units)
    officials = selectors.official_list_visible_to(
        user=request.user, region=region, **filters.filters()
    )
    page = paginate(request, officials)
    return render(
        request,
        "org/official_list.html",
        region_context(request, region, filters=filters, page=page, section="officials"),
    )


@staff_view(is_staff_member)
def official_detail(request, region, pk):
    """One official: NIP breakdown, tenure, position history, account and roles."""
    region = region_from_url(request, region)
    official = selectors.official_get_visible_to(user=request.user, region=region, pk=pk)
    account = official.user
    context = region_context(
        request,
        region,
        official=official,
        nip_parts=[official.nip[0:8], official.nip[8:14], official.nip[14], official.nip[15:18]],
        history=selectors.position_history(official=official),
        account=account,
        roles=account.role_assignments.select_related("region", "unit") if account else [],
        can_manage_account=account is not None and can_manage_user(request.user, account),
        section="officials",
    )
    return render(request, "org/official_detail.html", context)


@staff_view(is_staff_member)
def official_create(request, region):
    region = region_from_url(request, region)
    require_manager(request, region)
    form = OfficialForm(
        request.POST or None, region=region, initial={"unit": request.GET.get("unit")}
    )
    ok, official = run_form(request, form, services.official_create, actor=request.user)
    if ok:
        messages.success(request, _("%(name)s terdaftar.") % {"name": official})
        return redirect("org:official_detail", region=region.slug, pk=official.pk)
    return form_page(
        request,
        region,
        form,
        title=_("Tambah pegawai"),
        cancel_url=reverse("org:official_list", args=[region.slug]),
        section="officials",
    )


@staff_view(is_staff_member)
def official_edit(request, region, pk):
    region = region_from_url(request, region)
    require_manager(request, region)
    official = selectors.official_get_visible_to(user=request.user, region=region, pk=pk)
    initial = model_to_dict(official, fields=[*OfficialForm._meta.fields, "nip"])
    form = OfficialForm(request.POST or None, region=region, editing=True, initial=initial)
    ok, _result = run_form(
        request, form, services.official_update, actor=request.user, official=official
    )
    if ok:
        messages.success(request, _("Data %(name)s disimpan.") % {"name": official})
        return redirect("org:official_detail", region=region.slug, pk=official.pk)
    return form_page(
        request,
        region,
        form,
        title=_("Ubah data %(name)s") % {"name": official},
        cancel_url=reverse("org:official_detail", args=[region.slug, official.pk]),
        section="officials",
    )


@staff_view(is_staff_member)
def official_archive(request, region, pk):
    region = region_from_url(request, region)
    require_manager(request, region)
    official = selectors.official_get_visible_to(user=request.user, region=region, pk=pk)
    form = OfficialArchiveForm(request.POST or None)
    ok, _result = run_form(
        request, form, services.official_archive, actor=request.user, official=official
    )
    if ok:
        messages.success(request, _("%(name)s tidak lagi aktif.") % {"name": official})
        return redirect("org:official_detail", region=region.slug, pk=official.pk)
    return form_page(
        request,
        region,
        form,
        title=_("Nonaktifkan %(name)s") % {"name": official},
        intro=_("Data pegawai tidak dihapus; jabatannya ditutup dan riwayatnya tetap tersimpan."),
        submit_label=_("Nonaktifkan"),
        danger=True,
        cancel_url=reverse("org:official_detail", args=[region.slug, official.pk]),
        section="officials",
    )
