"""The staff pages under /organisasi/: who may open them, forms that refuse bad input, the decree flow."""

import datetime as dt

import pytest
from django.urls import reverse

from tanggap.core.models import AuditEvent
from tanggap.org import services
from tanggap.org.models import (
    Area,
    DayOff,
    Official,
    PositionAssignment,
    Region,
    RotationDecree,
    Unit,
)
from tanggap.org.tests.factories import (
    AreaFactory,
    DayOffFactory,
    RotationDecreeFactory,
    RotationEntryFactory,
    UnitFactory,
    official_in,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"org:{name}", args=args)


@pytest.fixture
def admin_client(client, region_admin):
    client.force_login(region_admin)
    return client


@pytest.fixture
def official_a(unit_a):
    return official_in(unit_a, name="Ani Lestari", position_started_on=dt.date(2019, 7, 1))


# --- access ------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, region):
    response = client.get(url("official_list", region.slug))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_citizen_account_is_refused(client, citizen, region):
    client.force_login(citizen)
    assert client.get(url("index")).status_code == 403
    assert client.get(url("region_detail", region.slug)).status_code == 403


def test_the_index_leads_a_single_region_user_straight_to_the_region(admin_client, region):
    response = admin_client.get(url("index"))
    assert response.status_code == 302
    assert response["Location"] == url("region_detail", region.slug)


def test_the_index_lists_every_region_for_a_sysadmin(client, sysadmin, region, other_region):
    client.force_login(sysadmin)
    response = client.get(url("index"))
    assert response.status_code == 200
    assert "Kabupaten Uji" in response.text and "Kota Lain" in response.text


def test_another_region_is_not_found(admin_client, other_region):
    assert admin_client.get(url("region_detail", other_region.slug)).status_code == 404
    assert admin_client.get(url("official_list", other_region.slug)).status_code == 404


@pytest.mark.parametrize(
    "page",
    [
        "region_detail",
        "area_list",
        "unit_list",
        "official_list",
        "decree_list",
        "region_edit",
        "area_create",
        "unit_create",
        "official_create",
        "decree_create",
    ],
)
def test_every_region_page_opens_for_the_region_admin(admin_client, region, page):
    response = admin_client.get(url(page, region.slug))
    assert response.status_code == 200
    assert "Kabupaten Uji" in response.text


@pytest.mark.parametrize(
    "page", ["region_edit", "area_create", "unit_create", "official_create", "decree_create"]
)
def test_read_only_roles_see_no_forms(client, evaluator, leader, region, page):
    for user in (evaluator, leader):
        client.force_login(user)
        assert client.get(url(page, region.slug)).status_code == 403


def test_read_only_roles_can_read_the_lists_without_action_buttons(
    client, evaluator, region, official_a
):
    client.force_login(evaluator)
    response = client.get(url("official_list", region.slug))
    assert response.status_code == 200
    assert "Ani Lestari" in response.text
    assert url("official_create", region.slug) not in response.text
    assert client.get(url("decree_list", region.slug)).status_code == 200


def test_a_read_only_post_changes_nothing(client, leader, region):
    client.force_login(leader)
    response = client.post(url("region_edit", region.slug), {"name": "Diubah"})
    assert response.status_code == 403
    assert Region.objects.get(pk=region.pk).name == "Kabupaten Uji"


def test_a_unit_b_handler_cannot_open_unit_a_or_its_people(
    client, handler_b, region, unit_a, official_a
):
    client.force_login(handler_b)
    assert client.get(url("unit_detail", region.slug, unit_a.slug)).status_code == 404
    assert client.get(url("official_detail", region.slug, official_a.pk)).status_code == 404
    listing = client.get(url("official_list", region.slug))
    assert listing.status_code == 200 and "Ani Lestari" not in listing.text
    assert client.get(url("decree_list", region.slug)).status_code == 403


# --- lists ---------------------------------------------------------------------------------------------


def test_the_officials_list_shows_tenure_and_filters(admin_client, region, unit_a, official_a):
    official_in(
        unit_a, name="Baru Masuk", position_started_on=dt.date.today() - dt.timedelta(days=40)
    )
    response = admin_client.get(url("official_list", region.slug), {"tenure": 3, "order": "tenure"})
    assert response.status_code == 200
    assert "Ani Lestari" in response.text and "Baru Masuk" not in response.text
    assert "tahun" in response.text  # the tenure column


def test_wrong_filter_values_are_ignored_not_an_error(admin_client, region, official_a):
    response = admin_client.get(
        url("official_list", region.slug),
        {"tenure": "abc", "unit": "99999", "rank": "X", "halaman": "zz"},
    )
    assert response.status_code == 200
    assert "Ani Lestari" in response.text


def test_the_officials_list_takes_constant_queries(
    admin_client, region, unit_a, django_assert_max_num_queries
):
    for _ in range(30):
        official_in(unit_a)
    with django_assert_max_num_queries(8):
        response = admin_client.get(url("official_list", region.slug))
    assert response.status_code == 200
    page = response.context["page"]
    assert (len(page.object_list), page.paginator.count) == (25, 30)


def test_the_unit_tree_takes_constant_queries(admin_client, region, django_assert_max_num_queries):
    parent = UnitFactory(region=region)
    for _ in range(20):
        UnitFactory(region=region, parent=parent)
    with django_assert_max_num_queries(7):
        assert admin_client.get(url("unit_list", region.slug)).status_code == 200


def test_the_area_page_lists_kecamatan_with_their_desa(
    admin_client, region, django_assert_max_num_queries
):
    for i in range(5):
        kec = AreaFactory(region=region, name=f"Kecamatan {i}")
        for j in range(4):
            AreaFactory(region=region, kind="desa", parent=kec, name=f"Desa {i}-{j}")
    with django_assert_max_num_queries(7):
        response = admin_client.get(url("area_list", region.slug))
    assert "Desa 4-3" in response.text


def test_the_official_page_breaks_down_the_nip_and_shows_history(admin_client, region, official_a):
    response = admin_client.get(url("official_detail", region.slug, official_a.pk))
    assert response.status_code == 200
    assert official_a.nip[0:8] in response.text and official_a.nip[15:18] in response.text
    assert "Riwayat jabatan" in response.text
    assert reverse("users:user_create") in response.text


# --- forms ---------------------------------------------------------------------------------------------


def test_region_settings_are_saved(admin_client, region):
    response = admin_client.post(
        url("region_edit", region.slug),
        {
            "name": "Kabupaten Uji",
            "kind": "kabupaten",
            "timezone": "Asia/Makassar",
            "head_title": "Bupati",
            "work_days": ["0", "1", "2", "3", "4", "5"],
            "work_start": "07:30",
            "work_end": "15:00",
        },
    )
    assert response.status_code == 302
    region.refresh_from_db()
    assert (region.timezone, region.work_days, region.work_start) == (
        "Asia/Makassar",
        "0,1,2,3,4,5",
        dt.time(7, 30),
    )


def test_bad_working_hours_show_an_error_and_change_nothing(admin_client, region):
    response = admin_client.post(
        url("region_edit", region.slug),
        {
            "name": "Kabupaten Uji",
            "kind": "kabupaten",
            "timezone": "Asia/Jakarta",
            "work_days": ["0"],
            "work_start": "16:00",
            "work_end": "08:00",
        },
    )
    assert response.status_code == 200
    assert "Jam selesai kerja harus setelah jam mulai." in response.text
    region.refresh_from_db()
    assert region.work_days == "0,1,2,3,4"
    assert not AuditEvent.objects.exists()


def test_days_off_are_added_and_removed_from_the_region_page(admin_client, region):
    response = admin_client.post(
        url("day_off_add", region.slug), {"date": "2026-08-05", "name": "Hari Jadi"}
    )
    assert response.status_code == 302
    day_off = DayOff.objects.get()
    again = admin_client.post(
        url("day_off_add", region.slug), {"date": "2026-08-05", "name": "Lagi"}
    )
    assert again.status_code == 200 and "sudah tercatat" in again.text
    assert admin_client.post(url("day_off_remove", region.slug, day_off.pk)).status_code == 302
    assert not DayOff.objects.exists()


def test_removing_a_day_off_needs_a_post(admin_client, region):
    day_off = DayOffFactory(region=region)
    assert admin_client.get(url("day_off_remove", region.slug, day_off.pk)).status_code == 405
    assert DayOff.objects.exists()


def test_a_desa_without_kecamatan_is_refused_on_the_form(admin_client, region):
    response = admin_client.post(
        url("area_create", region.slug), {"kind": "desa", "code": "1", "name": "Lepas"}
    )
    assert response.status_code == 200
    assert "harus berada di sebuah kecamatan" in response.text
    assert not Area.objects.exists()


def test_a_unit_is_created_and_edited(admin_client, region, unit_a):
    response = admin_client.post(
        url("unit_create", region.slug),
        {
            "kind": "upt",
            "name": "UPT Baru",
            "slug": "upt-baru",
            "parent": unit_a.pk,
            "work_days": ["0", "1"],
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(slug="upt-baru")
    assert (unit.parent, unit.work_days) == (unit_a, "0,1")
    response = admin_client.post(
        url("unit_edit", region.slug, unit.slug),
        {"kind": "upt", "name": "UPT Ganti", "slug": "upt-baru"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.parent, unit.work_days) == ("UPT Ganti", None, "")


def test_an_mpp_booth_without_an_mpp_parent_is_refused_on_the_form(admin_client, region, unit_a):
    response = admin_client.post(
        url("unit_create", region.slug),
        {"kind": "mpp_booth", "name": "Gerai", "slug": "gerai", "parent": unit_a.pk},
    )
    assert response.status_code == 200
    assert "Gerai MPP harus berinduk" in response.text
    assert not Unit.objects.filter(slug="gerai").exists()


def test_archiving_a_unit_needs_a_reason_and_keeps_the_record(admin_client, region):
    unit = UnitFactory(region=region, slug="tutup")
    assert (
        admin_client.post(url("unit_archive", region.slug, unit.slug), {"reason": ""}).status_code
        == 200
    )
    assert Unit.objects.get(pk=unit.pk).is_active
    assert (
        admin_client.post(
            url("unit_archive", region.slug, unit.slug), {"reason": "Digabung"}
        ).status_code
        == 302
    )
    assert Unit.objects.get(pk=unit.pk).archived_reason == "Digabung"


def test_registering_an_official_with_a_wrong_nip_shows_why(admin_client, region, unit_a):
    data = {
        "nip": "198503122010033004",
        "name": "Salah",
        "rank": "III/a",
        "unit": unit_a.pk,
        "position_title": "Analis",
        "position_started_on": "2020-01-06",
    }
    response = admin_client.post(url("official_create", region.slug), data)
    assert response.status_code == 200
    assert "Digit jenis kelamin pada NIP" in response.text
    assert not Official.objects.exists()
    data["nip"] = "19850312 201003 2 004"
    response = admin_client.post(url("official_create", region.slug), data)
    assert response.status_code == 302
    official = Official.objects.get()
    assert (official.nip, official.sex) == ("198503122010032004", "P")


def test_editing_an_official_cannot_move_them_to_another_unit(
    admin_client, region, unit_b, official_a
):
    data = {
        "nip": official_a.nip,
        "name": "Ani L.",
        "rank": official_a.rank,
        "unit": unit_b.pk,
        "position_title": official_a.position_title,
        "position_started_on": "2019-07-01",
    }
    response = admin_client.post(url("official_edit", region.slug, official_a.pk), data)
    assert response.status_code == 302
    official_a.refresh_from_db()
    assert official_a.name == "Ani L."
    assert official_a.unit_id != unit_b.pk  # the disabled field keeps the unit


def test_archiving_an_official_closes_the_position(admin_client, region, official_a):
    response = admin_client.post(
        url("official_archive", region.slug, official_a.pk),
        {"status": "retired", "reason": "Pensiun"},
    )
    assert response.status_code == 302
    assert Official.objects.get(pk=official_a.pk).status == "retired"
    assert PositionAssignment.objects.get(official=official_a).end_date is not None


# --- the rotation decree flow ----------------------------------------------------------------------------


def test_the_whole_decree_flow_in_the_browser(admin_client, region, unit_a, unit_b):
    people = [official_in(unit_a, position_started_on=dt.date(2019, 1, 2)) for _ in range(3)]
    response = admin_client.post(
        url("decree_create", region.slug),
        {
            "number": "800/1/2026",
            "title": "Mutasi",
            "decree_date": "2026-01-05",
            "effective_date": "2026-01-12",
        },
    )
    decree = RotationDecree.objects.get()
    assert response["Location"] == url("decree_entries_add", region.slug, decree.pk)

    lines = "\n".join(f"{p.nip};{unit_b.slug};Analis {i};III/d" for i, p in enumerate(people))
    lines += "\n# komentar diabaikan\n"
    assert (
        admin_client.post(
            url("decree_entries_add", region.slug, decree.pk), {"lines": lines}
        ).status_code
        == 302
    )
    assert decree.entries.count() == 3

    review = admin_client.get(url("decree_detail", region.slug, decree.pk))
    assert review.status_code == 200 and "Analis 2" in review.text

    not_confirmed = admin_client.post(url("decree_enact", region.slug, decree.pk), {})
    assert not_confirmed.status_code == 200
    decree.refresh_from_db()
    assert decree.status == "draft"

    enacted = admin_client.post(url("decree_enact", region.slug, decree.pk), {"confirm": "on"})
    assert enacted.status_code == 302
    decree.refresh_from_db()
    assert decree.status == "enacted"
    assert set(
        Official.objects.filter(pk__in=[p.pk for p in people]).values_list("unit_id", flat=True)
    ) == {unit_b.pk}

    printed = admin_client.get(url("decree_print", region.slug, decree.pk))
    assert printed.status_code == 200
    assert printed.text.count(unit_a.name) == 3 and printed.text.count("Analis ") >= 3
    assert "<script>" not in printed.text and "style=" not in printed.text

    twice = admin_client.post(url("decree_enact", region.slug, decree.pk), {"confirm": "on"})
    assert twice.status_code == 200


def test_pasted_lines_with_mistakes_add_nothing_and_list_every_wrong_line(
    admin_client, region, unit_a, unit_b
):
    good = official_in(unit_a)
    decree = RotationDecreeFactory(region=region)
    lines = f"{good.nip};{unit_b.slug};Analis\n123;{unit_b.slug};Analis\n{good.nip};tidak-ada\nbaris tanpa kolom"
    response = admin_client.post(
        url("decree_entries_add", region.slug, decree.pk), {"lines": lines}
    )
    assert response.status_code == 200
    text = response.text
    assert "Baris 2" in text and "18 angka" in text
    assert "Baris 3" in text and "Baris 4" in text
    assert "Baris 1:" not in text
    assert not decree.entries.exists()


def test_an_enacted_decree_offers_no_changes(admin_client, region, unit_a, unit_b):
    decree = RotationDecreeFactory(region=region, status="enacted")
    entry = RotationEntryFactory(decree=decree, official=official_in(unit_a), to_unit=unit_b)
    detail = admin_client.get(url("decree_detail", region.slug, decree.pk))
    assert url("decree_entries_add", region.slug, decree.pk) not in detail.text
    response = admin_client.post(
        url("decree_entry_remove", region.slug, decree.pk, entry.pk), follow=True
    )
    assert response.status_code == 200
    assert "sudah ditetapkan" in response.text
    assert decree.entries.count() == 1
    bulk = admin_client.post(url("decree_entries_add", region.slug, decree.pk), {"lines": "1;2;3"})
    assert bulk.status_code == 200 and "sudah ditetapkan" in bulk.text


def test_a_draft_entry_is_removed_from_the_review_page(admin_client, region, unit_a, unit_b):
    entry = RotationEntryFactory(
        decree=RotationDecreeFactory(region=region), official=official_in(unit_a), to_unit=unit_b
    )
    response = admin_client.post(url("decree_entry_remove", region.slug, entry.decree_id, entry.pk))
    assert response.status_code == 302
    assert not entry.decree.entries.exists()


def test_unknown_records_are_404_not_500(admin_client, region):
    assert admin_client.get(url("official_detail", region.slug, 999999)).status_code == 404
    assert admin_client.get(url("decree_detail", region.slug, 999999)).status_code == 404
    assert admin_client.get(url("unit_detail", region.slug, "tidak-ada")).status_code == 404
    assert admin_client.get(url("area_edit", region.slug, 999999)).status_code == 404


def test_pages_carry_no_inline_style_or_script(admin_client, region, official_a):
    for page in ("region_detail", "official_list", "unit_list", "area_list", "official_create"):
        text = admin_client.get(url(page, region.slug)).text
        assert "style=" not in text
        assert "<script>" not in text


def test_pages_are_in_indonesian_first_and_english_on_request(admin_client, region, official_a):
    page = admin_client.get(url("official_list", region.slug))
    assert "Pegawai (ASN)" in page.text and 'lang="id"' in page.text
    admin_client.cookies["django_language"] = "en"
    english = admin_client.get(url("official_list", region.slug))
    assert 'lang="en"' in english.text
    assert "Officials (ASN)" in english.text and "Time in position" in english.text
    refused = admin_client.post(url("day_off_add", region.slug), {"date": "", "name": ""})
    assert refused.status_code == 200


def test_the_enact_button_is_offered_as_the_decree_table_says(
    client, region, region_admin, evaluator, unit_a, unit_b
):
    decree = RotationDecreeFactory(region=region)
    RotationEntryFactory(decree=decree, official=official_in(unit_a), to_unit=unit_b)
    enact_url = url("decree_enact", region.slug, decree.pk)
    for user, offered in ((region_admin, True), (evaluator, False)):
        client.force_login(user)
        page = client.get(url("decree_detail", region.slug, decree.pk))
        assert page.status_code == 200
        assert page.context["can_enact"] is offered
        assert (enact_url in page.text) is offered
        assert services.DECREE_FLOW.allows_action("enact", "draft", user, decree) is offered
    decree.status = RotationDecree.Status.ENACTED
    decree.save(update_fields=["status"])
    client.force_login(region_admin)
    page = client.get(url("decree_detail", region.slug, decree.pk))
    assert page.context["can_enact"] is False and enact_url not in page.text
