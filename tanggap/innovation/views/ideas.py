"""Idea pages ("Blitar Cepat Tanggap"): the list with filters, writing and changing an idea, its page
(timeline, supports, comments, the moves the user may make), the office's queue, and "similar ideas"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tanggap.accounts.permissions import user_region_ids
from tanggap.core.decorators import staff_view
from tanggap.core.errors import DomainError
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied
from tanggap.core.forms import run_form
from tanggap.innovation import permissions as p
from tanggap.innovation.models import Idea
from tanggap.innovation.selectors import ideas as selectors
from tanggap.innovation.services import ideas as services
from tanggap.innovation.views.idea_forms import (
    AcceptForm,
    CommentForm,
    IdeaFilterForm,
    IdeaForm,
    NoteForm,
    initial_of,
)
from tanggap.innovation.workflow import IDEA_MACHINE

PAGE = 100
EVENT_LABELS = {
    "create": gettext_lazy("Ide ditulis"),
    "edit": gettext_lazy("Ide diubah pengusul"),
    "submit": gettext_lazy("Diajukan ke tim inovasi"),
    "ask_revision": gettext_lazy("Dikembalikan untuk revisi"),
    "accept": gettext_lazy("Diterima untuk uji coba"),
    "decline": gettext_lazy("Ditolak"),
    "withdraw": gettext_lazy("Ditarik pengusul"),
}


@require_GET
@staff_view(selectors.may_open_ideas)
def idea_list(request: HttpRequest) -> HttpResponse:
    form = IdeaFilterForm(request.GET or None, region_ids=user_region_ids(request.user))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    base = (
        selectors.my_ideas(request.user)
        if data.get("mine")
        else selectors.ideas_visible_to(request.user)
    )
    ideas = selectors.filter_ideas(
        base, status=data.get("status", ""), unit=data.get("unit"), text=data.get("q", "")
    )
    context = {
        "form": form,
        "ideas": list(ideas[:PAGE]),
        "may_write": p.official_of(request.user) is not None,
        "may_review": selectors.may_review_ideas(request.user),
    }
    return render(request, "innovation/ideas/list.html", context)


def _author(request: HttpRequest):
    author = p.official_of(request.user)
    if author is None:
        raise HttpForbidden(_("Hanya pegawai yang terdaftar dapat mengusulkan ide."))
    return author


@staff_view(selectors.may_open_ideas)
def idea_create(request: HttpRequest) -> HttpResponse:
    author = _author(request)
    form = IdeaForm(request.POST or None, author=author)
    ok, idea = run_form(
        request, form, services.idea_create, actor=request.user, submit="submit" in request.POST
    )
    if ok:
        if idea.status == Idea.Status.SUBMITTED:
            messages.success(
                request, _("Ide %(code)s terkirim ke tim inovasi.") % {"code": idea.code}
            )
        else:
            messages.success(
                request, _("Ide %(code)s disimpan sebagai draf.") % {"code": idea.code}
            )
        return redirect("innovation:idea_detail", idea_id=idea.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "innovation/ideas/form.html", {"form": form, "idea": None}, status=status
    )


def _visible(request: HttpRequest, idea_id: int) -> Idea:
    idea = selectors.idea_for(request.user, idea_id)
    if idea is None:
        raise Http404
    return idea


@staff_view(selectors.may_open_ideas)
def idea_edit(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _visible(request, idea_id)
    if not p.is_idea_author(request.user, idea):
        raise HttpForbidden
    form = IdeaForm(request.POST or None, author=idea.author, initial=initial_of(idea))
    ok, _saved = run_form(
        request,
        form,
        services.idea_update,
        actor=request.user,
        idea=idea,
        submit="submit" in request.POST,
    )
    if ok:
        messages.success(request, _("Ide %(code)s diperbarui.") % {"code": idea.code})
        return redirect("innovation:idea_detail", idea_id=idea.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "innovation/ideas/form.html", {"form": form, "idea": idea}, status=status
    )


@require_GET
@staff_view(selectors.may_open_ideas)
def idea_detail(request: HttpRequest, idea_id: int) -> HttpResponse:
    idea = _visible(request, idea_id)
    user = request.user
    may_support = p.may_support_idea(user, idea) and idea.status in Idea.OPEN
    context = {
        "idea": idea,
        "coauthors": list(idea.coauthors.all()),
        "actions": IDEA_MACHINE.available_actions(idea.status, user, idea),
        "events": _labelled(selectors.idea_timeline(idea)),
        "comments": selectors.idea_comments(idea),
        "may_support": may_support,
        "supported": may_support and selectors.supported_by(user, idea),
        "may_comment": idea.status != Idea.Status.DRAFT,
        "may_edit": p.is_idea_author(user, idea)
        and idea.status in (Idea.Status.DRAFT, Idea.Status.REVISION),
        "innovation": selectors.innovation_of(idea),
        "accept_form": AcceptForm(),
        "comment_form": CommentForm(),
    }
    return render(request, "innovation/ideas/detail.html", context)


def _labelled(events: list) -> list:
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)
    return events


def _moves(request: HttpRequest, idea: Idea) -> dict:
    """Each POSTed action: the form it reads and the service it calls."""
    user = request.user
    note = NoteForm(request.POST)
    note_text = note.cleaned_data["note"] if note.is_valid() else ""
    return {
        "submit": lambda: services.idea_submit(actor=user, idea=idea),
        "withdraw": lambda: services.idea_withdraw(actor=user, idea=idea, note=note_text),
        "ask_revision": lambda: services.idea_ask_revision(actor=user, idea=idea, note=note_text),
        "decline": lambda: services.idea_decline(actor=user, idea=idea, note=note_text),
        "support": lambda: services.idea_support(actor=user, idea=idea),
        "unsupport": lambda: services.idea_unsupport(actor=user, idea=idea),
    }


DONE = {
    "submit": gettext_lazy("Ide terkirim ke tim inovasi."),
    "withdraw": gettext_lazy("Ide ditarik."),
    "ask_revision": gettext_lazy("Ide dikembalikan kepada pengusul untuk direvisi."),
    "decline": gettext_lazy("Ide ditolak."),
    "support": gettext_lazy("Dukungan Anda tercatat."),
    "unsupport": gettext_lazy("Dukungan Anda dibatalkan."),
    "accept": gettext_lazy("Ide diterima dan terdaftar sebagai inovasi %(code)s."),
    "comment": gettext_lazy("Komentar terkirim."),
}


@require_POST
@staff_view(selectors.may_open_ideas)
def idea_act(request: HttpRequest, idea_id: int, action: str) -> HttpResponse:
    """One move on an idea (the buttons of its page); a refusal is shown on the page, nothing changes."""
    idea = _visible(request, idea_id)
    back = redirect("innovation:idea_detail", idea_id=idea.pk)
    if action not in DONE:
        raise Http404
    try:
        if action == "accept":
            form = AcceptForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Lengkapi bentuk, jenis, inisiator, dan urusan inovasi."))
                return back
            innovation = services.idea_accept(actor=request.user, idea=idea, **form.cleaned_data)
            messages.success(request, str(DONE["accept"]) % {"code": innovation.code})
            return back
        if action == "comment":
            comment = CommentForm(request.POST)
            body = comment.cleaned_data["body"] if comment.is_valid() else ""
            services.idea_comment(actor=request.user, idea=idea, body=body)
        else:
            _moves(request, idea)[action]()
    except DomainPermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return back
    messages.success(request, str(DONE[action]))
    return back


@require_GET
@staff_view(selectors.may_review_ideas)
def idea_review(request: HttpRequest) -> HttpResponse:
    queue = list(selectors.review_queue(request.user)[:PAGE])
    return render(request, "innovation/ideas/review.html", {"queue": queue})


@require_GET
@staff_view(selectors.may_open_ideas)
def idea_similar(request: HttpRequest) -> JsonResponse:
    """Ideas and innovations of the user's region like the words being typed (JSON for similar.js)."""
    query = (request.GET.get("q") or "")[:500]
    exclude = request.GET.get("idea") or ""
    found = selectors.similar_to(
        request.user,
        query,
        exclude_idea=int(exclude) if exclude.isdigit() and len(exclude) < 10 else None,
    )
    for row in found["ideas"]:
        row["url"] = reverse("innovation:idea_detail", args=[row["id"]])
        row["score"] = round(row["score"], 3)
    for row in found["innovations"]:
        row["score"] = round(row["score"], 3)
    return JsonResponse(found)
