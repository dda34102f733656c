"""Staff lists: every report the user may see, the verifier's and the unit's worklists (each a fixed
number of queries), and the officer's entry of reports from other channels."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from tanggap.accounts.permissions import is_staff_member
from tanggap.complaints import permissions, selectors, services
from tanggap.complaints.forms.staff import ComplaintFilterForm, ComplaintRecordForm
from tanggap.complaints.models import Complaint
from tanggap.complaints.views.labels import deadline_tags
from tanggap.complaints.views.reporter_access import keep_new_secret
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError
from tanggap.core.forms import add_domain_error
from tanggap.core.pages import paginate

S = Complaint.Status
PAGE_SIZE = 25


def _nav(user) -> dict:
    """Which worklists the staff menu offers this user."""
    regions = list(selectors.regions_for_officer(user))
    return {
        "is_verifier": any(permissions.is_region_verifier(user, r.pk) for r in regions),
        "can_record": bool(regions),
        "has_units": selectors.units_of_user(user).exists(),
    }


def _rows(complaints, now) -> list[dict]:
    """A worklist row: the report with its age and deadline tags (computed in Python, no queries)."""
    return [
        {
            "complaint": c,
            "age": now - c.created_at,
            "targets": deadline_tags(selectors.complaint_targets(c, now)),
        }
        for c in complaints
    ]


def _paged(request, qs):
    return paginate(request, qs, PAGE_SIZE, param="page")


@require_GET
@staff_view(is_staff_member)
def staff_home(request: HttpRequest) -> HttpResponse:
    """Every report the user may see, searchable, with links to the user's worklists."""
    form = ComplaintFilterForm(request.GET)
    f = form.filters()
    page = _paged(
        request,
        selectors.complaint_list_visible_to(
            user=request.user, status=f["status"] or None, q=f["q"] or None
        ),
    )
    context = {
        "form": form,
        "page": page,
        "rows": _rows(page.object_list, timezone.now()),
        "nav": _nav(request.user),
        "query": urlencode({k: v for k, v in f.items() if v}),
    }
    return render(request, "complaints/staff/home.html", context)


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def record(request: HttpRequest) -> HttpResponse:
    """An officer records a report received by phone, WhatsApp, SMS, letter, at the counter, or found by
    media monitoring; the reporter's code and secret are shown once to pass on."""
    regions = list(selectors.regions_for_officer(request.user))
    if not regions:
        raise HttpForbidden
    chosen = request.GET.get("wilayah")
    region = next((r for r in regions if r.slug == chosen), None) or (
        regions[0] if len(regions) == 1 else None
    )
    if region is None:
        return render(
            request,
            "complaints/staff/record_region.html",
            {"regions": regions, "nav": _nav(request.user)},
        )
    if request.method == "POST":
        form = ComplaintRecordForm(request.POST, request.FILES, region=region)
        if form.is_valid():
            try:
                complaint, secret = services.complaint_file_with_attachments(
                    form.filing_kwargs(), form.cleaned_data["files"], actor=request.user
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                keep_new_secret(request, complaint, secret)
                return redirect("complaints:filed", code=complaint.tracking_code)
    else:
        form = ComplaintRecordForm(region=region)
    context = {
        "form": form,
        "region": region,
        "many_regions": len(regions) > 1,
        "desa_groups": selectors.desa_groups(region, form.chosen_kecamatan()),
        "nav": _nav(request.user),
    }
    return render(
        request, "complaints/staff/record.html", context, status=400 if form.errors else 200
    )


@require_GET
@staff_view(is_staff_member)
def verify_list(request: HttpRequest) -> HttpResponse:
    """New reports and reports waiting for the reporter before verification, oldest deadline first."""
    regions = list(selectors.regions_for_officer(request.user))
    if not any(permissions.is_region_verifier(request.user, r.pk) for r in regions):
        raise HttpForbidden
    page = _paged(request, selectors.verifier_worklist(user=request.user))
    return render(
        request,
        "complaints/staff/verify_list.html",
        {"page": page, "rows": _rows(page.object_list, timezone.now()), "nav": _nav(request.user)},
    )


@require_GET
@staff_view(is_staff_member)
def unit_list(request: HttpRequest) -> HttpResponse:
    """The reports of the user's unit(s) with their deadline states, to assign, follow up and answer."""
    units = list(selectors.units_of_user(request.user))
    if not units:
        raise HttpForbidden
    qs = selectors.unit_worklist(user=request.user)
    unit = None
    if request.GET.get("unit"):
        unit = next((u for u in units if str(u.pk) == request.GET["unit"]), None)
        if unit is not None:
            qs = qs.filter(unit=unit)
    page = _paged(request, qs)
    context = {
        "page": page,
        "rows": _rows(page.object_list, timezone.now()),
        "units": units,
        "unit": unit,
        "team_units": [u for u in units if permissions.can_manage_team(request.user, u)],
        "nav": _nav(request.user),
        "query": urlencode({"unit": unit.pk}) if unit else "",
    }
    return render(request, "complaints/staff/unit_list.html", context)
