"""Walking the URL conf: every route of every app, with its path parameters filled from the demo's records.

The robustness and scoping walks (test_robustness_walk.py, test_scoping_walk.py) both start here, so a
route added to any app is walked the day it is added: a route whose parameters `fill` cannot fill fails
the walk, rather than being skipped in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver

# Routes no walk requests: Django's admin (its own tested code, superusers only), the language switch and
# translation catalogue (Django's), the interactive API docs (static assets) and the catch-alls that only
# answer "not found".
SKIPPED_PREFIXES = ("django-admin/", "jsi18n/", "i18n/", "api/docs/")
CATCH_ALL_KWARGS = {"rest"}


@dataclass(frozen=True)
class Route:
    """One route: its full regex-free template (`<name>` placeholders), its name and its parameters."""

    template: str
    name: str
    params: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.template.startswith(("api/", "open311/"))

    def url(self, values: dict[str, str]) -> str:
        path = self.template
        for param in self.params:
            path = path.replace(f"<{param}>", str(values[param]))
        return "/" + path


_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def _template(pattern: str) -> str:
    """`org/units/(?P<pk>[^/.]+)/$` and `unit/<slug:unit>/` both become `.../<name>/`."""
    text = _CONVERTER.sub(r"<\1>", pattern)
    text = _GROUP.sub(r"<\1>", text)
    text = text.replace("^", "").replace("$", "").replace("\\.", ".")
    return text


def routes() -> list[Route]:
    """Every route of the project outside SKIPPED_PREFIXES, in URL-conf order."""
    found: list[Route] = []

    def walk(resolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
                walk(entry, prefix + _template(str(entry.pattern)), inner)
            elif isinstance(entry, URLPattern):
                template = prefix + _template(str(entry.pattern))
                params = tuple(re.findall(r"<(\w+)>", template))
                if template.startswith(SKIPPED_PREFIXES) or CATCH_ALL_KWARGS & set(params):
                    continue
                if "(" in template:  # an optional group (Open311's format): the JSON form only
                    continue
                name = f"{namespace.strip(':')}:{entry.name}" if namespace else str(entry.name)
                found.append(Route(template, name, params))

    walk(get_resolver(), "", "")
    return found


class FormFinder(HTMLParser):
    """The forms of a page: their method, action and the names of their fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attributes.get("method") or "get").lower(),
                    "action": attributes.get("action") or "",
                    "fields": [],
                }
            )
        elif tag in {"input", "select", "textarea"} and self.forms and attributes.get("name"):
            kind = attributes.get("type")
            if kind not in {"submit", "hidden", "file", "button"} or (
                kind == "hidden" and attributes["name"] != "csrfmiddlewaretoken"
            ):
                self.forms[-1]["fields"].append(attributes["name"])


def forms_of(html: str) -> list[dict]:
    finder = FormFinder()
    finder.feed(html)
    return finder.forms


class Targets:
    """Records of one region to aim every route at, found in the loaded demo.

    `fill(route)` gives the route's path parameters for this region's records; every parameter name a
    route uses must be known here (an unknown one raises, so a new route cannot be missed by the walks).
    """

    def __init__(self, region_slug: str) -> None:
        from tanggap.accounts.models import RoleAssignment, User
        from tanggap.catalog.models import Service
        from tanggap.complaints.models import Attachment, Complaint, TeamMember
        from tanggap.org.models import Area, DayOff, Official, Region, RotationDecree, Unit
        from tanggap.performance.models import Skp
        from tanggap.queueing.models import Counter, KioskDevice, QueueService, Ticket
        from tanggap.surveys.invitations import invitation_for_ticket

        self.region = Region.objects.get(slug=region_slug)
        region = self.region
        services = Service.objects.filter(region=region).order_by("pk")
        self.service = services.filter(standards__status="enacted").first() or services.first()
        version = self.service.standards.order_by("version").first() if self.service else None
        self.version = version.version if version else 1
        self.queue_service = QueueService.objects.filter(region=region).order_by("pk").first()
        self.location = self.queue_service.location if self.queue_service else None
        self.counter = Counter.objects.filter(region=region).order_by("pk").first()
        self.kiosk = KioskDevice.objects.filter(location=self.location).order_by("pk").first()
        self.ticket = Ticket.objects.filter(queue_service__region=region).order_by("pk").first()
        if self.ticket is None and self.queue_service:  # the demo's history is generated separately
            from django.utils import timezone

            from tanggap.queueing.tests.factories import past_ticket

            self.ticket = past_ticket(
                self.queue_service,
                timezone.localdate(),
                "09:00",
                wait=5,
                service=5,
                counter=self.counter,
            )
        self.complaint = Complaint.objects.filter(region=region).order_by("pk").first()
        self.attachment = Attachment.objects.filter(complaint__region=region).order_by("pk").first()
        self.unit = Unit.objects.filter(region=region).order_by("pk").first()
        self.member = TeamMember.objects.filter(unit__region=region).order_by("pk").first()
        self.area = Area.objects.filter(region=region).order_by("pk").first()
        self.day_off = DayOff.objects.filter(region=region).order_by("pk").first()
        self.official = Official.objects.filter(unit__region=region).order_by("pk").first()
        self.decree = RotationDecree.objects.filter(region=region).order_by("pk").first()
        self.entry = self.decree.entries.order_by("pk").first() if self.decree else None
        self.assignment = (
            RoleAssignment.objects.filter(region=region, user__is_superuser=False)
            .order_by("pk")
            .first()
        )
        self.user = self.assignment.user if self.assignment else User.objects.order_by("pk").first()
        self.mpp = Unit.objects.filter(region=region, kind="mpp").order_by("pk").first()
        self.survey_token = invitation_for_ticket(self.ticket) if self.ticket else "x"
        self.agreement, self.realisation = _performance_records(self.unit)
        self.skp = Skp.objects.filter(official__unit__region=region).order_by("pk").first()
        from tanggap.attendance.models import LeaveRequest
        from tanggap.performance.models import Indicator

        self.leave = LeaveRequest.objects.filter(official__region=region).order_by("pk").first()
        self.indicator = Indicator.objects.filter(agreement=self.agreement).order_by("pk").first()
        from tanggap.innovation.models import Idea

        self.idea = Idea.objects.filter(region=region).order_by("pk").first()
        from tanggap.innovation.models import Proposal as RoundProposal
        from tanggap.innovation.models import Round

        # The region's own round, or the province's round its units enter; a proposal of the region.
        self.round = (
            Round.objects.filter(organiser_id__in=[region.pk, region.parent_id])
            .order_by("-organiser_id", "pk")
            .first()
        )
        self.proposal = (
            RoundProposal.objects.filter(round=self.round, region=region).order_by("pk").first()
        )
        self.review = self.proposal.reviews.order_by("pk").first() if self.proposal else None
        self.innovation, self.evidence = _innovation_records(self.unit)

    def _pk(self, name: str) -> object:
        by_route = {
            "users:": self.user.pk,
            "catalog:": self.service.pk,
            "catalog-service": self.service.pk,
            "org:area_": self.area.pk if self.area else 0,
            "org:day_off": self.day_off.pk if self.day_off else 0,
            "org:official": self.official.pk if self.official else 0,
            "org:decree": self.decree.pk if self.decree else 0,
            "org-region": self.region.slug,
            "org-area": self.area.pk if self.area else 0,
            "org-unit": self.unit.pk,
            "org-official": self.official.pk if self.official else 0,
            "org-decree": self.decree.pk if self.decree else 0,
            "queueing:config_service": self.queue_service.pk,
            "queueing:config_counter": self.counter.pk,
            "queueing:config_kiosk": self.kiosk.pk if self.kiosk else 0,
            "complaints:attachment": self.attachment.pk if self.attachment else 0,
        }
        for prefix, value in by_route.items():
            if name.startswith(prefix):
                return value
        raise KeyError(f"no record for pk of {name}")

    def fill(self, route: Route) -> dict[str, object]:
        code = {
            "queueing": self.ticket.code if self.ticket else "X",
            "queue": self.ticket.code if self.ticket else "X",
            "surveys": self.ticket.code if self.ticket else "X",
        }
        values: dict[str, object] = {}
        for param in route.params:
            if param in {"pk", "slug"}:
                values[param] = self._pk(route.name)
            elif param == "code":
                app = route.name.split(":")[0].split("-")[0]
                values[param] = code.get(app, self.complaint.tracking_code)
            elif param in {"region", "region_slug"}:
                values[param] = self.region.slug
            elif param in {"unit_slug", "unit"}:
                values[param] = (self.mpp or self.unit).slug
            elif param == "unit_id":
                values[param] = (self.complaint.unit_id if self.complaint else None) or self.unit.pk
            else:
                values[param] = self._other(param, route)
        return values

    def _first(self, label: str) -> int:
        """The pk of the first record of `label` (an app's model), 0 when there is none."""
        from django.apps import apps

        first = apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True).first()
        return first or 0

    def _assessment(self) -> int:
        from tanggap.innovation.models import Assessment

        found = (
            Assessment.objects.filter(innovation__region=self.region)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        return found or 0

    def _replication_request(self) -> int:
        """A replication request wholly inside the region (a request from another region's unit is
        rightly readable by that region's staff)."""
        from tanggap.innovation.models import ReplicationRequest

        found = (
            ReplicationRequest.objects.filter(
                innovation__region=self.region, requesting_unit__region=self.region
            )
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        return found or 0

    def _other(self, param: str, route: Route) -> object:
        simple = {
            "service_slug": self.service.slug,
            "version": self.version,
            "location_id": self.location.pk,
            "queue_service_id": self.queue_service.pk,
            "counter_id": self.counter.pk,
            "slot": "2030-01-07T08:00",
            "action": "x",
            "fmt": "json" if route.is_api else "csv",
            "member_id": self.member.pk if self.member else 0,
            "assignment": self.assignment.pk if self.assignment else 0,
            "entry": self.entry.pk if self.entry else 0,
            "entry_id": self.entry.pk if self.entry else 0,
            "attachment_id": self.attachment.pk if self.attachment else 0,
            "user_id": self.user.pk,
            "token": self.survey_token,
            "service_code": "x",
            "request_id": self.complaint.tracking_code,
            "agreement_id": self.agreement.pk,
            "realisation_id": self.realisation.pk,
            "skp_id": self.skp.pk if self.skp else 0,
            "quarter": 1,
            "leave_id": self.leave.pk if self.leave else 0,
            "indicator_id": self.indicator.pk if self.indicator else 0,
            "idea_id": self.idea.pk if self.idea else 0,
            "round_id": self.round.pk if self.round else 0,
            "proposal_id": self.proposal.pk if self.proposal else 0,
            "review_id": self.review.pk if self.review else 0,
            "article_id": self._first("innovation.Article"),
            "replication_id": self._replication_request(),
            "innovation_id": self.innovation.pk,
            "evidence_id": self.evidence.pk,
            "assessment_id": self._assessment(),
            "year": 2023,
        }
        if param not in simple:
            raise KeyError(f"the walk does not know the parameter {param!r} of {route.name}")
        return simple[param]


def _performance_records(unit):
    """A signed agreement of the region with one indicator and a quarter's realisation: the demo's, or
    one made here when the demo has none."""
    from decimal import Decimal

    from django.utils import timezone

    from tanggap.performance.models import Indicator, PerformanceAgreement, Realisation

    realisation = (
        Realisation.objects.filter(indicator__agreement__unit__region_id=unit.region_id)
        .select_related("indicator__agreement")
        .order_by("pk")
        .first()
    )
    if realisation is not None:
        return realisation.indicator.agreement, realisation
    agreement = PerformanceAgreement.objects.create(
        unit=unit, year=2001, status=PerformanceAgreement.Status.SIGNED, signed_at=timezone.now()
    )
    indicator = Indicator.objects.create(
        agreement=agreement, name="Indikator uji", measure="%", target_year=Decimal(90)
    )
    realisation = Realisation.objects.create(
        indicator=indicator,
        quarter=1,
        value=Decimal(20),
        evidence_url="https://example.org/bukti",
        recorded_at=timezone.now(),
    )
    return agreement, realisation


def _innovation_records(unit):
    """An innovation of the region with one piece of evidence: the demo's, or made here."""
    import datetime as dt

    from tanggap.innovation.models import Evidence, IndexScheme, Innovation

    evidence = (
        Evidence.objects.filter(innovation__region_id=unit.region_id)
        .select_related("innovation")
        .order_by("pk")
        .first()
    )
    if evidence is not None:
        return evidence.innovation, evidence
    innovation = Innovation.objects.create(
        region_id=unit.region_id,
        unit=unit,
        code="INO-2001-0001",
        name="Inovasi uji",
        form="pelayanan_publik",
        kind="digital",
        initiator="asn",
        affair="adminduk",
        initiated_on=dt.date(2001, 1, 1),
        problem="Masalah uji",
        approach="Pendekatan uji",
        benefits="Manfaat uji",
    )
    scheme = IndexScheme.objects.order_by("-year").first() or IndexScheme.objects.create(
        year=2001, name="Skema uji"
    )
    indicator = scheme.indicators.filter(aspect="sid").order_by("pk").first()
    if indicator is None:
        indicator = scheme.indicators.create(
            code="uji",
            name="Indikator uji",
            aspect="sid",
            max_score=1,
            levels=[{"label": "a", "share": "1"}],
        )
    evidence = Evidence.objects.create(
        region_id=unit.region_id,
        indicator=indicator,
        innovation=innovation,
        level=1,
        medium="link",
        link="https://example.org/bukti",
    )
    return innovation, evidence
