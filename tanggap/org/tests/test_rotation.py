"""Rotation decrees (SK mutasi): draft, add many moves at once, enact all in one transaction."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tanggap.accounts.models import Role, RoleAssignment
from tanggap.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from tanggap.core.errors import DomainError, InvalidTransition, PermissionDenied
from tanggap.core.models import AuditEvent
from tanggap.org import services
from tanggap.org.models import Official, PositionAssignment, RotationDecree, RotationEntry
from tanggap.org.services import EntryRow, EntryRowsError
from tanggap.org.tenure import tenure_between
from tanggap.org.tests.factories import (
    RotationDecreeFactory,
    RotationEntryFactory,
    UnitFactory,
    official_in,
)

pytestmark = pytest.mark.django_db

EFFECTIVE = dt.date(2026, 1, 12)


@pytest.fixture
def decree(region, region_admin):
    return services.rotation_decree_create(
        actor=region_admin,
        region=region,
        number="800/12/409.1/2026",
        title="Mutasi pejabat administrator",
        decree_date=dt.date(2026, 1, 5),
        effective_date=EFFECTIVE,
    )


def _staff(region, count):
    """`count` officials spread over three units, and three target units to rotate them into."""
    sources = [UnitFactory(region=region, slug=f"asal-{i}") for i in range(3)]
    targets = [UnitFactory(region=region, slug=f"tujuan-{i}") for i in range(3)]
    officials = [
        official_in(sources[i % 3], position_started_on=dt.date(2019, 7, 1)) for i in range(count)
    ]
    return officials, targets


def _fill(actor, decree, officials, targets):
    rows = [
        EntryRow(
            nip=o.nip, unit=targets[i % 3].slug, position_title=f"Kepala Seksi {i}", rank="III/d"
        )
        for i, o in enumerate(officials)
    ]
    return services.rotation_entries_add(actor=actor, decree=decree, rows=rows)


# --- the decree itself -----------------------------------------------------------------------------


def test_a_decree_starts_as_a_draft_and_is_audited(decree):
    assert decree.status == RotationDecree.Status.DRAFT
    assert AuditEvent.objects.get(action="rotation_decree.created").target_id == str(decree.pk)


def test_decree_numbers_are_unique_in_a_region_but_not_across_regions(
    region, other_region, sysadmin, decree
):
    with pytest.raises(DomainError) as caught:
        services.rotation_decree_create(
            actor=sysadmin,
            region=region,
            number="800/12/409.1/2026 ",
            decree_date=EFFECTIVE,
            effective_date=EFFECTIVE,
        )
    assert caught.value.field == "number"
    other = services.rotation_decree_create(
        actor=sysadmin,
        region=other_region,
        number="800/12/409.1/2026",
        decree_date=EFFECTIVE,
        effective_date=EFFECTIVE,
    )
    assert other.pk != decree.pk


def test_the_tmt_cannot_precede_the_decree_date(region, region_admin):
    with pytest.raises(DomainError) as caught:
        services.rotation_decree_create(
            actor=region_admin,
            region=region,
            number="1",
            decree_date=dt.date(2026, 2, 1),
            effective_date=dt.date(2026, 1, 1),
        )
    assert caught.value.field == "effective_date"
    assert not RotationDecree.objects.exists()


def test_only_a_manager_of_the_region_drafts_a_decree(region, head_a, evaluator):
    for actor in (head_a, evaluator):
        with pytest.raises(PermissionDenied):
            services.rotation_decree_create(
                actor=actor,
                region=region,
                number="1",
                decree_date=EFFECTIVE,
                effective_date=EFFECTIVE,
            )


# --- entries ------------------------------------------------------------------------------------------


def test_many_entries_are_added_at_once(region, region_admin, decree):
    officials, targets = _staff(region, 4)
    entries = _fill(region_admin, decree, officials, targets)
    assert len(entries) == 4
    assert decree.entries.count() == 4
    event = AuditEvent.objects.get(action="rotation_decree.entries_added")
    assert [e["nip"] for e in event.after["entries"]] == [o.nip for o in officials]


def test_one_wrong_line_adds_nothing_and_names_every_wrong_line(
    region, other_region, region_admin, decree, unit_b
):
    ok = official_in(UnitFactory(region=region))
    archived = official_in(UnitFactory(region=region), status="archived")
    foreign = official_in(UnitFactory(region=other_region))
    rows = [
        EntryRow(nip=ok.nip, unit=unit_b.slug, position_title="Analis", line=1),
        EntryRow(nip="12345", unit=unit_b.slug, position_title="Analis", line=2),
        EntryRow(nip=foreign.nip, unit=unit_b.slug, position_title="Analis", line=3),
        EntryRow(nip=archived.nip, unit=unit_b.slug, position_title="Analis", line=4),
        EntryRow(nip=ok.nip, unit=unit_b.slug, position_title="Analis", line=5),
        EntryRow(nip=official_in(unit_b).nip, unit="tidak-ada", position_title="Analis", line=6),
        EntryRow(nip=official_in(unit_b).nip, unit=unit_b.slug, position_title="", line=7),
        EntryRow(
            nip=official_in(unit_b).nip,
            unit=unit_b.slug,
            position_title="Analis",
            rank="X/y",
            line=8,
        ),
    ]
    with pytest.raises(EntryRowsError) as caught:
        services.rotation_entries_add(actor=region_admin, decree=decree, rows=rows)
    lines = dict(caught.value.problems)
    assert sorted(lines) == [2, 3, 4, 5, 6, 7, 8]
    assert "18 angka" in lines[2]
    assert "tidak terdaftar" in lines[3]
    assert "tidak aktif" in lines[4]
    assert "lebih dari sekali" in lines[5]
    assert "tidak ada di" in lines[6]
    assert "wajib" in lines[7]
    assert "X/y" in lines[8]
    assert not RotationEntry.objects.exists()


def test_an_official_appears_once_per_decree(region, region_admin, decree, unit_a, unit_b):
    official = official_in(unit_a)
    services.rotation_entry_add(
        actor=region_admin,
        decree=decree,
        official=official,
        to_unit=unit_b,
        to_position_title="Analis",
    )
    with pytest.raises(DomainError) as caught:
        services.rotation_entry_add(
            actor=region_admin,
            decree=decree,
            official=official,
            to_unit=unit_b,
            to_position_title="Lain",
        )
    assert "sudah tercantum" in str(caught.value.message)
    assert decree.entries.count() == 1


def test_the_target_unit_must_be_in_the_decrees_region(other_region, region_admin, decree, unit_a):
    official = official_in(unit_a)
    foreign_unit = UnitFactory(region=other_region)
    with pytest.raises(DomainError) as caught:
        services.rotation_entry_add(
            actor=region_admin,
            decree=decree,
            official=official,
            to_unit=foreign_unit,
            to_position_title="Analis",
        )
    assert caught.value.field == "to_unit"


def test_a_move_that_changes_nothing_is_refused(region_admin, decree, unit_a):
    official = official_in(unit_a, position_title="Analis")
    with pytest.raises(DomainError):
        services.rotation_entry_add(
            actor=region_admin,
            decree=decree,
            official=official,
            to_unit=unit_a,
            to_position_title="Analis",
        )


def test_a_draft_entry_can_be_removed(region_admin, decree, unit_a, unit_b):
    entry = services.rotation_entry_add(
        actor=region_admin,
        decree=decree,
        official=official_in(unit_a),
        to_unit=unit_b,
        to_position_title="Analis",
    )
    services.rotation_entry_remove(actor=region_admin, entry=entry)
    assert not decree.entries.exists()
    assert AuditEvent.objects.filter(action="rotation_decree.entry_removed").count() == 1


# --- enactment ------------------------------------------------------------------------------------------


def test_enacting_a_decree_of_25_officials_moves_them_all_at_once(region, region_admin, decree):
    officials, targets = _staff(region, 25)
    _fill(region_admin, decree, officials, targets)
    before = {o.pk: (o.unit_id, o.position_title) for o in officials}

    services.rotation_decree_enact(actor=region_admin, decree=decree)

    decree.refresh_from_db()
    assert decree.status == RotationDecree.Status.ENACTED
    assert decree.enacted_by == region_admin and decree.enacted_at is not None
    moved = {o.pk: o for o in Official.objects.filter(pk__in=before)}
    for i, official in enumerate(officials):
        after = moved[official.pk]
        assert after.unit == targets[i % 3]
        assert after.position_title == f"Kepala Seksi {i}"
        assert after.rank == "III/d"
        assert after.position_started_on == EFFECTIVE
        # Tenure in the new position starts again on the TMT.
        assert tenure_between(after.position_started_on, dt.date(2026, 4, 12)).total_months == 3
    # History: every old period closed the day before the TMT, every new one open and linked to the decree.
    closed = PositionAssignment.objects.filter(official_id__in=before, end_date__isnull=False)
    assert closed.count() == 25
    assert set(closed.values_list("end_date", flat=True)) == {EFFECTIVE - dt.timedelta(days=1)}
    opened = PositionAssignment.objects.filter(official_id__in=before, end_date__isnull=True)
    assert opened.count() == 25
    assert set(opened.values_list("decree_id", "start_date").distinct()) == {(decree.pk, EFFECTIVE)}
    # Each entry remembers where the official came from.
    for entry in decree.entries.all():
        assert (entry.from_unit_id, entry.from_position_title) == before[entry.official_id]
    # One audit row per official moved, and one for the decree.
    rows = AuditEvent.objects.filter(action="official.rotated")
    assert rows.count() == 25
    sample = rows.get(target_id=str(officials[0].pk))
    assert sample.before["unit"] == before[officials[0].pk][0]
    assert sample.after["unit"] == targets[0].pk
    assert sample.region_id == region.pk and sample.actor == region_admin
    assert AuditEvent.objects.filter(action="rotation_decree.enacted").count() == 1


def test_enacting_takes_the_same_number_of_queries_for_5_or_25_officials(
    region, region_admin, decree
):
    def queries_to_enact(count, number):
        d = services.rotation_decree_create(
            actor=region_admin,
            region=region,
            number=number,
            decree_date=EFFECTIVE,
            effective_date=EFFECTIVE,
        )
        officials, targets = _staff_for(region, count, number)
        _fill(region_admin, d, officials, targets)
        with CaptureQueriesContext(connection) as ctx:
            services.rotation_decree_enact(actor=region_admin, decree=d)
        return len(ctx.captured_queries)

    def _staff_for(region, count, tag):
        sources = [UnitFactory(region=region) for _ in range(3)]
        targets = [UnitFactory(region=region) for _ in range(3)]
        return [
            official_in(sources[i % 3], position_started_on=dt.date(2019, 7, 1))
            for i in range(count)
        ], targets

    small, large = queries_to_enact(5, "SK-5"), queries_to_enact(25, "SK-25")
    assert small == large
    assert large <= 20


def test_enacting_25_officials_stays_within_a_query_budget(
    region, region_admin, decree, django_assert_max_num_queries
):
    officials, targets = _staff(region, 25)
    _fill(region_admin, decree, officials, targets)
    with django_assert_max_num_queries(20):
        services.rotation_decree_enact(actor=region_admin, decree=decree)


def test_enacting_twice_is_refused_and_changes_nothing_more(region, region_admin, decree):
    officials, targets = _staff(region, 2)
    _fill(region_admin, decree, officials, targets)
    services.rotation_decree_enact(actor=region_admin, decree=decree)
    with pytest.raises(InvalidTransition):
        services.rotation_decree_enact(actor=region_admin, decree=decree)
    assert PositionAssignment.objects.count() == 4
    assert AuditEvent.objects.filter(action="official.rotated").count() == 2


def test_an_enacted_decree_is_immutable(region, region_admin, decree, unit_b):
    officials, targets = _staff(region, 1)
    entries = _fill(region_admin, decree, officials, targets)
    services.rotation_decree_enact(actor=region_admin, decree=decree)
    with pytest.raises(DomainError) as caught:
        services.rotation_entry_add(
            actor=region_admin,
            decree=decree,
            official=official_in(unit_b),
            to_unit=targets[0],
            to_position_title="X",
        )
    assert caught.value.status == 409
    with pytest.raises(DomainError):
        services.rotation_entry_remove(actor=region_admin, entry=entries[0])
    with pytest.raises(DomainError):
        services.rotation_decree_update(actor=region_admin, decree=decree, number="lain")
    assert decree.entries.count() == 1


def test_the_decree_state_machine_allows_only_draft_to_enacted():
    assert services.DECREE_FLOW.pairs() == [("draft", "enacted")]
    assert services.DECREE_FLOW.targets("enacted") == []
    assert services.DECREE_FLOW.actions() == ["enact"]


def test_an_empty_decree_is_not_enacted(region_admin, decree):
    with pytest.raises(DomainError) as caught:
        services.rotation_decree_enact(actor=region_admin, decree=decree)
    assert caught.value.code == "empty_decree"
    decree.refresh_from_db()
    assert decree.status == "draft"


def test_a_tmt_not_after_the_current_position_start_is_refused_and_nothing_moves(
    region, region_admin, unit_a, unit_b
):
    early = RotationDecreeFactory(
        region=region, decree_date=dt.date(2021, 1, 1), effective_date=dt.date(2021, 1, 1)
    )
    late_starter = official_in(unit_a, position_started_on=dt.date(2022, 5, 2))
    on_time = official_in(unit_a, position_started_on=dt.date(2019, 5, 2))
    RotationEntryFactory(decree=early, official=late_starter, to_unit=unit_b)
    RotationEntryFactory(decree=early, official=on_time, to_unit=unit_b)
    with pytest.raises(DomainError) as caught:
        services.rotation_decree_enact(actor=region_admin, decree=early)
    assert late_starter.name in str(caught.value.message)
    assert Official.objects.filter(unit=unit_b).count() == 0
    assert PositionAssignment.objects.filter(end_date__isnull=False).count() == 0


def test_a_head_who_leaves_the_unit_no_longer_heads_it(
    region, region_admin, decree, unit_a, unit_b
):
    head = official_in(unit_a, position_title="Kepala Dinas")
    unit_a.head = head
    unit_a.save()
    services.rotation_entry_add(
        actor=region_admin,
        decree=decree,
        official=head,
        to_unit=unit_b,
        to_position_title="Staf Ahli",
    )
    services.rotation_decree_enact(actor=region_admin, decree=decree)
    unit_a.refresh_from_db()
    assert unit_a.head is None


def test_unit_head_cannot_enact(region, head_a, region_admin, decree, unit_a, unit_b):
    services.rotation_entry_add(
        actor=region_admin,
        decree=decree,
        official=official_in(unit_a),
        to_unit=unit_b,
        to_position_title="Analis",
    )
    with pytest.raises(PermissionDenied):
        services.rotation_decree_enact(actor=head_a, decree=decree)
    decree.refresh_from_db()
    assert decree.status == "draft"


def test_moved_officials_lose_their_unit_roles_on_the_unit_they_leave(
    region, region_admin, decree, unit_a, unit_b
):
    official = official_in(unit_a)
    official.user = UserFactory()
    official.save()
    RoleAssignmentFactory(user=official.user, role=Role.COMPLAINT_HANDLER, unit=unit_a)
    elsewhere = RoleAssignmentFactory(user=official.user, role=Role.FRONT_DESK, unit=unit_b)
    services.rotation_entry_add(
        actor=region_admin,
        decree=decree,
        official=official,
        to_unit=unit_b,
        to_position_title="Analis",
    )
    services.rotation_decree_enact(actor=region_admin, decree=decree)
    assert list(RoleAssignment.objects.filter(user=official.user)) == [elsewhere]
    revoked = AuditEvent.objects.get(action="role.revoked")
    assert (revoked.before["role"], revoked.before["unit"], revoked.note) == (
        "complaint_handler",
        unit_a.pk,
        decree.number,
    )
