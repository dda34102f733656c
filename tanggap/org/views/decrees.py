"""Pages for rotation decrees (SK mutasi): list, draft, paste many moves, review, enact, print."""

from __future__ import annotations

from django.contrib import messages
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tanggap.accounts.permissions import is_staff_member
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied
from tanggap.core.forms import run_form, run_service
from tanggap.core.pages import paginate, run_action
from tanggap.org import selectors, services
from tanggap.org.forms import ConfirmForm, DecreeEntriesForm, DecreeForm
from tanggap.org.models import RotationDecree, RotationEntry
from tanggap.org.views.region_pages import (
    form_page,
    region_context,
    region_from_url,
    require_manager,
    require_reader,
)


def _decree(request, region, pk):
    require_reader(request, region)
    return selectors.decree_get_visible_to(user=request.user, region=region, pk=pk)


@staff_view(is_staff_member)
def decree_list(request, region):
    region = region_from_url(request, region)
    require_reader(request, region)
    page = paginate(request, selectors.decree_list_visible_to(user=request.user, region=region))
    return render(
        request,
        "org/decree_list.html",
        region_context(request, region, page=page, section="decrees"),
    )


@staff_view(is_staff_member)
def decree_create(request, region):
    region = region_from_url(request, region)
    require_manager(request, region)
    form = DecreeForm(request.POST or None)
    ok, decree = run_form(
        request, form, services.rotation_decree_create, actor=request.user, region=region
    )
    if ok:
        messages.success(
            request, _("SK %(number)s dibuat. Tambahkan daftar mutasinya.") % {"number": decree}
        )
        return redirect("org:decree_entries_add", region=region.slug, pk=decree.pk)
    return form_page(
        request,
        region,
        form,
        title=_("SK mutasi baru"),
        cancel_url=reverse("org:decree_list", args=[region.slug]),
        section="decrees",
    )


@staff_view(is_staff_member)
def decree_edit(request, region, pk):
    region = region_from_url(request, region)
    require_manager(request, region)
    decree = _decree(request, region, pk)
    form = DecreeForm(
        request.POST or None, initial=model_to_dict(decree, fields=DecreeForm._meta.fields)
    )
    ok, _result = run_form(
        request, form, services.rotation_decree_update, actor=request.user, decree=decree
    )
    if ok:
        messages.success(request, _("SK %(number)s disimpan.") % {"number": decree})
        return redirect("org:decree_detail", region=region.slug, pk=decree.pk)
    return form_page(
        request,
        region,
        form,
        title=_("Ubah SK %(number)s") % {"number": decree},
        cancel_url=reverse("org:decree_detail", args=[region.slug, decree.pk]),
        section="decrees",
    )


@staff_view(is_staff_member)
def decree_detail(request, region, pk):
    """Review a decree: every move from → to; a draft can still be changed, then enacted."""
    region = region_from_url(request, region)
    decree = _decree(request, region, pk)
    entries = list(selectors.decree_entries(decree=decree))
    context = region_context(request, region, decree=decree, entries=entries, section="decrees")
    context["removable"] = decree.status == RotationDecree.Status.DRAFT and context["can_manage"]
    # The enact button: offered when the decree's transition table lets this user enact it now.
    context["can_enact"] = services.ENACT in services.DECREE_FLOW.available_actions(
        decree.status, request.user, decree
    )
    return render(request, "org/decree_detail.html", context)


@staff_view(is_staff_member)
def decree_entries_add(request, region, pk):
    """Paste many moves at once; one wrong line adds nothing and every wrong line is named."""
    region = region_from_url(request, region)
    require_manager(request, region)
    decree = _decree(request, region, pk)
    form = DecreeEntriesForm(request.POST or None)
    problems: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            added = services.rotation_entries_add(
                actor=request.user, decree=decree, rows=form.cleaned_data["lines"]
            )
        except services.EntryRowsError as exc:
            problems = exc.problems
            form.add_error("lines", str(exc.message))
        except DomainPermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("%(count)d entri ditambahkan.") % {"count": len(added)})
            return redirect("org:decree_detail", region=region.slug, pk=decree.pk)
    units = selectors.unit_list_visible_to(user=request.user, region=region)
    return render(
        request,
        "org/decree_entries.html",
        region_context(
            request,
            region,
            decree=decree,
            form=form,
            problems=problems,
            units=units,
            section="decrees",
        ),
    )


@staff_view(is_staff_member)
@require_POST
def decree_entry_remove(request, region, pk, entry):
    region = region_from_url(request, region)
    require_manager(request, region)
    decree = _decree(request, region, pk)
    entry = get_object_or_404(
        RotationEntry.objects.select_related("decree", "official"), pk=entry, decree=decree
    )
    success = _("%(name)s dikeluarkan dari SK.") % {"name": entry.official}
    run_action(
        request, services.rotation_entry_remove, success=success, actor=request.user, entry=entry
    )
    return redirect("org:decree_detail", region=region.slug, pk=decree.pk)


@staff_view(is_staff_member)
def decree_enact(request, region, pk):
    """Confirm, then enact: everyone in the decree moves at once."""
    region = region_from_url(request, region)
    require_manager(request, region)
    decree = _decree(request, region, pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _result = run_service(
            form, services.rotation_decree_enact, actor=request.user, decree=decree
        )
        if ok:
            messages.success(
                request,
                _("SK %(number)s ditetapkan: %(count)d pegawai dipindahkan.")
                % {"number": decree, "count": decree.entries.count()},
            )
            return redirect("org:decree_detail", region=region.slug, pk=decree.pk)
    entries = list(selectors.decree_entries(decree=decree))
    return render(
        request,
        "org/decree_enact.html",
        region_context(
            request, region, decree=decree, entries=entries, form=form, section="decrees"
        ),
    )


@staff_view(is_staff_member)
def decree_print(request, region, pk):
    """The printable list of every move in a decree (from → to)."""
    region = region_from_url(request, region)
    decree = _decree(request, region, pk)
    entries = list(selectors.decree_entries(decree=decree))
    return render(
        request, "org/decree_print.html", {"region": region, "decree": decree, "entries": entries}
    )
