"""The demo queues: which locations queue what, with which counters and entrance kiosks, and that a reload
changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tanggap.accounts.models import User
from tanggap.core.calendar import calendar_for
from tanggap.demo.queues import DEMO_KIOSK_NAME, demo_kiosk_token
from tanggap.org.models import Unit
from tanggap.queueing import selectors, services
from tanggap.queueing.models import Counter, KioskDevice, QueueService, QueueSettings

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-queues")]


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def queue_rows() -> dict[str, list]:
    return {
        "settings": list(QueueSettings.objects.order_by("pk").values()),
        "services": list(QueueService.objects.order_by("pk").values()),
        "counters": list(Counter.objects.order_by("pk").values()),
        "kiosks": list(KioskDevice.objects.order_by("pk").values()),
        "links": list(
            Counter.services.through.objects.order_by("pk").values_list(
                "counter_id", "queueservice_id"
            )
        ),
    }


@pytest.fixture
def demo(demo_output):
    return demo_output


def test_every_kecamatan_office_and_dukcapil_of_both_regions_and_the_mpp_booth_have_a_queue(demo):
    kab_offices = Unit.objects.filter(region__slug="kab-blitar", kind=Unit.Kind.KECAMATAN)
    assert kab_offices.count() == 22
    expected = set(kab_offices) | set(
        Unit.objects.filter(region__slug="kota-blitar", kind=Unit.Kind.KECAMATAN)
    )
    expected |= set(Unit.objects.filter(slug__in=["dukcapil", "mpp-dukcapil"]))
    assert len(expected) == 22 + 3 + 2 + 1
    assert {s.location for s in QueueSettings.objects.select_related("location")} == expected
    for office in kab_offices:
        names = list(office.counters.values_list("name", flat=True))
        assert names == ["Loket 1", "Loket 2"]
        cal = calendar_for(unit=office)
        assert (cal.start.hour, cal.end.hour) == (8, 15)


def test_each_location_queues_exactly_the_adminduk_services_offered_there(demo):
    for location in Unit.objects.filter(queue_settings__isnull=False):
        queued = set(location.queue_services.values_list("service_id", flat=True))
        offered = set(
            location.offered_services.filter(is_adminduk=True).values_list("id", flat=True)
        )
        assert queued == offered, location.slug
        prefixes = list(location.queue_services.order_by("order").values_list("prefix", flat=True))
        assert prefixes[:3] == ["A", "B", "C"] and "I" not in prefixes and "O" not in prefixes


def test_service_times_and_capacity_are_realistic(demo):
    kanigoro = Unit.objects.get(region__slug="kab-blitar", slug="kecamatan-kanigoro")
    minutes = dict(kanigoro.queue_services.values_list("service__slug", "default_service_minutes"))
    assert minutes["ktp-el-baru"] == 10
    assert minutes["kk-baru"] == 8
    assert minutes["akta-kelahiran"] == 12
    capacity = dict(kanigoro.queue_services.values_list("service__slug", "capacity_per_slot"))
    assert capacity["ktp-el-baru"] == 2 and capacity["kia"] == 1


def test_dukcapil_has_six_counters_with_desks_and_every_service_has_a_counter(demo):
    dukcapil = Unit.objects.get(region__slug="kab-blitar", slug="dukcapil")
    counters = list(dukcapil.counters.order_by("order"))
    assert [c.name for c in counters] == [f"Loket {n}" for n in range(1, 7)]
    ktp = QueueService.objects.get(location=dukcapil, service__slug="ktp-el-baru")
    assert set(ktp.counters.values_list("name", flat=True)) == {"Loket 1", "Loket 2", "Loket 6"}
    assert counters[5].services.count() == dukcapil.queue_services.count() == 12
    for location in Unit.objects.filter(queue_settings__isnull=False):
        for queue_service in location.queue_services.all():
            assert queue_service.counters.exists(), (location.slug, queue_service.prefix)


def test_a_second_load_changes_no_queue_record_and_keeps_what_the_location_changed(demo):
    before = queue_rows()
    assert "0 records created, 0 updated" in load()
    assert queue_rows() == before

    kanigoro = Unit.objects.get(region__slug="kab-blitar", slug="kecamatan-kanigoro")
    ktp = QueueService.objects.get(location=kanigoro, service__slug="ktp-el-baru")
    ktp.capacity_per_slot, ktp.prefix = 5, "Z"
    ktp.save()
    Counter.objects.filter(location=kanigoro, name="Loket 2").update(is_open=False)
    load()
    ktp.refresh_from_db()
    assert (ktp.capacity_per_slot, ktp.prefix) == (5, "Z")
    assert not Counter.objects.get(location=kanigoro, name="Loket 2").is_open


def test_every_queue_location_has_one_entrance_kiosk_whose_demo_token_pairs_a_browser(demo, client):
    locations = Unit.objects.filter(queue_settings__isnull=False).select_related("region")
    admin = User.objects.get(username="sysadmin")
    for location in locations:
        kiosks = list(KioskDevice.objects.filter(location=location))
        assert [(k.name, k.is_active, k.created_by) for k in kiosks] == [
            (DEMO_KIOSK_NAME, True, admin)
        ], location.slug
        assert selectors.kiosk_device_by_token(demo_kiosk_token(location)) == kiosks[0]
    kanigoro = locations.get(region__slug="kab-blitar", slug="kecamatan-kanigoro")
    token = demo_kiosk_token(kanigoro)
    assert token == "demo-kiosk-kab-blitar-kecamatan-kanigoro"  # as README and load_demo print it
    response = client.post(reverse("queueing:kiosk_pair"), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("queueing:kiosk", args=[kanigoro.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'name="service"' in page and DEMO_KIOSK_NAME in page


def test_load_demo_prints_how_to_pair_a_kiosk(demo):
    assert "/antrean/kiosk/pasang/#demo-kiosk-kab-blitar-kecamatan-kanigoro" in demo


def test_a_reload_leaves_a_revoked_demo_kiosk_revoked(demo):
    kanigoro = Unit.objects.get(region__slug="kab-blitar", slug="kecamatan-kanigoro")
    kiosk = KioskDevice.objects.get(location=kanigoro)
    services.kiosk_device_revoke(actor=User.objects.get(username="sysadmin"), device=kiosk)
    assert "0 records created" in load()
    assert list(KioskDevice.objects.filter(location=kanigoro).values_list("is_active")) == [
        (False,)
    ]
