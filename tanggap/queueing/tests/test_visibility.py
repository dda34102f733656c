"""One visibility definition per entity: the selectors' querysets (which counters a user may operate,
which locations' reports they may read, which queues they may configure) agree with the per-object
rules the services, the transition table and the pages use, for every persona and every object."""

from __future__ import annotations

import pytest

from tanggap.core.errors import PermissionDenied
from tanggap.org.tests.factories import UnitFactory
from tanggap.queueing import selectors
from tanggap.queueing.permissions import (
    can_configure_queue,
    can_operate_counter,
    can_view_queue_reports,
)
from tanggap.queueing.reports.analytics import report_locations_visible_to
from tanggap.queueing.tests.factories import CounterFactory, QueueServiceFactory

# Persona → how many of the eight counters it may operate (so the agreement is never vacuous).
PERSONAS = {
    "citizen": 0,
    "front_desk_a": 4,  # unit A's and the booth's below it
    "handler_a": 0,  # a complaint handler runs no counter
    "head_a": 4,
    "unit_admin_a": 4,
    "handler_b": 0,
    "region_admin": 6,  # every counter of the region
    "evaluator": 0,
    "leader": 0,
    "sysadmin": 8,
}

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(region, other_region, unit_a, unit_b):
    """Unit A, a booth below it, unit B, and an office in another region, each with a queue and a counter."""
    booth = UnitFactory(region=region, parent=unit_a, slug="gerai-a", name="Gerai di bawah A")
    elsewhere = UnitFactory(region=other_region, slug="kantor-lain", name="Kantor Lain")
    units = [unit_a, booth, unit_b, elsewhere]
    for unit in units:
        queue = QueueServiceFactory(location=unit)
        CounterFactory(location=unit, services=[queue])
        CounterFactory(location=unit, services=[queue], is_open=False)
    return units


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_counters_a_user_may_operate_are_those_the_rule_allows(request, places, persona):
    user = request.getfixturevalue(persona)
    listed = set(selectors.counters_operable_by(user))
    everywhere = {c for unit in places for c in unit.counters.all()}
    assert listed == {c for c in everywhere if can_operate_counter(user, c.location)}
    assert len(listed) == PERSONAS[persona]
    for counter in everywhere:  # and the page's look-up says the same about each one
        try:
            found = selectors.counter_get_for_operator(user=user, counter_id=counter.pk)
        except PermissionDenied:
            found = None
        assert (found == counter) is (counter in listed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_reports_a_user_may_read_are_those_the_rule_allows(request, places, persona):
    user = request.getfixturevalue(persona)
    listed = set(report_locations_visible_to(user=user))
    assert listed == {unit for unit in places if can_view_queue_reports(user, unit)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_queues_a_user_may_configure_are_those_the_rule_allows(request, places, persona):
    user = request.getfixturevalue(persona)
    listed = set(selectors.locations_configurable_by(user))
    assert listed == {unit for unit in places if can_configure_queue(user, unit)}
