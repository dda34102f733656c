"""The audit trail is written by services and can never be rewritten."""

import pytest
from django.http import HttpResponse

from tanggap.accounts.tests.factories import UserFactory
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.middleware import RequestIdMiddleware
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import RegionFactory


@pytest.mark.django_db
def test_audit_record_stores_actor_action_target_and_before_after():
    region = RegionFactory(name="Kabupaten Uji")
    user = UserFactory(full_name="Sari Petugas")
    before = snapshot(region)
    region.name = "Kabupaten Uji Baru"
    event = audit_record(
        actor=user, action="region.updated", target=region, before=before, after=snapshot(region)
    )
    assert event.actor == user
    assert event.actor_label == "Sari Petugas"
    assert event.target_type == "org.region"
    assert event.target_id == str(region.pk)
    assert event.region_id is None  # a region is not owned by a region
    assert event.before["name"] == "Kabupaten Uji"
    assert event.after["name"] == "Kabupaten Uji Baru"


@pytest.mark.django_db
def test_system_actions_are_labelled_sistem():
    region = RegionFactory()
    event = audit_record(actor=None, action="region.checked", target=region)
    assert event.actor is None
    assert event.actor_label == "sistem"


@pytest.mark.django_db
def test_audit_rows_cannot_be_changed_or_deleted():
    event = audit_record(actor=None, action="x.y", target=RegionFactory())
    event.note = "diubah"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(note="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""


@pytest.mark.django_db
def test_audit_rows_carry_the_request_id_of_the_request_that_wrote_them(rf):
    region = RegionFactory()

    def view(request):
        audit_record(actor=None, action="region.checked", target=region)
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="abc123"))
    assert response["X-Request-ID"] == "abc123"
    event = AuditEvent.objects.get(action="region.checked")
    assert event.request_id == "abc123"


@pytest.mark.django_db
def test_audit_rows_outside_a_request_carry_no_request_id():
    event = audit_record(actor=None, action="region.checked", target=RegionFactory())
    assert AuditEvent.objects.get(pk=event.pk).request_id == ""
