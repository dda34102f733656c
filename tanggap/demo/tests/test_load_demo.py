"""The demo loader: what it produces, that a second run changes nothing, and that the accounts work."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F, Q
from django.test import RequestFactory

from tanggap.accounts.models import RoleAssignment, User
from tanggap.catalog.models import Service, StandardVersion
from tanggap.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from tanggap.demo.people import REFERENCE_DATE
from tanggap.demo.rotation import DECREE_DATE
from tanggap.demo.specs import region_specs
from tanggap.org.models import Area, Official, PositionAssignment, Region, Unit
from tanggap.org.nip import parse_nip

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-load")]

KECAMATAN = {
    "Bakung", "Binangun", "Doko", "Gandusari", "Garum", "Kademangan", "Kanigoro", "Kesamben", "Nglegok",
    "Panggungrejo", "Ponggok", "Sanankulon", "Selopuro", "Selorejo", "Srengat", "Sutojayan", "Talun", "Udanawu",
    "Wates", "Wlingi", "Wonodadi", "Wonotirto",
}  # fmt: skip
STANDARD_COMPONENTS = (
    "requirements", "procedure", "product", "complaint_handling", "legal_basis", "facilities",
    "staff_competence", "internal_supervision", "staff_count", "service_guarantee", "security_guarantee",
    "performance_evaluation",
)  # fmt: skip


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo(demo_output):
    return demo_output


@pytest.fixture
def kab(demo):
    return Region.objects.get(slug="kab-blitar")


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, in primary-key order."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def test_load_demo_prints_the_summary_and_every_demo_account(demo):
    assert "Kabupaten Blitar (kab-blitar): 22 kecamatan" in demo
    assert DEMO_PASSWORD in demo
    for account in DEMO_ACCOUNTS:
        assert account.username in demo


def test_kabupaten_blitar_has_its_22_kecamatan_with_kemendagri_codes_and_sample_villages(kab):
    kecamatan = Area.objects.filter(region=kab, kind=Area.Kind.KECAMATAN)
    assert {k.name for k in kecamatan} == KECAMATAN
    assert {k.code for k in kecamatan} == {f"35.05.{n:02d}" for n in range(1, 23)}
    for kec in kecamatan:
        assert kec.latitude is not None and kec.longitude is not None
        assert kec.children.count() >= 3
        assert all(child.code.startswith(kec.code + ".") for child in kec.children.all())
    assert Area.objects.filter(region=kab, is_remote=True, parent__name="Wonotirto").exists()
    assert Area.objects.filter(region=kab, kind=Area.Kind.KELURAHAN).exists()


def test_two_regions_are_loaded_and_nothing_crosses_between_them(demo):
    regions = Region.objects.filter(slug__in=["kab-blitar", "kota-blitar"])
    assert regions.count() == 2
    assert Area.objects.filter(region__slug="kota-blitar", kind=Area.Kind.KECAMATAN).count() == 3
    assert not Unit.objects.filter(~Q(parent__region=F("region")), parent__isnull=False).exists()
    assert not Unit.objects.filter(~Q(area__region=F("region")), area__isnull=False).exists()
    assert not Unit.objects.filter(~Q(head__region=F("region")), head__isnull=False).exists()
    assert not Official.objects.filter(~Q(unit__region=F("region"))).exists()
    assert not Service.objects.filter(~Q(unit__region=F("region"))).exists()
    assert not Service.objects.filter(~Q(category__region=F("region"))).exists()
    assert not Service.objects.filter(~Q(locations__region=F("region"))).exists()
    assert 10 <= Official.objects.filter(region__slug="kota-blitar").count() <= 20
    assert Service.objects.filter(region__slug="kota-blitar").count() >= 8


def test_the_mpp_opens_six_days_and_offers_at_least_30_services_across_agencies(kab):
    mpp = Unit.objects.get(region=kab, slug="mpp")
    assert mpp.kind == Unit.Kind.MPP and mpp.work_days == "0,1,2,3,4,5"
    booths = Unit.objects.filter(parent=mpp)
    assert booths.count() >= 20 and set(booths.values_list("kind", flat=True)) == {
        Unit.Kind.MPP_BOOTH
    }
    at_mpp = Service.objects.filter(Q(locations=mpp) | Q(locations__parent=mpp)).distinct()
    assert at_mpp.count() >= 30
    assert at_mpp.values("unit").distinct().count() >= 15
    assert (
        at_mpp.filter(standards__status=StandardVersion.Status.ENACTED).distinct().count()
        == at_mpp.count()
    )


def test_every_adminduk_service_is_free_enacted_and_offered_at_dukcapil_every_kecamatan_and_the_mpp(
    kab,
):
    adminduk = Service.objects.filter(region=kab, is_adminduk=True)
    assert adminduk.count() >= 12
    offices = set(
        Unit.objects.filter(region=kab, kind=Unit.Kind.KECAMATAN).values_list("slug", flat=True)
    )
    assert len(offices) == 22
    for service in adminduk:
        standard = service.standards.get(status=StandardVersion.Status.ENACTED)
        assert standard.cost == 0
        assert service.unit.slug == "dukcapil"
        locations = set(service.locations.values_list("slug", flat=True))
        assert {"dukcapil", "mpp-dukcapil"} | offices <= locations
    assert adminduk.filter(locations__kind=Unit.Kind.MOBILE).exists()


def test_no_adminduk_requirement_asks_for_an_rt_rw_cover_letter(demo):
    standards = StandardVersion.objects.filter(service__is_adminduk=True)
    assert standards.count() >= 12 + 6
    for standard in standards:
        for requirement in standard.requirements:
            text = requirement.lower()
            assert "pengantar" not in text and "rt/rw" not in text, (
                standard.service.code,
                requirement,
            )


def test_every_demo_standard_is_enacted_with_all_14_components_and_a_decree(demo):
    standards = StandardVersion.objects.all()
    assert standards.count() == Service.objects.count()
    for standard in standards:
        assert standard.status == StandardVersion.Status.ENACTED and standard.version == 1
        for component in STANDARD_COMPONENTS:
            assert getattr(standard, component), (standard.service.code, component)
        assert standard.duration_value > 0
        assert standard.cost == 0 or standard.cost_note  # every fee says where it comes from
        assert standard.decree_number and standard.decree_date and standard.enacted_at
        assert "{" not in standard.decree_number + standard.complaint_handling + " ".join(
            standard.legal_basis
        )


def test_about_200_fictional_officials_have_valid_nips_that_match_their_records(kab):
    officials = Official.objects.filter(region=kab)
    assert 180 <= officials.count() <= 230
    assert Official.objects.values("nip").distinct().count() == Official.objects.count()
    long_tenure = 0
    for official in Official.objects.all():
        info = parse_nip(official.nip, today=REFERENCE_DATE)
        assert (info.birth_date, info.appointed_on, info.sex) == (
            official.birth_date,
            official.appointed_on,
            official.sex,
        )
        assert 1965 <= official.birth_date.year <= 1998
        assert 22 <= official.appointed_on.year - official.birth_date.year <= 35
        # The demo's rotation decree (14 January 2026) moved 25 of them after the reference date.
        assert official.appointed_on < official.position_started_on <= DECREE_DATE
        history = PositionAssignment.objects.get(official=official, end_date__isnull=True)
        assert (history.unit_id, history.position_title, history.start_date) == (
            official.unit_id,
            official.position_title,
            official.position_started_on,
        )
        long_tenure += (REFERENCE_DATE - official.position_started_on) > dt.timedelta(days=5 * 365)
    assert long_tenure >= 20  # enough candidates for rotation planning


def test_every_regional_unit_is_headed_by_one_of_its_regions_officials(demo):
    for spec in region_specs():
        for unit_spec in spec.units:
            unit = Unit.objects.get(region__slug=spec.slug, slug=unit_spec.slug)
            if (
                unit_spec.vertical
            ):  # BPJS, BPN, PLN, ...: their staff are not the region's civil servants
                assert unit.head is None
            else:
                assert unit.head is not None and unit.head.region_id == unit.region_id, unit.slug


def test_loading_twice_changes_no_row_in_any_table(demo):
    before = snapshot()
    output = load()
    assert "0 records created, 0 updated" in output
    assert snapshot() == before


def test_every_demo_account_signs_in_with_the_demo_password_and_holds_its_role(demo):
    request = RequestFactory().post("/akun/masuk/")
    for account in DEMO_ACCOUNTS:
        user = authenticate(request, username=account.username, password=DEMO_PASSWORD)
        assert user is not None, account.username
        assignment = RoleAssignment.objects.get(user=user)
        assert assignment.role == account.role
        assert (assignment.region.slug if assignment.region else None) == account.region
        assert (assignment.unit.slug if assignment.unit else None) == account.unit
    assert authenticate(request, username="sysadmin", password="bukan-kata-sandinya") is None
    head = Unit.objects.get(region__slug="kab-blitar", slug="dukcapil").head
    assert User.objects.get(username="kadis.dukcapil").official == head


def test_a_reload_keeps_what_people_changed_through_the_app(demo):
    official = Official.objects.get(user__username="loket.kanigoro")
    garum = Unit.objects.get(region__slug="kab-blitar", slug="kecamatan-garum")
    official.unit, official.position_title = garum, "Operator Layanan Operasional (mutasi)"
    official.save()
    user = User.objects.get(username="admin.blitar")
    user.set_password("kata-sandi-baru-123")
    user.save()
    service = Service.objects.get(region__slug="kab-blitar", slug="kia")
    service.standards.update(status=StandardVersion.Status.SUPERSEDED)
    StandardVersion.objects.create(
        service=service, version=2, status=StandardVersion.Status.ENACTED
    )

    load()

    official.refresh_from_db()
    assert official.unit == garum and official.position_title.endswith("(mutasi)")
    assert User.objects.get(username="admin.blitar").check_password("kata-sandi-baru-123")
    assert service.standards.get(status=StandardVersion.Status.ENACTED).version == 2


def test_demo_has_seed_000s_rotation_of_25_officials_enacted_once(demo):
    from django.core.management import call_command

    from tanggap.core.models import AuditEvent
    from tanggap.demo.rotation import DECREE_NUMBER
    from tanggap.org.models import PositionAssignment, RotationDecree

    call_command("load_demo", verbosity=0)  # a second load enacts nothing again
    decree = RotationDecree.objects.get(number=DECREE_NUMBER)
    assert decree.status == RotationDecree.Status.ENACTED
    assert decree.entries.count() == 25
    moved = [e.official for e in decree.entries.select_related("official")]
    assert all(o.position_started_on.isoformat() == "2026-01-14" for o in moved)
    assert PositionAssignment.objects.filter(decree=decree).count() == 25
    assert AuditEvent.objects.filter(
        target_type="org.rotationdecree", target_id=str(decree.pk)
    ).exists()
