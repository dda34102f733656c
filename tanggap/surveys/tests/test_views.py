"""Survey pages: the questionnaire in the official wording, errors, thanks, kiosk mode, rate limit, and
the invitation on the ticket and complaint pages."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from tanggap.accounts.tests.factories import UserFactory
from tanggap.complaints.tests.factories import bring_to, join_team, make_verifier
from tanggap.surveys.instrument import load_instrument
from tanggap.surveys.invitations import invitation_for_complaint, invitation_for_ticket
from tanggap.surveys.models import SurveyResponse, SurveySettings
from tanggap.surveys.tests.factories import GOOD_ANSWERS, PROFILE, serve

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_morning")]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def take_url(ticket) -> str:
    return reverse("surveys:take", args=[invitation_for_ticket(ticket)])


def form_data(**changes) -> dict:
    data = {key: str(value) for key, value in GOOD_ANSWERS.items()}
    data.update({key: str(value) for key, value in PROFILE.items()})
    data["comment"] = "Pelayanan cepat."
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_questionnaire_shows_the_official_wording_of_all_nine_elements(client, served_ticket):
    response = client.get(take_url(served_ticket))
    assert response.status_code == 200
    html = response.content.decode()
    for element in load_instrument().elements:
        assert escape(element.question["id"]) in html
        for label in element.answer_labels("id"):
            assert escape(label) in html
        assert html.count(f'name="{element.key}"') == 4
    assert served_ticket.location.name in html
    assert 'name="website"' in html  # the honeypot


def test_english_switch_changes_the_official_wording(client, served_ticket):
    client.cookies["django_language"] = "en"
    html = client.get(take_url(served_ticket)).content.decode()
    for element in load_instrument().elements:
        assert escape(element.question["en"]) in html
        assert escape(element.question["id"]) not in html
    assert "Very appropriate" in html


def test_submitting_saves_one_response_and_shows_thanks(client, served_ticket):
    response = client.post(take_url(served_ticket), form_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("surveys:thanks")
    assert "Terima kasih" in response.content.decode()
    saved = SurveyResponse.objects.get()
    assert saved.answers == GOOD_ANSWERS and saved.channel == "web"
    assert saved.comment == "Pelayanan cepat."


def test_a_missing_answer_shows_a_message_and_saves_nothing(client, served_ticket):
    response = client.post(take_url(served_ticket), form_data(waktu=None, age="12"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih salah satu jawaban." in html
    assert "Usia paling rendah 15 tahun." in html
    assert "Belum ada yang disimpan" in html
    assert not SurveyResponse.objects.exists()


def test_an_answer_outside_one_to_four_is_refused(client, served_ticket):
    response = client.post(take_url(served_ticket), form_data(biaya="5"))
    assert response.status_code == 400 and not SurveyResponse.objects.exists()


def test_the_honeypot_refuses_and_saves_nothing(client, served_ticket):
    response = client.post(take_url(served_ticket), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "Isian tidak dapat dikirim" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_second_visit_after_answering_says_so(client, served_ticket):
    url = take_url(served_ticket)
    client.post(url, form_data())
    again = client.get(url)
    assert again.status_code == 409 and "sudah mengisi" in again.content.decode()
    assert client.post(url, form_data()).status_code == 409
    assert SurveyResponse.objects.count() == 1


def test_a_bad_token_shows_a_clear_page(client):
    response = client.get(reverse("surveys:take", args=["bukan-token"]))
    assert response.status_code == 404
    assert "Tautan survei ini tidak dikenal" in response.content.decode()


def test_a_ticket_not_yet_served_shows_when_to_come_back(client, serving_ticket):
    response = client.get(take_url(serving_ticket))
    assert response.status_code == 400
    assert "setelah Anda selesai dilayani" in response.content.decode()


def test_questionnaire_page_query_count_is_bounded(
    client, served_ticket, django_assert_max_num_queries
):
    url = take_url(served_ticket)
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_public_posts_are_rate_limited(client, served_ticket, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"survey_public": "2/minute"},
    }
    url = take_url(served_ticket)
    codes = [client.post(url, form_data(waktu=None)).status_code for _ in range(3)]
    assert codes == [400, 400, 429]
    assert "Terlalu banyak permintaan" in client.post(url, form_data()).content.decode()
    assert client.get(url).status_code == 200  # reading is not limited
    assert not SurveyResponse.objects.exists()


# --- without a ticket ----------------------------------------------------------------------------


def test_unit_survey_is_closed_unless_allowed(client, unit_a):
    url = reverse("surveys:take_unit", args=[unit_a.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "menerima survei setelah Anda dilayani" in response.content.decode()
    client.post(url, form_data())
    assert not SurveyResponse.objects.exists()


def test_unit_survey_where_allowed_is_stored_flagged(client, unit_a):
    SurveySettings.objects.create(unit=unit_a, allow_without_ticket=True)
    url = reverse("surveys:take_unit", args=[unit_a.pk])
    assert "ditandai" in client.get(url).content.decode()
    assert client.post(url, form_data()).status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.is_flagged and saved.source == "none" and saved.unit == unit_a


# --- kiosk mode ----------------------------------------------------------------------------------


def test_kiosk_needs_sign_in(client, location):
    response = client.get(reverse("surveys:kiosk", args=[location.pk]))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_kiosk_is_refused_to_the_front_desk_of_another_location(client, location, region):
    from tanggap.accounts.models import Role
    from tanggap.accounts.tests.factories import RoleAssignmentFactory
    from tanggap.queueing.tests.factories import LocationFactory

    other = UserFactory(username="loket_lain")
    RoleAssignmentFactory(user=other, role=Role.FRONT_DESK, unit=LocationFactory(region=region))
    client.force_login(other)
    assert client.get(reverse("surveys:kiosk", args=[location.pk])).status_code == 403


def test_kiosk_offers_the_latest_served_ticket_and_takes_one_survey_for_it(
    client, front_desk_a, location, queue_service, counter
):
    first = serve(queue_service, counter, front_desk_a)
    latest = serve(queue_service, counter, front_desk_a)
    client.force_login(front_desk_a)
    kiosk_url = reverse("surveys:kiosk", args=[location.pk])
    page = client.get(kiosk_url).content.decode()
    assert f'id="sv-latest">{latest.number}<' in page and first.number in page
    take = reverse("surveys:kiosk_take", args=[location.pk, latest.code])
    assert load_instrument().elements[0].question["id"] in client.get(take).content.decode()
    response = client.post(take, form_data())
    assert response.status_code == 302 and response["Location"] == kiosk_url
    saved = SurveyResponse.objects.get()
    assert saved.channel == "kiosk" and saved.location == location
    # The stored response names no officer; the tablet now offers the other ticket.
    assert "front_desk" not in str(saved.__dict__) and "loket_a" not in str(saved.__dict__)
    assert f'id="sv-latest">{first.number}<' in client.get(kiosk_url).content.decode()
    again = client.get(take, follow=True)
    assert "sudah diisi" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_kiosk_picks_a_served_ticket_by_number(client, front_desk_a, location, served_ticket):
    client.force_login(front_desk_a)
    url = reverse("surveys:kiosk", args=[location.pk])
    response = client.get(url, {"nomor": served_ticket.number.lower()})
    assert response["Location"] == reverse(
        "surveys:kiosk_take", args=[location.pk, served_ticket.code]
    )
    assert "tidak ada di antara" in client.get(url, {"nomor": "Z-999"}).content.decode()


def test_kiosk_refuses_a_ticket_still_being_served(client, front_desk_a, location, serving_ticket):
    client.force_login(front_desk_a)
    url = reverse("surveys:kiosk_take", args=[location.pk, serving_ticket.code])
    response = client.post(url, form_data(), follow=True)
    assert "belum selesai dilayani" in response.content.decode()
    assert not SurveyResponse.objects.exists()


# --- the invitation on the ticket and complaint pages --------------------------------------------


def test_ticket_page_shows_the_survey_only_once_done(client, serving_ticket, front_desk_a):
    from tanggap.queueing import services as queue

    url = reverse("queueing:ticket", args=[serving_ticket.code])
    assert 'id="survey-invite"' not in client.get(url).content.decode()
    assert (
        "slip-survey"
        not in client.get(
            reverse("queueing:ticket_print", args=[serving_ticket.code])
        ).content.decode()
    )
    queue.ticket_finish(ticket=serving_ticket, actor=front_desk_a)
    html = client.get(url).content.decode()
    assert 'id="survey-invite"' in html and "/survei/isi/" in html
    live = client.get(reverse("queueing:ticket_live", args=[serving_ticket.code]))
    assert 'id="survey-invite"' in live.content.decode()
    printed = client.get(reverse("queueing:ticket_print", args=[serving_ticket.code]))
    assert 'id="slip-survey"' in printed.content.decode()
    assert 'src="data:image/png;base64,' in printed.content.decode()


def test_reporter_page_shows_the_survey_once_answered(client, citizen, region, unit_a):
    from tanggap.complaints.models import Complaint

    handler = UserFactory(username="anggota_tim")
    join_team(unit_a, handler)
    verifier = make_verifier(region)
    open_one = bring_to("diproses", region=region, verifier=verifier, unit=unit_a, handler=handler)
    answered = bring_to(
        "ditanggapi", region=region, verifier=verifier, unit=unit_a, handler=handler
    )
    # The signed-in citizen filed both, so their reporter pages open without the secret.
    Complaint.objects.filter(pk__in=[open_one.pk, answered.pk]).update(reporter_user=citizen)
    client.force_login(citizen)

    def page(complaint) -> str:
        response = client.get(reverse("complaints:reporter", args=[complaint.tracking_code]))
        assert response.status_code == 200
        return response.content.decode()

    assert 'id="survey-invite"' not in page(open_one)
    assert 'id="survey-invite"' in page(answered) and "/survei/isi/" in page(answered)
    token = invitation_for_complaint(answered)
    assert client.get(reverse("surveys:take", args=[token])).status_code == 200
