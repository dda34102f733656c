"""NIP validation: 18 digits = birth date, appointment year-month, sex digit, sequence."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tanggap.org.nip import make_nip, parse_nip

TODAY = dt.date(2026, 1, 15)
VALID = "198503122010031004"  # born 12 March 1985, appointed March 2010, male, sequence 004


def test_a_valid_nip_gives_birth_date_appointment_sex_and_sequence():
    info = parse_nip(VALID, today=TODAY)
    assert info.birth_date == dt.date(1985, 3, 12)
    assert info.appointed_on == dt.date(2010, 3, 1)
    assert info.sex == "L"
    assert info.sequence == 4


def test_a_nip_written_with_spaces_is_read_as_its_digits():
    assert parse_nip("19850312 201003 1 004", today=TODAY).nip == VALID


def test_sex_digit_two_means_female():
    assert parse_nip("198503122010032004", today=TODAY).sex == "P"


def test_make_nip_composes_what_parse_nip_reads_back():
    nip = make_nip(
        birth_date=dt.date(1990, 7, 1),
        appointed_year=2015,
        appointed_month=12,
        sex="P",
        sequence=12,
    )
    info = parse_nip(nip, today=TODAY)
    assert (info.birth_date, info.appointed_on, info.sex, info.sequence) == (
        dt.date(1990, 7, 1),
        dt.date(2015, 12, 1),
        "P",
        12,
    )


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19850312201003100", "nip_format"),  # 17 digits
        ("1985031220100310045", "nip_format"),  # 19 digits
        ("", "nip_format"),
        ("19850312201003100A", "nip_format"),  # a letter
        ("198502302010031004", "nip_birth"),  # 30 February
        ("198513012010031004", "nip_birth"),  # month 13
        ("193001012010031004", "nip_birth"),  # born before 1940
        ("203001012010031004", "nip_birth"),  # born in the future
        ("198503122010131004", "nip_appointment"),  # appointment month 13
        ("198503122002031004", "nip_appointment"),  # appointed at 16, before age 18
        ("198503122030031004", "nip_appointment"),  # appointed in the future
        ("198503122010033004", "nip_sex"),  # sex digit 3
        ("198503122010031000", "nip_sequence"),  # sequence 000
    ],
)
def test_an_implausible_nip_is_refused_with_a_reason(nip, code):
    with pytest.raises(ValidationError) as caught:
        parse_nip(nip, today=TODAY)
    assert caught.value.code == code
    assert caught.value.messages[0]  # a sentence the user can act on


def test_the_error_message_is_in_indonesian():
    with pytest.raises(ValidationError) as caught:
        parse_nip("123", today=TODAY)
    assert caught.value.messages == ["NIP harus terdiri dari 18 angka."]
