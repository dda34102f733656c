"""Input checks the performance services share: years, quarters, figures and text, each refused with a
DomainError naming its field."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from tanggap.core.errors import DomainError
from tanggap.performance.models import FIGURE, QUARTERS

MAX_FIGURE = Decimal(10) ** (FIGURE["max_digits"] - FIGURE["decimal_places"])
STEP = Decimal(1).scaleb(-FIGURE["decimal_places"])


def _integer(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # ASCII digits only: "²" or "٣" pass str.isdigit() but are no year or quarter anyone typed.
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,6}", value.strip()):
        return int(value.strip())
    return None


def parse_year(value) -> int:
    """A year between 2000 and 2100."""
    year = _integer(value)
    if year is None or not 2000 <= year <= 2100:
        raise DomainError(_("Tahun harus berupa angka antara 2000 dan 2100."), field="year")
    return year


def parse_quarter(value) -> int:
    """A quarter: 1, 2, 3 or 4."""
    quarter = _integer(value)
    if quarter not in QUARTERS:
        raise DomainError(_("Triwulan harus 1, 2, 3, atau 4."), field="quarter")
    return quarter


def required_figure(value, *, field: str) -> Decimal:
    """A figure that must be there (see parse_figure)."""
    number = parse_figure(value, field=field, required=True)
    assert number is not None  # parse_figure refuses a missing required figure
    return number


def parse_figure(value, *, field: str, required: bool = True) -> Decimal | None:
    """A figure as a Decimal with at most four decimals; "12,5" (a decimal comma) is read as 12.5."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DomainError(_("Angka wajib diisi."), field=field)
        return None
    number: Decimal | None = None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip()
        if not ("," in text and "." in text):
            try:
                number = Decimal(text.replace(",", "."))
            except InvalidOperation:
                number = None
    if number is None or not number.is_finite():
        raise DomainError(_("Isian harus berupa angka, misalnya 85 atau 12,5."), field=field)
    if abs(number) >= MAX_FIGURE:
        raise DomainError(_("Angka terlalu besar."), field=field)
    if number != number.quantize(STEP):
        raise DomainError(_("Angka paling banyak memiliki empat angka desimal."), field=field)
    return number.quantize(STEP)


def parse_text(value, *, field: str, max_length: int, required: bool) -> str:
    """Text trimmed, within `max_length`, present when `required`."""
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        raise DomainError(_("Isian harus berupa teks."), field=field)
    if required and not text:
        raise DomainError(_("Isian ini wajib diisi."), field=field)
    if len(text) > max_length:
        raise DomainError(
            _("Isian terlalu panjang (paling banyak %(n)s karakter).") % {"n": max_length},
            field=field,
        )
    return text
