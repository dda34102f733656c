"""Demo complaints: categories, routing rules, deadline policies, responsive teams and about five
months of Kabupaten Blitar's reports with their whole history, then the first routing model.

Natural keys: categories by (region, slug), rules by (region, category, kecamatan), policies by
(region, name), team users by username, team members by (unit, user), reports by their tracking code
LPR-DEMO0001 … Like the rest of the loader nothing is deleted and a second run changes nothing: a
report that exists is never touched again (its workflow owns it), and the routing model is trained
only while the region has none.

The reports (complaint_history.py) are drawn from `random.Random(SEED)` over data/complaints.json, so
every run writes the same reports; their times count back from the hour of the first load, so the demo
always has new, overdue, answered and closed reports. The history is written straight into the
models with past timestamps (the services stamp `now`), following the workflow's own rules: verify
and dispatch within working hours, response and resolve deadlines from dispatch on the handling unit's
calendar, a reopen clears the answer and restarts the resolve clock, a rating closes the report, an
unrated answer closes by itself after the reporter's response window.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from tanggap.accounts.models import Role, RoleAssignment, User
from tanggap.complaints.models import (
    Complaint,
    ComplaintCategory,
    RoutingModel,
    RoutingRule,
    SlaPolicy,
    TeamMember,
)
from tanggap.demo.complaint_drafts import write_drafts
from tanggap.demo.complaint_history import CODE, COUNT, HistoryGenerator, material
from tanggap.demo.sync import Tally, fill_if_empty, sync_rows
from tanggap.org.models import Area, Official, Region, Unit

REGION = "kab-blitar"  # the region whose reports are generated (categories etc. go to every region)
TEAM_SIZE = 2
VERIFIER = "admin.blitar"  # the demo account that verifies and dispatches


# --- configuration: categories, rules, policies -------------------------------------------------------


def _categories(
    region: Region, units: dict[str, Unit], tally: Tally
) -> dict[str, ComplaintCategory]:
    rows = [
        {
            "region_id": region.pk,
            "slug": c["slug"],
            "name": c["name"],
            "name_en": c["name_en"],
            "default_unit_id": units[c["unit"]].pk if c["unit"] in units else None,
            "is_active": True,
            "order": order,
        }
        for order, c in enumerate(material()["categories"], start=1)
    ]
    found = sync_rows(
        ComplaintCategory,
        rows,
        key=("region_id", "slug"),
        existing=ComplaintCategory.objects.filter(region=region),
        tally=tally,
        create_only={
            "default_unit_id",
            "is_active",
            "order",
        },  # the region's own settings afterwards
    )
    return {slug: category for (_, slug), category in found.items()}


def _rules(region, categories, units, kecamatan: dict[str, Area], tally: Tally) -> None:
    rows = [
        {
            "region_id": region.pk,
            "category_id": categories[r["category"]].pk,
            "area_id": kecamatan[r["kecamatan"]].pk,
            "unit_id": units[r["unit"]].pk,
        }
        for r in material()["rules"]
        if r["unit"] in units and r["kecamatan"] in kecamatan
    ]
    sync_rows(
        RoutingRule,
        rows,
        key=("region_id", "category_id", "area_id"),
        existing=RoutingRule.objects.filter(region=region),
        tally=tally,
        create_only={"unit_id"},
    )


def _policies(region, categories, tally: Tally) -> None:
    rows = []
    for p in material()["policies"]:
        rows.append(
            {
                "region_id": region.pk,
                "name": p["name"],
                "category_id": categories[p["category"]].pk if p["category"] else None,
                "report_type": p["report_type"],
                "verify_value": p["verify"][0],
                "verify_unit": p["verify"][1],
                "response_value": p["response"][0],
                "response_unit": p["response"][1],
                "resolve_value": p["resolve"][0],
                "resolve_unit": p["resolve"][1],
            }
        )
    values = {k for row in rows for k in row} - {"region_id", "name"}
    sync_rows(
        SlaPolicy,
        rows,
        key=("region_id", "name"),
        existing=SlaPolicy.objects.filter(region=region),
        tally=tally,
        create_only=values,  # targets are the region's to change once the policy exists
    )


# --- responsive teams -----------------------------------------------------------------------------------


def _team_units(
    region: Region, units: dict[str, Unit], kecamatan_units: dict[int, Unit]
) -> list[Unit]:
    data = material()
    slugs = {c["unit"] for c in data["categories"] if c["unit"]}
    slugs |= {r["unit"] for r in data["rules"]}
    slugs |= {t["unit"] for t in data["topics"].values() if not t["unit"].startswith("@")}
    found = [units[s] for s in sorted(slugs) if s in units]
    return found + sorted(kecamatan_units.values(), key=lambda u: u.slug)


def _teams(loaded, team_units: list[Unit], tally: Tally) -> dict[int, list[User]]:
    """Two team members per handling unit, each a complaint handler linked to one of the unit's
    officials (from the demo's own people list, so the choice never changes). They have no usable
    password: they are there so the performance figures name people; sign in with the demo accounts."""
    people_by_unit: dict[str, list] = {}
    for person in sorted(loaded.people, key=lambda p: p.nip):
        if not person.heads and not person.account:
            people_by_unit.setdefault(person.unit_slug, []).append(person)
    wanted: list[tuple[Unit, str, str, str | None]] = []  # unit, username, full name, NIP
    for unit in team_units:
        people = people_by_unit.get(unit.slug, [])[:TEAM_SIZE]
        for index in range(TEAM_SIZE):
            person = people[index] if index < len(people) else None
            name = (
                person.display_name
                if person
                else f"Petugas Pengaduan {unit.short_name or unit.name} {index + 1}"
            )
            wanted.append(
                (unit, f"tim.{unit.slug}.{index + 1}", name, person.nip if person else None)
            )
    usernames = [username for _, username, _, _ in wanted]
    rows = [
        {
            "username": username,
            "full_name": name,
            "email": f"{username}@demo.invalid",
            "password": make_password(None),  # unusable
            "is_active": True,
        }
        for _, username, name, _ in wanted
    ]
    users = sync_rows(
        User,
        rows,
        key=("username",),
        existing=User.objects.filter(username__in=usernames),
        tally=tally,
        create_only={"password", "is_active", "full_name"},
    )
    held = set(
        RoleAssignment.objects.filter(
            user__username__in=usernames, role=Role.COMPLAINT_HANDLER
        ).values_list("user_id", "unit_id")
    )
    grants = []
    members: list[TeamMember] = []
    have = set(TeamMember.objects.filter(unit__in=team_units).values_list("unit_id", "user_id"))
    links: dict[int, int] = {}
    for index, (unit, username, _, nip) in enumerate(wanted):
        user = users[(username,)]
        if (user.pk, unit.pk) not in held:
            grants.append(
                RoleAssignment(
                    user=user, role=Role.COMPLAINT_HANDLER, region_id=unit.region_id, unit=unit
                )
            )
        if (unit.pk, user.pk) not in have:
            role = TeamMember.Role.COORDINATOR if index % TEAM_SIZE == 0 else TeamMember.Role.MEMBER
            members.append(TeamMember(unit=unit, user=user, role=role))
        if nip and nip in loaded.officials:
            links[loaded.officials[nip].pk] = user.pk
    RoleAssignment.objects.bulk_create(grants)
    tally.add(RoleAssignment._meta.label, created=len(grants))
    TeamMember.objects.bulk_create(members)
    tally.add(TeamMember._meta.label, created=len(members))
    taken = set(Official.objects.filter(user__isnull=False).values_list("user_id", flat=True))
    fill_if_empty(
        Official.objects.filter(pk__in=links),
        "user_id",
        {pk: uid for pk, uid in links.items() if uid not in taken},
        tally=tally,
        label=Official._meta.label,
    )
    team: dict[int, list[User]] = {}
    for unit, username, _, _ in wanted:
        team.setdefault(unit.pk, []).append(users[(username,)])
    return team


def _train(region: Region, tally: Tally) -> None:
    """The region's first routing model, while it has none (the nightly task retrains it)."""
    from tanggap.complaints.routing import NotEnoughData, routing_model_train

    if RoutingModel.objects.filter(region=region).exists():
        return
    try:
        routing_model_train(region=region)
    except NotEnoughData:
        return
    tally.add(RoutingModel._meta.label, created=1)


def demo_complaints_load(
    *, loaded: dict, tally: Tally, verifier: User | None = None, anchor=None
) -> None:
    """Categories, rules and policies in every demo region; teams and reports in Kabupaten Blitar.

    `loaded` maps a region slug to the loader's LoadedRegion (region, units, officials, people).
    """
    anchor = (anchor or timezone.now()).replace(minute=0, second=0, microsecond=0)
    for slug, item in loaded.items():
        region, units = item.region, item.units
        areas = list(Area.objects.filter(region=region).order_by("code"))
        kecamatan = [a for a in areas if a.kind == Area.Kind.KECAMATAN]
        categories = _categories(region, units, tally)
        _rules(region, categories, units, {a.name: a for a in kecamatan}, tally)
        _policies(region, categories, tally)
        if slug != REGION:
            continue
        kecamatan_units = {
            u.area_id: u for u in units.values() if u.kind == Unit.Kind.KECAMATAN and u.area_id
        }
        team = _teams(item, _team_units(region, units, kecamatan_units), tally)
        if verifier is None:
            verifier = User.objects.filter(username=VERIFIER).first()
        villages: dict[int, list[Area]] = {}
        for area in areas:
            if area.parent_id:
                villages.setdefault(area.parent_id, []).append(area)
        generator = HistoryGenerator(
            region=region,
            units=units,
            categories=categories,
            kecamatan=kecamatan,
            villages=villages,
            kecamatan_units=kecamatan_units,
            team=team,
            verifier=verifier,
            anchor=anchor,
        )
        if Complaint.objects.filter(tracking_code=CODE.format(COUNT)).exists():
            continue  # every demo report exists: nothing to draw
        drafts = [generator.draft(i) for i in range(COUNT)]
        write_drafts(drafts, tally)
        _train(region, tally)
