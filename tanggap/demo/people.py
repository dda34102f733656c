"""Fictional officials for the demo: deterministic names, valid NIPs, ranks that fit age and post.

Everything is drawn from one `random.Random(seed)` per region in data-file order and measured from a
fixed reference date, never from today, so every run produces the very same people.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from tanggap.demo.specs import RegionSpec, read_json
from tanggap.org.models import Official
from tanggap.org.nip import make_nip

# The seed articles are dated January 2026; tenures and ranks are counted up to this day.
REFERENCE_DATE = dt.date(2026, 1, 2)
RANKS = [choice.value for choice in Official.Rank]  # I/a ... IV/e, in order
ENTRY_RANK = {"SMA": "II/a", "D3": "II/c", "S1": "III/a", "S2": "III/b"}
YEARS_PER_RANK = 4  # regular promotion (kenaikan pangkat reguler) every four years
MAX_TENURE_DAYS = 8 * 365


@dataclass(frozen=True)
class Tier:
    """A class of post: who plausibly holds it (birth years, education) and its rank band."""

    birth_years: tuple[int, int]
    educations: tuple[str, ...]
    lowest: str
    highest: str
    max_entry_age: int


# Birth years keep everyone below the retirement age (58, or 60 for the top posts) on the reference date.
TIERS = {
    "jpt": Tier(
        (1967, 1975), ("S2",), "IV/b", "IV/d", 30
    ),  # pimpinan tinggi pratama: kepala dinas/badan
    "administrator": Tier(
        (1969, 1983), ("S2", "S1"), "III/d", "IV/b", 32
    ),  # sekretaris, kepala bidang, camat
    "pengawas": Tier(
        (1970, 1988), ("S1", "S1", "S2"), "III/b", "III/d", 33
    ),  # kepala seksi/subbagian
    "ahli": Tier((1975, 1996), ("S1",), "III/a", "IV/a", 35),  # jabatan fungsional ahli
    "terampil": Tier(
        (1976, 1998), ("SMA", "D3"), "II/a", "III/c", 35
    ),  # pelaksana, jabatan terampil
}


@dataclass
class OfficialSpec:
    """One generated official and the units they head."""

    nip: str
    name: str
    front_title: str
    back_title: str
    sex: str
    birth_date: dt.date
    appointed_on: dt.date
    rank: str
    position_title: str
    unit_slug: str
    position_started_on: dt.date
    heads: list[str] = field(default_factory=list)
    account: str | None = None

    @property
    def display_name(self) -> str:
        front = f"{self.front_title} " if self.front_title else ""
        back = f", {self.back_title}" if self.back_title else ""
        return f"{front}{self.name}{back}"


class _Generator:
    def __init__(self, spec: RegionSpec):
        self.rng = random.Random(spec.seed)  # noqa: S311 - reproducible demo data, not secrets
        self.parity = spec.nip_parity
        self.names = read_json("names.json")
        self.used_names: set[str] = set()
        self.used_nips: set[str] = set()

    def name(self, sex: str) -> str:
        given = self.names["male_given" if sex == "L" else "female_given"]
        family = self.names["male_family" if sex == "L" else "female_family"]
        for _ in range(200):
            parts = [self.rng.choice(given)]
            if self.rng.random() < 0.25:
                parts.append(self.rng.choice(given))
            parts.append(self.rng.choice(family))
            name = " ".join(dict.fromkeys(parts))  # no "Dwi Dwi ..."
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        raise RuntimeError("Ran out of distinct demo names; add name parts to names.json.")

    def titles(
        self, *, education: str, domain: str, sex: str, birth_year: int, medical: bool
    ) -> tuple[str, str]:
        degrees = self.names["degrees"]
        if medical:
            return "dr.", (self.rng.choice(degrees["masters_health"]) if education == "S2" else "")
        if education == "SMA":
            return "", ""
        if education == "D3":
            return "", self.rng.choice(degrees["diploma"])
        if birth_year < 1972 and self.rng.random() < 0.4:  # older graduates often carry Drs./Dra.
            front, first = ("Drs." if sex == "L" else "Dra."), ""
        else:
            front, first = "", self.rng.choice(degrees.get(domain, degrees["general"]))
        if education == "S2":
            masters = degrees["masters_health" if domain == "health" else "masters"]
            second = self.rng.choice(masters)
            return front, f"{first}, {second}" if first else second
        return front, first

    def nip(self, *, birth: dt.date, appointed: dt.date, sex: str) -> str:
        # Real sequence numbers are small; odd ones for one region and even for the other keep the two
        # demo regions from ever colliding.
        for sequence in range(1 if self.parity else 2, 999, 2):
            nip = make_nip(
                birth_date=birth,
                appointed_year=appointed.year,
                appointed_month=appointed.month,
                sex=sex,
                sequence=sequence,
            )
            if nip not in self.used_nips:
                self.used_nips.add(nip)
                return nip
        raise RuntimeError("No free NIP sequence number.")

    def official(self, slot: dict, unit_slug: str, domain: str) -> OfficialSpec:
        rng = self.rng
        tier = TIERS[slot["tier"]]
        sex = "L" if rng.random() < 0.55 else "P"
        birth_year = rng.randint(*tier.birth_years)
        birth = dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        latest_year = REFERENCE_DATE.year - 2  # at least a year as CPNS before the current post
        entry_age = rng.randint(22, max(22, min(tier.max_entry_age, latest_year - birth_year)))
        appointed = dt.date(birth_year + entry_age, rng.randint(1, 12), 1)
        education = rng.choice(tier.educations)
        medical = bool(slot.get("medical"))
        entry = ENTRY_RANK["S2" if medical else education]  # doctors enter at III/b
        years = (REFERENCE_DATE - appointed).days // 365
        index = RANKS.index(entry) + years // YEARS_PER_RANK
        index = max(RANKS.index(tier.lowest), min(RANKS.index(tier.highest), index))
        started = REFERENCE_DATE - dt.timedelta(days=rng.randint(20, MAX_TENURE_DAYS))
        started = max(started, appointed.replace(year=appointed.year + 1))
        front, back = self.titles(
            education=education, domain=domain, sex=sex, birth_year=birth_year, medical=medical
        )
        heads = ([unit_slug] if slot.get("head") else []) + list(slot.get("head_of", []))
        return OfficialSpec(
            nip=self.nip(birth=birth, appointed=appointed, sex=sex),
            name=self.name(sex),
            front_title=front,
            back_title=back,
            sex=sex,
            birth_date=birth,
            appointed_on=appointed,
            rank=RANKS[index],
            position_title=slot["title"],
            unit_slug=unit_slug,
            position_started_on=started,
            heads=heads,
            account=slot.get("account"),
        )


def officials_for(spec: RegionSpec) -> list[OfficialSpec]:
    """Every official of a demo region, always the same for the same data files."""
    generator = _Generator(spec)
    people = []
    for unit in spec.units:
        for slot in unit.slots:
            for _ in range(slot.get("count", 1)):
                people.append(generator.official(slot, unit.slug, unit.domain))
    return people
