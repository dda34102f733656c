"""Competition round pages for the organiser (the innovation office) and the units of participating
regions: the list, a new round, its dashboard (settings, categories, rubric, stages, proposals by status,
the moves ROUND_MACHINE allows) and its settings form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.decorators import staff_view
from tanggap.core.errors import PermissionDenied
from tanggap.core.forms import run_service
from tanggap.core.pages import paginate, run_action
from tanggap.innovation import permissions as p
from tanggap.innovation.forms.rounds import CategoryForm, RoundForm, RubricForm, StageForm
from tanggap.innovation.models import Category, Proposal, RoundStage
from tanggap.innovation.selectors import rounds as selectors
from tanggap.innovation.services import round_parts as parts
from tanggap.innovation.services import rounds as services
from tanggap.innovation.workflow import PUBLISH, ROUND_MACHINE
from tanggap.org.models import Region

MOVE_LABELS = {
    "open": _l("Buka pendaftaran"),
    "start_screening": _l("Mulai seleksi administrasi"),
    "start_review": _l("Mulai penilaian juri"),
    "close": _l("Tutup lomba"),
}


@staff_view(is_staff_member)
def round_list(request: HttpRequest) -> HttpResponse:
    page = paginate(
        request, selectors.rounds_visible_to(user=request.user).order_by("-year", "name", "pk")
    )
    return render(
        request,
        "innovation/rounds/list.html",
        {"page": page, "may_create": bool(p.office_region_ids(request.user))},
    )


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def round_create(request: HttpRequest) -> HttpResponse:
    organisers = Region.objects.filter(pk__in=p.office_region_ids(request.user)).order_by("name")
    if not organisers.exists():
        raise PermissionDenied()
    form = RoundForm(request.POST if request.method == "POST" else None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ok, round_ = run_service(form, services.round_create, actor=request.user, **data)
        if ok:
            messages.success(request, _("Lomba dibuat sebagai draf."))
            return redirect("innovation:round_detail", round_id=round_.pk)
    return render(
        request,
        "innovation/rounds/form.html",
        {"form": form, "round": None},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def round_edit(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.round_for(user=request.user, round_id=round_id)
    if not p.is_organiser(request.user, round_):
        raise PermissionDenied()
    form = RoundForm(request.POST if request.method == "POST" else None, instance=round_)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in RoundForm.Meta.fields}
        round_.refresh_from_db()
        ok, _saved = run_service(
            form, services.round_update, actor=request.user, round_=round_, **data
        )
        if ok:
            messages.success(request, _("Pengaturan lomba disimpan."))
            return redirect("innovation:round_detail", round_id=round_.pk)
    return render(
        request,
        "innovation/rounds/form.html",
        {"form": form, "round": round_},
        status=400 if request.method == "POST" else 200,
    )


def _organiser_post(request, round_):
    """One of the dashboard's forms; returns the bound forms (a refused one keeps its message)."""
    do = request.POST.get("do", "")
    bound = {}
    if do == "category":
        form = CategoryForm(request.POST)
        bound["category_form"] = form
        if (
            form.is_valid()
            and run_service(
                form, services.category_add, actor=request.user, round_=round_, **form.cleaned_data
            )[0]
        ):
            messages.success(request, _("Kategori ditambahkan."))
            return None
    elif do == "rubric":
        form = RubricForm(request.POST)
        bound["rubric_form"] = form
        if (
            form.is_valid()
            and run_service(
                form,
                services.rubric_set,
                actor=request.user,
                round_=round_,
                items=form.cleaned_data["lines"],
            )[0]
        ):
            messages.success(request, _("Rubrik penilaian disimpan."))
            return None
    elif do == "stage":
        form = StageForm(request.POST)
        bound["stage_form"] = form
        if (
            form.is_valid()
            and run_service(
                form, services.stage_add, actor=request.user, round_=round_, **form.cleaned_data
            )[0]
        ):
            messages.success(request, _("Tahap ditambahkan."))
            return None
    elif do in PART_ACTIONS:
        return _part_post(request, round_, do)
    elif do == "move":
        action = request.POST.get("action", "")
        if action not in MOVE_LABELS:
            messages.error(request, _("Tindakan tidak dikenal."))
        else:
            run_action(
                request,
                services.round_move,
                success=_("Status lomba diperbarui."),
                actor=request.user,
                round_=round_,
                action=action,
            )
        return None
    else:
        messages.error(request, _("Tindakan tidak dikenal."))
        return None
    return bound


PART_ACTIONS = ("category_edit", "category_remove", "stage_edit", "stage_remove")


def _part_post(request, round_, do: str):
    """Edit or remove a category or stage of a draft round: None when done, else a 400 marker."""
    model = Category if do.startswith("category") else RoundStage
    raw = request.POST.get("category" if model is Category else "stage", "")
    part = model.objects.filter(
        round=round_, pk=int(raw) if raw.isdigit() and len(raw) < 10 else None
    ).first()
    if part is None:
        messages.error(request, _("Kategori atau tahap tidak ditemukan."))
        return {"refused": True}
    if do == "category_remove":
        done = run_action(request, parts.category_remove, success=_("Kategori dihapus."),
                          actor=request.user, category=part)  # fmt: skip
    elif do == "stage_remove":
        done = run_action(request, parts.stage_remove, success=_("Tahap dihapus."),
                          actor=request.user, stage=part)  # fmt: skip
    else:
        form = (CategoryForm if model is Category else StageForm)(request.POST)
        if not form.is_valid():
            messages.error(request, _("Periksa isian: %(errors)s") % {"errors": _form_errors(form)})
            return {"refused": True}
        if model is Category:
            done = run_action(request, parts.category_update, success=_("Kategori diperbarui."),
                              actor=request.user, category=part, **form.cleaned_data)  # fmt: skip
        else:
            done = run_action(request, parts.stage_update, success=_("Tahap diperbarui."),
                              actor=request.user, stage=part, **form.cleaned_data)  # fmt: skip
    return None if done else {"refused": True}


def _form_errors(form) -> str:
    return "; ".join(f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
                     for f, e in form.errors.items())  # fmt: skip


def _part_forms(round_, categories, stages):
    """Prefilled edit forms for each category and stage of a draft round (ids kept apart)."""
    if round_.status != round_.Status.DRAFT:
        return [(c, None) for c in categories], [(s, None) for s in stages]
    return (
        [(c, CategoryForm(initial={"code": c.code, "name": c.name, "forms": c.forms},
                          auto_id=f"cat{c.pk}_%s")) for c in categories],
        [(s, StageForm(initial={"kind": s.kind, "name": s.name, "starts_on": s.starts_on,
                                "ends_on": s.ends_on, "pass_score": s.pass_score},
                       auto_id=f"stage{s.pk}_%s")) for s in stages],
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@staff_view(is_staff_member)
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = selectors.round_for(user=request.user, round_id=round_id)
    organiser = p.is_organiser(request.user, round_)
    bound: dict = {}
    if request.method == "POST":
        if not organiser:
            raise PermissionDenied()
        result = _organiser_post(request, round_)
        if result is None:
            return redirect("innovation:round_detail", round_id=round_.pk)
        bound = result
    proposals = list(selectors.proposals_visible_to(user=request.user, round_=round_))
    by_status = [
        (label, [pr for pr in proposals if pr.status == value])
        for value, label in Proposal.Status.choices
    ]
    editable = organiser and round_.status in services.EDITABLE
    categories, stages = list(round_.categories.all()), list(round_.stages.all())
    category_rows, stage_rows = _part_forms(round_, categories, stages)
    moves = [
        (a, MOVE_LABELS[a])
        for a in ROUND_MACHINE.available_actions(round_.status, request.user, round_)
        if a != PUBLISH
    ]
    context = {
        "round": round_,
        "organiser": organiser,
        "editable": editable,
        "categories": categories,
        "rubric": list(round_.rubric.all()),
        "stages": stages,
        "category_rows": category_rows if organiser else [(c, None) for c in categories],
        "stage_rows": stage_rows if organiser else [(s, None) for s in stages],
        "by_status": [(label, rows) for label, rows in by_status if rows],
        "moves": moves if organiser else [],
        "may_publish": organiser
        and PUBLISH in ROUND_MACHINE.available_actions(round_.status, request.user, round_),
        "may_propose": round_.status == round_.Status.OPEN
        and not organiser
        and bool(selectors.candidate_innovations(user=request.user, round_=round_)),
        "category_form": bound.get("category_form") or (CategoryForm() if editable else None),
        "rubric_form": bound.get("rubric_form") or (RubricForm() if editable else None),
        "stage_form": bound.get("stage_form") or (StageForm() if editable else None),
    }
    return render(request, "innovation/rounds/detail.html", context, status=400 if bound else 200)
