"""Forms of the P2B library pages: the public search, an article, a replication request and the answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.innovation.models import Innovation
from tanggap.innovation.search import MAX_QUERY_CHARS
from tanggap.org.models import Region


class LibrarySearchForm(forms.Form):
    """GET ?q=&wilayah=&urusan=&halaman= of the public search page."""

    q = forms.CharField(
        label=_("Cari praktik baik"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    wilayah = forms.ModelChoiceField(
        label=_("Daerah"),
        required=False,
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Semua daerah"),
    )
    urusan = forms.ChoiceField(
        label=_("Urusan pemerintahan"),
        required=False,
        choices=[("", _("Semua urusan")), *Innovation.Affair.choices],
    )
    halaman = forms.IntegerField(
        required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput
    )


class ArticleForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit penulis"), queryset=None)
    title = forms.CharField(label=_("Judul"), max_length=200)
    summary = forms.CharField(
        label=_("Ringkasan"), max_length=400, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Isi"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 12})
    )
    lessons = forms.CharField(
        label=_("Pelajaran dan kiat replikasi"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    tags = forms.CharField(label=_("Kata kunci"), required=False, max_length=200)
    innovation = forms.ModelChoiceField(
        label=_("Inovasi terkait"), required=False, queryset=None, empty_label=_("(tidak ada)")
    )

    def __init__(self, *args, units, innovations, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["innovation"].queryset = innovations
        if editing:
            del self.fields["unit"]


class ReplicationRequestForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit yang akan mereplikasi"), queryset=None)
    message = forms.CharField(
        label=_("Pesan untuk unit pemilik"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReplicationActionForm(forms.Form):
    """One button of a request's page: the action, a note, and the date when recording a replication."""

    action = forms.CharField(max_length=32)
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    replicated_on = forms.DateField(label=_("Tanggal replikasi"), required=False)
