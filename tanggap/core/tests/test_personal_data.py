"""find_personal_data: the known person's name, phone, e-mail and NIK in any spelling, and the shapes of
anyone's (e-mail addresses, mobile numbers, 16-digit numbers), reported masked; ordinary figures pass."""

from __future__ import annotations

import pytest

from tanggap.core.personal_data import EMAIL, NAME, NIK, PHONE, PersonalData, find_personal_data

KNOWN = {
    "known_names": ["Dr. Siti Aminah binti Ahmad, S.Kom"],
    "known_phones": ["6281234567890"],
    "known_emails": ["Siti.A@contoh.id"],
    "known_niks": ["3505124107900001"],
}


def found(text: str, **known) -> list[tuple[str, str, bool]]:
    return [
        (item.kind, item.masked, item.known)
        for item in find_personal_data(text, **(known or KNOWN))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yth. Ibu Siti Aminah, terima kasih.", [(NAME, "S*** A*****", True)]),
        ("salam untuk AMINAH", [(NAME, "A*****", True)]),
        ("Siti binti Ahmad hadir", [(NAME, "S***", True), (NAME, "A****", True)]),
        ("Kami menelepon +62 812-3456-7890 kemarin", [(PHONE, "0812****7890", True)]),
        ("nomor (0812) 3456 7890.", [(PHONE, "0812****7890", True)]),
        ("WA 62812.3456.7890", [(PHONE, "0812****7890", True)]),
        ("hubungi ０８１２３４５６７８９０", [(PHONE, "0812****7890", True)]),
        ("surel SITI.A@contoh.ID", [(EMAIL, "S***@contoh.ID", True)]),
        ("NIK 3505 1241 0790 0001", [(NIK, "3505**********01", True)]),
    ],
)
def test_the_known_persons_data_is_found_in_any_spelling(text, expected):
    assert found(text) == expected


def test_anyones_email_mobile_number_and_sixteen_digit_number_is_found_too():
    text = "Pak RT (0813-9999-1111, budi@mail.com) dan KK 3505120101010001."
    assert found(text) == [
        (PHONE, "0813****1111", False),
        (EMAIL, "b***@mail.com", False),
        (NIK, "3505**********01", False),
    ]


def test_two_numbers_side_by_side_are_two_findings():
    assert found("081234567890 081399991111") == [
        (PHONE, "0812****7890", True),
        (PHONE, "0813****1111", False),
    ]


def test_a_known_landline_is_found_but_an_offices_landline_is_not():
    assert found("kantor (0342) 801234") == []
    assert found("rumah (0342) 801234", known_phones=["0342801234"]) == [
        (PHONE, "0342**1234", True)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Jam layanan 08.00-15.30 WIB, Senin 12-03-2024; biaya Rp 1.250.000.000.",
        "Nomor rekening 1234567890123456789 (19 angka) bukan NIK.",
        "Ahmadi dan Sitiawan bukan nama pelapor; dokter dan bapak ibu juga bukan.",
        "Laporan LPR-AB12CD34 ditindaklanjuti dalam 3 hari kerja.",
        "",
    ],
)
def test_ordinary_text_passes(text):
    assert found(text) == []


def test_titles_and_particles_of_a_name_are_not_distinctive():
    assert found("Dr. Kom bin Haji hadir", known_names=["Dr. Bambang bin Haji Slamet, S.Kom"]) == []


def test_a_name_made_only_of_common_words_names_no_one():
    assert found("Terima kasih, Hamba Allah.", known_names=["Hamba Allah"]) == []


def test_an_email_is_one_finding_not_also_the_name_inside_it():
    assert find_personal_data("siti@contoh.id", known_names=["Siti"]) == [
        PersonalData(EMAIL, "s***@contoh.id", False)
    ]
