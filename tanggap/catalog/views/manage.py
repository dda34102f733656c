"""Staff pages of the catalogue: services, their draft standard, versions, enactment, import/export.

Open to users who may manage or enact some unit's services (others get the 403 page). Every page fetches
through a selector scoped to the user and writes through one service; a refused request changes nothing
and shows the reason. Which workflow buttons a page shows comes from the standard's transition table
(services.STANDARD_MACHINE), the same table the services enforce.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tanggap.catalog import importexport, selectors, services
from tanggap.catalog.forms import (
    ArchiveForm,
    EnactForm,
    ExportForm,
    ImportForm,
    ServiceForm,
    StandardForm,
)
from tanggap.catalog.permissions import (
    is_catalog_staff,
    may_export_region,
    may_export_unit,
    may_manage_services,
)
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied
from tanggap.core.forms import run_form, run_service
from tanggap.core.pages import paginate, run_action

PAGE_SIZE = 30
ENACT = "enact"  # the standard's move from draft to enacted, as STANDARD_MACHINE names it


def _may_export_something(user) -> bool:
    return is_catalog_staff(user) or selectors.exportable_units(user=user).exists()


catalog_staff = staff_view(is_catalog_staff)
export_staff = staff_view(_may_export_something)


def _detail(service) -> HttpResponse:
    return redirect("catalog:service_manage", pk=service.pk)


def _service_to_manage(request, pk: int):
    """A service whose entry and draft the user may change (403 for one they may only enact)."""
    service = selectors.service_get_for_staff(user=request.user, pk=pk)
    if not may_manage_services(request.user, service.unit):
        raise HttpForbidden
    return service


def _may_enact(user, draft) -> bool:
    """The draft may be enacted by this user, as the standard's transition table says."""
    return draft is not None and services.STANDARD_MACHINE.allows_action(
        ENACT, draft.status, user, draft
    )


@require_http_methods(["GET"])
@catalog_staff
def manage(request: HttpRequest) -> HttpResponse:
    """The services this user may manage or enact, searchable, with their draft/enacted versions."""
    q = request.GET.get("q", "")[:200].strip()
    qs = selectors.service_list_manageable_by(user=request.user, q=q)
    page = paginate(request, qs, PAGE_SIZE, param="page")
    for service in page:
        by_status = {s.status: s for s in service.current_standards}
        service.draft = by_status.get("draft")
        service.enacted = by_status.get("enacted")
    can_create = selectors.manageable_units(user=request.user).exists()
    return render(
        request,
        "catalog/manage/list.html",
        {
            "page": page,
            "q": q,
            "query_string": urlencode({"q": q} if q else {}),
            "can_create": can_create,
        },
    )


@require_http_methods(["GET", "POST"])
@catalog_staff
def service_create(request: HttpRequest) -> HttpResponse:
    """Add a service to a unit the user manages."""
    units = selectors.manageable_units(user=request.user)
    if not units.exists():
        raise HttpForbidden
    form = ServiceForm(request.POST if request.method == "POST" else None, units=units)
    ok, service = run_form(request, form, services.service_create, actor=request.user)
    if ok:
        messages.success(request, _("Layanan dibuat. Lengkapi konsep standar pelayanannya."))
        return redirect("catalog:standard_edit", pk=service.pk)
    return render(request, "catalog/manage/service_form.html", {"form": form, "service": None})


@require_http_methods(["GET"])
@catalog_staff
def service_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """A service's staff page: its versions and what the user may do next."""
    service = selectors.service_get_for_staff(user=request.user, pk=pk)
    versions = selectors.standard_versions_for_staff(service)
    draft = next((v for v in versions if v.status == "draft"), None)
    enacted = next((v for v in versions if v.status == "enacted"), None)
    context = {
        "service": service,
        "versions": versions,
        "draft": draft,
        "enacted": enacted,
        "can_manage": may_manage_services(request.user, service.unit),
        "can_enact": _may_enact(request.user, draft),
        "archive_form": ArchiveForm(),
    }
    return render(request, "catalog/manage/service_detail.html", context)


@require_http_methods(["GET", "POST"])
@catalog_staff
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a service's catalogue entry."""
    service = _service_to_manage(request, pk)
    units = selectors.manageable_units(user=request.user)
    initial = {
        "unit": service.unit,
        "code": service.code,
        "name": service.name,
        "name_en": service.name_en,
        "description": service.description,
        "category": service.category,
        "is_adminduk": service.is_adminduk,
        "is_online": service.is_online,
        "locations": list(service.locations.all()),
    }
    form = ServiceForm(
        request.POST if request.method == "POST" else None, units=units, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        locations = data.pop("locations")
        ok, _saved = run_service(
            form,
            services.service_update,
            service=service,
            actor=request.user,
            locations=locations,
            **data,
        )
        if ok:
            messages.success(request, _("Perubahan layanan disimpan."))
            return _detail(service)
    return render(request, "catalog/manage/service_form.html", {"form": form, "service": service})


@require_POST
@catalog_staff
def service_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a service with a reason (it leaves the public catalogue; nothing is deleted)."""
    service = selectors.service_get_for_staff(user=request.user, pk=pk)
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan pengarsipan."))
        return _detail(service)
    run_action(
        request,
        services.service_archive,
        service=service,
        success=_("Layanan diarsipkan dan tidak lagi tampil di katalog publik."),
        actor=request.user,
        reason=form.cleaned_data["reason"],
    )
    return _detail(service)


@require_POST
@catalog_staff
def service_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Bring an archived service back."""
    service = selectors.service_get_for_staff(user=request.user, pk=pk)
    run_action(
        request,
        services.service_restore,
        service=service,
        success=_("Layanan dipulihkan."),
        actor=request.user,
    )
    return _detail(service)


@require_http_methods(["GET", "POST"])
@catalog_staff
def standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the draft standard: all 14 components."""
    service = _service_to_manage(request, pk)
    draft = selectors.standard_draft(service)
    if draft is None:
        messages.warning(request, _("Belum ada konsep. Buat versi baru dari standar yang berlaku."))
        return _detail(service)
    form = StandardForm(
        request.POST if request.method == "POST" else None, initial=StandardForm.initial_from(draft)
    )
    ok, _saved = run_form(
        request, form, services.standard_update, actor=request.user, standard=draft
    )
    if ok:
        messages.success(request, _("Konsep standar versi %(n)s disimpan.") % {"n": draft.version})
        return _detail(service)
    return render(
        request,
        "catalog/manage/standard_form.html",
        {"form": form, "service": service, "draft": draft},
    )


@require_POST
@catalog_staff
def standard_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new draft version copied from the enacted standard."""
    service = selectors.service_get_for_staff(user=request.user, pk=pk)
    try:
        draft = services.standard_draft_create(actor=request.user, service=service)
    except DomainPermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return _detail(service)
    messages.success(
        request, _("Konsep versi %(n)s dibuat dari standar yang berlaku.") % {"n": draft.version}
    )
    return redirect("catalog:standard_edit", pk=service.pk)


@require_http_methods(["GET", "POST"])
@catalog_staff
def standard_enact(request: HttpRequest, pk: int) -> HttpResponse:
    """Enact the draft by decree (number and date); the version in force before becomes superseded."""
    service = selectors.service_get_for_staff(user=request.user, pk=pk)
    draft = selectors.standard_draft(service)
    if draft is None:
        messages.warning(request, _("Tidak ada konsep yang dapat ditetapkan."))
        return _detail(service)
    if not _may_enact(request.user, draft):
        raise HttpForbidden
    form = EnactForm(request.POST if request.method == "POST" else None)
    ok, _enacted = run_form(
        request, form, services.standard_enact, actor=request.user, standard=draft
    )
    if ok:
        messages.success(
            request, _("Standar versi %(n)s ditetapkan dan kini berlaku.") % {"n": draft.version}
        )
        return _detail(service)
    return render(
        request,
        "catalog/manage/enact_form.html",
        {"form": form, "service": service, "draft": draft},
    )


@require_http_methods(["GET"])
@catalog_staff
def standard_version(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    """One version, read-only, compared line by line with the version it was based on."""
    service = selectors.service_get_for_staff(user=request.user, pk=pk)
    standard = selectors.standard_version_for_staff(service, version)
    compare_to = standard.based_on
    wanted = request.GET.get("banding", "")
    if wanted.isascii() and wanted.isdigit():
        compare_to = selectors.standard_version_for_staff(service, int(wanted))
    diff = selectors.standard_diff(compare_to, standard)
    context = {
        "service": service,
        "standard": standard,
        "compare_to": compare_to,
        "diff": diff,
        "versions": selectors.standard_versions_for_staff(service),
        "changed_count": sum(1 for d in diff if d.changed),
    }
    return render(request, "catalog/manage/standard_version.html", context)


@require_http_methods(["GET", "POST"])
@catalog_staff
def import_standards(request: HttpRequest) -> HttpResponse:
    """Upload a file of standards; every row is checked and nothing is saved if any row fails."""
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        regions=selectors.importable_regions(user=request.user),
    )
    report = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importexport.read_rows(upload.read(), importexport.guess_format(upload.name))
        except DomainError as exc:
            file_error = str(exc.message)
        else:
            report = importexport.standards_import(
                actor=request.user,
                region=form.cleaned_data["region"],
                rows=rows,
                dry_run=form.cleaned_data["dry_run"],
            )
            if report.saved:
                messages.success(
                    request, _("Impor berhasil: %(n)s baris diproses.") % {"n": report.rows}
                )
    return render(
        request,
        "catalog/manage/import.html",
        {"form": form, "report": report, "file_error": file_error, "columns": importexport.COLUMNS},
    )


@require_http_methods(["GET"])
@export_staff
def export_standards(request: HttpRequest) -> HttpResponse:
    """Download the standards of a region or a unit as XLSX, CSV or JSON."""
    form = ExportForm(
        request.GET or None,
        regions=selectors.exportable_regions(user=request.user),
        units=selectors.exportable_units(user=request.user),
    )
    if request.GET and form.is_valid():
        unit = form.cleaned_data.get("unit")
        region = None if unit else form.cleaned_data.get("region")
        allowed = (
            may_export_unit(request.user, unit) if unit else may_export_region(request.user, region)
        )
        if not allowed:
            raise HttpForbidden
        fmt = form.cleaned_data["format"]
        qs = selectors.services_for_export(region=region, unit=unit)
        content = importexport.export_standards(qs, fmt, region=region, unit=unit)
        response = HttpResponse(content, content_type=importexport.CONTENT_TYPES[fmt])
        filename = importexport.export_filename(fmt, region=region, unit=unit)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "catalog/manage/export.html", {"form": form})
