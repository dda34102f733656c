"""Every staff route, walked as the users who must be refused it (issue 9, defect 7 and its class).

A staff route is one an anonymous visitor is sent to sign in for (pages) or refused (API). Each is aimed
at Kabupaten Blitar's records and requested by:
- the administrator of another region (Kota Blitar): a route about one of Blitar's records must answer
  "not found" or "forbidden", and a list must not show Blitar's reports, officials or accounts;
- a citizen with an account and no staff role: refused everywhere but the few pages for any signed-in user;
- the view-only leader of Blitar itself: every write (POST) refused;
- a front-desk officer and a complaint handler of Blitar: the administration routes (accounts, structure,
  catalogue management, queue set-up) refused.
Refused writes must change nothing: no INSERT, UPDATE or DELETE reaches a domain table.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tanggap.config.tests.walk import Targets, routes

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("walk-scoping")]

ROUTES = routes()
# 415: a session-signed API write has its CSRF token read from a body it cannot parse, before any view.
REFUSED = {400, 403, 404, 405, 415}
# Pages every signed-in account may open (its own reports, its password, the landing page).
FOR_ANY_ACCOUNT = {
    "core:dashboard",
    "accounts:logout",
    "accounts:password_change",
    "accounts:password_change_done",
    "complaints:mine",
    # An official's own working life; an account without an official record is told so and nothing more.
    "attendance:mine",
    "attendance:leave_request",
    "attendance:my_leave",
    "attendance:pin",
}
ADMINISTRATION = re.compile(
    r"^(users:|org:(region_edit|day_off|area_(create|edit)|unit_(create|edit|archive)"
    r"|official_(create|edit|archive)|decree_)|catalog:(manage|service_|standard_|import)"
    r"|queueing:config_|attendance:settings|org-.*(archive|enact|entries))"
)
# Routes whose parameter names national data, not a record of a region: the year's innovation index
# scheme (Kemendagri's IID) is the same for every region, so another region's office reads it too.
# A province's competition round is shared by every region under it: its page and its proposal list
# (which shows each region only its own units' proposals) are open to the other demo region too.
NATIONAL = {
    "innovation:scheme_detail",
    "innovation:round_detail",
    "innovation-round",
    "innovation-round-proposals",
}
# Tables a refused request may still write: the session, sign-in throttling, the cache.
BOOKKEEPING = ("django_session", "axes_", "tanggap_cache")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\s+(INTO\s+|FROM\s+)?\"?(\w+)", re.IGNORECASE)


def _client(username: str | None = None, user=None) -> Client:
    from tanggap.accounts.models import User

    client = Client(raise_request_exception=False)
    if username or user:
        client.force_login(user or User.objects.get(username=username))
    return client


@pytest.fixture(scope="module")
def blitar(demo_output, django_db_blocker):
    with django_db_blocker.unblock():
        return Targets("kab-blitar")


@pytest.fixture(scope="module")
def staff_routes(blitar, django_db_blocker) -> list[tuple]:
    """(route, url) for every route an anonymous visitor may not use, filled with Blitar's records."""
    found = []
    anonymous = _client()
    with django_db_blocker.unblock():
        for route in ROUTES:
            url = route.url(blitar.fill(route))
            response = anonymous.get(url)
            to_login = response.status_code == 302 and "/akun/masuk/" in response.get(
                "Location", ""
            )
            if to_login or (route.is_api and response.status_code in {401, 403}):
                found.append((route, url))
    return found


@pytest.fixture(scope="module")
def blitar_markers(blitar, django_db_blocker) -> list[str]:
    """Strings only Blitar's own staff may see: report codes, officials' NIPs, account names."""
    from tanggap.accounts.models import RoleAssignment
    from tanggap.complaints.models import Complaint
    from tanggap.org.models import Official

    with django_db_blocker.unblock():
        codes = Complaint.objects.filter(region=blitar.region).values_list(
            "tracking_code", flat=True
        )
        nips = Official.objects.filter(unit__region=blitar.region).values_list("nip", flat=True)
        users = RoleAssignment.objects.filter(region=blitar.region).values_list(
            "user__username", flat=True
        )
        return sorted({*codes, *nips, *users})


def _writes(queries) -> list[str]:
    tables = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and not match.group(3).startswith(BOOKKEEPING):
            tables.append(match.group(3))
    return tables


def _post(client, route, url):
    if route.is_api:
        return client.post(url, "{}", content_type="application/json")
    return client.post(url, {"confirm": "1", "reason": "uji", "message": "uji"})


def _refusals(client, pairs, *, get=True, post=True, pages_they_read=False) -> list[str]:
    """What was not refused. With `pages_they_read`, a POST to a page the user may read anyway passes
    when it answers as the GET does and writes nothing (a page that only shows ignores the method)."""
    problems = []
    for route, url in pairs:
        read = client.get(url)
        if (
            get
            and read.status_code not in REFUSED
            and not (read.status_code == 302 and "/akun/masuk/" in read.get("Location", ""))
        ):
            problems.append(f"GET {url} ({route.name}) -> {read.status_code}")
        if post:
            with CaptureQueriesContext(connection) as queries:
                response = _post(client, route, url)
            like_the_page = pages_they_read and response.status_code == read.status_code
            refused = response.status_code in REFUSED or like_the_page
            if not refused or _writes(queries.captured_queries):
                problems.append(
                    f"POST {url} ({route.name}) -> {response.status_code}, "
                    f"wrote {_writes(queries.captured_queries)}"
                )
    return problems


def test_the_walk_finds_the_staff_routes_of_every_app(staff_routes):
    names = {route.name for route, _url in staff_routes}
    assert {
        "users:user_list",
        "org:official_list",
        "catalog:manage",
        "queueing:config_list",
    } <= names
    assert {"complaints:staff_detail", "surveys:settings", "surveys:report_unit"} <= names
    assert {"org-official-list", "complaints", "complaints-detail"} <= names
    assert len(staff_routes) > 80


def test_another_regions_admin_is_refused_every_record_of_blitar(staff_routes):
    client = _client("admin.kotablitar")
    about_a_record = [(r, u) for r, u in staff_routes if r.params and r.name not in NATIONAL]
    assert len(about_a_record) > 50
    problems = _refusals(client, about_a_record)
    assert not problems, "\n".join(problems)


def test_another_regions_admin_sees_nothing_of_blitar_in_lists(staff_routes, blitar_markers):
    client = _client("admin.kotablitar")
    lists = [(r, u) for r, u in staff_routes if not r.params]
    problems = []
    for route, url in lists:
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = response.content.decode(errors="replace")
        shown = [marker for marker in blitar_markers if marker in body]
        if shown:
            problems.append(f"{url} ({route.name}) shows {shown[:5]}")
    assert not problems, "\n".join(problems)


def test_a_citizen_account_is_refused_every_staff_route(staff_routes):
    from tanggap.accounts.tests.factories import UserFactory

    citizen = _client(user=UserFactory(username="warga.biasa"))
    staff_only = [(r, u) for r, u in staff_routes if r.name not in FOR_ANY_ACCOUNT]
    problems = _refusals(citizen, staff_only)
    assert not problems, "\n".join(problems)


def test_the_view_only_leader_cannot_write_anything(staff_routes):
    problems = _refusals(_client("pimpinan.blitar"), staff_routes, get=False, pages_they_read=True)
    # Signing out is a POST every account may make.
    problems = [p for p in problems if "(accounts:logout)" not in p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", ["loket.kanigoro", "pengaduan.dukcapil"])
def test_front_desk_and_handlers_are_refused_the_administration(staff_routes, username):
    administration = [(r, u) for r, u in staff_routes if ADMINISTRATION.match(r.name)]
    assert len(administration) > 30
    problems = _refusals(_client(username), administration)
    assert not problems, "\n".join(problems)
