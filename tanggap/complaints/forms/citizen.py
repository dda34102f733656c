"""Forms of the citizen's pages: filing a report, and the reporter's tracking, reply, rating and
reopening. They check the shape of input; the rules live in the services."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from tanggap.catalog.models import Service
from tanggap.complaints.forms.fields import (
    HoneypotMixin,
    NamedChoiceField,
    clean_tracking_code,
    files_field,
)
from tanggap.complaints.models import ComplaintCategory, ComplaintType
from tanggap.org.models import Area


class Privacy:
    """The reporter's privacy choice, as one plain question (SP4N-LAPOR!'s rahasia and anonim)."""

    PUBLIC = "publik"
    CONFIDENTIAL = "rahasia"
    ANONYMOUS = "anonim"
    BOTH = "rahasia_anonim"
    CHOICES = [
        (
            PUBLIC,
            _("Publik — laporan tampil di halaman publik, tanpa nama dan kontak Anda."),
        ),
        (
            CONFIDENTIAL,
            _("Rahasia — laporan tidak ditampilkan kepada publik; hanya petugas yang membacanya."),
        ),
        (
            ANONYMOUS,
            _("Anonim — nama dan kontak Anda disembunyikan dari unit yang menangani."),
        ),
        (BOTH, _("Rahasia dan anonim — keduanya.")),
    ]

    @classmethod
    def flags(cls, value: str) -> tuple[bool, bool]:
        """(is_confidential, is_anonymous) for a choice."""
        return value in (cls.CONFIDENTIAL, cls.BOTH), value in (cls.ANONYMOUS, cls.BOTH)


class ComplaintFileForm(HoneypotMixin):
    """A citizen's report: what, where, optional files, contact and privacy."""

    report_type = forms.ChoiceField(
        label=_("Jenis laporan"),
        choices=ComplaintType.choices,
        initial=ComplaintType.COMPLAINT,
        widget=forms.RadioSelect,
        help_text=_(
            "Pengaduan: layanan tidak sesuai standar atau ada masalah. Aspirasi: saran atau usulan. "
            "Permintaan informasi: Anda menanyakan sesuatu."
        ),
    )
    title = forms.CharField(
        label=_("Judul singkat"),
        max_length=200,
        min_length=5,
        help_text=_("Mis. Jalan berlubang di depan SDN 1 Kanigoro"),
    )
    description = forms.CharField(
        label=_("Apa yang terjadi?"),
        max_length=4000,
        min_length=15,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ceritakan kapan, di mana, dan apa yang Anda alami. Paling sedikit 15 huruf."),
    )
    category = forms.ModelChoiceField(
        label=_("Topik (opsional)"),
        queryset=ComplaintCategory.objects.none(),
        required=False,
        empty_label=_("— tidak tahu / lainnya —"),
    )
    service = forms.ModelChoiceField(
        label=_("Layanan terkait (opsional)"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("— tidak ada / tidak tahu —"),
    )
    kecamatan = NamedChoiceField(
        label=_("Kecamatan (opsional)"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("— pilih kecamatan —"),
    )
    desa = NamedChoiceField(
        label=_("Desa/kelurahan (opsional)"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("— pilih desa/kelurahan —"),
    )
    address = forms.CharField(
        label=_("Alamat atau patokan (opsional)"),
        max_length=300,
        required=False,
        help_text=_("Mis. Jl. Merdeka 10, depan pasar"),
    )
    latitude = forms.DecimalField(
        label=_("Lintang (opsional)"),
        required=False,
        min_value=Decimal("-90"),
        max_value=Decimal("90"),
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    longitude = forms.DecimalField(
        label=_("Bujur (opsional)"),
        required=False,
        min_value=Decimal("-180"),
        max_value=Decimal("180"),
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    files = files_field()
    reporter_name = forms.CharField(
        label=_("Nama (opsional)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_phone = forms.CharField(
        label=_("Nomor HP/WhatsApp (opsional)"),
        max_length=20,
        required=False,
        help_text=_("Untuk kabar perkembangan laporan. Contoh: 0812 3456 7890"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("Surel (opsional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    privacy = forms.ChoiceField(
        label=_("Siapa yang boleh melihat laporan ini?"),
        choices=Privacy.CHOICES,
        initial=Privacy.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "Halaman publik tidak menampilkan nama, nomor HP dan surel Anda, dan jawaban petugas "
            "diperiksa sebelum tampil agar tidak memuatnya. Yang dapat melihatnya hanya petugas "
            "verifikasi (admin instansi) dan, kecuali laporan anonim, petugas unit yang menangani "
            "laporan Anda."
        ),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["category"].queryset = ComplaintCategory.objects.filter(
            region=region, is_active=True
        )
        self.fields["service"].queryset = Service.objects.filter(
            region=region, is_active=True
        ).order_by("name")
        self.fields["kecamatan"].queryset = Area.objects.filter(
            region=region, kind=Area.Kind.KECAMATAN
        ).order_by("name")
        self.fields["desa"].queryset = Area.objects.filter(
            region=region, kind__in=[Area.Kind.DESA, Area.Kind.KELURAHAN]
        ).order_by("name")
        # With JavaScript, choosing a kecamatan narrows the desa list (htmx swaps its options).
        self.fields["kecamatan"].widget.attrs.update(
            {
                "hx-get": reverse("complaints:desa_options")
                + "?"
                + urlencode({"wilayah": region.slug}),
                "hx-target": "#id_desa",
                "hx-trigger": "change",
                "hx-swap": "innerHTML",
                "aria-controls": "id_desa",
            }
        )
        # Move the honeypot to the end, out of the way of people tabbing through the form.
        self.fields["website"] = self.fields.pop("website")

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def prefill_service(self, slug: str | None) -> bool:
        """Choose the related service from a link (`?layanan=<slug>`, a service page's "Laporkan
        masalah"); False when the slug names no active service of this region (nothing is chosen)."""
        slug = (slug or "").strip()[:120]
        service = self.fields["service"].queryset.filter(slug=slug).first() if slug else None
        if service is not None:
            self.initial["service"] = service.pk
        return service is not None

    def chosen_kecamatan(self):
        """The kecamatan as submitted (its desa are offered), before validation; None when unbound."""
        return self["kecamatan"].value() if self.is_bound else None

    def clean(self):
        data = super().clean()
        kecamatan, desa = data.get("kecamatan"), data.get("desa")
        if desa is not None and kecamatan is not None and desa.parent_id != kecamatan.pk:
            self.add_error("desa", _("Desa/kelurahan ini tidak ada di kecamatan yang dipilih."))
        if desa is not None and kecamatan is None:
            data["kecamatan"] = desa.parent
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error(
                "longitude", _("Isi lintang dan bujur keduanya, atau kosongkan keduanya.")
            )
        return data

    def filing_kwargs(self) -> dict:
        """The cleaned data as complaint_file's keyword arguments."""
        data = self.cleaned_data
        confidential, anonymous = Privacy.flags(data["privacy"])
        return {
            "region": self.region,
            "report_type": data["report_type"],
            "title": data["title"],
            "description": data["description"],
            "category": data.get("category"),
            "service": data.get("service"),
            "kecamatan": data.get("kecamatan"),
            "desa": data.get("desa"),
            "address": data.get("address", ""),
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "is_confidential": confidential,
            "is_anonymous": anonymous,
            "reporter_name": data.get("reporter_name", ""),
            "reporter_phone": data.get("reporter_phone", ""),
            "reporter_email": data.get("reporter_email", ""),
            "source_url": "",
        }


# --- the reporter ------------------------------------------------------------------------------


class TrackForm(HoneypotMixin):
    """The tracking code and the secret the reporter received when filing."""

    code = forms.CharField(
        label=_("Kode lacak"),
        max_length=40,
        help_text=_("Mis. LPR-7K3M9Q2A"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    secret = forms.CharField(
        label=_("Kode rahasia"),
        max_length=40,
        help_text=_("10 huruf/angka yang ditampilkan sekali setelah Anda melapor."),
        widget=forms.PasswordInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
            render_value=True,
        ),
    )

    def clean_code(self) -> str:
        code = clean_tracking_code(self.cleaned_data["code"])
        if not code:
            raise ValidationError(_("Kode lacak berbentuk LPR- diikuti 8 huruf/angka."))
        return code

    def clean_secret(self) -> str:
        return re.sub(r"[\s\-]", "", self.cleaned_data["secret"]).upper()


class ReplyForm(HoneypotMixin):
    """The reporter answers the handler's question."""

    message = forms.CharField(
        label=_("Jawaban Anda"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = files_field(_("Lampiran (opsional)"))


RATING_CHOICES = [
    (5, _("5 bintang — sangat puas")),
    (4, _("4 bintang — puas")),
    (3, _("3 bintang — cukup")),
    (2, _("2 bintang — kurang puas")),
    (1, _("1 bintang — tidak puas")),
]


class RateForm(HoneypotMixin):
    """The reporter's verdict on the answer: 1–5 stars and an optional comment."""

    rating = forms.TypedChoiceField(
        label=_("Penilaian Anda"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Komentar (opsional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(HoneypotMixin):
    """The reporter is not satisfied and reopens the report, with a reason."""

    reason = forms.CharField(
        label=_("Mengapa laporan perlu dibuka kembali?"),
        max_length=1000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
