"""Finding personal data in free text before it is published: names, phone numbers, e-mail addresses and
NIK-like numbers.

Known values (the data subject's own name, phone, e-mail and NIK) are matched in any spelling the text may
use: a name or a distinctive part of it (3+ letters) as a whole word in any case, a phone number by its
normalised digits (+62 / 0 prefixes, spaces, dashes, dots and brackets ignored), an e-mail in any case, a
NIK with or without separators. Beyond the known values, the shapes are personal data too, whoever they
belong to: any e-mail address, any Indonesian mobile number (08…, 628…, +62 8…) and any 16-digit number
(a NIK or a family-card number). Landline numbers are not flagged unless known: answers routinely give an
office's own line.

Each finding is reported masked, so the warning that names it does not repeat it in full.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from tanggap.core.identity import ascii_digits_form, mask_nik, mask_phone, normalize_phone

NAME = "name"
PHONE = "phone"
EMAIL = "email"
NIK = "nik"

# Name parts that say nothing about who someone is: forms of address, kinship particles, the words
# people write in place of a name, and the 3+ letter pieces of academic titles ("S.Kom", "M.Hum").
NOT_DISTINCTIVE = frozenset(
    {
        "bapak", "ibu", "pak", "saudara", "saudari", "sdr", "sdri", "tuan", "nyonya", "nona", "mas",
        "mbak", "kak", "kakak", "adik", "dik", "bin", "binti", "haji", "hajah", "hajjah", "almarhum",
        "almarhumah", "dan", "van", "der", "den", "von", "pelapor", "warga", "masyarakat", "anonim",
        "hamba", "allah", "tanpa", "nama", "kom", "sos", "ked", "hum", "psi", "farm", "kes", "kep",
        "ars", "sst", "amd", "tek", "pdi", "ling",
    }
)  # fmt: skip

EMAIL_PATTERN = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A run of digits with the separators people type inside phone numbers and NIKs (spaces, dots, dashes,
# brackets, a leading +); the run is then cut into its digit groups.
NUMBER_RUN = re.compile(r"(?<!\w)\(?[0-9](?:[0-9().\-]|[ \t](?=[ \t]*[0-9(]))*")
DIGIT_GROUP = re.compile(r"[0-9]+")
LONGEST_NUMBER = 16


@dataclass(frozen=True)
class PersonalData:
    """One piece of personal data found in a text: its kind (name, phone, email, nik), the value masked,
    and whether it is one of the known values rather than only something of that shape."""

    kind: str
    masked: str
    known: bool


# A finding where the text shows it: start, end, the value itself (to tell two values with the same mask
# apart) and what is reported.
Hit = tuple[int, int, str, PersonalData]


def find_personal_data(
    text: str,
    *,
    known_names: Iterable[str] = (),
    known_phones: Iterable[str] = (),
    known_emails: Iterable[str] = (),
    known_niks: Iterable[str] = (),
) -> list[PersonalData]:
    """The personal data in `text`, each value once, in the order the text shows it."""
    text = _plain_digits(ascii_digits_form(text))
    phones = {_phone_digits(p) for p in known_phones} - {""}
    niks = {re.sub(r"[^0-9]", "", _plain_digits(ascii_digits_form(n))) for n in known_niks} - {""}
    emails = {e.strip().casefold() for e in known_emails if e and e.strip()}
    hits: list[Hit] = [
        (m.start(), m.end(), m.group().casefold(), _email(m.group(), emails))
        for m in EMAIL_PATTERN.finditer(text)
    ]
    hits += _names(text, known_names, taken=[(a, b) for a, b, _v, _i in hits])
    hits += _numbers(text, phones, niks)
    unique: dict[tuple[str, str], PersonalData] = {}
    for _start, _end, value, item in sorted(hits, key=lambda hit: hit[0]):
        unique.setdefault((item.kind, value), item)
    return list(unique.values())


# --- names ------------------------------------------------------------------------------------------

LETTERS = re.compile(r"[^\W\d_]+")


def name_parts(name: str) -> list[str]:
    """The parts of a name that can identify someone: words of 3+ letters that are not titles."""
    words = LETTERS.findall(unicodedata.normalize("NFKC", name or ""))
    return [w for w in words if len(w) >= 3 and w.casefold() not in NOT_DISTINCTIVE]


def _names(text: str, known_names: Iterable[str], *, taken: list[tuple[int, int]]) -> list[Hit]:
    """Whole names, then their distinctive parts, each as a whole word in any case, outside the spans
    already `taken` (e-mail addresses); parts standing next to each other ("Siti Aminah" of "Siti
    Aminah binti Ahmad") are one finding."""
    full, parts = set(), set()
    for name in known_names:
        words = LETTERS.findall(unicodedata.normalize("NFKC", name or ""))
        if len(words) > 1 and name_parts(name):  # "Hamba Allah" names no one
            full.add(r"\W+".join(re.escape(w) for w in words))
        parts.update(re.escape(p) for p in name_parts(name))
    spans: list[tuple[int, int]] = []
    for pattern in [*sorted(full, key=len, reverse=True), *sorted(parts, key=len, reverse=True)]:
        for match in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE):
            if not any(a < match.end() and match.start() < b for a, b in [*taken, *spans]):
                spans.append(match.span())
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and re.fullmatch(r"[ \t]+", text[merged[-1][1] : a]):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [
        (a, b, text[a:b].casefold(), PersonalData(NAME, mask_name(text[a:b]), True))
        for a, b in merged
    ]


def mask_name(name: str) -> str:
    """Each word's first letter, the rest as asterisks: "Siti Aminah" → "S*** A*****"."""
    return " ".join(w[0] + "*" * (len(w) - 1) for w in LETTERS.findall(name))


# --- e-mail addresses ------------------------------------------------------------------------------


def _email(address: str, known: set[str]) -> PersonalData:
    return PersonalData(EMAIL, mask_email(address), address.casefold() in known)


def mask_email(email: str) -> str:
    """The first letter of the mailbox and the domain: "siti@contoh.id" → "s***@contoh.id"."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


# --- phone numbers and NIKs --------------------------------------------------------------------------


def _plain_digits(text: str) -> str:
    """Every decimal digit of any script as its ASCII digit (so no script hides a number)."""
    return "".join(
        str(unicodedata.decimal(c))
        if not c.isascii() and unicodedata.decimal(c, None) is not None
        else c
        for c in text
    )


def _phone_digits(value: str) -> str:
    """A phone number as normalize_phone gives it (62…), or "" when it is not one."""
    try:
        return normalize_phone(value or "")
    except ValidationError:
        return ""


def _numbers(text: str, phones: set[str], niks: set[str]) -> list[Hit]:
    """Phone numbers and 16-digit numbers inside each run of digits and separators.

    A run may hold several numbers ("0812 3456 7890 0813 …"), so from each digit group on, the longest
    following groups that make a phone number are taken, else those that make exactly 16 digits (a NIK),
    else the next group is tried."""
    hits: list[Hit] = []
    for run in NUMBER_RUN.finditer(text):
        groups = list(DIGIT_GROUP.finditer(run.group()))
        i = 0
        while i < len(groups):
            found = _number_at(groups, i, phones=phones, niks=niks)
            if found is None:
                i += 1
                continue
            last, value, item = found
            hits.append(
                (run.start() + groups[i].start(), run.start() + groups[last].end(), value, item)
            )
            i = last + 1
    return hits


def _number_at(
    groups: list[re.Match[str]], i: int, *, phones: set[str], niks: set[str]
) -> tuple[int, str, PersonalData] | None:
    """The number that starts at group `i`: the index of its last group, its digits, the finding."""
    phone, nik = None, None
    digits = ""
    for j in range(i, len(groups)):
        digits += groups[j].group()
        if len(digits) > LONGEST_NUMBER:
            break
        normal = _phone_digits(digits) if digits[0] == "0" or digits[:2] == "62" else ""
        if normal and (normal in phones or normal.startswith("628")):
            phone = (j, normal, PersonalData(PHONE, mask_phone(normal), normal in phones))
        elif len(digits) == LONGEST_NUMBER:
            nik = (j, digits, PersonalData(NIK, mask_nik(digits), digits in niks))
    return phone or nik
