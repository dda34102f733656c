"""The public showcase (etalase inovasi): public innovations of every region, with their photo, for
citizens and other regions (no sign-in); and the registry export for staff."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tanggap.core.decorators import public_view, staff_view
from tanggap.core.errors import NotFound
from tanggap.core.pages import paginate
from tanggap.innovation.forms.registry import RegistryFilterForm, ShowcaseFilterForm
from tanggap.innovation.reports.registry import registry_export_response
from tanggap.innovation.selectors import registry as sel
from tanggap.org.models import Region

SHOWCASE_PAGE = 12  # cards with photos: small pages for a cheap phone


@require_GET
@public_view
def showcase(request: HttpRequest) -> HttpResponse:
    """Cards of public innovations, filtered by region, affair and form."""
    filters = ShowcaseFilterForm(
        request.GET, regions=Region.objects.filter(is_active=True).order_by("name")
    )
    page = paginate(request, sel.showcase_list(**filters.selection()), SHOWCASE_PAGE)
    response = render(
        request,
        "innovation/showcase/list.html",
        {"page": page, "filters": filters, "query": _without_page(request)},
        status=400 if filters.errors else 200,
    )
    return response


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("halaman", None)
    return query.urlencode()


@require_GET
@public_view
def showcase_detail(request: HttpRequest, innovation_id: int) -> HttpResponse:
    """One public innovation's page."""
    innovation = sel.showcase_detail(innovation_id=innovation_id)
    return render(
        request,
        "innovation/showcase/detail.html",
        {"innovation": innovation, "budget": sel.public_budget(innovation)},
    )


@require_GET
@public_view
def showcase_photo(request: HttpRequest, innovation_id: int) -> HttpResponse:
    """The photo of a public innovation (stored without metadata)."""
    innovation = sel.showcase_detail(innovation_id=innovation_id)
    if not innovation.photo:
        raise NotFound(_("Inovasi ini belum memiliki foto."))
    extension = innovation.photo.name.rpartition(".")[2].lower()
    types = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
    if extension not in types:
        raise NotFound()
    response = FileResponse(innovation.photo.open("rb"), content_type=types[extension])
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
@staff_view(sel.may_open_registry)
def registry_export(request: HttpRequest) -> HttpResponse:
    """The registry the user reads, with the list's filters, as CSV or XLSX (?format=csv|xlsx)."""
    fmt = request.GET.get("format", "csv")
    filters = RegistryFilterForm(request.GET, units=sel.registry_units(request.user))
    if fmt not in {"csv", "xlsx"} or filters.errors:
        return render(
            request,
            "innovation/registry/export_refused.html",
            {"message": _("Format ekspor atau saringan tidak dikenal (csv atau xlsx).")},
            status=400,
        )
    innovations = sel.innovation_list_visible_to(user=request.user, **filters.selection())
    return registry_export_response(innovations, fmt)
