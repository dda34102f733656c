"""Input checks every org service shares: text trimmed, model validation and NIP parsing as DomainErrors
naming their field, working days and hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tanggap.core.calendar import parse_work_days
from tanggap.core.errors import DomainError
from tanggap.org.nip import NipInfo, parse_nip


def domain_error_from(exc: ValidationError, *, field: str | None = None) -> DomainError:
    """The first message of a Django ValidationError as a DomainError naming its field."""
    if hasattr(exc, "error_dict"):
        name, errors = next(iter(exc.error_dict.items()))
        message = errors[0].messages[0]
        return DomainError(message, field=None if name == "__all__" else name)
    return DomainError(exc.messages[0], code=getattr(exc, "code", None) or "invalid", field=field)


def parse_nip_or_refuse(nip: str) -> NipInfo:
    """Parse an NIP, turning a format problem into a DomainError on the `nip` field."""
    try:
        return parse_nip(nip)
    except ValidationError as exc:
        raise domain_error_from(exc, field="nip") from exc


def clean_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def full_clean(instance: models.Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise domain_error_from(exc) from exc


def normalise_work_days(value: str | Iterable[int | str] | None, *, required: bool) -> str:
    """Working weekdays as the canonical '0,1,2,3,4' string; blank only when not `required`."""
    if value is None:
        value = ""
    text = value if isinstance(value, str) else ",".join(str(v) for v in value)
    try:
        days = parse_work_days(text)
    except ValueError as exc:
        raise DomainError(
            _("Hari kerja harus angka 0 (Senin) sampai 6 (Minggu)."), field="work_days"
        ) from exc
    if required and not days:
        raise DomainError(_("Pilih sedikitnya satu hari kerja."), field="work_days")
    return ",".join(str(d) for d in sorted(days))


def check_hours(start: dt.time | None, end: dt.time | None, *, required: bool) -> None:
    if start is None and end is None and not required:
        return
    if start is None or end is None:
        raise DomainError(_("Isi jam mulai dan jam selesai sekaligus."), field="work_end")
    if end <= start:
        raise DomainError(_("Jam selesai kerja harus setelah jam mulai."), field="work_end")
