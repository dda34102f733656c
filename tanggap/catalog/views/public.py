"""Public catalogue pages: search and browse, a service's standard, its old versions, QR and maklumat."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tanggap.catalog import documents, formatting, selectors
from tanggap.catalog.forms import CatalogFilterForm
from tanggap.core.calendar import weekly_hours
from tanggap.core.decorators import public_view
from tanggap.core.pages import paginate
from tanggap.core.qr import qr_svg
from tanggap.core.registry import (
    collect_links,
    collect_place_links,
    place_details,
    service_actions,
)

PAGE_SIZE = 20


@require_GET
@public_view
def index(request: HttpRequest) -> HttpResponse:
    """Search the catalogue by words, and filter by region, category, agency and location."""
    form = CatalogFilterForm(request.GET)
    f = form.filters()
    regions = list(selectors.region_list_public())
    region = next((r for r in regions if r.slug == f["wilayah"]), None)
    # With a single region the filter lists need no region chosen first.
    choice_region = region or (regions[0] if len(regions) == 1 else None)
    services = selectors.service_list_public(
        region=f["wilayah"] or None,
        q=f["q"],
        category=f["kategori"] or None,
        unit=f["instansi"] or None,
        location=f["lokasi"] or None,
    )
    page = paginate(request, services, PAGE_SIZE, param="page")
    kept = {k: v for k, v in f.items() if v}
    context = {
        "form": form,
        "filters": f,
        "regions": regions,
        "region": region,
        "page": page,
        "is_filtered": bool(kept),
        "query_string": urlencode(kept),
        "categories": selectors.category_list_public(region=choice_region) if choice_region else [],
        "agencies": selectors.agency_list_public(region=choice_region) if choice_region else [],
        "locations": selectors.location_list_public(region=choice_region) if choice_region else [],
    }
    return render(request, "catalog/index.html", context)


@require_GET
@public_view
def region_home(request: HttpRequest, region_slug: str) -> HttpResponse:
    """/layanan/<region>/ goes to the catalogue filtered to that region."""
    region = selectors.region_get_public(region_slug)
    if region is None:
        raise Http404(_("Daerah tidak ditemukan."))
    return redirect(f"{reverse('catalog:index')}?{urlencode({'wilayah': region.slug})}")


def _places(service, locations: list) -> list[dict]:
    """Each place with its opening hours and what higher apps add beside it (its queue page, say)."""
    links = collect_place_links(place_details, service=service, places=locations)
    return [
        {
            "unit": place,
            "hours": formatting.opening_hours(weekly_hours(unit=place)),
            "links": links.get(place.pk, []),
        }
        for place in locations
    ]


def _service_context(request, service, standard) -> dict:
    versions = selectors.standard_versions_public(service)
    current = selectors.enacted_standard(service)
    page_url = documents.service_absolute_url(service)
    locations = list(service.locations.all())
    if service.unit.is_service_location and service.unit not in locations:
        locations.insert(0, service.unit)
    links = collect_links(service_actions, request=request, service=service, places=locations)
    return {
        "actions": [link for link in links if link.primary],
        "see_also": [link for link in links if not link.primary],
        "places": _places(service, locations),
        "service": service,
        "standard": standard,
        "current": current,
        "is_current": standard.pk == current.pk,
        "versions": versions,
        "older_versions": [v for v in versions if v.pk != current.pk],
        "locations": locations,
        "page_url": page_url,
        "qr_svg": qr_svg(
            page_url, title=_("Kode QR halaman layanan %(name)s") % {"name": service.name}
        ),
    }


@require_GET
@public_view
def service_detail(request: HttpRequest, region_slug: str, service_slug: str) -> HttpResponse:
    """A service's page: the six public components of its enacted standard, where, who, decree, QR."""
    service = selectors.service_get_public(region_slug, service_slug)
    standard = selectors.enacted_standard(service)
    return render(
        request, "catalog/service_detail.html", _service_context(request, service, standard)
    )


@require_GET
@public_view
def service_version(
    request: HttpRequest, region_slug: str, service_slug: str, version: int
) -> HttpResponse:
    """An older (or the current) published version of a service's standard, clearly marked."""
    service = selectors.service_get_public(region_slug, service_slug)
    standard = selectors.standard_version_public(service, version)
    return render(
        request, "catalog/service_detail.html", _service_context(request, service, standard)
    )


@require_GET
@public_view
def maklumat_pdf(request: HttpRequest, region_slug: str, service_slug: str) -> HttpResponse:
    """The printable maklumat pelayanan of a service (A4 PDF)."""
    service = selectors.service_get_public(region_slug, service_slug)
    standard = selectors.enacted_standard(service)
    response = HttpResponse(
        documents.maklumat_pdf(service, standard), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="maklumat-{service.region.slug}-{service.slug}.pdf"'
    )
    return response


def _browse(request, template: str, selector, **extra) -> HttpResponse:
    region = selectors.region_get_public(request.GET.get("wilayah", "")[:64])
    context = {
        "region": region,
        "regions": selectors.region_list_public(),
        "items": selector(region=region),
    }
    context.update(extra)
    return render(request, template, context)


@require_GET
@public_view
def categories(request: HttpRequest) -> HttpResponse:
    """Browse by category."""
    return _browse(request, "catalog/browse_categories.html", selectors.category_list_public)


@require_GET
@public_view
def agencies(request: HttpRequest) -> HttpResponse:
    """Browse by agency (the units that provide services)."""
    return _browse(request, "catalog/browse_agencies.html", selectors.agency_list_public)


@require_GET
@public_view
def locations(request: HttpRequest) -> HttpResponse:
    """Browse by location (the places where citizens are served)."""
    return _browse(request, "catalog/browse_locations.html", selectors.location_list_public)


@require_GET
@public_view
def mpp_list(request: HttpRequest) -> HttpResponse:
    """The Mal Pelayanan Publik of every region."""
    return _browse(request, "catalog/mpp_list.html", selectors.mpp_list_public)


@require_GET
@public_view
def mpp_detail(request: HttpRequest, region_slug: str, unit_slug: str) -> HttpResponse:
    """One MPP: every agency's counter in the building and the services offered at each."""
    mpp, booths = selectors.mpp_get_public(region_slug, unit_slug)
    total = len({s.pk for b in booths for s in b.services})
    return render(
        request, "catalog/mpp_detail.html", {"mpp": mpp, "booths": booths, "service_total": total}
    )
