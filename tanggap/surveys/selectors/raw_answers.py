"""The answer rows of an IKM report (its XLSX "Jawaban" sheet): one row per questionnaire, anonymous.

Rows exist only for a report that shows its figures (at least k responses, tanggap.surveys.disclosure).
A row carries no comment, source, day or time: the month served, then as much of the profile (without a
ticket, sex, age group, education, occupation, in that order) as at least k rows share, so a reader who
knows one respondent's profile cannot find that person's row. Rows are sorted by what they show, not by
when they were written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tanggap.surveys import disclosure
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.selectors.ikm_reports import IkmReport, report_responses
from tanggap.surveys.selectors.report_parts import age_band

PROFILE_COLUMNS = ("month", "flagged", "sex", "age", "education", "occupation")


@dataclass(frozen=True)
class RawAnswers:
    """Answer rows: `columns` names the profile columns kept (a prefix of PROFILE_COLUMNS), each row is
    (profile values for those columns, the answers in element order)."""

    columns: tuple[str, ...] = ()
    rows: list[tuple[tuple[str, ...], tuple[int | None, ...]]] = field(default_factory=list)


def report_raw_answers(report: IkmReport) -> RawAnswers:
    """The report's answer rows, or none when the report hides its figures."""
    if report.hidden or report.result is None:
        return RawAnswers()
    k = report.min_group_size
    keys = load_instrument().keys
    found = (
        report_responses(
            unit=report.unit,
            service=report.service,
            location=report.location,
            region=report.region,
            include_flagged=report.include_flagged,
        )
        .filter(served_on__gte=report.period.start, served_on__lte=report.period.end)
        .values_list("served_on", "is_flagged", "sex", "age", "education", "occupation", "answers")
    )
    full = []
    for served_on, flagged, sex, age, education, occupation, answers in found:
        answers = answers if isinstance(answers, dict) else {}
        described = (
            f"{served_on:%Y-%m}",
            _("ya") if flagged else _("tidak"),
            sex,
            age_band(age),
            education,
            occupation,
        )
        full.append((described, tuple(answers.get(key) for key in keys)))
    if disclosure.too_small(len(full), k):  # checked again on the rows themselves
        return RawAnswers()
    keep = disclosure.kept_columns([described for described, _answers in full], k)
    rows = sorted(
        ((described[:keep], answers) for described, answers in full),
        key=lambda row: (row[0], tuple(a if isinstance(a, int) else 0 for a in row[1])),
    )
    return RawAnswers(PROFILE_COLUMNS[:keep], rows)
