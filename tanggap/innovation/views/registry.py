"""The innovation registry's staff pages: the list with filters and exports, register, detail (stage
timeline, owners, evidence per indicator, replications), edit, add evidence, record a replication, and
an evidence file for whoever reads the registry."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tanggap.core.decorators import staff_view
from tanggap.core.errors import NotFound, PermissionDenied
from tanggap.core.forms import run_service
from tanggap.core.pages import paginate, run_action
from tanggap.innovation import permissions as p
from tanggap.innovation.forms.registry import (
    EvidenceForm,
    InnovationForm,
    RegistryFilterForm,
    ReplicationForm,
    StageForm,
)
from tanggap.innovation.models import Evidence
from tanggap.innovation.selectors import registry as sel
from tanggap.innovation.services import evidence as evidence_services
from tanggap.innovation.services import registry as services
from tanggap.innovation.views.event_labels import labelled
from tanggap.innovation.workflow import STAGE_MACHINE
from tanggap.org.models import Official, Unit


def _officials(units):
    return Official.objects.filter(region_id__in=units.values("region_id")).order_by("name")


@staff_view(sel.may_open_registry)
def registry(request: HttpRequest) -> HttpResponse:
    """The registry the user reads, filtered; buttons to export it and to register an innovation."""
    filters = RegistryFilterForm(request.GET, units=sel.registry_units(request.user))
    innovations = sel.innovation_list_visible_to(user=request.user, **filters.selection())
    page = paginate(request, innovations)
    return render(
        request,
        "innovation/registry/list.html",
        {
            "page": page,
            "filters": filters,
            "query": request.GET.urlencode(),
            "may_register": sel.units_owned_by(request.user).exists(),
        },
        status=400 if filters.errors else 200,
    )


@staff_view(sel.may_open_registry)
def innovation_create(request: HttpRequest) -> HttpResponse:
    """Register an innovation of a unit the user owns."""
    units = sel.units_owned_by(request.user)
    if not units.exists():
        raise PermissionDenied(_("Anda tidak mengelola unit mana pun."))
    form = InnovationForm(
        request.POST or None, request.FILES or None, units=units, officials=_officials(units)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photo = data.pop("photo_file", None)
        ok, innovation = run_service(
            form, _register_with_photo, actor=request.user, photo=photo, **data
        )
        if ok:
            messages.success(request, _("Inovasi didaftarkan dengan kode %s.") % innovation.code)
            return redirect("innovation:innovation_detail", innovation_id=innovation.pk)
    return render(
        request,
        "innovation/registry/form.html",
        {"form": form, "title": _("Daftarkan inovasi")},
        status=400 if request.method == "POST" else 200,
    )


def _register_with_photo(*, actor, photo, **data):
    """Register and set the photo in one transaction (a refused photo registers nothing)."""
    from django.db import transaction

    with transaction.atomic():
        innovation = services.innovation_register(actor=actor, **data)
        if photo:
            services.innovation_set_photo(actor=actor, innovation=innovation, uploaded_file=photo)
        return innovation


def _editable(request, innovation_id: int):
    innovation = sel.innovation_detail_for(user=request.user, innovation_id=innovation_id)
    if not p.may_edit_innovation(request.user, innovation):
        raise PermissionDenied(_("Anda tidak berwenang mengubah inovasi ini."))
    return innovation


@staff_view(sel.may_open_registry)
def innovation_detail(request: HttpRequest, innovation_id: int) -> HttpResponse:
    """GET: the innovation; POST: advance its stage (the owner)."""
    innovation = sel.innovation_detail_for(user=request.user, innovation_id=innovation_id)
    stage_form = StageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not p.may_edit_innovation(request.user, innovation):
            raise PermissionDenied()
        if stage_form.is_valid():
            done = run_action(
                request,
                services.innovation_advance_stage,
                success=_("Tahapan inovasi diperbarui."),
                actor=request.user,
                innovation=innovation,
                action=stage_form.cleaned_data["action"],
                on=stage_form.cleaned_data["on"],
            )
            if done:
                return redirect("innovation:innovation_detail", innovation_id=innovation.pk)
        status = 400
    scheme = sel.current_scheme()
    return render(
        request,
        "innovation/registry/detail.html",
        {
            "innovation": innovation,
            "may_edit": p.may_edit_innovation(request.user, innovation),
            "actions": STAGE_MACHINE.available_actions(innovation.stage, request.user, innovation),
            "stage_form": stage_form,
            "scheme": scheme,
            "rows": sel.evidence_by_indicator(innovation=innovation, scheme=scheme),
            "events": labelled(innovation.events.all()),
        },
        status=status,
    )


@staff_view(sel.may_open_registry)
def innovation_edit(request: HttpRequest, innovation_id: int) -> HttpResponse:
    """Change an innovation's details (and its photo)."""
    innovation = _editable(request, innovation_id)
    units = Unit.objects.filter(pk=innovation.unit_id)
    form = InnovationForm(
        request.POST or None,
        request.FILES or None,
        instance=innovation,
        units=units,
        officials=_officials(units),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photo = data.pop("photo_file", None)
        owners = data.pop("owners", None)
        ok, _result = run_service(
            form,
            _update_with_photo,
            actor=request.user,
            innovation=innovation,
            photo=photo,
            owners=owners,
            changes=data,
        )
        if ok:
            messages.success(request, _("Inovasi diperbarui."))
            return redirect("innovation:innovation_detail", innovation_id=innovation.pk)
    return render(
        request,
        "innovation/registry/form.html",
        {"form": form, "title": _("Ubah inovasi"), "innovation": innovation},
        status=400 if request.method == "POST" else 200,
    )


def _update_with_photo(*, actor, innovation, photo, owners, changes):
    from django.db import transaction

    with transaction.atomic():
        innovation = services.innovation_update(
            actor=actor, innovation=innovation, owners=owners, **changes
        )
        if photo:
            services.innovation_set_photo(actor=actor, innovation=innovation, uploaded_file=photo)
        return innovation


@staff_view(sel.may_open_registry)
def evidence_add(request: HttpRequest, innovation_id: int) -> HttpResponse:
    """Add evidence for an indicator (a link or a file), or remove one still awaiting validation."""
    innovation = _editable(request, innovation_id)
    scheme = sel.current_scheme()
    indicators = sel.evidence_indicators(scheme)
    if request.method == "POST" and request.POST.get("remove"):
        try:
            evidence_id = int(request.POST["remove"])
        except ValueError:
            raise NotFound() from None
        item = Evidence.objects.filter(pk=evidence_id, innovation=innovation).first()
        if item is None:
            raise NotFound(_("Bukti tidak ditemukan."))
        run_action(
            request,
            evidence_services.evidence_remove,
            success=_("Bukti dihapus."),
            actor=request.user,
            evidence=item,
        )
        return redirect("innovation:evidence_add", innovation_id=innovation.pk)
    form = EvidenceForm(request.POST or None, request.FILES or None, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": request.user,
            "innovation": innovation,
            "indicator": data["indicator"],
            "level": data["level"],
            "description": data.get("description") or "",
        }
        if data.get("file"):
            ok, _item = run_service(
                form, evidence_services.evidence_add_file, uploaded_file=data["file"], **common
            )
        else:
            ok, _item = run_service(
                form, evidence_services.evidence_add_link, link=data["link"], **common
            )
        if ok:
            messages.success(request, _("Bukti ditambahkan dan menunggu validasi."))
            return redirect("innovation:evidence_add", innovation_id=innovation.pk)
    return render(
        request,
        "innovation/registry/evidence.html",
        {
            "innovation": innovation,
            "form": form,
            "rows": sel.evidence_by_indicator(innovation=innovation, scheme=scheme),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view(sel.may_open_registry)
def replication_add(request: HttpRequest, innovation_id: int) -> HttpResponse:
    """Record a replication by a unit of the platform or an outside institution."""
    innovation = _editable(request, innovation_id)
    units = Unit.objects.filter(is_active=True).exclude(pk=innovation.unit_id).order_by("name")
    form = ReplicationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        ok, _item = run_service(
            form,
            services.replication_record,
            actor=request.user,
            innovation=innovation,
            **form.cleaned_data,
        )
        if ok:
            messages.success(request, _("Replikasi dicatat."))
            return redirect("innovation:innovation_detail", innovation_id=innovation.pk)
    return render(
        request,
        "innovation/registry/replication.html",
        {"innovation": innovation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@staff_view(sel.may_open_registry)
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """An evidence file, for whoever reads the innovation's registry."""
    item = sel.evidence_for(user=request.user, evidence_id=evidence_id)
    if not item.file:
        raise NotFound(_("Bukti ini bukan berkas."))
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type or "application/octet-stream",
        as_attachment=not item.content_type.startswith("image/"),
        filename=item.original_name or item.file.name.rpartition("/")[2],
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
