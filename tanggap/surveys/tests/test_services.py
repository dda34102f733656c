"""Invitations and survey_submit: valid submissions, refusals that save nothing, one response per source."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core import signing
from django.db import IntegrityError

from tanggap.accounts.tests.factories import UserFactory
from tanggap.complaints.tests.factories import bring_to, join_team, make_verifier
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.surveys import services
from tanggap.surveys.invitations import (
    SALT,
    invitation_for_complaint,
    invitation_for_ticket,
    read_invitation,
    source_key,
    survey_url,
    ticket_survey_url,
)
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.tests.factories import GOOD_ANSWERS, MONDAY_9, PROFILE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_morning")]


def submit(**kwargs):
    data = {"answers": dict(GOOD_ANSWERS), **PROFILE}
    data.update(kwargs)
    return services.survey_submit(**data)


@pytest.fixture
def answered_complaint(region, unit_a):
    handler = UserFactory(username="anggota_tim")
    join_team(unit_a, handler)
    return bring_to(
        "ditanggapi", region=region, verifier=make_verifier(region), unit=unit_a, handler=handler
    )


# --- invitations ---------------------------------------------------------------------------------


def test_ticket_invitation_names_the_location_service_and_day_served(served_ticket, location):
    invitation = read_invitation(invitation_for_ticket(served_ticket))
    assert invitation.source == "ticket" and invitation.eligible
    assert invitation.unit == location and invitation.location == location
    assert invitation.service == served_ticket.queue_service.service
    assert invitation.served_on == dt.date(2026, 11, 23)
    assert invitation.source_key == source_key("ticket", served_ticket.pk)
    assert len(invitation.source_key) == 64 and str(served_ticket.pk) != invitation.source_key


def test_complaint_invitation_names_the_unit_that_answered(answered_complaint, unit_a):
    invitation = read_invitation(invitation_for_complaint(answered_complaint))
    assert invitation.source == "complaint" and invitation.unit == unit_a
    assert invitation.location is None and invitation.served_on == dt.date(2026, 11, 23)


def test_survey_url_is_absolute_and_only_for_done_tickets(served_ticket, serving_ticket, settings):
    settings.SITE_URL = "https://tanggap.example.id/"
    url = ticket_survey_url(served_ticket)
    assert url.startswith("https://tanggap.example.id/survei/isi/")
    assert survey_url("abc") == "https://tanggap.example.id/survei/isi/abc/"
    assert ticket_survey_url(serving_ticket) is None


def test_a_ticket_not_yet_served_cannot_be_surveyed(serving_ticket):
    with pytest.raises(DomainError, match="setelah Anda selesai dilayani") as info:
        read_invitation(invitation_for_ticket(serving_ticket))
    assert info.value.code == "survey_not_served"


def test_a_complaint_not_yet_answered_cannot_be_surveyed(region):
    complaint = bring_to(
        "baru", region=region, verifier=make_verifier(region), unit=None, handler=None
    )
    with pytest.raises(DomainError, match="setelah laporan Anda ditanggapi"):
        read_invitation(invitation_for_complaint(complaint))


@pytest.mark.parametrize(
    "token",
    [
        "",
        "tidak-ada",
        "x" * 40,
        signing.dumps(["t", 1], salt="another.salt"),
        signing.dumps(["z", 1], salt=SALT),
        signing.dumps(["t", 999999], salt=SALT),
    ],
    # Fixed ids: signed tokens embed a timestamp, and parallel workers must collect the same names.
    ids=["empty", "not-signed", "long-garbage", "other-salt", "unknown-kind", "unknown-ticket"],
)
def test_a_bad_token_is_refused_with_a_clear_message(token, served_ticket):
    with pytest.raises(DomainError, match="Tautan survei ini tidak dikenal") as info:
        read_invitation(token)
    assert info.value.code == "survey_bad_token"


def test_a_tampered_token_is_refused(served_ticket):
    token = invitation_for_ticket(served_ticket)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(DomainError, match="tidak dikenal"):
        read_invitation(tampered)


def test_a_token_expires_after_thirty_days(served_ticket):
    token = invitation_for_ticket(served_ticket)
    later = time_machine.travel(MONDAY_9 + dt.timedelta(days=31), tick=False)
    with later, pytest.raises(DomainError, match="sudah berakhir") as info:
        read_invitation(token)
    assert info.value.code == "survey_expired"


def test_a_fresh_token_for_a_service_long_ago_is_expired_too(served_ticket):
    later = time_machine.travel(MONDAY_9 + dt.timedelta(days=31), tick=False)
    with later, pytest.raises(DomainError, match="sudah berakhir"):
        read_invitation(invitation_for_ticket(served_ticket))


# --- survey_submit -------------------------------------------------------------------------------


def test_valid_submission_stores_answers_and_nothing_that_identifies_the_citizen(served_ticket):
    invitation = read_invitation(invitation_for_ticket(served_ticket))
    response = submit(invitation=invitation, comment="  Cepat dan ramah.  ")
    response.refresh_from_db()
    assert response.answers == GOOD_ANSWERS
    assert (response.unit, response.location) == (served_ticket.location, served_ticket.location)
    assert response.service == served_ticket.queue_service.service
    assert response.source == "ticket" and response.source_key == invitation.source_key
    assert response.channel == "web" and not response.is_flagged
    assert response.comment == "Cepat dan ramah." and response.age == 34
    assert response.served_on == dt.date(2026, 11, 23)
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert not fields & {"user", "ip", "ticket", "complaint", "officer", "counter"}
    assert not AuditEvent.objects.filter(target_type="surveys.surveyresponse").exists()


def test_complaint_submission_is_stored_against_the_answering_unit(answered_complaint, unit_a):
    response = submit(invitation=read_invitation(invitation_for_complaint(answered_complaint)))
    assert response.unit == unit_a and response.source == "complaint"


def _bad(**kwargs):
    answers = dict(GOOD_ANSWERS)
    answers.update(kwargs.pop("answers", {}))
    for key in kwargs.pop("drop", []):
        answers.pop(key)
    return {"answers": answers, **kwargs}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_bad(drop=["sarana"]), "Jawab pertanyaan U9"),
        (_bad(answers={"waktu": 5}), "U3 harus salah satu dari 1 sampai 4"),
        (_bad(answers={"waktu": 0}), "U3 harus"),
        (_bad(answers={"biaya": "4"}), "U4 harus"),
        (_bad(answers={"biaya": True}), "U4 harus"),
        (_bad(answers={"keamanan": 4}), "tidak dikenal"),
        ({"answers": [4] * 9}, "tidak lengkap"),
        ({"age": 14}, "Usia harus antara 15 dan 100"),
        ({"age": 101}, "Usia harus"),
        ({"age": "30"}, "Usia harus"),
        ({"sex": "X"}, "jenis kelamin"),
        ({"education": "phd"}, "pendidikan"),
        ({"occupation": "astronot"}, "pekerjaan"),
        ({"channel": "sms"}, "Kanal"),
        ({"comment": "x" * 2001}, "2000 karakter"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(served_ticket, change, message):
    invitation = read_invitation(invitation_for_ticket(served_ticket))
    with pytest.raises(DomainError, match=message):
        submit(invitation=invitation, **change)
    assert not SurveyResponse.objects.exists()


def test_a_second_response_for_the_same_ticket_is_refused(served_ticket):
    invitation = read_invitation(invitation_for_ticket(served_ticket))
    first = submit(invitation=invitation)
    with pytest.raises(DomainError, match="sudah mengisi") as info:
        submit(invitation=invitation, answers={k: 1 for k in GOOD_ANSWERS})
    assert info.value.code == "survey_already_answered"
    assert list(SurveyResponse.objects.values_list("pk", flat=True)) == [first.pk]
    assert SurveyResponse.objects.get().answers == GOOD_ANSWERS


def test_a_racing_duplicate_meets_the_unique_key_and_changes_nothing(served_ticket):
    invitation = read_invitation(invitation_for_ticket(served_ticket))
    submit(invitation=invitation)
    # The other tab checked before the first response was committed: only the unique key stops it.
    early_check = mock.patch.object(services, "source_answered", return_value=False)
    with early_check as checked, pytest.raises(DomainError, match="sudah mengisi"):
        submit(invitation=invitation)
    assert checked.called
    assert SurveyResponse.objects.count() == 1


def test_the_unique_source_key_is_enforced_by_the_database(served_ticket):
    invitation = read_invitation(invitation_for_ticket(served_ticket))
    response = submit(invitation=invitation)
    response.pk = None
    with pytest.raises(IntegrityError):
        response.save()


def test_without_a_ticket_is_refused_unless_the_unit_allows_it(unit_a):
    with pytest.raises(DomainError, match="hanya setelah warga dilayani"):
        submit(unit=unit_a)
    assert not SurveyResponse.objects.exists()


def test_without_a_ticket_where_allowed_is_stored_flagged(unit_a):
    SurveySettings.objects.create(unit=unit_a, allow_without_ticket=True)
    response = submit(unit=unit_a)
    assert response.is_flagged and response.source == "none" and response.source_key is None
    assert response.location is None and response.served_on == dt.date(2026, 11, 23)
    # Any number of them: no key to collide on.
    submit(unit=unit_a)
    assert SurveyResponse.objects.filter(is_flagged=True).count() == 2


def test_neither_invitation_nor_unit_is_refused(db):
    with pytest.raises(DomainError, match="Pilih unit"):
        submit()


# --- settings ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["head_a", "unit_admin_a", "region_admin"])
def test_unit_head_unit_admin_and_region_admin_change_the_settings(who, request, unit_a):
    actor = request.getfixturevalue(who)
    found = services.survey_settings_update(
        actor=actor, unit=unit_a, allow_without_ticket=True, weighting="exact"
    )
    assert (found.allow_without_ticket, found.weighting) == (True, "exact")
    event = AuditEvent.objects.get(action="survey.settings_updated")
    assert event.actor == actor and event.after == {
        "allow_without_ticket": True,
        "weighting": "exact",
    }
    assert event.before == {"allow_without_ticket": False, "weighting": "official"}


@pytest.mark.parametrize("who", ["front_desk_a", "handler_b", "citizen"])
def test_others_cannot_change_the_settings(who, request, unit_a):
    with pytest.raises(PermissionDenied):
        services.survey_settings_update(
            actor=request.getfixturevalue(who),
            unit=unit_a,
            allow_without_ticket=True,
            weighting="official",
        )
    assert not SurveySettings.objects.exists() and not AuditEvent.objects.exists()


def test_an_unknown_weighting_is_refused(head_a, unit_a):
    with pytest.raises(DomainError, match="Pembobotan"):
        services.survey_settings_update(
            actor=head_a, unit=unit_a, allow_without_ticket=False, weighting="kira-kira"
        )
