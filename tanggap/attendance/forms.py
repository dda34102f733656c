"""The forms of the attendance pages: a check-in (typed or scanned QR code, or the phone's position), a
leave request, a superior's decision, the kiosk's NIP + PIN, an official's PIN, and a day's correction."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tanggap.attendance.models import AttendanceEvent, DayCorrection, LeaveType

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


class CheckInForm(forms.Form):
    """One form for both ways: `method` says which button was used (the QR code or the position)."""

    kind = forms.ChoiceField(
        label=_("Presensi"),
        choices=AttendanceEvent.Kind.choices,
        widget=forms.RadioSelect,
        initial=AttendanceEvent.Kind.IN,
    )
    method = forms.ChoiceField(
        choices=[(AttendanceEvent.Method.QR, "qr"), (AttendanceEvent.Method.GEO, "geo")],
        required=False,
    )
    code = forms.CharField(
        label=_("Kode di layar kantor"),
        required=False,
        max_length=200,
        help_text=_("Enam huruf/angka di bawah kode QR, atau pindai dengan kamera."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    accuracy = forms.FloatField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("method", "") in ("", AttendanceEvent.Method.QR):
            data["method"] = AttendanceEvent.Method.QR
            if not (data.get("code") or "").strip():
                self.add_error("code", _("Ketik kode yang tampil di layar kantor."))
        return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LeaveRequestForm(forms.Form):
    leave_type = forms.ModelChoiceField(
        label=_("Jenis cuti"), queryset=LeaveType.objects.none(), empty_label=None
    )
    start = forms.DateField(label=_("Mulai"), widget=DateInput)
    end = forms.DateField(label=_("Sampai"), widget=DateInput)
    reason = forms.CharField(
        label=_("Alasan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    document = forms.FileField(
        label=_("Dokumen pendukung"),
        required=False,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
        help_text=_("PDF, JPG, atau PNG, paling besar 5 MB."),
    )

    def __init__(self, *args, leave_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leave_type"].queryset = leave_types
        needing = [str(t) for t in leave_types if t.requires_document]
        if needing:
            self.fields["document"].help_text = _(
                "Wajib untuk: %(types)s. PDF, JPG, atau PNG, paling besar 5 MB."
            ) % {"types": ", ".join(needing)}

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("Dokumen paling besar 5 MB."))
        return document


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    note = forms.CharField(required=False, max_length=2000)


class RecapForm(forms.Form):
    """The recap's unit and month (GET parameters); the unit choices are those the user may open."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=_("Semua unit di wilayah"),
        error_messages={"invalid_choice": _("Unit tidak ditemukan atau bukan wewenang Anda.")},
    )
    bulan = forms.CharField(
        label=_("Bulan"),
        required=False,
        # No max_length: any wrong value gets the one message that says how to write it.
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-01", "maxlength": 7}),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_bulan(self):
        value = (self.cleaned_data.get("bulan") or "").strip()
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if (
            not match
            or not 1 <= int(match.group(2)) <= 12
            or not 2000 <= int(match.group(1)) <= 2100
        ):
            raise forms.ValidationError(
                _("Tulis bulan sebagai TTTT-BB, misalnya 2026-01 (tahun 2000–2100).")
            )
        return dt.date(int(match.group(1)), int(match.group(2)), 1)


class KioskForm(forms.Form):
    """NIP + PIN on the office tablet; the button pressed says masuk or pulang."""

    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    pin = forms.CharField(
        label=_("PIN"),
        max_length=6,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]{6}"}
        ),
    )
    kind = forms.ChoiceField(choices=AttendanceEvent.Kind.choices)


class PinForm(forms.Form):
    """An official's own kiosk PIN, typed twice."""

    pin = forms.CharField(
        label=_("PIN baru (6 angka)"),
        max_length=6,
        min_length=6,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "new-password", "pattern": "[0-9]{6}"}
        ),
    )
    pin_again = forms.CharField(
        label=_("Ulangi PIN baru"),
        max_length=6,
        min_length=6,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "new-password", "pattern": "[0-9]{6}"}
        ),
    )


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class CorrectionPickForm(forms.Form):
    """Which day of whom (GET): the unit, the official, the date; the choices are those `user` may
    correct."""

    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=_("Semua unit"),
        error_messages={"invalid_choice": _("Unit tidak ditemukan atau bukan wewenang Anda.")},
    )
    official = forms.ModelChoiceField(
        label=_("Pegawai"),
        queryset=None,
        required=False,
        empty_label=_("Pilih pegawai"),
        error_messages={"invalid_choice": _("Pegawai tidak ditemukan atau bukan wewenang Anda.")},
    )
    tanggal = forms.DateField(
        label=_("Tanggal"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Tulis tanggal sebagai TTTT-BB-HH.")},
    )

    def __init__(self, *args, units=None, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["official"].queryset = officials
        self.fields["official"].label_from_instance = lambda o: f"{o.display_name} ({o.unit.name})"

    def clean_tanggal(self):
        day = self.cleaned_data.get("tanggal")
        if day is not None and not 2000 <= day.year <= 2100:
            raise forms.ValidationError(_("Tulis tanggal antara tahun 2000 dan 2100."))
        return day


class CorrectionForm(forms.Form):
    """One correction of the chosen day, with its reason."""

    kind = forms.ChoiceField(
        label=_("Koreksi"), choices=DayCorrection.Kind.choices, widget=forms.RadioSelect
    )
    check_in = forms.TimeField(label=_("Jam masuk"), required=False, widget=TimeInput)
    check_out = forms.TimeField(label=_("Jam pulang"), required=False, widget=TimeInput)
    event = forms.ModelChoiceField(
        label=_("Presensi yang dibatalkan"),
        queryset=None,
        required=False,
        empty_label=_("—"),
        error_messages={"invalid_choice": _("Presensi itu bukan dari tanggal ini.")},
    )
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis alasan koreksi.")},
    )

    def __init__(self, *args, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["event"].label_from_instance = lambda e: (
            f"{e.get_kind_display()} {timezone.localtime(e.recorded_at):%H:%M} · {e.location.name}"
        )
