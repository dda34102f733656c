"""Read the demo data files into plain specs: regions, areas, units and their staffing slots."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_FILES = ("kab_blitar.json", "kota_blitar.json")
DEFAULT_DECREE_DATE = "2025-01-10"
_COORD = Decimal("0.000001")


@cache
def read_json(name: str) -> Any:
    """One data file from tanggap/demo/data, parsed once per process."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def coord(value: float | None) -> Decimal | None:
    """A latitude/longitude as the Decimal the database stores (6 places)."""
    return None if value is None else Decimal(str(value)).quantize(_COORD)


def clock(value: str | None) -> dt.time | None:
    return None if not value else dt.time.fromisoformat(value)


@dataclass
class UnitSpec:
    """One unit to load, with the staffing slots the people generator fills."""

    slug: str
    kind: str
    name: str
    short_name: str = ""
    parent: str | None = None
    area_code: str | None = None
    address: str = ""
    email: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    work_days: str = ""
    work_start: dt.time | None = None
    work_end: dt.time | None = None
    is_service_location: bool = False
    domain: str = "general"
    vertical: bool = False
    decree_format: str = ""
    decree_date: dt.date = dt.date.fromisoformat(DEFAULT_DECREE_DATE)
    slots: list[dict] = field(default_factory=list)


@dataclass
class RegionSpec:
    """Everything one demo region's data file describes."""

    slug: str
    fields: dict
    seed: int
    nip_parity: int
    days_off: list[dict]
    kecamatan: list[dict]
    units: list[UnitSpec]
    service_sets: list[dict]

    @property
    def name(self) -> str:
        return self.fields["name"]

    @property
    def short_place(self) -> str:
        """'Blitar' for both 'Kabupaten Blitar' and 'Kota Blitar'."""
        return self.name.split(" ", 1)[1] if " " in self.name else self.name

    def kecamatan_office_slugs(self) -> list[str]:
        return [u.slug for u in self.units if u.kind == "kecamatan"]


def _email(slug: str, region_slug: str) -> str:
    # .invalid never resolves: demo addresses can't reach anyone.
    return f"{slug}@{region_slug}.demo.invalid"


def _template_slots(unit: dict) -> list[dict]:
    template = unit.get("template")
    if template == "opd":
        bidang = {"title": unit["bidang"], "tier": "administrator"}
        if unit.get("booth"):
            bidang["head_of"] = [unit["booth"]]
        return [
            {"title": unit["head_title"], "tier": "jpt", "head": True},
            {"title": f"Sekretaris {unit['name']}", "tier": "administrator"},
            bidang,
            {"title": unit["analis"], "tier": "ahli"},
        ]
    if template == "puskesmas":
        return [
            {"title": f"Kepala {unit['name']}", "tier": "pengawas", "head": True, "medical": True},
            {"title": "Bidan Ahli Pertama", "tier": "ahli"},
        ]
    return list(unit.get("staff", []))


def _kecamatan_offices(data: dict, region_slug: str, region_name: str) -> list[UnitSpec]:
    conf = data["kecamatan_offices"]
    accounts = conf.get("accounts", {})
    small = conf.get("template") == "kecamatan_small"
    every = conf.get("extra_staff_every", 0)
    offices = []
    for index, kec in enumerate(data["kecamatan"]):
        slug = f"kecamatan-{kec['name'].lower()}"
        slots = [{"title": f"Camat {kec['name']}", "tier": "administrator", "head": True}]
        if not small:
            slots += [
                {"title": f"Sekretaris Kecamatan {kec['name']}", "tier": "administrator"},
                {"title": "Kepala Seksi Pelayanan Umum", "tier": "pengawas"},
            ]
        operator = {"title": "Operator Layanan Operasional", "tier": "terampil"}
        if slug in accounts:
            operator["account"] = accounts[slug]
        slots.append(operator)
        if every and index % every == 0:
            slots.append({"title": "Pengadministrasi Perkantoran", "tier": "terampil"})
        offices.append(
            UnitSpec(
                slug=slug,
                kind="kecamatan",
                name=f"Kantor Kecamatan {kec['name']}",
                short_name=f"Kec. {kec['name']}",
                area_code=kec["code"],
                address=f"Kantor Kecamatan {kec['name']}, {region_name}",
                email=_email(slug, region_slug),
                latitude=coord(kec["lat"]),
                longitude=coord(kec["lon"]),
                work_days=conf["work_days"],
                work_start=clock(conf["work_start"]),
                work_end=clock(conf["work_end"]),
                is_service_location=True,
                domain="adminduk",
                slots=slots,
            )
        )
    return offices


def _unit_spec(
    unit: dict, region_slug: str, region_name: str, kec_by_code: dict, capital: dict
) -> UnitSpec:
    area_code = None if unit.get("vertical") else unit.get("area", capital["code"])
    place = kec_by_code.get(area_code) if area_code else None
    if unit.get("decree_format"):
        decree_format = unit["decree_format"]
    elif unit.get("decree_code"):
        decree_format = f"188/{{n}}/{unit['decree_code']}/2025"
    else:
        decree_format = ""
    return UnitSpec(
        slug=unit["slug"],
        kind=unit["kind"],
        name=unit["name"],
        short_name=unit.get("short_name", ""),
        parent=unit.get("parent"),
        area_code=area_code,
        address=unit.get("address")
        or (f"Kecamatan {place['name']}, {region_name}" if place else region_name),
        email=_email(unit["slug"], region_slug),
        latitude=coord(place["lat"]) if place else None,
        longitude=coord(place["lon"]) if place else None,
        work_days=unit.get("work_days", ""),
        work_start=clock(unit.get("work_start")),
        work_end=clock(unit.get("work_end")),
        is_service_location=unit.get("is_service_location", False),
        domain=unit.get("domain", "general"),
        vertical=unit.get("vertical", False),
        decree_format=decree_format,
        decree_date=dt.date.fromisoformat(unit.get("decree_date", DEFAULT_DECREE_DATE)),
        slots=_template_slots(unit),
    )


def _booths(
    mpp: UnitSpec, agencies: list[str], units_by_slug: dict[str, UnitSpec]
) -> list[UnitSpec]:
    """One booth (gerai) per participating agency, inside the MPP and open on the MPP's days."""
    booths = []
    for agency_slug in agencies:
        agency = units_by_slug[agency_slug]
        booths.append(
            UnitSpec(
                slug=f"{mpp.slug}-{agency_slug}",
                kind="mpp_booth",
                name=f"Gerai {agency.name}",
                short_name=f"Gerai {agency.short_name or agency.name}"[:60],
                parent=mpp.slug,
                area_code=mpp.area_code,
                address=f"{mpp.name}, {mpp.address}",
                email=agency.email,
                latitude=mpp.latitude,
                longitude=mpp.longitude,
                work_days=mpp.work_days,
                work_start=mpp.work_start,
                work_end=mpp.work_end,
                is_service_location=True,
                domain=agency.domain,
                vertical=agency.vertical,
            )
        )
    return booths


def region_spec(file_name: str) -> RegionSpec:
    """Build one region's spec from its data file."""
    data = read_json(file_name)
    fields = dict(data["region"])
    slug = fields.pop("slug")
    fields["work_start"] = clock(fields["work_start"])
    fields["work_end"] = clock(fields["work_end"])
    kec_by_code = {kec["code"]: kec for kec in data["kecamatan"]}
    capital = kec_by_code[data["capital_area"]]
    units = [_unit_spec(unit, slug, fields["name"], kec_by_code, capital) for unit in data["units"]]
    by_slug = {unit.slug: unit for unit in units}
    for raw in data["units"]:
        if raw.get("booths"):
            units += _booths(by_slug[raw["slug"]], raw["booths"], by_slug)
    units += _kecamatan_offices(data, slug, fields["name"])
    if len({unit.slug for unit in units}) != len(units):
        raise ValueError(f"{file_name}: unit slugs must be unique.")
    return RegionSpec(
        slug=slug,
        fields=fields,
        seed=data["seed"],
        nip_parity=data["nip_sequence_parity"],
        days_off=data["days_off"],
        kecamatan=data["kecamatan"],
        units=units,
        service_sets=data["services"],
    )


def region_specs() -> list[RegionSpec]:
    """Every demo region, in load order."""
    return [region_spec(name) for name in REGION_FILES]
