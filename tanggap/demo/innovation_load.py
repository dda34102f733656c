"""Inovasi daerah's demo, called by the loader after the kinerja demo: see `innovation.py`."""

from __future__ import annotations

from tanggap.demo.innovation import (
    demo_registry_load,
    demo_scheme_2026,
    demo_snapshots_load,
)
from tanggap.demo.innovation_assessments import demo_assessments_load, demo_spd_evidence_load
from tanggap.demo.innovation_common import data
from tanggap.demo.innovation_ideas import demo_ideas_load
from tanggap.demo.innovation_library import demo_library_load, demo_replications_load
from tanggap.demo.innovation_rounds import JURORS, demo_round_load

OFFICES = {"kab-blitar": "brida.kabblitar", "kota-blitar": "brida.kotablitar"}
ORGANISER = "inovasi.jatim"


def demo_innovation_load(loaded: dict, result, province) -> None:
    """Ideas, registry, evidence, assessments, index snapshots, the province round and the library."""
    if "kab-blitar" not in loaded or "kota-blitar" not in loaded or province is None:
        return
    users = {account.username: user for account, user, _ in result.accounts}
    tally = result.tally
    scheme = demo_scheme_2026(tally)
    kab, kota = loaded["kab-blitar"], loaded["kota-blitar"]
    kab_office, kota_office = users[OFFICES["kab-blitar"]], users[OFFICES["kota-blitar"]]
    ideas = demo_ideas_load(region=kab.region, units=kab.units, office=kab_office, tally=tally)
    kab_innovations = demo_registry_load(
        region=kab.region, units=kab.units, office=kab_office, rows=data()["innovations"],
        ideas=ideas.accepted, tally=tally,
    )  # fmt: skip
    kota_innovations = demo_registry_load(
        region=kota.region, units=kota.units, office=kota_office, rows=data()["kota"], ideas=[],
        tally=tally,
    )  # fmt: skip
    for item, office, innovations in (
        (kab, kab_office, kab_innovations),
        (kota, kota_office, kota_innovations),
    ):
        demo_spd_evidence_load(region=item.region, scheme=scheme, office=office, tally=tally)
        demo_assessments_load(
            region=item.region, scheme=scheme, office=office, innovations=innovations, tally=tally
        )
    demo_snapshots_load(region=kab.region, scheme=scheme, tally=tally)
    officials = {}
    for _username, _name, where, _expertise in JURORS:
        if where:
            item = loaded[where[0]]
            by_pk = {o.pk: o for o in item.officials.values()}
            officials[where] = by_pk.get(item.units[where[1]].head_id)
    demo_round_load(
        province=province, regions=[kab.region, kota.region], organiser=users[ORGANISER],
        officials=officials, tally=tally,
    )  # fmt: skip
    articles = demo_library_load(innovations=kab_innovations, office=kab_office, tally=tally)
    demo_replications_load(
        articles=articles, asker=kota.units["dukcapil"], second=kab.units["kecamatan-garum"],
        office=kab_office, asker_office=kota_office, tally=tally,
    )  # fmt: skip
