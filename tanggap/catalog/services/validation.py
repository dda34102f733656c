"""Checking and normalising what people type into a standard: lists, costs, durations, dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.catalog.components import (
    CHAR_LIMITS,
    LIST_FIELDS,
    MAX_DURATION_VALUE,
    MAX_LIST_ITEMS,
    MAX_TEXT_LENGTH,
    STANDARD_FIELDS,
)
from tanggap.catalog.models import Service, StandardVersion
from tanggap.core.errors import DomainError

# Lazy: module-level text must follow the language of each request.
ADMINDUK_FREE_MESSAGE = gettext_lazy(
    "Layanan administrasi kependudukan wajib gratis (UU 24/2013 Pasal 79A): biaya harus Rp 0."
)


def clean_text(
    value: Any, *, field: str, label: str, required: bool = False, max_length: int
) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise DomainError(
            _("%(label)s wajib diisi.") % {"label": label}, code="required", field=field
        )
    if len(text) > max_length:
        raise DomainError(
            _("%(label)s terlalu panjang (paling banyak %(n)s karakter).")
            % {"label": label, "n": max_length},
            code="too_long",
            field=field,
        )
    return text


def _clean_list(value: Any, *, field: str) -> list[str]:
    """A list of non-empty lines; a string is split on new lines."""
    if value is None:
        return []
    if isinstance(value, str):
        items = value.splitlines()
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise DomainError(_("Isian daftar tidak valid."), code="invalid_list", field=field)
    cleaned = []
    for item in items:
        if not isinstance(item, str | int | float | Decimal):
            raise DomainError(_("Isian daftar tidak valid."), code="invalid_list", field=field)
        text = str(item).strip()
        if text:
            if len(text) > MAX_TEXT_LENGTH:
                raise DomainError(_("Satu butir terlalu panjang."), code="too_long", field=field)
            cleaned.append(text)
    if len(cleaned) > MAX_LIST_ITEMS:
        raise DomainError(
            _("Terlalu banyak butir (paling banyak %(n)s).") % {"n": MAX_LIST_ITEMS},
            code="too_many_items",
            field=field,
        )
    return cleaned


def parse_cost(value: Any) -> Decimal:
    """A cost in rupiah from a number or Indonesian-style text ("Rp 10.000,50", "Gratis")."""
    if value is None or value == "":
        return Decimal("0")
    if isinstance(value, bool):
        raise DomainError(_("Biaya harus berupa angka."), code="invalid_cost", field="cost")
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(str(value))
    else:
        text = str(value).strip().lower().replace("rp", "").replace(" ", "")
        if text in {"gratis", "free", "-"}:
            return Decimal("0")
        if "," in text:  # Indonesian: dots group thousands, the comma marks decimals
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
            text = text.replace(".", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise DomainError(
                _("Biaya '%(v)s' bukan angka yang valid.") % {"v": value},
                code="invalid_cost",
                field="cost",
            ) from None
    if not amount.is_finite():
        raise DomainError(_("Biaya harus berupa angka."), code="invalid_cost", field="cost")
    if amount < 0:
        raise DomainError(_("Biaya tidak boleh negatif."), code="invalid_cost", field="cost")
    if amount >= Decimal("1e12") or amount != amount.quantize(Decimal("0.01")):
        raise DomainError(
            _("Biaya harus kurang dari Rp 1 triliun dengan paling banyak dua angka desimal."),
            code="invalid_cost",
            field="cost",
        )
    return amount.quantize(Decimal("0.01"))


def _clean_duration_value(value: Any) -> int:
    try:
        number = int(str(value).strip()) if value not in (None, "") else 0
    except (TypeError, ValueError):
        raise DomainError(
            _("Jangka waktu harus berupa bilangan bulat."),
            code="invalid_duration",
            field="duration_value",
        ) from None
    if not 0 <= number <= MAX_DURATION_VALUE:
        raise DomainError(
            _("Jangka waktu harus antara 0 dan %(n)s.") % {"n": MAX_DURATION_VALUE},
            code="invalid_duration",
            field="duration_value",
        )
    return number


def field_label(name: str) -> str:
    """The model field's translated name, for messages."""
    return str(getattr(StandardVersion._meta.get_field(name), "verbose_name", name))


def clean_standard_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalise a dict of standard components; unknown keys are refused."""
    unknown = set(changes) - set(STANDARD_FIELDS)
    if unknown:
        raise DomainError(
            _("Komponen tidak dikenal: %(f)s.") % {"f": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name in LIST_FIELDS:
            cleaned[name] = _clean_list(value, field=name)
        elif name == "duration_value":
            cleaned[name] = _clean_duration_value(value)
        elif name == "duration_unit":
            unit = str(value or "").strip()
            if unit not in StandardVersion.DurationUnit.values:
                raise DomainError(
                    _("Satuan jangka waktu '%(v)s' tidak dikenal. Pilihan: %(c)s.")
                    % {"v": unit, "c": ", ".join(StandardVersion.DurationUnit.values)},
                    code="invalid_duration_unit",
                    field=name,
                )
            cleaned[name] = unit
        elif name == "cost":
            cleaned[name] = parse_cost(value)
        else:
            label = field_label(name)
            limit = CHAR_LIMITS.get(name, MAX_TEXT_LENGTH)
            cleaned[name] = clean_text(value, field=name, label=label, max_length=limit)
    return cleaned


def check_adminduk_cost(service: Service, cost: Decimal) -> None:
    if service.is_adminduk and cost > 0:
        raise DomainError(ADMINDUK_FREE_MESSAGE, code="adminduk_must_be_free", field="cost")


def parse_decree_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise DomainError(
        _("Tanggal keputusan wajib diisi dengan format TTTT-BB-HH atau HH/BB/TTTT."),
        code="invalid_decree_date",
        field="decree_date",
    )
