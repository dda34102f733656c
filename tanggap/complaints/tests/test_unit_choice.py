"""The verifier's unit list: about a hundred units, shown in groups by kind and searchable."""

import pytest

from tanggap.complaints.forms.fields import UnitChoiceField
from tanggap.org.models import Unit
from tanggap.org.tests.factories import UnitFactory


@pytest.fixture
def units(region):
    return [
        UnitFactory(region=region, slug="dukcapil", name="Dinas Dukcapil", kind=Unit.Kind.OPD),
        UnitFactory(
            region=region, slug="kanigoro", name="Kecamatan Kanigoro", kind=Unit.Kind.KECAMATAN
        ),
        UnitFactory(region=region, slug="sanan", name="Kecamatan Sanan", kind=Unit.Kind.KECAMATAN),
    ]


def test_units_are_offered_in_groups_by_kind_in_the_order_of_the_kinds(units, region):
    field = UnitChoiceField(queryset=Unit.objects.filter(region=region).order_by("name"))

    html = field.widget.render("unit", None)

    opd = html.index('<optgroup label="Perangkat Daerah (OPD)">')
    kecamatan = html.index('<optgroup label="Kantor Kecamatan">')
    assert opd < kecamatan
    assert html.index("Dinas Dukcapil") > opd and html.index("Dinas Dukcapil") < kecamatan
    assert html.index("Kecamatan Sanan") > kecamatan
    assert 'data-filter="Cari unit"' in html
    assert html.index('<option value="" selected>') < opd


def test_a_grouped_choice_still_validates_against_the_queryset(units, region, other_region):
    field = UnitChoiceField(queryset=Unit.objects.filter(region=region))
    elsewhere = UnitFactory(region=other_region, slug="lain", name="Dinas Lain")

    assert field.clean(str(units[1].pk)) == units[1]
    with pytest.raises(Exception, match="pilihan|choice"):
        field.clean(str(elsewhere.pk))


def test_the_verify_list_renders_with_a_bounded_number_of_queries(
    units, region, django_assert_max_num_queries
):
    field = UnitChoiceField(queryset=Unit.objects.filter(region=region))

    with django_assert_max_num_queries(1):
        field.widget.render("unit", None)
