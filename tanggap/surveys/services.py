"""Survey writes: submitting a questionnaire and changing a unit's survey settings."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.surveys.ikm import WEIGHTINGS
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.invitations import Invitation
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.permissions import may_change_survey_settings
from tanggap.surveys.selectors import source_answered, survey_settings_for

R = SurveyResponse
AGE_MIN, AGE_MAX = 15, 100
COMMENT_MAX = 2000


def already_answered_error() -> DomainError:
    return DomainError(
        _("Anda sudah mengisi survei untuk layanan ini. Terima kasih atas penilaian Anda."),
        code="survey_already_answered",
    )


def current_language() -> str:
    """The active language as the instrument's data names it ("id" or "en")."""
    return (get_language() or "id")[:2]


def _check_answers(answers) -> dict[str, int]:
    keys = load_instrument().keys
    if not isinstance(answers, dict):
        raise DomainError(_("Jawaban survei tidak lengkap."), code="survey_answers")
    unknown = set(answers) - set(keys)
    if unknown:
        raise DomainError(
            _("Unsur survei tidak dikenal: %(keys)s.")
            % {"keys": ", ".join(sorted(map(str, unknown)))},
            code="survey_answers",
        )
    checked = {}
    for element in load_instrument().elements:
        value = answers.get(element.key)
        if value is None:
            raise DomainError(
                _("Jawab pertanyaan %(code)s (%(name)s).")
                % {"code": element.code, "name": element.label(current_language())},
                code="survey_answers",
                field=element.key,
            )
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            raise DomainError(
                _("Jawaban %(code)s harus salah satu dari 1 sampai 4.") % {"code": element.code},
                code="survey_answers",
                field=element.key,
            )
        checked[element.key] = value
    return checked


def _check_profile(*, sex, age, education, occupation, comment, channel) -> str:
    if sex not in R.Sex.values:
        raise DomainError(_("Pilih jenis kelamin."), code="survey_profile", field="sex")
    if isinstance(age, bool) or not isinstance(age, int) or not AGE_MIN <= age <= AGE_MAX:
        raise DomainError(
            _("Usia harus antara %(a)d dan %(b)d tahun.") % {"a": AGE_MIN, "b": AGE_MAX},
            code="survey_profile",
            field="age",
        )
    if education not in R.Education.values:
        raise DomainError(_("Pilih pendidikan terakhir."), code="survey_profile", field="education")
    if occupation not in R.Occupation.values:
        raise DomainError(_("Pilih pekerjaan."), code="survey_profile", field="occupation")
    if channel not in R.Channel.values:
        raise DomainError(_("Kanal survei tidak dikenal."), code="survey_channel")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise DomainError(
            _("Saran/komentar paling banyak %(n)d karakter.") % {"n": COMMENT_MAX},
            code="survey_profile",
            field="comment",
        )
    return comment


@transaction.atomic
def survey_submit(
    *,
    invitation: Invitation | None = None,
    unit=None,
    answers: dict[str, int],
    sex: str,
    age: int,
    education: str,
    occupation: str,
    comment: str = "",
    channel: str = "web",
    now: dt.datetime | None = None,
) -> SurveyResponse:
    """Store one filled questionnaire: about a served ticket or answered complaint (once per source), or
    without one where the unit allows it (flagged).

    Nothing links the response to the citizen or to the staff who served them: no user, no IP, no ticket
    or complaint id, only the source's keyed hash. For the same reason this write is not audited (an
    audit row would carry the request id and the signed-in kiosk officer).
    """
    now = now or timezone.now()
    checked = _check_answers(answers)
    comment = _check_profile(
        sex=sex,
        age=age,
        education=education,
        occupation=occupation,
        comment=comment,
        channel=channel,
    )
    if invitation is not None:
        if not invitation.eligible:
            raise DomainError(
                _("Survei untuk layanan ini belum dapat diisi."), code="survey_not_served"
            )
        if source_answered(invitation.source_key):
            raise already_answered_error()
        fields = {
            "region": invitation.region,
            "unit": invitation.unit,
            "location": invitation.location,
            "service": invitation.service,
            "source": invitation.source,
            "source_key": invitation.source_key,
            "is_flagged": False,
            "served_on": invitation.served_on or now.date(),
        }
    else:
        if unit is None:
            raise DomainError(_("Pilih unit layanan yang dinilai."), code="survey_unit")
        if not survey_settings_for(unit).allow_without_ticket:
            raise DomainError(
                _(
                    "Unit ini menerima survei hanya setelah warga dilayani (dengan tiket atau laporan)."
                ),
                code="survey_ticket_required",
            )
        fields = {
            "region_id": unit.region_id,
            "unit": unit,
            "location": None,
            "service": None,
            "source": R.Source.NONE,
            "source_key": None,
            "is_flagged": True,
            "served_on": timezone.localtime(now, ZoneInfo(unit.region.timezone)).date(),
        }
    response = R(
        instrument=load_instrument().name,
        answers=checked,
        channel=channel,
        sex=sex,
        age=age,
        education=education,
        occupation=occupation,
        comment=comment,
        submitted_at=now,
        **fields,
    )
    try:
        # A savepoint: two tabs submitting at once meet the unique source_key; the loser changes nothing.
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise already_answered_error() from None
    return response


@transaction.atomic
def survey_settings_update(
    *, actor, unit, allow_without_ticket: bool, weighting: str
) -> SurveySettings:
    """Change how a unit takes surveys (its head, its admin, or the region admin)."""
    if not may_change_survey_settings(actor, unit):
        raise PermissionDenied()
    if weighting not in WEIGHTINGS:
        raise DomainError(
            _("Pembobotan tidak dikenal."), code="survey_weighting", field="weighting"
        )
    found, _created = SurveySettings.objects.select_for_update().get_or_create(unit=unit)
    fields = ["allow_without_ticket", "weighting"]
    before = snapshot(found, fields)
    found.allow_without_ticket = bool(allow_without_ticket)
    found.weighting = weighting
    found.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="survey.settings_updated",
        target=found,
        before=before,
        after=snapshot(found, fields),
        region_id=unit.region_id,
    )
    return found
