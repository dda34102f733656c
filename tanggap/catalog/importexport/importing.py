"""Importing standards: each row goes through the catalogue services; all or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tanggap.catalog import services
from tanggap.catalog.components import LIST_FIELDS, STANDARD_FIELDS
from tanggap.catalog.models import Service, ServiceCategory, StandardVersion
from tanggap.core.audit import audit_record
from tanggap.core.errors import DomainError
from tanggap.org.models import Unit

FALSE_WORDS = {"", "0", "tidak", "t", "no", "n", "false", "salah"}
TRUE_WORDS = {"1", "ya", "y", "yes", "true", "benar", "x"}


@dataclass
class RowError:
    row: int
    code: str
    message: str

    def __str__(self) -> str:
        if self.code:
            return _("Baris %(r)s (kode %(c)s): %(m)s") % {
                "r": self.row,
                "c": self.code,
                "m": self.message,
            }
        return _("Baris %(r)s: %(m)s") % {"r": self.row, "m": self.message}


@dataclass
class ImportReport:
    """What an import did (or would have done): counts per outcome and row-level errors."""

    dry_run: bool = False
    rows: int = 0
    services_created: int = 0
    services_updated: int = 0
    drafts_created: int = 0
    drafts_updated: int = 0
    enacted: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> bool:
        return self.ok and not self.dry_run

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "saved": self.saved,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "services_created": self.services_created,
            "services_updated": self.services_updated,
            "drafts_created": self.drafts_created,
            "drafts_updated": self.drafts_updated,
            "enacted": self.enacted,
            "unchanged": self.unchanged,
            "errors": [{"row": e.row, "code": e.code, "message": e.message} for e in self.errors],
        }


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _bool(value: Any, column: str) -> bool:
    if isinstance(value, bool):
        return value
    word = _text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise DomainError(
        _("Kolom %(c)s berisi '%(v)s'; isi dengan 'ya' atau 'tidak'.") % {"c": column, "v": value},
        field=column,
    )


def _slugs(value: Any) -> list[str]:
    items = value if isinstance(value, list) else _text(value).replace(",", "\n").splitlines()
    return [str(s).strip() for s in items if str(s).strip()]


def _list_value(value: Any) -> list[str] | str:
    if isinstance(value, list):
        return value
    return _text(value)


class _RowImporter:
    """Applies one row through the catalogue services; raises DomainError on the first problem."""

    def __init__(self, *, actor, region, report: ImportReport):
        self.actor = actor
        self.region = region
        self.report = report
        self.units = {u.slug: u for u in Unit.objects.filter(region=region)}
        self.categories = {c.slug: c for c in ServiceCategory.objects.filter(region=region)}

    def forget(self) -> None:
        """After a failed row: drop what its rolled-back savepoint may have created."""
        self.categories = {c.slug: c for c in ServiceCategory.objects.filter(region=self.region)}

    def _unit(self, slug: str, column: str) -> Unit:
        unit = self.units.get(slug)
        if unit is None:
            raise DomainError(
                _("Unit '%(s)s' tidak ada di wilayah ini.") % {"s": slug}, field=column
            )
        return unit

    def _category(self, row: dict) -> ServiceCategory | None:
        slug = _text(row.get("category"))
        if not slug:
            return None
        category = self.categories.get(slug)
        if category is None:
            category = services.category_create(
                actor=self.actor,
                region=self.region,
                slug=slug,
                name=_text(row.get("category_name")) or slug,
            )
            self.categories[slug] = category
        return category

    def apply(self, row: dict) -> None:
        code = _text(row.get("code"))
        if not code:
            raise DomainError(_("Kolom code (kode layanan) wajib diisi."), field="code")
        service = (
            Service.objects.filter(region=self.region, code__iexact=code)
            .select_related("unit")
            .first()
        )
        service_changes: dict[str, Any] = {}
        for column in ("name", "name_en", "description"):
            if column in row:
                service_changes[column] = _text(row[column])
        for column in ("is_adminduk", "is_online"):
            if column in row:
                service_changes[column] = _bool(row[column], column)
        if "category" in row:
            service_changes["category"] = self._category(row)
        locations = (
            [self._unit(s, "locations") for s in _slugs(row["locations"])]
            if "locations" in row
            else None
        )
        if _text(row.get("unit")):
            service_changes["unit"] = self._unit(_text(row["unit"]), "unit")
        standard_changes = {f: row[f] for f in STANDARD_FIELDS if f in row}
        for name in LIST_FIELDS & set(standard_changes):
            standard_changes[name] = _list_value(standard_changes[name])
        standard_changes = services.clean_standard_changes(standard_changes)
        enact = _bool(row.get("enact", ""), "enact")

        if service is None:
            if "unit" not in service_changes:
                raise DomainError(_("Layanan baru wajib mengisi kolom unit."), field="unit")
            service = services.service_create(
                actor=self.actor, code=code, locations=locations or (), **service_changes
            )
            self.report.services_created += 1
            self._apply_standard(service, standard_changes, fresh=True)
        else:
            changed = {k: v for k, v in service_changes.items() if getattr(service, k) != v}
            turning_off_adminduk = changed.get("is_adminduk") is False
            if turning_off_adminduk:
                self._update_service(service, changed, locations)
            self._apply_standard(service, standard_changes, fresh=False)
            if not turning_off_adminduk:
                self._update_service(service, changed, locations)
        if enact:
            self._enact(service, row)

    def _update_service(self, service: Service, changed: dict, locations) -> None:
        if locations is not None and {u.pk for u in locations} == set(
            service.locations.values_list("pk", flat=True)
        ):
            locations = None
        if changed or locations is not None:
            services.service_update(
                actor=self.actor, service=service, locations=locations, **changed
            )
            self.report.services_updated += 1

    def _apply_standard(self, service: Service, changes: dict, *, fresh: bool) -> None:
        draft = service.standards.filter(status=StandardVersion.Status.DRAFT).first()
        enacted = service.standards.filter(status=StandardVersion.Status.ENACTED).first()
        if draft is not None:
            differs = any(getattr(draft, k) != v for k, v in changes.items())
            if differs:
                services.standard_update(actor=self.actor, standard=draft, **changes)
            if fresh:
                self.report.drafts_created += 1
            elif differs:
                self.report.drafts_updated += 1
            else:
                self.report.unchanged += 1
            return
        if enacted is not None and all(getattr(enacted, k) == v for k, v in changes.items()):
            self.report.unchanged += 1
            return
        draft = services.standard_draft_create(actor=self.actor, service=service)
        services.standard_update(actor=self.actor, standard=draft, **changes)
        self.report.drafts_created += 1

    def _enact(self, service: Service, row: dict) -> None:
        number = _text(row.get("decree_number"))
        date = row.get("decree_date")
        if not number or date in (None, ""):
            raise DomainError(
                _(
                    "Kolom enact diisi 'ya': nomor dan tanggal keputusan (decree_number, decree_date) wajib diisi."
                ),
                field="enact",
            )
        draft = service.standards.filter(status=StandardVersion.Status.DRAFT).first()
        if draft is None:
            enacted = service.standards.filter(status=StandardVersion.Status.ENACTED).first()
            if enacted is not None and enacted.decree_number == number:
                return  # this decree is already in force
            draft = services.standard_draft_create(actor=self.actor, service=service)
        if isinstance(date, dt.datetime):
            date = date.date()
        services.standard_enact(
            actor=self.actor, standard=draft, decree_number=number, decree_date=date
        )
        self.report.enacted += 1


def standards_import(
    *, actor, region, rows: list[tuple[int, dict]], dry_run: bool = False
) -> ImportReport:
    """Create and update a region's services and draft standards from rows; all or nothing."""
    report = ImportReport(dry_run=dry_run, rows=len(rows))
    seen: dict[str, int] = {}
    with transaction.atomic():
        importer = _RowImporter(actor=actor, region=region, report=report)
        for number, row in rows:
            code = _text(row.get("code"))
            if code and code.lower() in seen:
                report.errors.append(
                    RowError(
                        number,
                        code,
                        _("Kode ini sudah muncul di baris %(r)s.") % {"r": seen[code.lower()]},
                    )
                )
                continue
            if code:
                seen[code.lower()] = number
            try:
                with transaction.atomic():
                    importer.apply(row)
            except DomainError as exc:
                report.errors.append(RowError(number, code, str(exc.message)))
                importer.forget()
            except IntegrityError:
                report.errors.append(
                    RowError(number, code, _("Data bertabrakan dengan data yang sudah ada."))
                )
                importer.forget()
        if not report.ok or dry_run:
            transaction.set_rollback(True)
        else:
            audit_record(
                actor=actor,
                action="catalog.standards.imported",
                target=region,
                after={k: v for k, v in report.as_dict().items() if k != "errors"},
                region_id=region.pk,
            )
    return report
