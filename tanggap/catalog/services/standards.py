"""Writes to service standards: the workflow (draft → enacted → superseded), drafts, enactment."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tanggap.catalog.components import STANDARD_FIELDS
from tanggap.catalog.models import Service, StandardStatusChange, StandardVersion
from tanggap.catalog.permissions import may_enact, require_manage_services
from tanggap.catalog.services.catalogue import MAX_DECREE_NUMBER_LENGTH, new_version_number
from tanggap.catalog.services.validation import (
    check_adminduk_cost,
    clean_standard_changes,
    clean_text,
    field_label,
    parse_decree_date,
)
from tanggap.core.audit import audit_record, snapshot
from tanggap.core.errors import DomainError, PermissionDenied
from tanggap.core.statemachine import StateMachine, Transition

Status = StandardVersion.Status

ENACT, SUPERSEDE = "enact", "supersede"


def _may_enact(actor, standard: StandardVersion) -> bool:
    return may_enact(actor, standard.service.unit)


# The one transition table of a standard, with who may make each move: a draft is enacted by decree
# (the unit head, the unit admin on the head's behalf, the region admin); when a newer version is enacted
# the old one is superseded. Enacted and superseded versions are never edited: changing a standard means
# a new draft version. Pages ask this table which buttons to show.
STANDARD_MACHINE = StateMachine(
    [
        Transition(Status.DRAFT, Status.ENACTED, allowed=_may_enact, action=ENACT),
        Transition(Status.ENACTED, Status.SUPERSEDED, allowed=_may_enact, action=SUPERSEDE),
    ]
)


def _actor_label(actor) -> str:
    """Who made a status move, as the standard's history shows it ("sistem" from the command line)."""
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return "sistem"


# --- standards -------------------------------------------------------------------------------------


@transaction.atomic
def standard_transition(
    *, actor, standard: StandardVersion, to_status: str, note: str = ""
) -> StandardVersion:
    """The one place a standard's status changes: checks the transition table, records the move."""
    STANDARD_MACHINE.check(standard.status, to_status, actor, standard)
    from_status = standard.status
    standard.status = to_status
    standard.save(update_fields=["status", "updated_at"])
    StandardStatusChange.objects.create(
        standard=standard,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
        note=note[:300],
    )
    return standard


@transaction.atomic
def standard_draft_create(*, actor, service: Service) -> StandardVersion:
    """Start a new version of a service's standard, copied from the enacted one (only one draft at a time)."""
    service = (
        Service.objects.select_for_update(of=("self",)).select_related("unit").get(pk=service.pk)
    )
    require_manage_services(actor, service.unit)
    if not service.is_active:
        raise DomainError(
            _("Layanan ini diarsipkan; pulihkan dulu sebelum membuat versi baru."), code="archived"
        )
    existing = service.standards.filter(status=Status.DRAFT).first()
    if existing is not None:
        raise DomainError(
            _("Layanan ini sudah memiliki konsep versi %(n)s; ubah konsep itu atau tetapkan dulu.")
            % {"n": existing.version},
            code="draft_exists",
        )
    source = (
        service.standards.filter(status=Status.ENACTED).first()
        or service.standards.order_by("-version").first()
    )
    values = {f: getattr(source, f) for f in STANDARD_FIELDS} if source else {}
    try:
        with transaction.atomic():
            draft = StandardVersion.objects.create(
                service=service,
                version=new_version_number(service),
                based_on=source,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
                **values,
            )
    except IntegrityError:  # a concurrent request created the draft first
        raise DomainError(
            _("Konsep baru sudah dibuat oleh pengguna lain."), code="draft_exists"
        ) from None
    audit_record(
        actor=actor,
        action="catalog.standard.draft_created",
        target=draft,
        after={"version": draft.version, "based_on": source.version if source else None},
        region_id=service.region_id,
    )
    return draft


@transaction.atomic
def standard_update(*, actor, standard: StandardVersion, **changes) -> StandardVersion:
    """Edit a draft standard's components; enacted and superseded versions are immutable."""
    standard = (
        StandardVersion.objects.select_for_update(of=("self",))
        .select_related("service__unit")
        .get(pk=standard.pk)
    )
    service = standard.service
    require_manage_services(actor, service.unit)
    if standard.status != Status.DRAFT:
        raise DomainError(
            _("Standar versi %(n)s sudah ditetapkan dan tidak dapat diubah; buat versi baru.")
            % {"n": standard.version},
            code="standard_immutable",
        )
    cleaned = clean_standard_changes(changes)
    check_adminduk_cost(service, cleaned.get("cost", standard.cost))
    before = snapshot(standard, list(cleaned))
    for name, value in cleaned.items():
        setattr(standard, name, value)
    standard.save(update_fields=[*cleaned, "updated_at"])
    after = snapshot(standard, list(cleaned))
    changed = [k for k in after if after[k] != before.get(k) and k != "updated_at"]
    audit_record(
        actor=actor,
        action="catalog.standard.updated",
        target=standard,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
        region_id=service.region_id,
    )
    return standard


@transaction.atomic
def standard_enact(
    *, actor, standard: StandardVersion, decree_number: str, decree_date
) -> StandardVersion:
    """Enact a draft by the unit head's decree; the version enacted before it becomes superseded."""
    standard = (
        StandardVersion.objects.select_for_update(of=("self",))
        .select_related("service__unit", "service__region")
        .get(pk=standard.pk)
    )
    service = standard.service
    # Who may enact, from the transition table (asked of the move from draft: a standard that is no
    # longer a draft is refused below, in clearer words).
    if not STANDARD_MACHINE.allows_action(ENACT, Status.DRAFT, actor, standard):
        raise PermissionDenied(
            _("Anda tidak berwenang menetapkan standar pelayanan %(unit)s.")
            % {"unit": service.unit.name}
        )
    Service.objects.select_for_update(of=("self",)).filter(
        pk=service.pk
    ).first()  # one enactment per service at a time
    if standard.status != Status.DRAFT:
        raise DomainError(
            _("Hanya konsep yang dapat ditetapkan; versi %(n)s berstatus %(s)s.")
            % {"n": standard.version, "s": standard.get_status_display()},
            code="not_draft",
        )
    if not service.is_active:
        raise DomainError(
            _("Layanan ini diarsipkan; standarnya tidak dapat ditetapkan."), code="archived"
        )
    number = clean_text(
        decree_number,
        field="decree_number",
        label=_("Nomor keputusan"),
        required=True,
        max_length=MAX_DECREE_NUMBER_LENGTH,
    )
    date = parse_decree_date(decree_date)
    if date > timezone.localdate():
        raise DomainError(
            _("Tanggal keputusan tidak boleh di masa depan."),
            code="invalid_decree_date",
            field="decree_date",
        )
    missing = [
        field_label(f)
        for f in ("procedure", "product", "complaint_handling")
        if not getattr(standard, f)
    ]
    if missing:
        raise DomainError(
            _("Standar belum lengkap; isi dulu: %(f)s.") % {"f": ", ".join(missing)},
            code="incomplete",
        )
    check_adminduk_cost(service, standard.cost)
    previous = service.standards.filter(status=Status.ENACTED).first()
    if previous is not None:
        standard_transition(
            actor=actor,
            standard=previous,
            to_status=Status.SUPERSEDED,
            note=_("Digantikan oleh versi %(n)s") % {"n": standard.version},
        )
        audit_record(
            actor=actor,
            action="catalog.standard.superseded",
            target=previous,
            before={"status": Status.ENACTED},
            after={"status": Status.SUPERSEDED, "superseded_by": standard.version},
            region_id=service.region_id,
        )
    standard.decree_number = number
    standard.decree_date = date
    standard.enacted_at = timezone.now()
    standard.enacted_by = actor if getattr(actor, "is_authenticated", False) else None
    standard.save(
        update_fields=["decree_number", "decree_date", "enacted_at", "enacted_by", "updated_at"]
    )
    standard_transition(
        actor=actor,
        standard=standard,
        to_status=Status.ENACTED,
        note=_("Keputusan %(n)s") % {"n": number},
    )
    audit_record(
        actor=actor,
        action="catalog.standard.enacted",
        target=standard,
        before={"status": Status.DRAFT},
        after={"status": Status.ENACTED, "decree_number": number, "decree_date": date},
        region_id=service.region_id,
    )
    return standard
