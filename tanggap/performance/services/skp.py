"""Writes to an official's SKP: create it, add its results (cascading from the unit's agreement or the
superior's SKP), write the superior's quarterly review and the year-end ratings that give the predikat.

Each service checks every input before it writes, runs in one transaction and appends an audit row, so
a refused request changes nothing."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.attendance.permissions import superior_of
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.performance.achievement import Direction
from tanggap.performance.models import (
    AutoSource,
    Indicator,
    Skp,
    SkpQuarterReview,
    SkpResult,
    SkpResultRealisation,
)
from tanggap.performance.permissions import is_skp_appraiser, may_edit_skp, may_write_skp
from tanggap.performance.services.autofill import automatic_figures, sync_review
from tanggap.performance.services.figures import (
    parse_quarter,
    parse_text,
    parse_year,
    required_figure,
)
from tanggap.performance.skp import Behaviour, predikat

FEEDBACK_MAX = 4000


def _locked(skp: Skp) -> Skp:
    return Skp.objects.select_for_update().select_related("official", "superior").get(pk=skp.pk)


def _require_appraiser(actor, skp: Skp) -> None:
    if not is_skp_appraiser(actor, skp):
        raise PermissionDenied(_("Hanya atasan langsung pegawai yang dapat melakukan ini."))


@transaction.atomic
def skp_create(*, actor, official, year) -> Skp:
    """Start an official's SKP for a year, by the official or the direct superior, who is recorded as
    the SKP's appraiser."""
    if not may_write_skp(actor, official):
        raise PermissionDenied()
    year = parse_year(year)
    superior = superior_of(official)
    if superior is None:
        raise DomainError(
            _("Atasan langsung pegawai ini belum ditetapkan (kepala unit atau unit induk)."),
            code="no_superior",
        )
    if Skp.objects.filter(official=official, year=year).exists():
        raise DomainError(
            _("Pegawai ini sudah memiliki SKP tahun %(year)s.") % {"year": year}, field="year"
        )
    skp = Skp.objects.create(official=official, year=year, superior=superior, created_by=actor)
    audit_record(
        actor=actor, action="skp.created", target=skp, after=snapshot(skp), region_id=skp.region_id
    )
    return skp


def _indicator_for(skp: Skp, indicator) -> Indicator:
    indicator = Indicator.objects.select_related("agreement").get(pk=indicator.pk)
    agreement = indicator.agreement
    if agreement.unit_id != skp.official.unit_id or agreement.year != skp.year:
        raise DomainError(
            _(
                "Hasil kerja hanya dapat diturunkan dari indikator perjanjian kinerja unit pegawai "
                "pada tahun yang sama."
            ),
            field="indicator",
        )
    return indicator


def _parent_for(skp: Skp, parent_result) -> SkpResult:
    parent = SkpResult.objects.select_related("skp").get(pk=parent_result.pk)
    if parent.skp.official_id != skp.superior_id or parent.skp.year != skp.year:
        raise DomainError(
            _(
                "Hasil kerja hanya dapat diturunkan dari hasil kerja SKP atasan langsung pada tahun "
                "yang sama."
            ),
            field="parent_result",
        )
    return parent


@transaction.atomic
def skp_result_add(
    *,
    actor,
    skp: Skp,
    text,
    target,
    measure,
    direction=Direction.HIGHER_IS_BETTER,
    indicator: Indicator | None = None,
    parent_result: SkpResult | None = None,
    source="",
) -> SkpResult:
    """Add a result to an SKP not yet rated: from an indicator of the unit's agreement, or from a result
    of the superior's SKP, or (neither) a result of the official's own; optionally fed automatically."""
    skp = _locked(skp)
    if not may_edit_skp(actor, skp):
        raise PermissionDenied()
    if skp.status == Skp.Status.CLOSED:
        raise DomainError(_("SKP yang sudah dinilai tidak dapat diubah."), code="closed")
    if indicator is not None and parent_result is not None:
        raise DomainError(
            _(
                "Hasil kerja diturunkan dari indikator unit atau dari hasil kerja atasan, "
                "tidak keduanya."
            ),
            field="parent_result",
        )
    if not isinstance(direction, str) or direction not in Direction.values:
        raise DomainError(
            _("Arah indikator harus 'makin tinggi makin baik' atau 'makin rendah makin baik'."),
            field="direction",
        )
    if not isinstance(source, str) or source not in AutoSource.values:
        raise DomainError(_("Sumber realisasi tidak dikenal."), field="source")
    result = SkpResult(
        skp=skp,
        text=parse_text(text, field="text", max_length=300, required=True),
        target=required_figure(target, field="target"),
        measure=parse_text(measure, field="measure", max_length=60, required=True),
        direction=direction,
        indicator=_indicator_for(skp, indicator) if indicator is not None else None,
        parent_result=_parent_for(skp, parent_result) if parent_result is not None else None,
        source=source,
        position=skp.results.count(),
    )
    result.save()
    audit_record(
        actor=actor,
        action="skp_result.added",
        target=result,
        after=snapshot(result),
        region_id=skp.region_id,
    )
    return result


def _behaviour_feedback(value) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DomainError(_("Umpan balik perilaku tidak dikenali."), field="behaviour_feedback")
    feedback = {}
    for key, text in value.items():
        if key not in Behaviour.values:
            raise DomainError(
                _("Perilaku kerja harus salah satu dari tujuh nilai BerAKHLAK."),
                field="behaviour_feedback",
            )
        cleaned = parse_text(
            text, field=f"behaviour_feedback.{key}", max_length=FEEDBACK_MAX, required=False
        )
        if cleaned:
            feedback[key] = cleaned
    return feedback


def _realisations(skp: Skp, values) -> dict[int, Decimal]:
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise DomainError(_("Realisasi hasil kerja tidak dikenali."), field="realisations")
    results = {r.pk: r for r in skp.results.all()}
    parsed: dict[int, Decimal] = {}
    for key, value in values.items():
        result_id = key.pk if isinstance(key, SkpResult) else key
        if result_id not in results:
            raise DomainError(_("Realisasi hanya untuk hasil kerja SKP ini."), field="realisations")
        number = required_figure(value, field=f"realisations.{result_id}")
        if number < 0:
            raise DomainError(
                _("Realisasi tidak boleh negatif."), field=f"realisations.{result_id}"
            )
        parsed[result_id] = number
    return parsed


def _not_typed_over(skp: Skp, values: dict[int, Decimal], figures: dict) -> None:
    """An automatic result's realisation comes from the platform: a typed figure is accepted only when it
    is the platform's own (a form echoing it back), never one of the reviewer's."""
    for result in skp.results.all():
        if not result.source or result.pk not in values:
            continue
        figure = figures.get(result.pk)
        if figure is None or figure.value != values[result.pk]:
            raise DomainError(
                _(
                    'Realisasi hasil kerja "%(result)s" diambil otomatis dari catatan platform '
                    "dan tidak dapat diketik."
                )
                % {"result": result.text},
                field=f"realisations.{result.pk}",
            )
        del values[result.pk]


def _review_snapshot(review: SkpQuarterReview) -> dict:
    data = snapshot(review)
    data["realisations"] = {
        str(r.result_id): str(r.value) for r in review.realisations.order_by("result_id")
    }
    return data


@transaction.atomic
def skp_quarter_review_write(
    *, actor, skp: Skp, quarter, realisations=None, results_feedback="", behaviour_feedback=None
) -> SkpQuarterReview:
    """The superior's review of a quarter: each result's realisation ({result or id: figure}), feedback
    on the results and on the BerAKHLAK behaviours. Writing a quarter again replaces it (audited).
    Automatic results take the platform's figures of the quarter (services/autofill.py), not typed ones."""
    skp = _locked(skp)
    _require_appraiser(actor, skp)
    if skp.status == Skp.Status.CLOSED:
        raise DomainError(_("SKP yang sudah dinilai tidak dapat diubah."), code="closed")
    quarter = parse_quarter(quarter)
    values = _realisations(skp, realisations)
    feedback = parse_text(
        results_feedback, field="results_feedback", max_length=FEEDBACK_MAX, required=False
    )
    behaviours = _behaviour_feedback(behaviour_feedback)
    figures = automatic_figures(skp, quarter)
    _not_typed_over(skp, values, figures)

    review = SkpQuarterReview.objects.select_for_update().filter(skp=skp, quarter=quarter).first()
    before = _review_snapshot(review) if review else None
    if review is None:
        review = SkpQuarterReview(skp=skp, quarter=quarter)
    review.results_feedback = feedback
    review.behaviour_feedback = behaviours
    review.reviewer = actor
    review.reviewed_at = timezone.now()
    review.save()
    review.realisations.all().delete()
    SkpResultRealisation.objects.bulk_create(
        SkpResultRealisation(review=review, result_id=result_id, value=value)
        for result_id, value in values.items()
    )
    sync_review(review, figures)
    audit_record(
        actor=actor,
        action="skp_review.rewritten" if before else "skp_review.written",
        target=review,
        before=before,
        after=_review_snapshot(review),
        region_id=skp.region_id,
    )
    return review


RATING_FIELDS = ["hasil_kerja_rating", "perilaku_rating", "predikat", "status", "rated_at"]


@transaction.atomic
def skp_rate_year_end(*, actor, skp: Skp, hasil_kerja, perilaku) -> Skp:
    """The superior's year-end ratings ("bawah" | "sesuai" | "atas"); the predikat follows the matrix
    and the SKP is closed. Rating again corrects it (audited)."""
    skp = _locked(skp)
    _require_appraiser(actor, skp)
    result = predikat(hasil_kerja, perilaku)  # InvalidRating, naming the field, before any write
    before = snapshot(skp, RATING_FIELDS)
    skp.hasil_kerja_rating = hasil_kerja
    skp.perilaku_rating = perilaku
    skp.predikat = result.value
    skp.status = Skp.Status.CLOSED
    skp.rated_at = timezone.now()
    skp.save(update_fields=RATING_FIELDS)
    audit_record(
        actor=actor,
        action="skp.rated",
        target=skp,
        before=before,
        after=snapshot(skp, RATING_FIELDS),
        region_id=skp.region_id,
    )
    return skp
