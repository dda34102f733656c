"""The citizen's pages, no account needed: what can be reported, filing, the code and secret shown once,
tracking with the secret, answering a question, rating, reopening; the public page of a non-confidential
report; a signed-in citizen's own reports; the files a viewer may open."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tanggap.complaints import permissions, selectors, services
from tanggap.complaints.forms.citizen import (
    ComplaintFileForm,
    RateForm,
    ReopenForm,
    ReplyForm,
    TrackForm,
)
from tanggap.complaints.models import Complaint
from tanggap.complaints.services.workflow import COMPLAINT_MACHINE, RATE, REOPEN, REPORTER_CLOSE
from tanggap.complaints.sla import DEFAULT_POLICY, reporter_window_ends
from tanggap.complaints.views.labels import deadline_tags, label_events
from tanggap.complaints.views.reporter_access import (
    forget_reporter_access,
    grant_reporter_access,
    has_reporter_access,
    keep_new_secret,
    pop_new_secret,
    remembered_codes,
)
from tanggap.complaints.views.throttles import ComplaintPageThrottle
from tanggap.core.calendar import zone_name
from tanggap.core.decorators import limit_posts, limit_requests, public_view
from tanggap.core.errors import DomainError, NotFound
from tanggap.core.forms import add_domain_error
from tanggap.core.pages import paginate
from tanggap.core.registry import hooks
from tanggap.core.throttles import CodeLookupThrottle

S = Complaint.Status
PAGE_SIZE = 20


def _spam_refusal(form) -> None:
    form.add_error(None, _("Isian tidak dapat dikirim. Muat ulang halaman lalu coba lagi."))


@require_GET
@public_view
def landing(request: HttpRequest) -> HttpResponse:
    """What can be reported, how it is handled and within which deadlines, and where to start."""
    context = {
        "regions": selectors.regions_public(),
        "policy": DEFAULT_POLICY,
        "reply_days": DEFAULT_POLICY.reporter_response_days,
    }
    return render(request, "complaints/landing.html", context)


def _initial_contact(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {"reporter_name": user.get_full_name(), "reporter_email": user.email}


@require_http_methods(["GET", "POST"])
@public_view
@limit_posts(ComplaintPageThrottle)
def file_report(request: HttpRequest) -> HttpResponse:
    """File a report in under a minute on a phone; the code and the secret follow on the next page."""
    regions = list(selectors.regions_public())
    region = selectors.region_public(request.GET.get("wilayah")) or (
        regions[0] if len(regions) == 1 else None
    )
    if region is None:
        return render(request, "complaints/region_pick.html", {"regions": regions})
    prefill_error = None
    if request.method == "POST":
        form = ComplaintFileForm(request.POST, request.FILES, region=region)
        if form.is_spam():
            _spam_refusal(form)
        elif form.is_valid():
            try:
                complaint, secret = services.complaint_file_with_attachments(
                    form.filing_kwargs(),
                    form.cleaned_data["files"],
                    reporter_user=request.user if request.user.is_authenticated else None,
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                grant_reporter_access(request, complaint)
                keep_new_secret(request, complaint, secret)
                return redirect("complaints:filed", code=complaint.tracking_code)
    else:
        form = ComplaintFileForm(region=region, initial=_initial_contact(request.user))
        if "layanan" in request.GET and not form.prefill_service(request.GET.get("layanan")):
            prefill_error = _(
                "Layanan dari tautan itu tidak dikenal di %(region)s. Pilih layanan terkait dari "
                "daftar, atau biarkan kosong."
            ) % {"region": region.name}
    context = {
        "prefill_error": prefill_error,
        "form": form,
        "region": region,
        "many_regions": len(regions) > 1,
        "desa_groups": selectors.desa_groups(region, form.chosen_kecamatan()),
    }
    return render(request, "complaints/file.html", context, status=400 if form.errors else 200)


@require_GET
@public_view
def desa_options(request: HttpRequest) -> HttpResponse:
    """The desa/kelurahan options of one kecamatan (htmx swaps them into the form's desa list)."""
    region = selectors.region_public(request.GET.get("wilayah"))
    if region is None:
        raise Http404(_("Daerah tidak ditemukan."))
    try:
        kecamatan_id = int(request.GET.get("kecamatan") or 0)
    except ValueError:
        kecamatan_id = 0
    groups = selectors.desa_groups(region, kecamatan_id)
    return render(request, "complaints/_desa_options.html", {"desa_groups": groups})


@require_GET
@public_view
def filed(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation: the tracking code and, this one time, the secret."""
    complaint = selectors.complaint_by_code(code)
    secret = pop_new_secret(request, complaint)
    reporter = has_reporter_access(request, complaint)
    by_officer = not reporter and selectors.recorded_by(complaint, request.user)
    if secret is None and not (reporter or by_officer):
        return redirect(_track_url(complaint.tracking_code))
    context = {
        "complaint": complaint,
        "secret": secret,
        "by_officer": by_officer,
        "can_open": permissions.can_view_complaint(request.user, complaint),
        "track_url": request.build_absolute_uri(reverse("complaints:track")),
    }
    response = render(request, "complaints/filed.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _track_url(code: str = "") -> str:
    url = reverse("complaints:track")
    return f"{url}?{urlencode({'kode': code})}" if code else url


@require_http_methods(["GET", "POST"])
@public_view
@limit_posts(ComplaintPageThrottle)
def track(request: HttpRequest) -> HttpResponse:
    """Enter the tracking code and the secret; the browser then remembers the report."""
    if request.method == "POST":
        form = TrackForm(request.POST)
        if form.is_spam():
            _spam_refusal(form)
        elif form.is_valid():
            try:
                complaint = selectors.complaint_get_for_reporter(
                    tracking_code=form.cleaned_data["code"], secret=form.cleaned_data["secret"]
                )
            except NotFound:
                complaint = None
            if complaint is None:
                form.add_error(
                    None, _("Kode lacak atau kode rahasia salah. Periksa kembali catatan Anda.")
                )
            else:
                grant_reporter_access(request, complaint)
                return redirect("complaints:reporter", code=complaint.tracking_code)
    else:
        form = TrackForm(initial={"code": request.GET.get("kode", "")[:40]})
    context = {
        "form": form,
        "remembered": remembered_codes(request),
    }
    return render(request, "complaints/track.html", context, status=400 if form.errors else 200)


def _reporter_complaint(request, code: str) -> Complaint | None:
    """The report when this browser may follow it; None sends the visitor to the secret form."""
    try:
        complaint = selectors.complaint_by_code(code)
    except NotFound:
        return None
    return complaint if has_reporter_access(request, complaint) else None


def _reporter_context(request, complaint: Complaint, **forms) -> dict:
    now = timezone.now()
    until = reporter_window_ends(complaint)
    # The reporter's moves the table allows now (the services take no actor: the secret proved them).
    allowed = set(COMPLAINT_MACHINE.available_actions(complaint.status, None, complaint))
    events = label_events(list(selectors.reporter_timeline(complaint)))
    return {
        "complaint": complaint,
        "events": events,
        "attachments": selectors.report_attachments(complaint),
        "targets": deadline_tags(selectors.complaint_targets(complaint, now)),
        "zone": zone_name(complaint.region.timezone),
        "tz": complaint.region.timezone,
        "answer": next((e for e in reversed(events) if e.action == "answered"), None),
        "question": next((e for e in reversed(events) if e.action == "info_requested"), None)
        if complaint.status == S.NEEDS_INFO
        else None,
        "reply_form": forms.get("reply")
        or (ReplyForm(auto_id="reply-%s") if complaint.status == S.NEEDS_INFO else None),
        "rate_form": forms.get("rate")
        or (RateForm(auto_id="rate-%s") if RATE in allowed and complaint.rating is None else None),
        "reopen_form": forms.get("reopen")
        or (
            ReopenForm(auto_id="reopen-%s")
            if REOPEN in allowed and until and now <= until
            else None
        ),
        "can_close": REPORTER_CLOSE in allowed,
        "survey_url": hooks.first("complaint.feedback_url", complaint=complaint),  # once answered
        "reopen_until": until,
        "public_url": None
        if complaint.is_confidential
        else reverse("complaints:public", args=[complaint.tracking_code]),
    }


@require_GET
@public_view
@limit_requests(CodeLookupThrottle)
def reporter(request: HttpRequest, code: str) -> HttpResponse:
    """The reporter's page: the timeline, a question to answer, the answer, rating and reopening."""
    complaint = _reporter_complaint(request, code)
    if complaint is None:
        return redirect(_track_url(code))
    response = render(request, "complaints/reporter.html", _reporter_context(request, complaint))
    response["Cache-Control"] = "no-store"
    return response


REPORTER_ACTIONS = {
    "balas": ReplyForm,
    "nilai": RateForm,
    "buka-kembali": ReopenForm,
    "tutup": None,
}
FORM_KEYS = {"balas": "reply", "nilai": "rate", "buka-kembali": "reopen"}


def _reporter_act(complaint: Complaint, action: str, form) -> str:
    """Call the one service for the reporter's action; returns the success message."""
    data = form.cleaned_data if form is not None else {}
    if action == "balas":
        services.complaint_reporter_reply(
            complaint=complaint, message=data["message"], files=data["files"]
        )
        return _("Terima kasih, jawaban Anda sudah dikirim ke petugas.")
    if action == "nilai":
        services.complaint_rate(complaint=complaint, rating=data["rating"], comment=data["comment"])
        return _("Terima kasih atas penilaian Anda.")
    if action == "buka-kembali":
        services.complaint_reopen(complaint=complaint, reason=data["reason"])
        return _("Laporan dibuka kembali dan dikembalikan ke petugas.")
    services.complaint_close(complaint=complaint, by_reporter=True)
    return _("Laporan ditutup. Terima kasih.")


@require_POST
@public_view
@limit_posts(ComplaintPageThrottle)
def reporter_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Answer a question, rate, reopen or close, with the secret already entered in this browser."""
    if action not in REPORTER_ACTIONS:
        raise Http404()
    complaint = _reporter_complaint(request, code)
    if complaint is None:
        return redirect(_track_url(code))
    form_class = REPORTER_ACTIONS[action]
    form = None
    if form_class is not None:
        form = form_class(request.POST, request.FILES, auto_id=f"{FORM_KEYS[action]}-%s")
        if form.is_spam():
            _spam_refusal(form)
    if form is None or (not form.errors and form.is_valid()):
        try:
            done = _reporter_act(complaint, action, form)
        except DomainError as exc:
            if form is None:
                messages.error(request, str(exc.message))
                return redirect("complaints:reporter", code=complaint.tracking_code)
            add_domain_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("complaints:reporter", code=complaint.tracking_code)
    context = _reporter_context(request, complaint, **{FORM_KEYS[action]: form})
    return render(request, "complaints/reporter.html", context, status=400)


@require_POST
@public_view
def reporter_forget(request: HttpRequest, code: str) -> HttpResponse:
    """Forget the report on this browser (a shared phone): the secret is needed again."""
    complaint = _reporter_complaint(request, code)
    if complaint is not None:
        forget_reporter_access(request, complaint)
        messages.success(request, _("Perangkat ini tidak lagi mengingat laporan tersebut."))
    return redirect("complaints:track")


@require_GET
@public_view
@limit_requests(CodeLookupThrottle)
def public(request: HttpRequest, code: str) -> HttpResponse:
    """The public page of a report that is not confidential: what it is about and its public timeline,
    no personal data. The text shows only once a verifier accepted the report."""
    complaint = selectors.complaint_get_public(tracking_code=code[:16])
    context = {
        "complaint": complaint,
        "events": label_events(list(selectors.public_timeline(complaint)), with_files=False),
        "show_text": complaint.verified_at is not None,
        "tz": complaint.region.timezone,
        "zone": zone_name(complaint.region.timezone),
    }
    return render(request, "complaints/public.html", context)


@require_GET
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A signed-in citizen's own reports."""
    page = paginate(
        request, selectors.complaints_of_reporter(request.user), PAGE_SIZE, param="page"
    )
    return render(request, "complaints/mine.html", {"page": page})


@require_GET
@public_view
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of a report, for staff who may view it and for the reporter (internal files: staff only)."""
    found = selectors.attachment_for(pk)
    complaint = found.complaint
    staff = permissions.can_view_complaint(request.user, complaint)
    reporter = (
        has_reporter_access(request, complaint)
        and selectors.attachment_visibility(found) != "internal"
    )
    if not (staff or reporter):
        raise NotFound()
    inline = found.content_type in ("image/jpeg", "image/png", "image/webp")
    response = FileResponse(
        found.file.open("rb"),
        content_type=found.content_type,
        as_attachment=not inline,
        filename=found.original_name,
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
