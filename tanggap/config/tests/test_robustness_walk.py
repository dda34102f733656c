"""Every route of every app, walked with hostile input, never answers 5xx (issue 9).

The routes come from the URL conf (walk.py), their parameters from the demo's records, so a route added
later is walked too. Each route is probed anonymously and as the region's administrator (who reaches
the deepest pages); the pages' own forms are found and filled with every probe class (probes.py). The
tally per probe class is printed at the end (`pytest -s`); CI runs this on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tanggap.config.tests.probes import Tally, probe_route
from tanggap.config.tests.walk import Targets, forms_of, routes

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("walk-robustness")]

ROUTES = routes()
PAGES = [r for r in ROUTES if not r.is_api]
API = [r for r in ROUTES if r.is_api]
TALLY = Tally()


@pytest.fixture(scope="module")
def targets(demo_output, django_db_blocker):
    with django_db_blocker.unblock():
        yield Targets("kab-blitar")
    print("\n" + TALLY.summary("robustness walk"))


@pytest.fixture(scope="module")
def body_fields(demo_output, django_db_blocker) -> dict[str, list[str]]:
    """The JSON fields each API path takes, from the OpenAPI schema (normalised `{}` placeholders)."""
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    fields: dict[str, list[str]] = {}
    components = schema.get("components", {}).get("schemas", {})
    for path, operations in schema["paths"].items():
        names: set[str] = set()
        for operation in operations.values():
            content = (operation.get("requestBody") or {}).get("content", {})
            for media in content.values():
                ref = media.get("schema", {}).get("$ref", "")
                component = components.get(ref.rsplit("/", 1)[-1], media.get("schema", {}))
                names.update(component.get("properties", {}))
        fields[re.sub(r"\{\w+\}", "{}", path)] = sorted(names)
    return fields


def _clients(demo_output) -> list[tuple[str, Client]]:
    from tanggap.accounts.models import User

    admin = Client(raise_request_exception=False)
    admin.force_login(User.objects.get(username="admin.blitar"))
    return [("anonymous", Client(raise_request_exception=False)), ("admin.blitar", admin)]


def _assert_no_5xx(before: int, route) -> None:
    new = TALLY.failures[before:]
    assert not new, f"{route.name}: {len(new)} answers were 5xx:\n" + "\n".join(new[:20])


@pytest.mark.parametrize("route", PAGES, ids=[r.name for r in PAGES])
def test_no_page_answers_5xx_to_hostile_input(route, targets, demo_output):
    before = len(TALLY.failures)
    values = targets.fill(route)
    for _who, client in _clients(demo_output):
        probe_route(client, route, values, TALLY, forms_of=forms_of)
    _assert_no_5xx(before, route)


@pytest.mark.parametrize("route", API, ids=[r.name for r in API])
def test_no_api_route_answers_5xx_to_hostile_input(route, targets, body_fields, demo_output):
    before = len(TALLY.failures)
    values = targets.fill(route)
    schema_path = "/" + re.sub(r"<\w+>", "{}", route.template)
    fields = body_fields.get(schema_path, [])
    for _who, client in _clients(demo_output):
        probe_route(client, route, values, TALLY, forms_of=forms_of, body_fields=fields)
    _assert_no_5xx(before, route)


def test_the_walk_reaches_every_app():
    apps = {r.name.split(":")[0].split("-")[0] for r in ROUTES}
    assert {
        "core",
        "users",
        "catalog",
        "org",
        "queueing",
        "complaints",
        "surveys",
        "open311",
    } <= apps
    assert {"org", "catalog", "queue", "complaints"} <= {r.name.split("-")[0] for r in API}
