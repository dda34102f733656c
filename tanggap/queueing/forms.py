"""Forms of the queue pages: they check the shape of input; the rules live in services."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tanggap.core.errors import DomainError
from tanggap.core.identity import normalize_phone, validate_nik
from tanggap.queueing.models import Counter, QueueService, Ticket
from tanggap.queueing.selectors import lookup_code
from tanggap.queueing.services.config import QUEUE_SERVICE_LIMITS, SETTINGS_LIMITS
from tanggap.queueing.services.numbering import CODE_ALPHABET, CODE_LENGTH

SLOT_FORMAT = (
    "%Y%m%d%H%M"  # a slot in links and buttons: local time at the location, e.g. 202611231000
)
PRIORITY_CHOICES = [
    ("", _("Tidak termasuk")),
    *[(value, label) for value, label in Ticket.Priority.choices if value],
]
# Refusals of the NIK check (tanggap.core.identity) that belong on the booking form's NIK field.
NIK_CODES = frozenset({"nik_format", "nik_region", "nik_birth", "nik_sequence"})
CODE_IN_URL = re.compile(rf"/tiket/([A-Za-z0-9]{{{CODE_LENGTH}}})/?")


def slot_param(moment: dt.datetime, tz) -> str:
    """A slot start as it travels in a link or a button (the location's local time)."""
    return moment.astimezone(tz).strftime(SLOT_FORMAT)


def parse_slot(value: str | None, tz) -> dt.datetime | None:
    """The aware slot start a link or button carries, or None when it is not one."""
    value = (value or "").strip()
    if len(value) != len("YYYYMMDDHHMM") or not (value.isascii() and value.isdigit()):
        return None
    try:
        return dt.datetime.strptime(value, SLOT_FORMAT).replace(tzinfo=tz)
    except ValueError:
        return None


def parse_day(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD date from the address, or None."""
    try:
        return dt.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def clean_code(value: str) -> str:
    """A ticket code as typed or scanned: spaces and dashes dropped, upper case; a ticket URL is accepted."""
    value = (value or "").strip()
    found = CODE_IN_URL.search(value)
    if found:
        value = found.group(1)
    return re.sub(r"[\s\-]", "", value).upper()


class BookingForm(forms.Form):
    """Who is coming: a name and one way to recognise the booking (phone, e-mail or NIK)."""

    contact_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_phone = forms.CharField(
        label=_("Nomor HP/WhatsApp"),
        max_length=20,
        required=False,
        help_text=_("Untuk pemberitahuan saat giliran Anda hampir tiba. Contoh: 0812 3456 7890"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("Surel (opsional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    nik = forms.CharField(
        label=_("NIK (opsional)"),
        max_length=24,
        required=False,
        help_text=_(
            "Hanya untuk memastikan satu orang tidak memesan layanan yang sama dua kali pada hari yang "
            "sama. NIK tidak disimpan utuh: yang disimpan hanya sandi (hash) dan bentuk tersamar, "
            "mis. 3505**********01."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    priority = forms.ChoiceField(
        label=_("Kelompok rentan (didahulukan)"),
        choices=PRIORITY_CHOICES,
        required=False,
        initial="",
        widget=forms.RadioSelect,
        help_text=_(
            "Lansia, penyandang disabilitas, ibu hamil, dan warga yang membawa anak kecil dilayani "
            "lebih dahulu (UU 25/2009). Petugas dapat meminta bukti."
        ),
    )

    def clean_contact_name(self) -> str:
        name = " ".join(self.cleaned_data["contact_name"].split())
        if not name:
            raise ValidationError(_("Nama wajib diisi."))
        return name

    def clean_contact_phone(self) -> str:
        return normalize_phone(self.cleaned_data["contact_phone"])

    def clean_nik(self) -> str:
        value = self.cleaned_data["nik"]
        return validate_nik(value) if value.strip() else ""

    def clean(self):
        data = super().clean()
        if not self.errors and not (
            data.get("contact_phone") or data.get("contact_email") or data.get("nik")
        ):
            raise ValidationError(
                _("Isi nomor HP, surel, atau NIK agar pemesanan Anda dapat dikenali.")
            )
        return data

    def add_refusal(self, exc: DomainError) -> None:
        """Show a booking service's refusal on the field it concerns (a bad NIK or phone on its own)."""
        field = exc.field
        if field is None and exc.code in NIK_CODES:
            field = "nik"
        elif field is None and exc.code == "phone_format":
            field = "contact_phone"
        self.add_error(field if field in self.fields else None, str(exc.message))


class PriorityForm(forms.Form):
    """The kiosk's priority choice for a walk-in ticket."""

    priority = forms.ChoiceField(choices=Ticket.Priority.choices, required=False)


class CodeForm(forms.Form):
    """A booking code typed at the kiosk or the counter (or read from the QR)."""

    code = forms.CharField(
        label=_("Kode pemesanan"),
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "ABCD2345",
            }
        ),
    )

    def clean_code(self) -> str:
        code = clean_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
            raise ValidationError(
                _("Kode pemesanan terdiri dari %(n)s huruf/angka, mis. ABCD2345.")
                % {"n": CODE_LENGTH}
            )
        return code


class TicketLookupForm(forms.Form):
    """A citizen's ticket code, typed or pasted (the ticket's address is accepted too), to find the ticket."""

    kode = forms.CharField(
        label=_("Kode tiket"),
        max_length=200,
        help_text=_("8 huruf/angka di halaman atau cetakan tiket Anda, mis. ABCD2345."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_kode(self) -> str:
        value = self.cleaned_data["kode"].strip()
        found = CODE_IN_URL.search(value)
        code = lookup_code(found.group(1) if found else re.sub(r"\s", "", value))
        if code is None:
            raise ValidationError(_("Kode tiket terdiri dari huruf dan angka saja, mis. ABCD2345."))
        return code


class KioskDeviceForm(forms.Form):
    """Register a kiosk at a location: only its name (the service makes its token)."""

    name = forms.CharField(
        label=_("Nama kiosk"),
        max_length=60,
        help_text=_("Mis. Kiosk pintu masuk, Kiosk lantai 2."),
    )


class KioskPairForm(forms.Form):
    """The token that makes this browser a registered kiosk (filled in from the pairing link)."""

    token = forms.CharField(
        label=_("Token kiosk"),
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class TransferForm(forms.Form):
    """Where a called or served citizen goes next: another service and/or a named counter."""

    to_queue_service = forms.ModelChoiceField(
        label=_("Ke layanan"),
        queryset=QueueService.objects.none(),
        required=False,
        empty_label=_("(layanan yang sama)"),
    )
    to_counter = forms.ModelChoiceField(
        label=_("Ke loket"),
        queryset=Counter.objects.none(),
        required=False,
        empty_label=_("(loket mana saja)"),
    )
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args, counter: Counter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_queue_service"].queryset = QueueService.objects.filter(
            location_id=counter.location_id, is_active=True
        ).select_related("service")
        self.fields["to_counter"].queryset = Counter.objects.filter(
            location_id=counter.location_id
        ).exclude(pk=counter.pk)
        prefix = f"transfer-{counter.pk}"
        self.fields["to_queue_service"].widget.attrs["id"] = f"{prefix}-service"
        self.fields["to_counter"].widget.attrs["id"] = f"{prefix}-counter"
        self.fields["note"].widget.attrs["id"] = f"{prefix}-note"

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("to_queue_service") or data.get("to_counter")):
            raise ValidationError(_("Pilih layanan atau loket tujuan."))
        return data


def _number(name: str, label, limits: dict, help_text=None) -> forms.IntegerField:
    low, high = limits[name]
    return forms.IntegerField(label=label, min_value=low, max_value=high, help_text=help_text)


class QueueSettingsForm(forms.Form):
    """How the location runs its queue."""

    is_enabled = forms.BooleanField(
        label=_("Antrean aktif (bisa dipesan dan diambil)"), required=False
    )
    slot_minutes = _number(
        "slot_minutes",
        _("Panjang slot pemesanan (menit)"),
        SETTINGS_LIMITS,
        _("Jam buka dibagi menjadi slot sepanjang ini, mis. 30 menit."),
    )
    booking_horizon_days = _number(
        "booking_horizon_days",
        _("Pemesanan paling jauh (hari ke depan)"),
        SETTINGS_LIMITS,
    )
    no_show_grace_minutes = _number(
        "no_show_grace_minutes",
        _("Masa tunggu sebelum tiket boleh dilewati (menit)"),
        SETTINGS_LIMITS,
        _("Setelah dipanggil, petugas baru dapat menandai 'tidak hadir' sesudah waktu ini."),
    )
    late_check_in_minutes = _number(
        "late_check_in_minutes",
        _("Toleransi terlambat check-in (menit)"),
        SETTINGS_LIMITS,
        _("Warga yang check-in dalam batas ini tetap mendapat urutan sesuai slotnya."),
    )
    notify_when_ahead = _number(
        "notify_when_ahead",
        _("Beri tahu warga saat antrean di depannya tinggal"),
        SETTINGS_LIMITS,
        _("Pemberitahuan lewat SMS/WhatsApp atau surel, bila warga mengisi kontak."),
    )
    display_chime = forms.BooleanField(
        label=_("Bunyikan nada di layar tunggu saat ada panggilan"), required=False
    )


class QueueServiceForm(forms.Form):
    """A catalogue service queued at the location."""

    service = forms.ModelChoiceField(label=_("Layanan (dari katalog)"), queryset=None)
    prefix = forms.CharField(
        label=_("Awalan nomor"),
        max_length=3,
        help_text=_("1–3 huruf, unik di lokasi ini; nomor tiket menjadi mis. A-017."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 4}),
    )
    capacity_per_slot = _number(
        "capacity_per_slot",
        _("Kuota per slot"),
        QUEUE_SERVICE_LIMITS,
        _("Berapa warga dapat memesan satu slot untuk layanan ini."),
    )
    default_service_minutes = _number(
        "default_service_minutes",
        _("Perkiraan lama layanan (menit)"),
        QUEUE_SERVICE_LIMITS,
        _("Dipakai untuk perkiraan waktu tunggu sampai ada cukup data layanan nyata."),
    )
    allow_booking = forms.BooleanField(label=_("Bisa dipesan daring"), required=False)
    allow_walk_in = forms.BooleanField(
        label=_("Bisa ambil nomor di tempat (kiosk)"), required=False
    )
    order = _number("order", _("Urutan tampil"), QUEUE_SERVICE_LIMITS)
    is_active = forms.BooleanField(label=_("Aktif"), required=False)

    def __init__(self, *args, services=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["service"]
        else:
            self.fields["service"].queryset = services
            del self.fields["is_active"]

    def clean_prefix(self) -> str:
        return self.cleaned_data["prefix"].strip().upper()


class CounterForm(forms.Form):
    """A counter (loket) and the queued services it handles."""

    name = forms.CharField(label=_("Nama loket"), max_length=60, help_text=_("Mis. Loket 1"))
    services = forms.ModelMultipleChoiceField(
        label=_("Layanan yang dilayani"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    is_open = forms.BooleanField(label=_("Buka"), required=False)
    order = _number("order", _("Urutan tampil"), QUEUE_SERVICE_LIMITS)

    def __init__(self, *args, location, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = QueueService.objects.filter(
            location=location
        ).select_related("service")
        self.fields["services"].label_from_instance = lambda qs: f"{qs.prefix} · {qs.service.name}"
