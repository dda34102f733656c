"""Open311 GeoReport v2 conformance: every resource in both formats, errors and their codes, API keys,
empty parameters, privacy (rahasia and anonim), the 90-day window, and an independent client app."""

import datetime as dt
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tanggap.complaints.models import (
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    Open311Client,
)
from tanggap.complaints.open311 import keys
from tanggap.complaints.services import complaint_file
from tanggap.complaints.services.workflow import complaint_event_add
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import AreaFactory, RegionFactory

WIB = ZoneInfo("Asia/Jakarta")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=WIB)  # a Monday
BASE = "/open311/v2"
KEY = "kunci-uji-open311-0123456789"
ISO_WITH_ZONE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
DESCRIPTION = "Lampu jalan di perempatan pasar mati sejak seminggu, jalan gelap dan rawan."
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(region, unit_a):
    return ComplaintCategory.objects.create(
        region=region,
        slug="penerangan-jalan",
        name="Penerangan jalan",
        name_en="Street lighting",
        default_unit=unit_a,
        order=1,
    )


@pytest.fixture
def other_category(region):
    return ComplaintCategory.objects.create(region=region, slug="sampah", name="Sampah", order=2)


@pytest.fixture
def app_key(region):
    keys.open311_client_issue(region=region, name="Aplikasi Uji", key=KEY)
    return KEY


@pytest.fixture
def web():
    return Client(enforce_csrf_checks=True)  # Open311 posts carry no CSRF token


def file_report(region, category=None, **kwargs):
    data = {
        "region": region,
        "report_type": "pengaduan",
        "title": "Lampu jalan mati",
        "description": DESCRIPTION,
        "category": category,
        "address": "Jl. Pasar 1",
    }
    data.update(kwargs)
    complaint, _secret = complaint_file(**data)
    return complaint


def post_form(region, category, **extra):
    data = {
        "jurisdiction_id": region.slug,
        "service_code": category.slug,
        "lat": "-8.0983",
        "long": "112.1681",
        "description": DESCRIPTION,
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def as_json(response):
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def as_xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return ET.fromstring(response.content)


def error_of(response, fmt="json"):
    if fmt == "json":
        body = as_json(response)
        assert isinstance(body, list) and len(body) == 1
        assert set(body[0]) == {"code", "description"}
        assert body[0]["code"] == response.status_code
        return body[0]["description"]
    root = as_xml(response)
    assert root.tag == "errors"
    error = root.find("error")
    assert error.findtext("code") == str(response.status_code)
    return error.findtext("description")


# --- discovery and services ------------------------------------------------------------------------


def test_discovery_names_the_endpoint_its_formats_and_where_keys_come_from(web):
    body = as_json(web.get(f"{BASE}/discovery.json"))
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    assert ISO_WITH_ZONE.match(body["changeset"])
    [endpoint] = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]

    root = as_xml(web.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    formats = [f.text for f in root.findall("endpoints/endpoint/formats/format")]
    assert formats == ["text/xml", "application/json"]
    assert root.findtext("endpoints/endpoint/url") == endpoint["url"]


def test_services_lists_the_regions_active_categories_as_an_array_and_as_xml(
    web, region, category, other_category, unit_a
):
    ComplaintCategory.objects.create(region=region, slug="lama", name="Lama", is_active=False)
    body = as_json(web.get(f"{BASE}/services.json", {"jurisdiction_id": region.slug}))
    assert [row["service_code"] for row in body] == ["penerangan-jalan", "sampah"]
    assert body[0] == {
        "service_code": "penerangan-jalan",
        "service_name": "Penerangan jalan",
        "description": "Street lighting",
        "metadata": True,
        "type": "realtime",
        "keywords": "Penerangan jalan, Street lighting",
        "group": unit_a.name,
    }
    root = as_xml(web.get(f"{BASE}/services.xml", {"jurisdiction_id": region.slug}))
    assert root.tag == "services"
    services = root.findall("service")
    assert [s.findtext("service_code") for s in services] == ["penerangan-jalan", "sampah"]
    assert services[0].findtext("metadata") == "true"
    assert services[0].findtext("group") == unit_a.name


def test_service_definition_offers_report_type_and_privacy_as_value_lists(web, region, category):
    body = as_json(
        web.get(f"{BASE}/services/penerangan-jalan.json", {"jurisdiction_id": "kab-uji"})
    )
    assert body["service_code"] == "penerangan-jalan"
    report_type, privacy = body["attributes"]
    assert report_type["code"] == "report_type"
    assert report_type["datatype"] == "singlevaluelist"
    assert [v["key"] for v in report_type["values"]] == ["pengaduan", "aspirasi", "informasi"]
    assert privacy["code"] == "privacy" and privacy["datatype"] == "multivaluelist"
    assert [v["key"] for v in privacy["values"]] == ["rahasia", "anonim"]
    for attribute in body["attributes"]:
        assert set(attribute) == {
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
            "values",
        }
        assert attribute["required"] is False and attribute["variable"] is True

    root = as_xml(web.get(f"{BASE}/services/penerangan-jalan.xml", {"jurisdiction_id": "kab-uji"}))
    assert root.tag == "service_definition"
    attributes = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attributes] == ["report_type", "privacy"]
    keys_ = [v.findtext("key") for v in attributes[0].findall("values/value")]
    assert keys_ == ["pengaduan", "aspirasi", "informasi"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_or_inactive_service_is_404_in_the_format_asked(web, region, category, fmt):
    ComplaintCategory.objects.create(region=region, slug="lama", name="Lama", is_active=False)
    for code in ("tidak-ada", "lama"):
        response = web.get(f"{BASE}/services/{code}.{fmt}", {"jurisdiction_id": region.slug})
        assert response.status_code == 404
        assert code in error_of(response, fmt)


# --- jurisdictions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_jurisdiction_is_404(web, region, category, fmt):
    response = web.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "kab-entah"})
    assert response.status_code == 404
    assert "kab-entah" in error_of(response, fmt)


def test_jurisdiction_may_be_left_out_or_empty_only_when_one_region_is_hosted(
    web, region, category
):
    for params in ({}, {"jurisdiction_id": ""}, {"jurisdiction_id": "  "}):
        response = web.get(f"{BASE}/services.json", params)
        assert response.status_code == 200
        assert as_json(response)[0]["service_code"] == "penerangan-jalan"
    RegionFactory(slug="kota-lain")
    response = web.get(f"{BASE}/services.json", {"jurisdiction_id": ""})
    assert response.status_code == 400
    assert "jurisdiction_id" in error_of(response)


# --- POST requests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["body", "query"])
def test_post_accepts_the_key_and_jurisdiction_in_the_body_or_the_query_string(
    web, region, category, app_key, where
):
    form = post_form(region, category)
    if where == "query":
        query = urllib.parse.urlencode(
            {"api_key": app_key, "jurisdiction_id": form.pop("jurisdiction_id")}
        )
        response = web.post(f"{BASE}/requests.json?{query}", form)
    else:
        response = web.post(f"{BASE}/requests.json", {**form, "api_key": app_key})
    assert response.status_code == 200, response.content
    [row] = as_json(response)
    assert set(row) == {"service_request_id", "service_notice", "account_id"}
    complaint = Complaint.objects.get()
    assert row["service_request_id"] == complaint.tracking_code
    assert complaint.channel == Channel.OPEN311
    assert complaint.open311_client == Open311Client.objects.get()
    assert complaint.category == category
    assert str(complaint.latitude) == "-8.098300" and str(complaint.longitude) == "112.168100"
    assert complaint.report_type == "pengaduan"
    assert not complaint.is_confidential and not complaint.is_anonymous
    assert complaint.title == DESCRIPTION  # the first line, as Open311 has no title
    assert "26-11-2026 10:00 WIB" in row["service_notice"]  # verify by Thursday 10:00


def test_post_answers_xml_with_the_new_id_and_stores_attributes_and_contact(
    web, region, category, app_key
):
    form = post_form(
        region,
        category,
        api_key=app_key,
        lat=None,
        long=None,
        address_string="Jl. Merdeka 5, Kepanjenkidul",
        first_name="Siti",
        last_name="Aminah",
        email="siti@example.com",
        phone="0812 3456 7890",
        account_id="akun-77",
        device_id="perangkat-1",
        media_url="https://foto.example/lampu.jpg",
        **{"attribute[report_type]": "aspirasi", "attribute[privacy][]": ["rahasia", "anonim"]},
    )
    response = web.post(f"{BASE}/requests.xml", form)
    assert response.status_code == 200, response.content
    root = as_xml(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    complaint = Complaint.objects.get()
    assert request.findtext("service_request_id") == complaint.tracking_code
    assert request.findtext("account_id") == "akun-77"
    assert complaint.report_type == "aspirasi"
    assert complaint.is_confidential and complaint.is_anonymous
    assert complaint.address == "Jl. Merdeka 5, Kepanjenkidul"
    assert complaint.reporter_name == "Siti Aminah"
    assert complaint.reporter_email == "siti@example.com"
    assert complaint.reporter_phone.endswith("81234567890")
    assert complaint.source_url == "https://foto.example/lampu.jpg"


def test_post_with_an_address_id_places_the_report_in_that_desa_and_kecamatan(
    web, region, category, app_key
):
    kecamatan = AreaFactory(region=region, kind="kecamatan", code="35.05.01", name="Wlingi")
    desa = AreaFactory(
        region=region, kind="desa", code="35.05.01.2001", name="Beru", parent=kecamatan
    )
    form = post_form(region, category, api_key=app_key, lat="", long="", address_id=desa.code)
    response = web.post(f"{BASE}/requests.json", form)
    assert response.status_code == 200, response.content
    complaint = Complaint.objects.get()
    assert (complaint.kecamatan, complaint.desa) == (kecamatan, desa)
    [row] = as_json(web.get(f"{BASE}/requests/{complaint.tracking_code}.json"))
    assert row["address_id"] == "35.05.01.2001"
    assert row["address"] == "Beru, Wlingi"


def test_empty_optional_post_parameters_behave_as_absent(web, region, category, app_key):
    form = post_form(
        region,
        category,
        api_key=app_key,
        lat="",
        long="",
        address_string="Jl. Pasar 1",
        address_id="",
        email="",
        phone="",
        first_name="",
        media_url="",
        account_id="",
        **{"attribute[report_type]": "", "attribute[privacy][]": ""},
    )
    response = web.post(f"{BASE}/requests.json", form)
    assert response.status_code == 200, response.content
    assert as_json(response)[0]["account_id"] is None
    complaint = Complaint.objects.get()
    assert complaint.latitude is None and complaint.report_type == "pengaduan"
    assert not complaint.is_confidential and complaint.reporter_email == ""


@pytest.mark.parametrize(
    ("change", "status", "mentions"),
    [
        ({"api_key": None}, 403, "api_key"),
        ({"api_key": ""}, 403, "api_key"),
        ({"api_key": "kunci-yang-salah-sekali"}, 403, "api_key"),
        ({"jurisdiction_id": "kab-entah"}, 404, "kab-entah"),
        ({"service_code": None}, 400, "service_code"),
        ({"service_code": "tidak-ada"}, 404, "tidak-ada"),
        ({"lat": None, "long": None}, 400, "lat"),
        ({"lat": "", "long": "", "address_string": "", "address_id": ""}, 400, "address_string"),
        ({"long": None}, 400, "long"),
        ({"lat": "utara"}, 400, "lat"),
        ({"lat": "-91"}, 400, "lat"),
        ({"long": "NaN"}, 400, "long"),
        ({"lat": None, "long": None, "address_id": "99.99"}, 400, "address_id"),
        ({"description": None}, 400, "description"),
        ({"description": "x" * 4001}, 400, "4.000"),
        ({"description": "terlalu pendek"}, 400, "15"),
        ({"attribute[report_type]": "keluhan"}, 400, "report_type"),
        ({"attribute[report_type]": ["aspirasi", "informasi"]}, 400, "report_type"),
        ({"attribute[privacy][]": ["rahasia", "publik"]}, 400, "privacy"),
        ({"email": "bukan-surel"}, 400, "email"),
        ({"phone": "nomor"}, 400, ""),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"address_string": "j" * 301, "lat": None, "long": None}, 400, "300"),
    ],
)
def test_bad_posts_are_refused_with_the_right_code_and_change_nothing(
    web, region, category, app_key, change, status, mentions
):
    form = post_form(region, category, api_key=app_key)
    for name, value in change.items():
        form.pop(name, None)
        if value is not None:
            form[name] = value
    for fmt in ("json", "xml"):
        response = web.post(f"{BASE}/requests.{fmt}", form)
        assert response.status_code == status, response.content
        assert mentions in error_of(response, fmt)
    assert not Complaint.objects.exists()


def test_a_revoked_key_or_another_regions_key_is_refused(web, region, category, app_key):
    other = RegionFactory(slug="kota-lain")
    _client, other_key = keys.open311_client_issue(region=other, name="Aplikasi Kota")
    form = post_form(region, category, api_key=other_key)
    response = web.post(f"{BASE}/requests.json", form)
    assert response.status_code == 403
    assert "jurisdiction_id" in error_of(response)

    keys.open311_client_revoke(client=Open311Client.objects.get(region=region))
    response = web.post(f"{BASE}/requests.json", post_form(region, category, api_key=app_key))
    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_posts_are_rate_limited_per_client_address(web, region, category, app_key, monkeypatch):
    from tanggap.complaints.api import throttles

    monkeypatch.setitem(throttles.RATES, "open311_write", "2/minute")
    codes = [
        web.post(f"{BASE}/requests.json", post_form(region, category, api_key=app_key)).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    response = web.post(f"{BASE}/requests.xml", post_form(region, category, api_key=app_key))
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert error_of(response, "xml")
    assert Complaint.objects.count() == 2


# --- reading requests ---------------------------------------------------------------------------------


def test_a_request_by_id_is_a_list_of_one_with_every_field_in_both_formats(
    web, region, category, unit_a
):
    complaint = file_report(region, category, latitude="-8.100000", longitude="112.200000")
    resolve_due = dt.datetime(2026, 11, 26, 10, 0, tzinfo=WIB)
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Complaint.Status.DISPATCHED, unit=unit_a, resolve_due_at=resolve_due
    )
    complaint_event_add(complaint, action="dispatched", message="Diteruskan ke Dinas A.")
    complaint_event_add(
        complaint,
        action="note",
        message="Catatan internal: cek anggaran.",
        visibility=ComplaintEvent.Visibility.INTERNAL,
    )
    body = as_json(web.get(f"{BASE}/requests/{complaint.tracking_code}.json"))
    assert isinstance(body, list) and len(body) == 1
    row = body[0]
    assert list(row) == REQUEST_FIELDS
    assert row["service_request_id"] == complaint.tracking_code
    assert row["status"] == "open"
    assert row["status_notes"] == "Diteruskan ke Dinas A."  # the latest public step only
    assert row["service_code"] == "penerangan-jalan" and row["service_name"] == "Penerangan jalan"
    assert row["agency_responsible"] == "Dinas A"
    assert row["description"] == DESCRIPTION
    assert row["expected_datetime"] == "2026-11-26T10:00:00+07:00"
    assert row["requested_datetime"] == "2026-11-23T10:00:00+07:00"
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert ISO_WITH_ZONE.match(row[name]), name
    assert (row["lat"], row["long"]) == (-8.1, 112.2)
    assert row["address"] == "Jl. Pasar 1"
    assert row["media_url"] is None  # filed on the web: no client media

    root = as_xml(web.get(f"{BASE}/requests/{complaint.tracking_code}.xml"))
    assert root.tag == "service_requests"
    [request] = root.findall("request")
    assert [child.tag for child in request] == REQUEST_FIELDS
    assert request.findtext("status") == "open"
    assert request.findtext("expected_datetime") == "2026-11-26T10:00:00+07:00"
    assert request.findtext("zipcode") == ""


def test_expected_datetime_is_the_verify_deadline_until_a_resolution_deadline_exists(
    web, region, category
):
    complaint = file_report(region, category)
    [row] = as_json(web.get(f"{BASE}/requests/{complaint.tracking_code}.json"))
    assert row["expected_datetime"] == "2026-11-26T10:00:00+07:00"  # verify: 3 working days
    assert row["agency_responsible"] is None


@pytest.mark.parametrize(
    ("status", "open311"),
    [(s, "open") for s in Complaint.OPEN]
    + [(s, "closed") for s in (*Complaint.FINAL, Complaint.Status.ANSWERED)],
)
def test_every_workflow_status_maps_to_open_or_closed(web, region, category, status, open311):
    complaint = file_report(region, category)
    Complaint.objects.filter(pk=complaint.pk).update(status=status)
    [row] = as_json(web.get(f"{BASE}/requests/{complaint.tracking_code}.json"))
    assert row["status"] == open311
    assert row["service_notice"] == Complaint.Status(status).label
    listed = as_json(web.get(f"{BASE}/requests.json", {"status": open311}))
    assert [r["service_request_id"] for r in listed] == [complaint.tracking_code]
    other = "closed" if open311 == "open" else "open"
    assert as_json(web.get(f"{BASE}/requests.json", {"status": other})) == []


def test_token_answers_the_request_id_it_stands_for(web, region, category):
    complaint = file_report(region, category)
    code = complaint.tracking_code
    assert as_json(web.get(f"{BASE}/tokens/{code}.json")) == [
        {"service_request_id": code, "token": code}
    ]
    root = as_xml(web.get(f"{BASE}/tokens/{code}.xml"))
    assert root.findtext("request/token") == code
    assert root.findtext("request/service_request_id") == code
    for fmt in ("json", "xml"):
        response = web.get(f"{BASE}/tokens/LPR-TIDAKADA.{fmt}")
        assert response.status_code == 404
        assert error_of(response, fmt)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_request_or_resource_is_404_and_a_wrong_method_405(web, region, fmt):
    response = web.get(f"{BASE}/requests/LPR-TIDAKADA.{fmt}")
    assert response.status_code == 404
    assert "LPR-TIDAKADA" in error_of(response, fmt)
    for path in (f"{BASE}/entah.{fmt}", f"{BASE}/requests/a.b.{fmt}", f"{BASE}/services/x/y.{fmt}"):
        response = web.get(path)
        assert response.status_code == 404
        error_of(response, fmt)
    response = web.delete(f"{BASE}/requests.{fmt}")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, POST"
    error_of(response, fmt)


def test_rahasia_reports_never_appear_in_lists_by_id_or_by_token(web, region, category):
    public = file_report(region, category)
    secret = file_report(region, category, is_confidential=True)
    for fmt in ("json", "xml"):
        assert secret.tracking_code not in web.get(f"{BASE}/requests.{fmt}").content.decode()
        for path in (f"requests/{secret.tracking_code}", f"tokens/{secret.tracking_code}"):
            response = web.get(f"{BASE}/{path}.{fmt}")
            assert response.status_code == 404
    ids = f"{public.tracking_code},{secret.tracking_code}"
    listed = as_json(web.get(f"{BASE}/requests.json", {"service_request_id": ids}))
    assert [row["service_request_id"] for row in listed] == [public.tracking_code]


def test_an_anonymous_reporters_identity_appears_nowhere(web, region, category):
    complaint = file_report(
        region,
        category,
        is_anonymous=True,
        reporter_name="Bambang Sutejo",
        reporter_email="bambang@example.com",
        reporter_phone="081299887766",
    )
    complaint_event_add(complaint, action="reply", by_reporter=True, message="Masih gelap.")
    for fmt in ("json", "xml"):
        for path in (
            f"requests.{fmt}",
            f"requests/{complaint.tracking_code}.{fmt}",
            f"tokens/{complaint.tracking_code}.{fmt}",
        ):
            text = web.get(f"{BASE}/{path}").content.decode()
            assert complaint.tracking_code in text
            for secret in ("Bambang", "Sutejo", "bambang@example.com", "81299887766"):
                assert secret not in text


def test_the_list_filters_by_service_status_and_ids_and_answers_newest_first(
    web, region, category, other_category, frozen
):
    first = file_report(region, category)
    frozen.shift(dt.timedelta(hours=1))
    second = file_report(region, other_category)
    frozen.shift(dt.timedelta(hours=1))
    third = file_report(region, category)
    Complaint.objects.filter(pk=third.pk).update(status=Complaint.Status.CLOSED)

    def ids(**params):
        rows = as_json(web.get(f"{BASE}/requests.json", params))
        return [row["service_request_id"] for row in rows]

    assert ids() == [third.tracking_code, second.tracking_code, first.tracking_code]
    assert ids(service_code="penerangan-jalan") == [third.tracking_code, first.tracking_code]
    assert ids(service_code="sampah,penerangan-jalan", status="open") == [
        second.tracking_code,
        first.tracking_code,
    ]
    assert ids(status="open,closed") == ids()
    assert ids(service_code="", status="", start_date="", end_date="") == ids()
    # a list of ids overrides every other filter, in any letter case
    both = f"{first.tracking_code.lower()}, {third.tracking_code}"
    assert ids(service_request_id=both, service_code="sampah", status="open") == [
        third.tracking_code,
        first.tracking_code,
    ]
    response = web.get(f"{BASE}/requests.json", {"service_code": "sampah,tidak-ada"})
    assert response.status_code == 404 and "tidak-ada" in error_of(response)
    response = web.get(f"{BASE}/requests.json", {"status": "selesai"})
    assert response.status_code == 400 and "status" in error_of(response)
    root = as_xml(web.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests" and len(root.findall("request")) == 3


def test_the_list_covers_the_last_90_days_by_default_and_never_more_than_90(
    web, region, category, frozen
):
    frozen.move_to(NOW - dt.timedelta(days=120))
    old = file_report(region, category)
    frozen.move_to(NOW - dt.timedelta(days=30))
    recent = file_report(region, category)
    frozen.move_to(NOW)

    def ids(**params):
        response = web.get(f"{BASE}/requests.json", params)
        assert response.status_code == 200, response.content
        return [row["service_request_id"] for row in as_json(response)]

    assert ids() == [recent.tracking_code]
    assert ids(start_date="2026-07-01T00:00:00+07:00", end_date="2026-09-01T00:00:00+07:00") == [
        old.tracking_code
    ]
    assert ids(start_date="2026-07-20") == [old.tracking_code]  # start + 90 days
    assert ids(end_date="2026-10-24T10:00:00Z") == [recent.tracking_code]  # end - 90 days
    assert ids(start_date="2026-10-24 00:00:00 07:00") == [recent.tracking_code]  # "+" unencoded
    assert ids(service_request_id=old.tracking_code) == [old.tracking_code]  # ids ignore the window
    for params, mentions in [
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "90"),
        ({"start_date": "2026-11-01", "end_date": "2026-10-01"}, "end_date"),
        ({"start_date": "kemarin"}, "start_date"),
        ({"end_date": "2026-13-45"}, "end_date"),
    ]:
        for fmt in ("json", "xml"):
            response = web.get(f"{BASE}/requests.{fmt}", params)
            assert response.status_code == 400
            assert mentions in error_of(response, fmt)


def test_the_list_stops_at_the_maximum(web, region, category, monkeypatch):
    from tanggap.complaints.open311 import views

    monkeypatch.setattr(views, "MAX_RESULTS", 2)
    for _ in range(3):
        file_report(region, category)
    assert len(as_json(web.get(f"{BASE}/requests.json"))) == 2


def test_other_regions_reports_stay_in_their_jurisdiction(web, region, category):
    other = RegionFactory(slug="kota-lain")
    theirs = file_report(other, None)
    ours = file_report(region, category)
    listed = as_json(web.get(f"{BASE}/requests.json", {"jurisdiction_id": region.slug}))
    assert [row["service_request_id"] for row in listed] == [ours.tracking_code]
    response = web.get(
        f"{BASE}/requests/{theirs.tracking_code}.json", {"jurisdiction_id": "kab-uji"}
    )
    assert response.status_code == 404
    # codes are unique across the deployment: without a jurisdiction the id is found
    assert web.get(f"{BASE}/requests/{theirs.tracking_code}.json").status_code == 200


def test_the_list_costs_the_same_few_queries_however_long(web, region, category, unit_a):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert (
                web.get(f"{BASE}/requests.json", {"jurisdiction_id": region.slug}).status_code
                == 200
            )
        return len(ctx.captured_queries)

    file_report(region, category)
    few = count_queries()
    for _ in range(5):
        complaint = file_report(region, category)
        Complaint.objects.filter(pk=complaint.pk).update(unit=unit_a)
    assert count_queries() == few <= 3


def test_xml_stays_well_formed_when_text_holds_control_characters(web, region, category):
    complaint = file_report(region, category, description=DESCRIPTION + "\x0b\x01 <b>&</b>")
    root = as_xml(web.get(f"{BASE}/requests/{complaint.tracking_code}.xml"))
    assert root.findtext("request/description") == DESCRIPTION + " <b>&</b>"


# --- API keys ---------------------------------------------------------------------------------------


def test_an_issued_key_is_shown_once_and_stored_only_hashed_with_a_prefix(region):
    out = io.StringIO()
    call_command("open311_key", "issue", region.slug, "Aplikasi Warga", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    client = Open311Client.objects.get()
    assert len(key) >= 40 and client.key_prefix == key[:8]
    assert key not in client.key_hash and client.key_hash == keys.key_digest(key)
    assert keys.open311_client_for_key(key) == client
    assert keys.open311_client_for_key(key[:-1] + "x") is None
    assert AuditEvent.objects.filter(action="open311_client.issued").count() == 1

    out = io.StringIO()
    call_command("open311_key", "list", region.slug, stdout=out)
    assert client.key_prefix in out.getvalue() and key not in out.getvalue()
    call_command("open311_key", "revoke", region.slug, client.key_prefix, stdout=io.StringIO())
    assert keys.open311_client_for_key(key) is None
    assert AuditEvent.objects.filter(action="open311_client.revoked").count() == 1


def test_the_command_refuses_short_or_reused_keys_and_unknown_regions(region):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("open311_key", "issue", region.slug, "A", "--key", "pendek")
    call_command("open311_key", "issue", region.slug, "A", "--key", KEY, stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("open311_key", "issue", region.slug, "B", "--key", KEY)
    with pytest.raises(CommandError):
        call_command("open311_key", "issue", "kab-entah", "C")
    with pytest.raises(CommandError):
        call_command("open311_key", "revoke", region.slug, "99999")
    assert Open311Client.objects.count() == 1


def test_the_demo_key_is_created_once_by_the_demo_helper_and_works(web, region, category):
    assert keys.open311_client_for_key("demo-open311-key") is None  # nothing creates it by itself
    client = keys.ensure_demo_open311_key(region)
    assert keys.ensure_demo_open311_key(region) == client
    assert Open311Client.objects.count() == 1
    form = post_form(region, category, api_key="demo-open311-key")
    assert web.post(f"{BASE}/requests.json", form).status_code == 200


# --- an independent client app ------------------------------------------------------------------------


def _http(method: str, url: str, data: dict | None = None):
    """Plain urllib, as a third-party app would: (status, content type, body bytes)."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


@pytest.mark.django_db(transaction=True)
def test_an_independent_client_lists_services_posts_a_request_and_reads_it_back(live_server):
    # Setup is the server's business; everything after it uses only urllib, json and xml.etree.
    from tanggap.org.models import Region

    region = Region.objects.create(slug="kab-blitar", name="Kabupaten Blitar")
    ComplaintCategory.objects.create(region=region, slug="jalan-rusak", name="Jalan rusak")
    keys.ensure_demo_open311_key(region)

    root_url = f"{live_server.url}/open311/v2"
    status, ctype, body = _http("GET", f"{root_url}/discovery.json")
    assert status == 200 and ctype.startswith("application/json")
    endpoint = json.loads(body)["endpoints"][0]
    assert "application/json" in endpoint["formats"] and "text/xml" in endpoint["formats"]

    status, ctype, body = _http("GET", f"{root_url}/services.xml?jurisdiction_id=kab-blitar")
    assert status == 200 and ctype.startswith("text/xml")
    services = ET.fromstring(body).findall("service")
    code = services[0].findtext("service_code")
    assert code == "jalan-rusak" and services[0].findtext("metadata") == "true"

    status, _ctype, body = _http(
        "GET", f"{root_url}/services/{code}.json?jurisdiction_id=kab-blitar"
    )
    attributes = {a["code"]: a for a in json.loads(body)["attributes"]}
    assert {v["key"] for v in attributes["report_type"]["values"]} >= {"pengaduan"}

    # key in the query string, jurisdiction in the body, as some apps do
    status, ctype, body = _http(
        "POST",
        f"{root_url}/requests.xml?api_key=demo-open311-key",
        {
            "jurisdiction_id": "kab-blitar",
            "service_code": code,
            "lat": "-8.0983",
            "long": "112.1681",
            "description": "Jalan berlubang besar di depan SDN 1, sudah ada pengendara jatuh.",
            "attribute[report_type]": "pengaduan",
            "email": "warga@example.com",
        },
    )
    assert status == 200, body
    created = ET.fromstring(body)
    assert created.tag == "service_requests"
    request_id = created.findtext("request/service_request_id")
    assert request_id

    status, _ctype, body = _http(
        "GET", f"{root_url}/requests/{request_id}.json?jurisdiction_id=kab-blitar"
    )
    assert status == 200
    [request] = json.loads(body)
    assert request["service_request_id"] == request_id
    assert request["status"] == "open" and request["service_code"] == code
    assert ISO_WITH_ZONE.match(request["requested_datetime"])
    assert ISO_WITH_ZONE.match(request["expected_datetime"])
    assert "warga@example.com" not in body.decode()

    status, _ctype, body = _http(
        "GET", f"{root_url}/requests.xml?jurisdiction_id=kab-blitar&status=open"
    )
    listed = [r.findtext("service_request_id") for r in ET.fromstring(body).findall("request")]
    assert listed == [request_id]

    status, _ctype, body = _http("GET", f"{root_url}/tokens/{request_id}.json")
    assert json.loads(body) == [{"service_request_id": request_id, "token": request_id}]

    status, ctype, body = _http("POST", f"{root_url}/requests.json", {"service_code": code})
    assert status == 403 and ctype.startswith("application/json")
    assert json.loads(body)[0]["code"] == 403


def test_a_new_key_never_starts_with_a_dash_so_its_prefix_can_be_typed_on_the_command_line(
    monkeypatch,
):
    from tanggap.complaints.open311 import keys

    drawn = iter(
        [
            "-leading-dash-key-aaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "plain-key-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        ]
    )
    monkeypatch.setattr(keys.secrets, "token_urlsafe", lambda n: next(drawn))
    assert keys.new_key() == "plain-key-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
