"""Writes to the index scheme (data, never code): copy a year's scheme to a new year, and change an
indicator's maximum score and evidence levels while no evidence refers to it. Every change is checked
with `scheme_from_data`, so a broken scheme is refused with the reason."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import is_sysadmin
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.innovation.models import IndexScheme, Indicator
from tanggap.innovation.permissions import office_region_ids
from tanggap.innovation.scheme import scheme_from_data


def may_keep_schemes(user) -> bool:
    """The scheme is national data kept by an innovation office (or a system administrator)."""
    return is_sysadmin(user) or bool(office_region_ids(user))


def _require(actor) -> None:
    if not may_keep_schemes(actor):
        raise PermissionDenied(_("Hanya kantor inovasi daerah yang mengelola skema indeks."))


def _rows(indicators) -> list[dict]:
    return [
        {
            "code": i.code,
            "name": i.name,
            "aspect": i.aspect,
            "max_score": str(i.max_score),
            "levels": [str(level["share"]) for level in i.levels],
        }
        for i in indicators
    ]


def _check(scheme: IndexScheme, indicators) -> None:
    try:
        scheme_from_data(
            year=scheme.year,
            indicators=_rows(indicators),
            count_steps=[(int(c), str(s)) for c, s in scheme.count_steps],
        )
    except (KeyError, TypeError, ValueError, InvalidOperation):
        raise DomainError(_("Skema indeks tidak dapat dibaca."), code="invalid_scheme") from None


@transaction.atomic
def scheme_copy(*, actor, source: IndexScheme, year) -> IndexScheme:
    """A new year's scheme with the same indicators, steps, bands and file rules as `source`."""
    _require(actor)
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError(_("Tahun harus antara 2000 dan 2100."), field="year")
    if IndexScheme.objects.filter(year=year).exists():
        raise DomainError(
            _("Skema indeks tahun %(year)s sudah ada.") % {"year": year}, field="year"
        )
    copy = IndexScheme.objects.create(
        year=year,
        name=_("Indeks Inovasi Daerah %(year)s") % {"year": year},
        count_steps=source.count_steps,
        band_floors=source.band_floors,
        file_types=source.file_types,
        file_max_bytes=source.file_max_bytes,
        source_note=_("Disalin dari skema %(year)s.") % {"year": source.year},
    )
    Indicator.objects.bulk_create(
        Indicator(
            scheme=copy,
            code=i.code,
            name=i.name,
            aspect=i.aspect,
            max_score=i.max_score,
            levels=i.levels,
            order=i.order,
            guidance=i.guidance,
        )
        for i in source.indicators.all()
    )
    audit_record(
        actor=actor,
        action="innovation_scheme.copied",
        target=copy,
        after={"year": year, "source": source.year},
    )
    return copy


def _levels(levels) -> list[dict]:
    """[(label, share), ...] → the stored form; shares are decimals between 0 and 1."""
    if not isinstance(levels, list | tuple) or not levels:
        raise DomainError(_("Isi sedikitnya satu pilihan bukti."), field="levels")
    rows = []
    for entry in levels:
        if not isinstance(entry, list | tuple) or len(entry) != 2:
            raise DomainError(
                _("Setiap pilihan bukti berisi keterangan dan bagian skor."), field="levels"
            )
        label, share = entry
        try:
            value = Decimal(str(share).strip().replace(",", "."))
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or not 0 <= value <= 1:
            raise DomainError(
                _("Bagian skor setiap pilihan harus angka antara 0 dan 1."), field="levels"
            )
        text = str(label or "").strip()[:300]
        if not text:
            raise DomainError(_("Setiap pilihan bukti harus memiliki keterangan."), field="levels")
        rows.append({"label": text, "share": str(value)})
    return rows


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, max_score, levels) -> Indicator:
    """Change an indicator's maximum score and evidence levels (only while no evidence refers to it)."""
    _require(actor)
    indicator = Indicator.objects.select_for_update().select_related("scheme").get(pk=indicator.pk)
    if indicator.evidence.exists():
        raise DomainError(
            _("Indikator %(code)s sudah dipakai bukti dukung; skornya tidak dapat diubah.")
            % {"code": indicator.code},
            code="in_use",
        )
    try:
        maximum = Decimal(str(max_score).strip().replace(",", "."))
    except InvalidOperation:
        maximum = Decimal("NaN")
    if not maximum.is_finite() or not 0 < maximum < Decimal("10000"):
        raise DomainError(_("Skor maksimum harus angka di atas nol."), field="max_score")
    before = snapshot(indicator, ["max_score", "levels"])
    indicator.max_score = maximum
    indicator.levels = _levels(levels)
    others = [i for i in indicator.scheme.indicators.all() if i.pk != indicator.pk]
    _check(indicator.scheme, [*others, indicator])
    indicator.save(update_fields=["max_score", "levels"])
    audit_record(
        actor=actor,
        action="innovation_indicator.updated",
        target=indicator,
        before=before,
        after=snapshot(indicator, ["max_score", "levels"]),
    )
    return indicator
