"""Reads of the assessment area: what a user may see of assessments, the region's index computed from
the database (valid evidence only), the what-if and the best fixes, and the region's yearly report.

The index reads four queries whatever the number of innovations: the scheme's indicators, the region's
valid SPD evidence, the qualifying innovations, and their valid evidence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from tanggap.accounts.permissions import is_sysadmin, region_ids_with, unit_ids_with
from tanggap.core.errors import DomainError, NotFound
from tanggap.innovation import index as iid
from tanggap.innovation.criteria import AssessmentStatus, EvidenceStatus
from tanggap.innovation.models import (
    Assessment,
    Evidence,
    IndexScheme,
    IndexSnapshot,
    Indicator,
    Innovation,
)
from tanggap.innovation.permissions import (
    OWNER_ROLES,
    READER_ROLES,
    is_region_reader,
    may_view_assessment,
)
from tanggap.org.models import Region, Unit


def reader_region_ids(user) -> set[int]:
    """Regions whose assessments, report and index the user reads (office, evaluator, leader)."""
    return region_ids_with(user, READER_ROLES)


def may_open_assessments(user) -> bool:
    """The queue: the office and region readers, and unit heads/admins (their own unit's innovations)."""
    return (
        is_sysadmin(user) or bool(reader_region_ids(user)) or bool(unit_ids_with(user, OWNER_ROLES))
    )


def may_open_index(user) -> bool:
    """The index, the report and the scheme pages: the office and region readers."""
    return is_sysadmin(user) or bool(reader_region_ids(user))


def region_for(user, slug: str | None = None) -> Region:
    """The region a reader looks at: the one named by slug (sysadmin, or one of theirs), else their first."""
    qs = Region.objects.all()
    if not is_sysadmin(user):
        qs = qs.filter(pk__in=reader_region_ids(user))
    if slug:
        qs = qs.filter(slug=slug)
    region = qs.order_by("pk").first()
    if region is None:
        raise NotFound(_("Wilayah tidak ditemukan."))
    return region


def scheme_for_year(year) -> IndexScheme:
    scheme = IndexScheme.objects.filter(year=year).first() if isinstance(year, int) else None
    if scheme is None:
        raise NotFound(_("Skema indeks inovasi tahun itu belum ada."))
    return scheme


def latest_scheme() -> IndexScheme | None:
    return IndexScheme.objects.order_by("-year").first()


def innovations_visible_for_assessment(*, user):
    """Innovations whose assessments the user may read: the regions they read, and their own units'."""
    if is_sysadmin(user):
        return Innovation.objects.all()
    units = unit_ids_with(user, OWNER_ROLES)
    sub_units = Unit.objects.filter(Q(pk__in=units) | Q(parent_id__in=units)).values("pk")
    return Innovation.objects.filter(
        Q(region_id__in=reader_region_ids(user)) | Q(unit_id__in=sub_units)
    )


def assessment_queue(*, user, scheme: IndexScheme, region: Region | None = None):
    """The innovations to assess for the scheme's year with their assessment (if started)."""
    qs = innovations_visible_for_assessment(user=user).filter(is_active=True)
    if region is not None:
        qs = qs.filter(region=region)
    return (
        qs.select_related("unit", "region")
        .prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.filter(scheme=scheme),
                to_attr="year_assessments",
            )
        )
        .annotate(
            pending_evidence=Count(
                "evidence",
                filter=Q(evidence__status=EvidenceStatus.PENDING)
                & Q(evidence__indicator__scheme=scheme),
            )
        )
        .order_by("unit__name", "name", "pk")
    )


def innovation_for_assessment(*, user, innovation_id) -> Innovation:
    """One innovation whose assessment the user may read (404 otherwise)."""
    found = (
        Innovation.objects.select_related("unit", "region").filter(pk=innovation_id).first()
        if isinstance(innovation_id, int)
        else None
    )
    if found is None or not may_view_assessment(user, found):
        raise NotFound(_("Inovasi tidak ditemukan."))
    return found


def assessment_visible(*, user, assessment_id) -> Assessment:
    found = (
        Assessment.objects.select_related("innovation__unit", "innovation__region", "scheme")
        .filter(pk=assessment_id)
        .first()
    )
    if found is None or not may_view_assessment(user, found.innovation):
        raise NotFound(_("Penilaian tidak ditemukan."))
    return found


def assessments_visible_to(*, user, year=None):
    qs = Assessment.objects.filter(
        innovation__in=innovations_visible_for_assessment(user=user)
    ).select_related("innovation__unit", "scheme")
    if year is not None:
        qs = qs.filter(scheme__year=year)
    return qs.order_by("-scheme__year", "innovation__name", "pk")


def innovation_evidence(innovation: Innovation, scheme: IndexScheme):
    return Evidence.objects.filter(innovation=innovation, indicator__scheme=scheme).select_related(
        "indicator", "validated_by"
    )


def region_evidence(region: Region, scheme: IndexScheme):
    """The region's own (SPD) evidence for the scheme."""
    return Evidence.objects.filter(
        region=region, innovation__isnull=True, indicator__scheme=scheme
    ).select_related("indicator", "validated_by")


# --- the index -----------------------------------------------------------------------------------


@dataclass
class IndexInputs:
    """What the index is computed from, with the innovations in the order of their positions."""

    scheme: iid.Scheme
    spd_levels: dict[str, int]
    innovations: list[Innovation]
    levels: list[dict[str, int]]
    indicators: dict[str, Indicator] = field(default_factory=dict)


def _highest(rows) -> dict:
    best: dict = defaultdict(dict)
    for owner, code, level in rows:
        if level > best[owner].get(code, 0):
            best[owner][code] = level
    return best


def index_inputs(region: Region, scheme: IndexScheme) -> IndexInputs:
    indicators = list(Indicator.objects.filter(scheme=scheme))
    spec = scheme.to_scheme(indicators)
    spd = _highest(
        (None, code, level)
        for code, level in Evidence.objects.filter(
            region=region,
            innovation__isnull=True,
            indicator__scheme=scheme,
            indicator__aspect=Indicator.Aspect.SPD,
            status=EvidenceStatus.VALID,
        ).values_list("indicator__code", "level")
    ).get(None, {})
    innovations = list(
        Innovation.objects.filter(
            region=region,
            assessments__scheme=scheme,
            assessments__status=Assessment.Status.DONE,
            assessments__result=AssessmentStatus.MEMENUHI,
        )
        .select_related("unit")
        .order_by("name", "pk")
    )
    sid = _highest(
        Evidence.objects.filter(
            innovation__in=[i.pk for i in innovations],
            indicator__scheme=scheme,
            indicator__aspect=Indicator.Aspect.SID,
            status=EvidenceStatus.VALID,
        ).values_list("innovation_id", "indicator__code", "level")
    )
    return IndexInputs(
        scheme=spec,
        spd_levels=dict(spd),
        innovations=innovations,
        levels=[dict(sid.get(i.pk, {})) for i in innovations],
        indicators={i.code: i for i in indicators},
    )


def region_index(region: Region, scheme: IndexScheme) -> iid.IndexResult:
    """The region's index for the scheme's year from its valid evidence and qualifying innovations."""
    data = index_inputs(region, scheme)
    return iid.compute_index(data.scheme, data.spd_levels, data.levels)


def what_if_index(region: Region, scheme: IndexScheme, innovation_ids) -> iid.IndexResult:
    """The index if the chosen (counted) innovations gained every missing piece of their evidence."""
    data = index_inputs(region, scheme)
    positions = {innovation.pk: n for n, innovation in enumerate(data.innovations)}
    fixes: dict[int | None, dict[str, int]] = {}
    for innovation_id in innovation_ids:
        if innovation_id not in positions:
            raise DomainError(
                _("Inovasi yang dipilih tidak dihitung dalam indeks tahun ini."),
                field="innovations",
            )
        position = positions[innovation_id]
        fixes[position] = {
            spec.code: spec.top_level
            for spec in data.scheme.aspect("sid")
            if spec.score(data.levels[position].get(spec.code)) != spec.max_score
        }
    return iid.what_if(data.scheme, data.spd_levels, data.levels, fixes)


def best_fixes(region: Region, scheme: IndexScheme, limit: int = 10) -> list[tuple]:
    """What to fix first: (innovation or None for the region's own evidence, indicator, Fix)."""
    data = index_inputs(region, scheme)
    fixes = iid.best_fixes(data.scheme, data.spd_levels, data.levels)
    return [
        (
            None if fix.innovation is None else data.innovations[fix.innovation],
            data.indicators.get(fix.code),
            fix,
        )
        for fix in fixes[:limit]
    ]


def index_snapshots(region: Region, scheme: IndexScheme, limit: int = 30) -> list[IndexSnapshot]:
    """The latest snapshots, oldest first (the trend)."""
    rows = list(
        IndexSnapshot.objects.filter(region=region, scheme=scheme).order_by("-computed_at", "-id")[
            :limit
        ]
    )
    return rows[::-1]


# --- the region's report -------------------------------------------------------------------------


@dataclass
class RegionReport:
    """Registered vs qualifying innovations of a region's year, per unit, and units with none."""

    year: int
    registered: int
    qualifying: int
    per_unit: list[dict]
    minim: list[Unit]

    @property
    def sentence(self) -> str:
        return _("%(n)s terdaftar, %(m)s memenuhi kategori") % {
            "n": self.registered,
            "m": self.qualifying,
        }


# Units of the regional government that are expected to innovate; MPP booths of other agencies (BPJS, tax
# office, police) and village offices are not counted as "minim inovasi".
INNOVATING_UNIT_KINDS = (Unit.Kind.OPD, Unit.Kind.UPT, Unit.Kind.KECAMATAN, Unit.Kind.MPP)


def region_report(region: Region, year: int) -> RegionReport:
    """Seed 001's report for a year: the innovations in the registry that year (registered up to its
    end, still active; "baru" counts those registered during it) vs those whose assessment against that
    year's scheme found them qualifying; and the region's units with none ("minim inovasi")."""
    qualifies = Q(
        assessments__scheme__year=year,
        assessments__status=Assessment.Status.DONE,
        assessments__result=AssessmentStatus.MEMENUHI,
    )
    rows = (
        Innovation.objects.filter(region=region, is_active=True, created_at__year__lte=year)
        .values("unit_id", "unit__name")
        .annotate(
            registered=Count("pk", distinct=True),
            new=Count("pk", filter=Q(created_at__year=year), distinct=True),
            qualifying=Count("pk", filter=qualifies, distinct=True),
        )
        .order_by("unit__name", "unit_id")
    )
    per_unit = [
        {
            "unit_id": r["unit_id"],
            "unit": r["unit__name"],
            "registered": r["registered"],
            "new": r["new"],
            "qualifying": r["qualifying"],
        }
        for r in rows
    ]
    with_any = {r["unit_id"] for r in per_unit}
    minim = list(
        Unit.objects.filter(region=region, is_active=True, kind__in=INNOVATING_UNIT_KINDS)
        .exclude(pk__in=with_any)
        .order_by("name")
    )
    return RegionReport(
        year=year,
        registered=sum(r["registered"] for r in per_unit),
        qualifying=sum(r["qualifying"] for r in per_unit),
        per_unit=per_unit,
        minim=minim,
    )


def may_read_region(user, region) -> bool:
    return is_region_reader(user, region)
