"""The forms of the attendance settings pages. They only read the typed values (a number, a time, a
choice); the ranges and rules are checked by the services (services/settings.py), which name the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tanggap.attendance.models import WorkSchedule

TIME_ATTRS = {"type": "time"}


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis jadwal"), choices=WorkSchedule.Kind.choices)
    start = forms.TimeField(label=_("Jam masuk"), widget=forms.TimeInput(TIME_ATTRS, "%H:%M"))
    end = forms.TimeField(
        label=_("Jam pulang"),
        widget=forms.TimeInput(TIME_ATTRS, "%H:%M"),
        help_text=_("Untuk sif malam, jam pulang boleh lewat tengah malam."),
    )
    flexible_minutes = forms.IntegerField(
        label=_("Rentang masuk fleksibel (menit)"),
        required=False,
        help_text=_("0 bila tidak fleksibel; paling lama 240 menit."),
    )

    def clean_flexible_minutes(self):
        return self.cleaned_data.get("flexible_minutes") or 0


class LocationForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Unit tidak ditemukan atau bukan wewenang Anda.")},
    )
    name = forms.CharField(label=_("Nama lokasi"), max_length=200)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    latitude = forms.FloatField(
        label=_("Lintang"), help_text=_("Derajat desimal, misalnya -8.098100.")
    )
    longitude = forms.FloatField(
        label=_("Bujur"), help_text=_("Derajat desimal, misalnya 112.165000.")
    )
    radius_m = forms.IntegerField(
        label=_("Radius geofence (m)"), help_text=_("1 sampai 5.000 meter.")
    )
    allow_qr = forms.BooleanField(label=_("Presensi dengan kode QR"), required=False)
    allow_geo = forms.BooleanField(label=_("Presensi dengan lokasi ponsel"), required=False)
    allow_kiosk = forms.BooleanField(label=_("Presensi di kios (NIP + PIN)"), required=False)
    is_active = forms.BooleanField(label=_("Aktif"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class RecapPolicyForm(forms.Form):
    band_minutes = forms.IntegerField(
        label=_("Lebar rentang terlambat/pulang cepat (menit)"),
        help_text=_("TL1/PSW1 sampai rentang ini, TL2 sampai dua kali, dan seterusnya."),
    )
    band1_percent = forms.DecimalField(label=_("Potongan TL1/PSW1 (%)"))
    band2_percent = forms.DecimalField(label=_("Potongan TL2/PSW2 (%)"))
    band3_percent = forms.DecimalField(label=_("Potongan TL3/PSW3 (%)"))
    band4_percent = forms.DecimalField(label=_("Potongan TL4/PSW4 (%)"))
    absent_percent = forms.DecimalField(label=_("Potongan tanpa keterangan per hari (%)"))
    cap_percent = forms.DecimalField(label=_("Potongan paling banyak sebulan (%)"))


class LeavePolicyForm(forms.Form):
    annual_days = forms.IntegerField(label=_("Hak cuti tahunan (hari kerja)"))
    balance_cap_days = forms.IntegerField(
        label=_("Saldo paling banyak dengan sisa tahun lalu (hari kerja)")
    )
    long_unused_cap_days = forms.IntegerField(
        label=_("Saldo paling banyak bila 2 tahun berturut-turut tidak dipakai (hari kerja)")
    )
    min_service_months = forms.IntegerField(label=_("Masa kerja minimal (bulan)"))


class LeaveYearRuleForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"))
    cuti_bersama_reduces_annual = forms.BooleanField(
        label=_("Cuti bersama tahun ini mengurangi hak cuti tahunan"), required=False
    )
