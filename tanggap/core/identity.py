"""Citizen identifiers: NIK validation, keyed hashing and masking; phone normalisation."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# The 34 province codes before the 2022 splits plus the Papua provinces (91-97): the first two NIK digits.
PROVINCE_CODES = frozenset(
    {
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
        61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
    }
)  # fmt: skip


def ascii_digits_form(value: str | None) -> str:
    """The text in Unicode compatibility form (NFKC: full-width and superscript digits become 0-9).

    Identifiers are then checked against ASCII 0-9 only: other scripts' digits (Arabic-Indic, say) pass
    `str.isdigit()` but would hash differently from the same number typed in ASCII."""
    return unicodedata.normalize("NFKC", value or "")


def validate_nik(value: str, *, today: dt.date | None = None) -> str:
    """Check a 16-digit NIK: a known province code and a plausible birth date (day + 40 for women)."""
    nik = re.sub(r"[\s.\-]", "", ascii_digits_form(value))
    if not re.fullmatch(r"[0-9]{16}", nik):
        raise ValidationError(_("NIK harus terdiri dari 16 angka."), code="nik_format")
    if int(nik[0:2]) not in PROVINCE_CODES or nik[2:4] == "00" or nik[4:6] == "00":
        raise ValidationError(_("Kode wilayah pada NIK tidak dikenal."), code="nik_region")
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if day > 40:
        day -= 40
    today = today or timezone.localdate()
    century = 2000 if 2000 + year2 <= today.year else 1900
    try:
        birth = dt.date(century + year2, month, day)
    except ValueError as exc:
        raise ValidationError(_("Tanggal lahir pada NIK tidak valid."), code="nik_birth") from exc
    if birth > today or today.year - birth.year > 120:
        raise ValidationError(_("Tanggal lahir pada NIK tidak masuk akal."), code="nik_birth")
    if nik[12:16] == "0000":
        raise ValidationError(_("Nomor urut pada NIK tidak boleh 0000."), code="nik_sequence")
    return nik


def nik_digest(nik: str) -> str:
    """A keyed hash of the NIK: enough to enforce one booking per person, useless to a thief."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"nik:{nik}".encode(), hashlib.sha256).hexdigest()


def mask_nik(nik: str) -> str:
    """Show the region code's first 4 digits and the last 2 only."""
    return f"{nik[:4]}{'*' * 10}{nik[-2:]}" if len(nik) == 16 else ""


def mask_nip(nip: str) -> str:
    """A civil servant's NIP with the birth year and the last two digits only ("1985************12");
    anything that is not 18 characters is starred whole."""
    return f"{nip[:4]}{'*' * 12}{nip[-2:]}" if len(nip) == 18 else "*" * len(nip)


def normalize_phone(value: str) -> str:
    """Indonesian mobile numbers as 62…; empty when blank; ValidationError when not a number."""
    digits = re.sub(r"[\s\-().+]", "", ascii_digits_form(value))
    if not digits:
        return ""
    if not re.fullmatch(r"[0-9]+", digits):
        raise ValidationError(_("Nomor HP hanya boleh berisi angka."), code="phone_format")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if not digits.startswith("62") or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("Nomor HP tidak valid (contoh: 0812 3456 7890)."), code="phone_format"
        )
    return digits


def mask_phone(phone: str) -> str:
    """0812****7890 style."""
    if not phone:
        return ""
    local = "0" + phone[2:] if phone.startswith("62") else phone
    return f"{local[:4]}{'*' * max(len(local) - 8, 2)}{local[-4:]}"
