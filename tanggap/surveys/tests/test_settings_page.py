"""The unit's survey settings page: who may change them, what is saved and audited."""

import pytest
from django.urls import reverse

from tanggap.core.models import AuditEvent
from tanggap.surveys.models import SurveySettings


@pytest.mark.django_db
def test_unit_head_allows_surveys_without_a_ticket(client, head_a, unit_a):
    client.force_login(head_a)
    url = reverse("surveys:settings", args=[unit_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"allow_without_ticket": "on", "weighting": "exact"})
    assert response.status_code == 302
    saved = SurveySettings.objects.get(unit=unit_a)
    assert saved.allow_without_ticket and saved.weighting == "exact"
    assert AuditEvent.objects.filter(action="survey.settings_updated").count() == 1


@pytest.mark.django_db
def test_front_desk_and_other_units_are_refused(client, front_desk_a, handler_b, unit_a):
    url = reverse("surveys:settings", args=[unit_a.pk])
    for user in (front_desk_a, handler_b):
        client.force_login(user)
        assert client.post(url, {"weighting": "official"}).status_code == 403
    assert not SurveySettings.objects.exists()


@pytest.mark.django_db
def test_bad_weighting_shows_the_form_again_and_saves_nothing(client, head_a, unit_a):
    client.force_login(head_a)
    response = client.post(
        reverse("surveys:settings", args=[unit_a.pk]), {"weighting": "dibulatkan"}
    )
    assert response.status_code == 200
    assert "weighting" in response.context["form"].errors
    assert not SurveySettings.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, unit_a):
    response = client.get(reverse("surveys:settings", args=[unit_a.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_opening_the_page_and_the_questionnaire_writes_nothing(client, head_a, unit_a):
    """Reads never create settings: a unit that never changed them shows (and applies) the defaults."""
    client.force_login(head_a)
    page = client.get(reverse("surveys:settings", args=[unit_a.pk]))
    assert page.status_code == 200
    assert page.context["form"].initial == {"allow_without_ticket": False, "weighting": "official"}
    client.logout()
    closed = client.get(reverse("surveys:take_unit", args=[unit_a.pk]))
    assert closed.status_code == 200 and closed.templates[0].name == "surveys/unit_closed.html"
    assert not SurveySettings.objects.exists()


@pytest.mark.django_db
def test_an_unknown_unit_answers_404(client, head_a):
    client.force_login(head_a)
    assert client.get(reverse("surveys:settings", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_other_units_other_regions_and_citizens_cannot_even_read_the_settings(
    client, front_desk_a, handler_b, citizen, unit_a, other_region
):
    """Issue 9, defect 7: the GET had no permission check (a Kota Blitar admin read Kabupaten Blitar's)."""
    from tanggap.accounts.models import Role
    from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory

    other_admin = UserFactory(username="admin_lain")
    RoleAssignmentFactory(user=other_admin, role=Role.REGION_ADMIN, region=other_region)
    url = reverse("surveys:settings", args=[unit_a.pk])
    for user in (front_desk_a, handler_b, citizen, other_admin):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403, user.username
        assert b"weighting" not in response.content
