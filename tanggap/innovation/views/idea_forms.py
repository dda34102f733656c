"""Forms of the idea pages: writing an idea, filtering the list, the office's decisions, comments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.catalog.models import Service
from tanggap.innovation.models import Idea, Innovation
from tanggap.org.models import Official, Unit


class IdeaForm(forms.Form):
    """An idea: its texts, the unit (and optionally the service) concerned, co-authors of the region."""

    title = forms.CharField(label=_("Judul ide"), max_length=200)
    problem = forms.CharField(
        label=_("Masalah yang ingin diatasi"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    proposal = forms.CharField(
        label=_("Perubahan yang diusulkan"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    beneficiaries = forms.CharField(
        label=_("Siapa yang mendapat manfaat"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    unit = forms.ModelChoiceField(label=_("Unit terkait"), queryset=Unit.objects.none())
    service = forms.ModelChoiceField(
        label=_("Layanan terkait (opsional)"), queryset=Service.objects.none(), required=False
    )
    coauthors = forms.ModelMultipleChoiceField(
        label=_("Pengusul bersama (opsional)"),
        queryset=Official.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args, author, **kwargs):
        super().__init__(*args, **kwargs)
        region_id = author.region_id
        self.fields["unit"].queryset = Unit.objects.filter(region_id=region_id).order_by("name")
        self.fields["service"].queryset = (
            Service.objects.filter(region_id=region_id, is_active=True)
            .select_related("unit")
            .order_by("name")
        )
        self.fields["service"].label_from_instance = lambda s: f"{s.name} ({s.unit.name})"
        self.fields["coauthors"].queryset = (
            Official.objects.filter(region_id=region_id, status=Official.Status.ACTIVE)
            .exclude(pk=author.pk)
            .order_by("name")
        )


def initial_of(idea: Idea) -> dict:
    return {
        "title": idea.title,
        "problem": idea.problem,
        "proposal": idea.proposal,
        "beneficiaries": idea.beneficiaries,
        "unit": idea.unit_id,
        "service": idea.service_id,
        "coauthors": list(idea.coauthors.values_list("pk", flat=True)),
    }


class IdeaFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua status")), *Idea.Status.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("Semua unit")
    )
    mine = forms.BooleanField(label=_("Ide saya"), required=False)

    def __init__(self, *args, region_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(region_id__in=region_ids).order_by(
            "name"
        )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False)


class AcceptForm(forms.Form):
    """What the office chooses when an idea becomes a registered innovation."""

    form = forms.ChoiceField(label=_("Bentuk inovasi"), choices=Innovation.Form.choices)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Innovation.Kind.choices)
    initiator = forms.ChoiceField(label=_("Inisiator"), choices=Innovation.Initiator.choices)
    affair = forms.ChoiceField(label=_("Urusan pemerintahan"), choices=Innovation.Affair.choices)
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Komentar"), max_length=2000, widget=forms.Textarea)
