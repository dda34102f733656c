"""The demo's rotation decree: seed 000's 25 officials moved in one ceremony on 14 January 2026.

Enacted through the org services (so it has its audit rows and position history like any real decree),
once: a decree with this number in the region means it is already there.
"""

from __future__ import annotations

import datetime as dt

from tanggap.org.models import Official, RotationDecree, Unit
from tanggap.org.services import rotation_decree_create, rotation_decree_enact, rotation_entries_add
from tanggap.org.services.rotation import EntryRow

DECREE_NUMBER = "800.1.3.3/015/409.104/2026"
DECREE_DATE = dt.date(2026, 1, 14)
MOVES = 25
# Administrator and supervisor posts that a rotation moves (heads of units and account holders stay put,
# so the demo accounts keep their roles).
ROTATED_TITLES = (
    "Kepala Bidang",
    "Kepala Seksi",
    "Sekretaris",
    "Kepala Sub Bagian",
    "Kasi",
    "Kasubbag",
)


def demo_rotation_load(*, region, actor) -> RotationDecree | None:
    """Create and enact the demo's SK mutasi of 25 officials, unless it exists; None when not enough posts."""
    existing = RotationDecree.objects.filter(region=region, number=DECREE_NUMBER).first()
    if existing is not None:
        return existing
    heads = set(
        Unit.objects.filter(region=region, head__isnull=False).values_list("head_id", flat=True)
    )
    candidates = [
        o
        for o in Official.objects.filter(
            region=region,
            status=Official.Status.ACTIVE,
            user__isnull=True,
            position_started_on__lt=DECREE_DATE,
        )
        .select_related("unit")
        .order_by("nip")
        if o.pk not in heads and o.position_title.startswith(ROTATED_TITLES)
    ]
    # Spread the moves over many units: take at most one official per unit.
    chosen, units_seen = [], set()
    for official in candidates:
        if official.unit_id not in units_seen:
            chosen.append(official)
            units_seen.add(official.unit_id)
        if len(chosen) == MOVES:
            break
    if len(chosen) < MOVES:
        return None
    decree = rotation_decree_create(
        actor=actor,
        region=region,
        number=DECREE_NUMBER,
        decree_date=DECREE_DATE,
        effective_date=DECREE_DATE,
        title="Pemindahan 25 pejabat administrator dan pengawas di lingkungan Pemerintah Kabupaten Blitar",
    )
    # Each official takes the next one's post: a rotation cycle, so no post is left empty.
    rows = [
        EntryRow(
            nip=official.nip,
            unit=chosen[(i + 1) % MOVES].unit.slug,
            position_title=chosen[(i + 1) % MOVES].position_title,
            line=i + 1,
        )
        for i, official in enumerate(chosen)
    ]
    rotation_entries_add(actor=actor, decree=decree, rows=rows)
    return rotation_decree_enact(actor=actor, decree=decree)
