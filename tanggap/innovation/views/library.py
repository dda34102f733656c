"""The P2B library's pages: the public search (query, filters, highlighted snippets; light enough for a
cheap phone), a public article with the "Replikasi ini" form for signed-in unit owners, and the unit
owners' writing and editing pages (save, publish, archive)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tanggap.core.decorators import public_view, staff_view
from tanggap.core.forms import run_service
from tanggap.core.pages import run_action
from tanggap.innovation.forms.library import ArticleForm, LibrarySearchForm, ReplicationRequestForm
from tanggap.innovation.models import Article
from tanggap.innovation.search import search_articles
from tanggap.innovation.selectors import library as selectors
from tanggap.innovation.services import library as services


def may_write_any(user) -> bool:
    return selectors.owned_units(user).exists()


@public_view
@require_http_methods(["GET", "HEAD"])
def library(request: HttpRequest) -> HttpResponse:
    """GET ?q=&wilayah=&urusan=&halaman=: published articles, best match first."""
    form = LibrarySearchForm(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    result = search_articles(
        data.get("q") or "",
        region=data.get("wilayah"),
        affair=data.get("urusan") or "",
        page=data.get("halaman") or 1,
    )
    return render(
        request,
        "innovation/library/search.html",
        {"form": form, "result": result},
        status=200 if valid else 400,
    )


@public_view
@require_http_methods(["GET", "HEAD", "POST"])
def article(request: HttpRequest, article_id: int) -> HttpResponse:
    """A published article; POST: a signed-in unit owner asks the innovation's unit to replicate it."""
    found = selectors.public_article(article_id)
    user = request.user
    innovation = found.innovation
    units = selectors.owned_units(user).exclude(pk=getattr(innovation, "unit_id", None))
    form = None
    if innovation is not None and user.is_authenticated and units.exists():
        form = ReplicationRequestForm(
            request.POST if request.method == "POST" else None, units=units
        )
    if request.method == "POST":
        if form is None:
            raise HttpForbidden
        if form.is_valid():
            ok, created = run_service(
                form,
                services.replication_request_create,
                user=user,
                unit=form.cleaned_data["unit"],
                innovation=innovation,
                message=form.cleaned_data["message"],
                article=found,
            )
            if ok:
                messages.success(request, _("Permintaan replikasi terkirim."))
                return redirect("innovation:replication_request", replication_id=created.pk)
    return render(
        request,
        "innovation/library/article.html",
        {"article": found, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _article_form(request, user, article=None):
    units = selectors.owned_units(user)
    initial = {}
    if article is not None:
        initial = {f: getattr(article, f) for f in ("title", "summary", "body", "lessons", "tags")}
        initial["innovation"] = article.innovation_id
    return ArticleForm(
        request.POST if request.method == "POST" else None,
        units=units,
        innovations=selectors.linkable_innovations(user, article.unit if article else None),
        editing=article is not None,
        initial=initial,
    )


@staff_view(may_write_any)
@require_http_methods(["GET", "HEAD", "POST"])
def article_create(request: HttpRequest) -> HttpResponse:
    form = _article_form(request, request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        ok, created = run_service(
            form, services.article_create, user=request.user, unit=unit, data=data
        )
        if ok:
            messages.success(request, _("Artikel disimpan sebagai draf."))
            return redirect("innovation:article_edit", article_id=created.pk)
    return render(
        request,
        "innovation/library/article_form.html",
        {"form": form, "article": None, "mine": selectors.my_articles(request.user)[:20]},
        status=400 if request.method == "POST" else 200,
    )


@staff_view(may_write_any)
@require_http_methods(["GET", "HEAD", "POST"])
def article_edit(request: HttpRequest, article_id: int) -> HttpResponse:
    """Edit a unit's article; POST action=publish|archive are plain buttons."""
    found = selectors.article_for_edit(request.user, article_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action in {"publish", "archive"}:
        service = services.article_publish if action == "publish" else services.article_archive
        success = _("Artikel diterbitkan.") if action == "publish" else _("Artikel diarsipkan.")
        run_action(request, service, success=success, user=request.user, article_id=found.pk)
        return redirect("innovation:article_edit", article_id=found.pk)
    form = _article_form(request, request.user, found)
    if request.method == "POST" and form.is_valid():
        ok, _saved = run_service(
            form,
            services.article_update,
            user=request.user,
            article_id=found.pk,
            data=form.cleaned_data,
        )
        if ok:
            messages.success(request, _("Artikel disimpan."))
            return redirect("innovation:article_edit", article_id=found.pk)
    return render(
        request,
        "innovation/library/article_form.html",
        {"form": form, "article": found, "Status": Article.Status},
        status=400 if request.method == "POST" else 200,
    )
