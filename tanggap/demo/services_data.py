"""Turn the service data files into service specs with a complete, enacted 14-component standard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from tanggap.demo.specs import RegionSpec, UnitSpec, read_json

SERVICE_FILES = {"adminduk": "services_adminduk.json", "mpp": "services_mpp.json"}
ENACTED_AT = dt.time(9, 0)  # decrees are signed in office hours; the exact minute is not on record
FIRST_DECREE_SEQUENCE = 11


@dataclass
class ServiceSpec:
    """A service, where it is offered, and the fields of its first enacted standard."""

    slug: str
    code: str
    unit_slug: str
    category_slug: str
    name: str
    name_en: str
    description: str
    is_adminduk: bool
    is_online: bool
    locations: list[str]
    standard: dict


def _render(text: str, context: dict[str, str]) -> str:
    for placeholder, value in context.items():
        text = text.replace("{" + placeholder + "}", value)
    return text


def _pick(options: dict | str, *keys: str) -> str:
    """A shared text: a plain string, or the first of `keys` present in a dict of variants."""
    if isinstance(options, str):
        return options
    for key in keys:
        if key in options:
            return options[key]
    return options["default"]


def _locations(
    raw: dict, service_set: dict, spec: RegionSpec, units: dict[str, UnitSpec]
) -> list[str]:
    unit = units[raw["unit"]]
    if "locations" in service_set:
        slugs: list[str] = []
        for item in service_set["locations"]:
            slugs += spec.kecamatan_office_slugs() if item == "@kecamatan" else [item]
    else:  # the agency's own office (if it serves citizens) and its booth in any MPP of the region
        slugs = [unit.slug] if unit.is_service_location else []
        slugs += [
            u.slug
            for u in spec.units
            if u.kind == "mpp_booth" and u.slug == f"{u.parent}-{unit.slug}"
        ]
    if raw.get("mobile") and service_set.get("mobile_unit"):
        slugs.append(service_set["mobile_unit"])
    unknown = [slug for slug in slugs if slug not in units]
    if unknown or not slugs:
        raise ValueError(f"{spec.slug}/{raw['slug']}: unknown or missing locations {unknown}")
    return list(dict.fromkeys(slugs))


def _standard(raw: dict, common: dict, unit: UnitSpec, spec: RegionSpec, sequence: int) -> dict:
    defaults = read_json("standard_defaults.json")
    scope = "vertical" if unit.vertical else "regional"
    context = {
        "wilayah": spec.name,
        "perkada": f"Peraturan {spec.fields['head_title']} {spec.short_place}",
        "unit": unit.name,
        "surel": unit.email,
    }
    merged = {**common, **raw}
    legal = (
        list(common.get("legal_basis", []))
        + list(raw.get("legal_basis", []))
        + raw.get("legal_basis_extra", [])
    )
    decree_date = unit.decree_date
    standard = {
        "requirements": merged["requirements"],
        "procedure": merged["procedure"],
        "duration_value": merged["duration_value"],
        "duration_unit": merged["duration_unit"],
        "duration_note": merged.get("duration_note", ""),
        "cost": Decimal(str(merged["cost"])).quantize(Decimal("0.01")),
        "cost_note": merged.get("cost_note", ""),
        "product": merged["product"],
        "complaint_handling": defaults["complaint_handling"][scope],
        "legal_basis": legal,
        "facilities": _pick(defaults["facilities"], unit.domain),
        "staff_competence": _pick(
            defaults["staff_competence"], "vertical" if unit.vertical else unit.domain
        ),
        "internal_supervision": defaults["internal_supervision"][scope],
        "staff_count": merged.get("staff_count", defaults["staff_count"]),
        "service_guarantee": defaults["service_guarantee"],
        "security_guarantee": _pick(defaults["security_guarantee"], unit.domain),
        "performance_evaluation": defaults["performance_evaluation"][scope],
        "decree_number": unit.decree_format.replace("{n}", str(sequence)),
        "decree_date": decree_date,
        "enacted_at": dt.datetime.combine(
            decree_date, ENACTED_AT, tzinfo=ZoneInfo(spec.fields["timezone"])
        ),
    }
    for name, value in standard.items():
        if isinstance(value, str):
            standard[name] = _render(value, context)
        elif isinstance(value, list):
            standard[name] = [_render(item, context) for item in value]
    return standard


def services_for(spec: RegionSpec) -> list[ServiceSpec]:
    """Every service of a demo region with its standard, in a fixed order."""
    units = {unit.slug: unit for unit in spec.units}
    sequences: dict[str, int] = {}
    services = []
    for service_set in spec.service_sets:
        data = read_json(SERVICE_FILES[service_set["from"]])
        common = data.get("common", {})
        wanted = service_set["slugs"]
        for item in data["services"]:
            if wanted != "*" and item["slug"] not in wanted:
                continue
            raw = {**item, "unit": service_set.get("unit", item.get("unit"))}
            unit = units[raw["unit"]]
            # One decree per unit enacts all of that unit's standards, as regions usually do.
            sequence = sequences.setdefault(unit.slug, FIRST_DECREE_SEQUENCE + len(sequences))
            context = {
                "wilayah": spec.name,
                "perkada": f"Peraturan {spec.fields['head_title']} {spec.short_place}",
            }
            services.append(
                ServiceSpec(
                    slug=raw["slug"],
                    code=raw["code"],
                    unit_slug=unit.slug,
                    category_slug=raw.get("category", common.get("category")),
                    name=raw["name"],
                    name_en=raw.get("name_en", ""),
                    description=_render(raw.get("description", ""), context),
                    is_adminduk=raw.get("is_adminduk", common.get("is_adminduk", False)),
                    is_online=raw.get("is_online", False),
                    locations=_locations(raw, service_set, spec, units),
                    standard=_standard(raw, common, unit, spec, sequence),
                )
            )
    if len({s.slug for s in services}) != len(services) or len({s.code for s in services}) != len(
        services
    ):
        raise ValueError(f"{spec.slug}: service slugs and codes must be unique.")
    return services
