"""NIP (Nomor Induk Pegawai): 18 digits = birth date (8) + appointment year-month (6) + sex (1) + sequence (3)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.core.identity import ascii_digits_form

MIN_AGE_AT_APPOINTMENT = 18
MAX_AGE_AT_APPOINTMENT = (
    46  # CPNS age ceiling is 35 (40 for some posts); PPPK up to retirement-1 is [open]
)
OLDEST_BIRTH_YEAR = 1940


@dataclass(frozen=True)
class NipInfo:
    """What a valid NIP tells about its holder."""

    nip: str
    birth_date: dt.date
    appointed_on: dt.date  # first day of the appointment month
    sex: str  # "L" or "P"
    sequence: int


def parse_nip(value: str, *, today: dt.date | None = None) -> NipInfo:
    """Validate an NIP and return what it encodes; raise ValidationError with a clear message."""
    nip = ascii_digits_form(value).replace(" ", "").replace(".", "")
    today = today or timezone.localdate()
    if not re.fullmatch(r"[0-9]{18}", nip):
        raise ValidationError(_("NIP harus terdiri dari 18 angka."), code="nip_format")
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError as exc:
        raise ValidationError(
            _("Tanggal lahir pada NIP (8 angka pertama) tidak valid."), code="nip_birth"
        ) from exc
    if birth.year < OLDEST_BIRTH_YEAR or birth > today:
        raise ValidationError(_("Tanggal lahir pada NIP tidak masuk akal."), code="nip_birth")
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Bulan pengangkatan pada NIP (angka 13-14) tidak valid."), code="nip_appointment"
        )
    appointed = dt.date(year, month, 1)
    age_at_appointment = year - birth.year - ((month, 1) < (birth.month, birth.day))
    if (
        appointed > today
        or not MIN_AGE_AT_APPOINTMENT <= age_at_appointment <= MAX_AGE_AT_APPOINTMENT
    ):
        raise ValidationError(
            _("Tahun pengangkatan pada NIP tidak masuk akal untuk tanggal lahirnya."),
            code="nip_appointment",
        )
    sex_digit = nip[14]
    if sex_digit not in "12":
        raise ValidationError(
            _("Digit jenis kelamin pada NIP (angka ke-15) harus 1 atau 2."), code="nip_sex"
        )
    sequence = int(nip[15:18])
    if sequence == 0:
        raise ValidationError(_("Nomor urut pada NIP tidak boleh 000."), code="nip_sequence")
    return NipInfo(
        nip=nip,
        birth_date=birth,
        appointed_on=appointed,
        sex="L" if sex_digit == "1" else "P",
        sequence=sequence,
    )


def make_nip(
    *, birth_date: dt.date, appointed_year: int, appointed_month: int, sex: str, sequence: int
) -> str:
    """Compose an NIP from its parts (demo data and tests)."""
    return f"{birth_date:%Y%m%d}{appointed_year:04d}{appointed_month:02d}{'1' if sex == 'L' else '2'}{sequence:03d}"
