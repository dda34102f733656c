"""Pages for a region's profile and calendar, its days off, areas and units."""

from __future__ import annotations

from django.contrib import messages
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.decorators import staff_view
from tanggap.core.forms import run_form
from tanggap.core.pages import run_action
from tanggap.org import selectors, services
from tanggap.org.forms import ArchiveForm, AreaForm, DayOffForm, RegionForm, UnitForm
from tanggap.org.models import Area, DayOff
from tanggap.org.views.region_pages import (
    form_page,
    region_context,
    region_from_url,
    require_manager,
)


@staff_view(is_staff_member)
def index(request):
    """The regions this user works in; with only one, go straight to it."""
    regions = list(selectors.region_list_visible_to(user=request.user))
    if len(regions) == 1:
        return redirect("org:region_detail", region=regions[0].slug)
    return render(request, "org/index.html", {"regions": regions})


def _region_page(request, region, *, day_off_form=None):
    this_year = timezone.localdate().replace(month=1, day=1)
    context = region_context(
        request,
        region,
        summary=selectors.region_summary(region=region),
        days_off=selectors.day_off_list(region=region, since=this_year),
        day_off_form=day_off_form or DayOffForm(),
        section="region",
    )
    return render(request, "org/region_detail.html", context)


@staff_view(is_staff_member)
def region_detail(request, region):
    """The region's profile, working calendar and days off."""
    return _region_page(request, region_from_url(request, region))


@staff_view(is_staff_member)
def region_edit(request, region):
    region = region_from_url(request, region)
    require_manager(request, region)
    form = RegionForm(
        request.POST or None, initial=model_to_dict(region, fields=RegionForm._meta.fields)
    )
    ok, _result = run_form(request, form, services.region_update, actor=request.user, region=region)
    if ok:
        messages.success(request, _("Data wilayah disimpan."))
        return redirect("org:region_detail", region=region.slug)
    return form_page(
        request,
        region,
        form,
        title=_("Ubah data wilayah"),
        cancel_url=reverse("org:region_detail", args=[region.slug]),
        section="region",
    )


@staff_view(is_staff_member)
@require_POST
def day_off_add(request, region):
    region = region_from_url(request, region)
    require_manager(request, region)
    form = DayOffForm(request.POST)
    ok, day_off = run_form(request, form, services.day_off_add, actor=request.user, region=region)
    if ok:
        messages.success(request, _("Hari libur %(name)s ditambahkan.") % {"name": day_off.name})
        return redirect("org:region_detail", region=region.slug)
    return _region_page(request, region, day_off_form=form)


@staff_view(is_staff_member)
@require_POST
def day_off_remove(request, region, pk):
    region = region_from_url(request, region)
    require_manager(request, region)
    day_off = get_object_or_404(DayOff, pk=pk, region=region)
    run_action(
        request,
        services.day_off_remove,
        success=_("Hari libur dihapus."),
        actor=request.user,
        day_off=day_off,
    )
    return redirect("org:region_detail", region=region.slug)


# --- areas -------------------------------------------------------------------------------------------


@staff_view(is_staff_member)
def area_list(request, region):
    """Kecamatan with their desa/kelurahan."""
    region = region_from_url(request, region)
    return render(
        request,
        "org/area_list.html",
        region_context(
            request, region, kecamatan=selectors.area_tree(region=region), section="areas"
        ),
    )


@staff_view(is_staff_member)
def area_create(request, region):
    region = region_from_url(request, region)
    require_manager(request, region)
    initial = {
        "kind": request.GET.get("jenis", Area.Kind.KECAMATAN),
        "parent": request.GET.get("induk"),
    }
    form = AreaForm(request.POST or None, region=region, initial=initial)
    ok, area = run_form(request, form, services.area_create, actor=request.user, region=region)
    if ok:
        messages.success(request, _("%(area)s ditambahkan.") % {"area": area})
        return redirect("org:area_list", region=region.slug)
    return form_page(
        request,
        region,
        form,
        title=_("Tambah kecamatan/desa"),
        cancel_url=reverse("org:area_list", args=[region.slug]),
        section="areas",
    )


@staff_view(is_staff_member)
def area_edit(request, region, pk):
    region = region_from_url(request, region)
    require_manager(request, region)
    area = get_object_or_404(Area, pk=pk, region=region)
    form = AreaForm(
        request.POST or None,
        region=region,
        initial=model_to_dict(area, fields=AreaForm._meta.fields),
    )
    ok, _result = run_form(request, form, services.area_update, actor=request.user, area=area)
    if ok:
        messages.success(request, _("%(area)s disimpan.") % {"area": area})
        return redirect("org:area_list", region=region.slug)
    return form_page(
        request,
        region,
        form,
        title=_("Ubah %(area)s") % {"area": area},
        cancel_url=reverse("org:area_list", args=[region.slug]),
        section="areas",
    )


# --- units -------------------------------------------------------------------------------------------


@staff_view(is_staff_member)
def unit_list(request, region):
    """The units this user may see, as a tree."""
    region = region_from_url(request, region)
    archived = request.GET.get("arsip") == "1"
    nodes = selectors.unit_tree_visible_to(
        user=request.user, region=region, include_archived=archived
    )
    return render(
        request,
        "org/unit_list.html",
        region_context(request, region, nodes=nodes, show_archived=archived, section="units"),
    )


@staff_view(is_staff_member)
def unit_detail(request, region, unit):
    region = region_from_url(request, region)
    unit = selectors.unit_get_visible_to(user=request.user, region=region, slug=unit)
    context = region_context(
        request,
        region,
        unit=unit,
        children=selectors.unit_list_visible_to(
            user=request.user, region=region, include_archived=True
        ).filter(parent=unit),
        officials=selectors.official_list_visible_to(user=request.user, region=region, unit=unit),
        section="units",
    )
    return render(request, "org/unit_detail.html", context)


@staff_view(is_staff_member)
def unit_create(request, region):
    region = region_from_url(request, region)
    require_manager(request, region)
    form = UnitForm(
        request.POST or None, region=region, initial={"parent": request.GET.get("induk")}
    )
    ok, unit = run_form(request, form, services.unit_create, actor=request.user, region=region)
    if ok:
        messages.success(request, _("Unit %(unit)s ditambahkan.") % {"unit": unit})
        return redirect("org:unit_detail", region=region.slug, unit=unit.slug)
    return form_page(
        request,
        region,
        form,
        title=_("Tambah unit"),
        cancel_url=reverse("org:unit_list", args=[region.slug]),
        section="units",
    )


@staff_view(is_staff_member)
def unit_edit(request, region, unit):
    region = region_from_url(request, region)
    require_manager(request, region)
    unit = selectors.unit_get_visible_to(user=request.user, region=region, slug=unit)
    form = UnitForm(
        request.POST or None,
        region=region,
        unit=unit,
        initial=model_to_dict(unit, fields=UnitForm._meta.fields),
    )
    ok, _result = run_form(request, form, services.unit_update, actor=request.user, unit=unit)
    if ok:
        messages.success(request, _("Unit %(unit)s disimpan.") % {"unit": unit})
        return redirect("org:unit_detail", region=region.slug, unit=unit.slug)
    return form_page(
        request,
        region,
        form,
        title=_("Ubah unit %(unit)s") % {"unit": unit},
        cancel_url=reverse("org:unit_detail", args=[region.slug, unit.slug]),
        section="units",
    )


@staff_view(is_staff_member)
def unit_archive(request, region, unit):
    region = region_from_url(request, region)
    require_manager(request, region)
    unit = selectors.unit_get_visible_to(user=request.user, region=region, slug=unit)
    form = ArchiveForm(request.POST or None)
    # ArchiveForm carries only the reason, which is all unit_archive takes.
    ok, _result = run_form(request, form, services.unit_archive, actor=request.user, unit=unit)
    if ok:
        messages.success(request, _("Unit %(unit)s diarsipkan.") % {"unit": unit})
        return redirect("org:unit_list", region=region.slug)
    return form_page(
        request,
        region,
        form,
        title=_("Arsipkan unit %(unit)s") % {"unit": unit},
        intro=_("Unit tidak dihapus: datanya tetap tersimpan dengan alasan pengarsipan."),
        submit_label=_("Arsipkan"),
        danger=True,
        cancel_url=reverse("org:unit_detail", args=[region.slug, unit.slug]),
        section="units",
    )
