"""Rotation decrees (SK mutasi) before they take effect: draft a decree, and add or remove its moves (one
at a time, or a pasted list checked line by line: all of them, or none).

A decree is a small workflow: draft → enacted, nothing after; its one transition table (DECREE_FLOW) says
who may enact it. Enacting, which moves every listed official at once, is in enactment.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, InvalidTransition
from tanggap.core.statemachine import StateMachine, Transition
from tanggap.org.models import Official, Region, RotationDecree, RotationEntry, Unit
from tanggap.org.permissions import may_enact_decree, require_region_manager
from tanggap.org.services.audited_update import apply_update
from tanggap.org.services.validation import clean_text, full_clean

Status = RotationDecree.Status

ENACT = "enact"

# The one transition table of a decree: only a manager of its region enacts it, and only once. Pages ask
# it whether to offer the enact button; rotation_decree_enact checks it before anything moves.
DECREE_FLOW = StateMachine(
    [Transition(Status.DRAFT, Status.ENACTED, allowed=may_enact_decree, action=ENACT)]
)

DECREE_FIELDS = {"number", "title", "decree_date", "effective_date"}


class DecreeLocked(InvalidTransition):
    """An enacted decree is a legal record: its entries and dates no longer change, it is not enacted again."""

    code = "decree_enacted"


@dataclass(frozen=True)
class EntryRow:
    """One requested move: the official's NIP, the target unit's slug, the new position and optional rank."""

    nip: str
    unit: str
    position_title: str
    rank: str = ""
    line: int | None = None
    # A problem found while reading the line (e.g. a missing column), reported with the others.
    error: str = ""


class EntryRowsError(DomainError):
    """Some requested moves are wrong; none was added. `problems` lists (line, message)."""

    code = "invalid_entries"

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        count = len(problems)
        super().__init__(
            ngettext(
                "%(count)d baris bermasalah; tidak ada entri yang ditambahkan.",
                "%(count)d baris bermasalah; tidak ada entri yang ditambahkan.",
                count,
            )
            % {"count": count},
            field="entries",
        )


def require_draft(decree: RotationDecree) -> None:
    if decree.status != Status.DRAFT:
        raise DecreeLocked(_("SK ini sudah ditetapkan dan tidak dapat diubah."))


def _check_decree(decree: RotationDecree) -> None:
    if not decree.number:
        raise DomainError(_("Nomor SK wajib diisi."), field="number")
    if decree.decree_date is None:
        raise DomainError(_("Tanggal SK wajib diisi."), field="decree_date")
    if decree.effective_date is None:
        raise DomainError(_("TMT wajib diisi."), field="effective_date")
    if decree.effective_date < decree.decree_date:
        raise DomainError(_("TMT tidak boleh sebelum tanggal SK."), field="effective_date")
    duplicate = RotationDecree.objects.filter(
        region_id=decree.region_id, number__iexact=decree.number
    )
    if duplicate.exclude(pk=decree.pk).exists():
        raise DomainError(
            _("Nomor SK ini sudah dipakai di wilayah ini."), field="number", code="number_taken"
        )


@transaction.atomic
def rotation_decree_create(
    *,
    actor,
    region: Region,
    number: str,
    decree_date: dt.date,
    effective_date: dt.date,
    title: str = "",
) -> RotationDecree:
    """Open a draft rotation decree; its number is unique in the region."""
    require_region_manager(actor, region)
    decree = RotationDecree(
        region=region,
        number=clean_text(number),
        title=clean_text(title),
        decree_date=decree_date,
        effective_date=effective_date,
        created_by=actor,
    )
    _check_decree(decree)
    full_clean(decree)
    decree.save()
    audit_record(
        actor=actor, action="rotation_decree.created", target=decree, after=snapshot(decree)
    )
    return decree


@transaction.atomic
def rotation_decree_update(*, actor, decree: RotationDecree, **changes) -> RotationDecree:
    """Correct a draft decree's number, subject or dates."""
    require_region_manager(actor, decree.region_id)
    require_draft(decree)
    return apply_update(
        actor=actor,
        instance=decree,
        changes=changes,
        allowed=DECREE_FIELDS,
        action="rotation_decree.updated",
        check=_check_decree,
    )


def _row_problem(
    row: EntryRow, *, official, unit, region: Region, in_decree: set[int], seen: set[str]
) -> str | None:
    """What is wrong with one requested move, in words a region admin can act on; None when it is fine."""
    if row.error:
        return row.error
    if official is None:
        if not re.fullmatch(r"[0-9]{18}", row.nip):
            return _("NIP %(nip)s tidak valid: NIP terdiri dari 18 angka.") % {
                "nip": row.nip or "-"
            }
        return _("NIP %(nip)s tidak terdaftar sebagai pegawai %(region)s.") % {
            "nip": row.nip,
            "region": region,
        }
    if official.status != Official.Status.ACTIVE:
        return _("%(name)s (NIP %(nip)s) sudah tidak aktif.") % {
            "name": official,
            "nip": official.nip,
        }
    if row.nip in seen:
        return _("NIP %(nip)s muncul lebih dari sekali.") % {"nip": row.nip}
    if official.pk in in_decree:
        return _("%(name)s sudah tercantum di SK ini.") % {"name": official}
    if unit is None:
        return _("Unit “%(unit)s” tidak ada di %(region)s.") % {
            "unit": row.unit or "-",
            "region": region,
        }
    if not unit.is_active:
        return _("Unit %(unit)s sudah diarsipkan.") % {"unit": unit}
    if not row.position_title:
        return _("Jabatan baru wajib diisi.")
    if len(row.position_title) > 200:
        return _("Jabatan baru terlalu panjang (paling banyak 200 karakter).")
    if row.rank and row.rank not in Official.Rank.values:
        return _("Golongan %(rank)s tidak dikenal (contoh: III/c).") % {"rank": row.rank}
    if (
        unit.pk == official.unit_id
        and row.position_title == official.position_title
        and row.rank in ("", official.rank)
    ):
        return _("Unit dan jabatan baru %(name)s sama dengan yang sekarang.") % {"name": official}
    return None


@transaction.atomic
def rotation_entries_add(
    *, actor, decree: RotationDecree, rows: Iterable[EntryRow]
) -> list[RotationEntry]:
    """Add many moves to a draft decree at once: all of them, or none when any row is wrong."""
    require_region_manager(actor, decree.region_id)
    require_draft(decree)
    rows = [
        EntryRow(
            nip=(r.nip or "").replace(" ", "").replace(".", ""),
            unit=(r.unit or "").strip(),
            position_title=(r.position_title or "").strip(),
            rank=(r.rank or "").strip(),
            line=r.line,
            error=r.error,
        )
        for r in rows
    ]
    if not rows:
        raise DomainError(_("Tidak ada entri untuk ditambahkan."), field="entries")
    region = decree.region
    officials = {
        o.nip: o for o in Official.objects.filter(region=region, nip__in={r.nip for r in rows})
    }
    units = {u.slug: u for u in Unit.objects.filter(region=region, slug__in={r.unit for r in rows})}
    in_decree = set(decree.entries.values_list("official_id", flat=True))
    seen: set[str] = set()
    problems: list[tuple[int, str]] = []
    entries: list[RotationEntry] = []
    for index, row in enumerate(rows, start=1):
        official, unit = officials.get(row.nip), units.get(row.unit)
        problem = _row_problem(
            row, official=official, unit=unit, region=region, in_decree=in_decree, seen=seen
        )
        seen.add(row.nip)
        if problem:
            problems.append((row.line or index, problem))
            continue
        entries.append(
            RotationEntry(
                decree=decree,
                official=official,
                to_unit=unit,
                to_position_title=row.position_title,
                to_rank=row.rank,
            )
        )
    if problems:
        raise EntryRowsError(problems)
    RotationEntry.objects.bulk_create(entries)
    audit_record(
        actor=actor,
        action="rotation_decree.entries_added",
        target=decree,
        after={
            "entries": [
                {
                    "nip": e.official.nip,
                    "to_unit": e.to_unit.slug,
                    "to_position_title": e.to_position_title,
                    "to_rank": e.to_rank,
                }
                for e in entries
            ]
        },
    )
    return entries


@transaction.atomic
def rotation_entry_add(
    *,
    actor,
    decree: RotationDecree,
    official: Official,
    to_unit: Unit,
    to_position_title: str,
    to_rank: str = "",
) -> RotationEntry:
    """Add one official's move to a draft decree (the same rules as a pasted list)."""
    require_region_manager(actor, decree.region_id)
    if official.region_id != decree.region_id:
        raise DomainError(_("Pegawai harus dari wilayah yang sama dengan SK."), field="official")
    if to_unit.region_id != decree.region_id:
        raise DomainError(_("Unit tujuan harus di wilayah yang sama dengan SK."), field="to_unit")
    row = EntryRow(
        nip=official.nip, unit=to_unit.slug, position_title=to_position_title, rank=to_rank
    )
    try:
        return rotation_entries_add(actor=actor, decree=decree, rows=[row])[0]
    except EntryRowsError as exc:
        raise DomainError(exc.problems[0][1], code="invalid_entry") from exc


@transaction.atomic
def rotation_entry_remove(*, actor, entry: RotationEntry) -> None:
    """Take one move out of a draft decree."""
    decree = entry.decree
    require_region_manager(actor, decree.region_id)
    require_draft(decree)
    before = snapshot(entry)
    entry.delete()
    audit_record(actor=actor, action="rotation_decree.entry_removed", target=decree, before=before)


__all__ = [
    "DECREE_FLOW",
    "ENACT",
    "DecreeLocked",
    "EntryRow",
    "EntryRowsError",
    "require_draft",
    "rotation_decree_create",
    "rotation_decree_update",
    "rotation_entries_add",
    "rotation_entry_add",
    "rotation_entry_remove",
]
