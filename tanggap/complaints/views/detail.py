"""One report for staff: everything the user may see and only the actions the user may take.

Every action on a report is a POST to `kelola/<code>/<action>/` that calls one service; a refusal
re-renders the detail page with the message on the form and changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tanggap.accounts.permissions import can_view_unit_internal, is_staff_member
from tanggap.complaints import permissions, selectors, services
from tanggap.complaints.forms.staff import (
    ACTION_FORMS,
    AnswerForm,
    ArchiveForm,
    AssignForm,
    CloseForm,
    MergeForm,
    NoteForm,
    QuestionForm,
    RedispatchForm,
    TakeForm,
    TransferForm,
    VerifyForm,
)
from tanggap.complaints.models import Complaint, ComplaintEvent
from tanggap.complaints.services.public_text import describe_personal_data, personal_data_in
from tanggap.complaints.services.workflow import COMPLAINT_MACHINE, who_may
from tanggap.complaints.views.labels import deadline_rules, deadline_tags, label_events
from tanggap.core.calendar import zone_name
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.forms import add_domain_error

S = Complaint.Status


def _staff_complaint(request, code: str) -> Complaint:
    """The report, when the user may view it (otherwise it does not exist for them)."""
    complaint = selectors.complaint_by_code(code)
    if not permissions.can_view_complaint(request.user, complaint):
        raise NotFound()
    return complaint


def _available_forms(user, complaint: Complaint, suggestions) -> dict:
    """The forms of the actions the table lets this user take on the report now (unbound)."""
    offered = set(COMPLAINT_MACHINE.available_actions(complaint.status, user, complaint))
    return {
        form.action: _form(form.action, complaint, suggestions=suggestions)
        for form in ACTION_FORMS.values()
        if form.move in offered
    }


def _form(action: str, complaint: Complaint, data=None, files=None, *, suggestions=()):
    """The form of one action, bound when `data` is given."""
    kwargs = {}
    if action == VerifyForm.action:
        kwargs["suggested_unit"] = (
            suggestions[0]["unit"] if suggestions else complaint.suggested_unit
        )
    elif action == AssignForm.action:
        kwargs["candidates"] = selectors.assignee_candidates(complaint.unit)
    return ACTION_FORMS[action](data, files, complaint=complaint, **kwargs)


# Each action's heading and button, in the order the page lists them; the first offered one is open.
ACTION_TEXTS = {
    VerifyForm.action: (
        gettext_lazy("Verifikasi dan teruskan ke unit"),
        gettext_lazy("Verifikasi dan teruskan"),
    ),
    TakeForm.action: (
        gettext_lazy("Ambil laporan ini"),
        gettext_lazy("Ambil dan tangani"),
    ),
    AssignForm.action: (
        gettext_lazy("Tugaskan ke anggota tim responsif"),
        gettext_lazy("Tugaskan"),
    ),
    AnswerForm.action: (gettext_lazy("Jawab pelapor"), gettext_lazy("Kirim jawaban")),
    CloseForm.action: (gettext_lazy("Nyatakan selesai"), gettext_lazy("Tutup laporan")),
    NoteForm.action: (gettext_lazy("Catatan tindak lanjut"), gettext_lazy("Simpan catatan")),
    QuestionForm.action: (
        gettext_lazy("Minta keterangan pelapor"),
        gettext_lazy("Kirim pertanyaan"),
    ),
    RedispatchForm.action: (gettext_lazy("Teruskan ke unit lain"), gettext_lazy("Teruskan")),
    MergeForm.action: (
        gettext_lazy("Gabungkan ke laporan lain (duplikat)"),
        gettext_lazy("Gabungkan"),
    ),
    TransferForm.action: (
        gettext_lazy("Bukan kewenangan daerah (alihkan)"),
        gettext_lazy("Alihkan"),
    ),
    ArchiveForm.action: (gettext_lazy("Arsipkan dengan alasan"), gettext_lazy("Arsipkan")),
}


# What the page tells the officer, next to each form whose text may go on the public page.
PUBLIC_NOTICES = {
    AnswerForm.action: gettext_lazy(
        "Jawaban ini akan tampil di halaman publik laporan dan dapat dibaca siapa pun, kecuali Anda "
        "memilih “Hanya pelapor dan petugas”."
    ),
    NoteForm.action: gettext_lazy(
        "Catatan “Publik” akan tampil di halaman publik laporan dan dapat dibaca siapa pun; catatan "
        "internal hanya dibaca petugas."
    ),
    ArchiveForm.action: gettext_lazy(
        "Alasan ini akan tampil di halaman publik laporan dan dapat dibaca siapa pun."
    ),
    TransferForm.action: gettext_lazy(
        "Instansi tujuan akan tampil di halaman publik laporan dan dapat dibaca siapa pun."
    ),
}


def _public_side(user, complaint: Complaint, form) -> dict | None:
    """For a form whose text may go on the public page: whether it will, and, once the officer wrote
    it (a preview or a refused send), exactly what the public page will show and the personal data the
    service's screen finds in it (the same function the service calls)."""
    if not form.public_field:
        return None
    written, text = form.public_text()
    side: dict = {
        "notice": PUBLIC_NOTICES.get(form.action, ""),
        "withheld": written and text is None,  # written, and not for the public page
    }
    if text:
        found = personal_data_in(actor=user, complaint=complaint, text=text)
        step = ComplaintEvent(
            complaint=complaint,
            action=form.step,
            unit=complaint.unit,
            message=text,
            visibility=ComplaintEvent.Visibility.PUBLIC,
            at=timezone.now(),
        )
        side.update(events=label_events([step], with_files=False), found=found)
        side["found_text"] = describe_personal_data(found)
    return side


def _actions(user, complaint: Complaint, forms: dict, bound) -> list[dict]:
    listed = [a for a in ACTION_TEXTS if a in forms]
    return [
        {
            "action": action,
            "title": ACTION_TEXTS[action][0],
            "button": ACTION_TEXTS[action][1],
            "form": forms[action],
            "open": (bound.action == action) if bound is not None else index == 0,
            "public": _public_side(user, complaint, forms[action]),
        }
        for index, action in enumerate(listed)
    ]


def _assignment_hint(user, complaint: Complaint, offered: set[str]) -> dict | None:
    """On a report of the unit that nobody holds yet, for someone who cannot assign it: whether they
    may take it themselves, and otherwise who assigns it (by name) and where the unit's team is."""
    if complaint.status != S.DISPATCHED or complaint.assignee_id is not None:
        return None
    if AssignForm.action in offered or complaint.unit is None:
        return None
    unit = complaint.unit
    return {
        "can_take": TakeForm.action in offered,
        "unit": unit,
        "assigners": [u.get_full_name() or u.get_username() for u in selectors.assigners_of(unit)],
        "team_url": reverse("complaints:team", kwargs={"unit_id": unit.pk})
        if can_view_unit_internal(user, unit) or permissions.can_manage_team(user, unit)
        else "",
    }


def _detail_context(request, complaint: Complaint, *, bound=None) -> dict:
    user = request.user
    verifier = permissions.can_verify(user, complaint)
    suggestions = (
        selectors.suggested_units(complaint)
        if verifier and complaint.status in (S.NEW, S.NEEDS_INFO)
        else []
    )
    forms = _available_forms(user, complaint, suggestions)
    if bound is not None:
        forms[bound.action] = bound
    actions = _actions(user, complaint, forms, bound)
    return {
        "complaint": complaint,
        "targets": deadline_tags(selectors.complaint_targets(complaint, timezone.now())),
        "events": label_events(selectors.staff_events(complaint)),
        "attachments": selectors.report_attachments(complaint),
        "show_identity": permissions.can_see_reporter_identity(user, complaint),
        "suggestions": suggestions,
        "similar": selectors.similar_reports(
            complaint, within=selectors.complaint_list_visible_to(user=user)
        )
        if MergeForm.action in forms
        else [],
        "actions": actions,
        "action_names": [a["action"] for a in actions],
        "archive_reasons": services.ARCHIVE_REASONS,
        "tz": complaint.region.timezone,
        "zone": zone_name(complaint.region.timezone),
        "deadline_rules": deadline_rules(complaint, zone=zone_name(complaint.region.timezone)),
        "policy_name": complaint.sla_policy.name if complaint.sla_policy else "",
        "can_verify": verifier,
        "assignment_hint": _assignment_hint(user, complaint, set(forms)),
    }


@require_GET
@staff_view(is_staff_member)
def staff_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Everything about one report the user may see, and only the actions the user may take."""
    complaint = _staff_complaint(request, code)
    return render(request, "complaints/staff/detail.html", _detail_context(request, complaint))


@require_GET
@staff_view(is_staff_member)
def suggestions(request: HttpRequest, code: str) -> HttpResponse:
    """One worklist row's suggested units and possible duplicates (htmx loads it after the page, so the
    worklist itself stays a fixed number of queries)."""
    complaint = _staff_complaint(request, code)
    if not permissions.can_verify(request.user, complaint):
        raise HttpForbidden
    context = {
        "suggestions": selectors.suggested_units(complaint),
        "similar": selectors.similar_reports(
            complaint, limit=3, within=selectors.complaint_list_visible_to(user=request.user)
        ),
    }
    return render(request, "complaints/staff/_suggestions.html", context)


def _act(user, complaint: Complaint, form) -> str:
    """Call the one service for a staff action; returns the success message."""
    data = form.cleaned_data
    action = form.action
    if action == "verifikasi":
        services.complaint_verify_dispatch(
            actor=user,
            complaint=complaint,
            unit=data["unit"],
            category=data.get("category"),
            note=data["note"],
        )
        return _("Laporan diverifikasi dan diteruskan ke %(unit)s.") % {"unit": data["unit"].name}
    if action == "minta-keterangan":
        services.complaint_request_info(actor=user, complaint=complaint, question=data["question"])
        return _("Pertanyaan dikirim ke pelapor; tenggat berhenti sementara.")
    if action == "alihkan":
        services.complaint_transfer_out(
            actor=user,
            complaint=complaint,
            destination=data["destination"],
            note=data["note"],
            confirm_public=data["confirm_public"],
        )
        return _("Laporan dicatat bukan kewenangan daerah dan dialihkan.")
    if action == "gabungkan":
        into = selectors.complaint_in_region(complaint.region_id, data["into"])
        if into is None:
            raise DomainError(_("Laporan dengan kode itu tidak ada di daerah ini."), field="into")
        services.complaint_merge(actor=user, complaint=complaint, into=into)
        return _("Laporan digabung ke %(code)s.") % {"code": into.tracking_code}
    if action == "arsipkan":
        services.complaint_archive(
            actor=user,
            complaint=complaint,
            reason=data["reason"],
            confirm_public=data["confirm_public"],
        )
        return _("Laporan diarsipkan.")
    if action == "teruskan-ulang":
        services.complaint_redispatch(
            actor=user, complaint=complaint, unit=data["unit"], note=data["note"]
        )
        return _("Laporan diteruskan ke %(unit)s.") % {"unit": data["unit"].name}
    if action == "tugaskan":
        services.complaint_assign(actor=user, complaint=complaint, assignee=data["assignee"])
        return _("Laporan ditugaskan kepada %(name)s.") % {
            "name": data["assignee"].get_full_name() or data["assignee"].get_username()
        }
    if action == "ambil":
        services.complaint_take(actor=user, complaint=complaint)
        return _("Laporan ini sekarang Anda tangani. Jawab pelapor bila sudah ada hasilnya.")
    if action == "catatan":
        services.complaint_note(
            actor=user,
            complaint=complaint,
            message=data["message"],
            visibility=data["visibility"],
            confirm_public=data["confirm_public"],
        )
        return _("Catatan disimpan.")
    if action == "jawab":
        services.complaint_answer(
            actor=user,
            complaint=complaint,
            message=data["message"],
            files=data["files"],
            visibility=form.step_visibility(),
            confirm_public=data["confirm_public"],
        )
        return _("Jawaban dikirim ke pelapor.")
    services.complaint_close(complaint=complaint, actor=user)
    return _("Laporan ditutup.")


@require_POST
@staff_view(is_staff_member)
def staff_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """One action on a report (verify, ask, transfer, merge, archive, redispatch, assign, note, answer,
    close). The table decides as the service will: 403 when the user may never take it on this report, a
    message when the report has moved on since the page was opened; the service checks again."""
    if action not in ACTION_FORMS:
        raise Http404()
    complaint = _staff_complaint(request, code)
    move = ACTION_FORMS[action].move
    if not who_may(move)(request.user, complaint):
        raise HttpForbidden
    if not COMPLAINT_MACHINE.allows_action(move, complaint.status, request.user, complaint):
        # A page opened before someone else moved the report: say so, change nothing.
        messages.error(request, _("Tindakan ini tidak tersedia lagi untuk laporan ini."))
        return redirect("complaints:staff_detail", code=complaint.tracking_code)
    form = _form(action, complaint, request.POST, request.FILES)
    if "pratinjau" in request.GET:
        # The preview: the page as it is, with what this form would put on the public page; nothing
        # is sent (the query string, not a button's value, says so: htmx posts the form without it).
        form.is_valid()
        return render(
            request,
            "complaints/staff/detail.html",
            _detail_context(request, complaint, bound=form),
        )
    if form.is_valid():
        try:
            done = _act(request.user, complaint, form)
        except DomainError as exc:
            if exc.status == 403:
                raise
            add_domain_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("complaints:staff_detail", code=complaint.tracking_code)
    complaint = _staff_complaint(request, code)  # fresh: a refused move changed nothing
    return render(
        request,
        "complaints/staff/detail.html",
        _detail_context(request, complaint, bound=form),
        status=400,
    )
