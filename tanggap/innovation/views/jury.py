"""The jury pages: the organiser's jury of a round (jurors, conflicts, the assignment and loads), the
juror's own assignments, the scoring form of one review, and declaring a conflict of interest.

A juror of a blind round never sees the proposing unit, its region or the innovation's name: the
proposal is shown as `selectors.jury.proposal_view` gives it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tanggap.accounts.models import User
from tanggap.core.decorators import signed_in_view, staff_view
from tanggap.core.errors import DomainError, NotFound, PermissionDenied
from tanggap.core.pages import run_action
from tanggap.innovation import workflow
from tanggap.innovation.models import Juror, Proposal
from tanggap.innovation.selectors import jury as selectors
from tanggap.innovation.services import jury as services
from tanggap.innovation.views.event_labels import REVIEW_EVENT_LABELS, labelled


def _round_link(round_) -> str:
    try:
        return reverse("innovation:round_detail", args=[round_.pk])
    except NoReverseMatch:
        return ""


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@signed_in_view
def round_jury(request: HttpRequest, round_id: int) -> HttpResponse:
    """The organiser's jury page. POST `action`: add (username, expertise), remove (juror),
    conflicts (refresh the org-chart conflicts), assign (run the assignment)."""
    round_ = selectors.round_for_organiser(request.user, round_id)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        ok = False
        if action == "add":
            username = (request.POST.get("username") or "").strip()
            user = (
                User.objects.filter(username=username, is_active=True).first() if username else None
            )
            if user is None:
                messages.error(request, _("Akun dengan nama pengguna itu tidak ditemukan."))
            else:
                ok = run_action(
                    request,
                    services.juror_add,
                    success=_("Juri ditambahkan."),
                    actor=request.user,
                    round_=round_,
                    user=user,
                    expertise=request.POST.get("expertise", ""),
                )
        elif action == "remove":
            juror = Juror.objects.filter(round=round_, pk=_int(request.POST.get("juror"))).first()
            if juror is None:
                messages.error(request, _("Juri tidak ditemukan."))
            else:
                ok = run_action(
                    request,
                    services.juror_remove,
                    success=_("Juri dinonaktifkan; penilaian yang belum dikirim dibatalkan."),
                    actor=request.user,
                    juror=juror,
                )
        elif action == "conflicts":
            ok = run_action(
                request,
                lambda: services.conflicts_refresh(round_),
                success=_("Konflik kepentingan dari struktur organisasi diperbarui."),
            )
        elif action == "assign":
            ok = run_action(
                request,
                services.assign_round,
                success=_("Penugasan juri disusun."),
                actor=request.user,
                round_=round_,
            )
        else:
            messages.error(request, _("Tindakan tidak dikenal."))
        if ok:
            return redirect("innovation:round_jury", round_id=round_.pk)
        status = 400
    matrix = selectors.assignment_matrix(request.user, round_)
    return render(
        request,
        "innovation/jury/round_jury.html",
        {"round": round_, "matrix": matrix, "round_link": _round_link(round_)},
        status=status,
    )


@require_GET
@staff_view(selectors.is_juror)
def my_reviews(request: HttpRequest) -> HttpResponse:
    """The signed-in juror's assignments across rounds."""
    reviews = list(selectors.my_reviews(request.user))
    shown: dict[int, bool] = {}
    rows = []
    for r in reviews:
        if r.round_id not in shown:
            shown[r.round_id] = selectors.shows_unit(request.user, r.round)
        rows.append((r, selectors.proposal_view(request.user, r.proposal, shown[r.round_id])))
    return render(request, "innovation/jury/my_reviews.html", {"rows": rows})


def _posted_scores(request, items) -> list[dict]:
    return [
        {
            "item": item.pk,
            "value": request.POST.get(f"value_{item.pk}", ""),
            "comment": request.POST.get(f"comment_{item.pk}", "")[:4000],
        }
        for item in items
    ]


@signed_in_view
def review(request: HttpRequest, review_id: int) -> HttpResponse:
    """The scoring form of one of the juror's own reviews: save a draft, or save and send."""
    item = selectors.review_for_juror(request.user, review_id)
    items = list(item.round.rubric.all())
    posted: dict[int, tuple[str, str]] = {}
    status = 200
    if request.method == "POST":
        scores = _posted_scores(request, items)
        posted = {s["item"]: (s["value"], s["comment"]) for s in scores}
        send = request.POST.get("action") == "send"
        try:
            services.review_score(
                actor=request.user,
                review=item,
                scores=scores,
                comment=request.POST.get("comment", "")[:4000],
            )
            if send:
                services.review_send(actor=request.user, review=item)
        except PermissionDenied:
            raise
        except DomainError as exc:
            messages.error(request, str(exc.message))
            status = 400
        else:
            messages.success(
                request, _("Penilaian dikirim.") if send else _("Draf penilaian disimpan.")
            )
            return redirect("innovation:review", review_id=item.pk)
    sheet = selectors.score_sheet(request.user, item)
    rows = []
    for row in sheet.rows if sheet else []:
        value, comment = posted.get(row.item.pk, (None, None))
        if value is None:
            value = "" if row.score is None else format(row.score.value.normalize(), "f")
            comment = "" if row.score is None else row.score.comment
        rows.append({"item": row.item, "value": value, "comment": comment})
    editable = workflow.REVIEW_MACHINE.allows_action(
        workflow.SCORE, item.status, request.user, item
    )
    events = labelled(item.events.order_by("at", "id"), REVIEW_EVENT_LABELS)
    # The organiser's discussion note: shown while the returned review awaits re-scoring.
    returned = next((e for e in reversed(events) if e.action == workflow.RETURN), None)
    if returned is not None and (
        item.status != item.Status.ASSIGNED or events[-1].action == "send"
    ):
        returned = None
    return render(
        request,
        "innovation/jury/review.html",
        {
            "review": item,
            "proposal": selectors.proposal_view(request.user, item.proposal),
            "rows": rows,
            "editable": editable and item.round.status == item.round.Status.REVIEW,
            "events": events,
            "returned": returned,
        },
        status=status,
    )


@signed_in_view
def conflict_declare(request: HttpRequest, round_id: int) -> HttpResponse:
    """A juror declares a conflict of interest on a proposal of the round, with a reason."""
    round_, juror = selectors.round_for_juror(request.user, round_id)
    choices = list(selectors.declarable_proposals(juror))
    show = selectors.shows_unit(request.user, round_)
    chosen = _int(request.POST.get("proposal") or request.GET.get("proposal"))
    reason = ""
    status = 200
    if request.method == "POST":
        reason = (request.POST.get("reason") or "")[:1000]
        proposal = Proposal.objects.filter(round=round_, pk=chosen).first()
        if proposal is None or proposal not in choices:
            messages.error(request, _("Pilih proposal dari daftar."))
            status = 400
        else:
            try:
                services.conflict_declare(
                    actor=request.user, round_=round_, proposal=proposal, reason=reason
                )
            except NotFound:
                raise
            except PermissionDenied:
                raise
            except DomainError as exc:
                messages.error(request, str(exc.message))
                status = 400
            else:
                messages.success(request, _("Konflik kepentingan dicatat."))
                return redirect("innovation:my_reviews")
    return render(
        request,
        "innovation/jury/conflict_declare.html",
        {
            "round": round_,
            "choices": [(p, selectors.proposal_view(request.user, p, show)) for p in choices],
            "chosen": chosen,
            "reason": reason,
        },
        status=status,
    )
