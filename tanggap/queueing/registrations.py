"""What the queue adds to shared pages: its cards on the staff dashboard, the citizen's tickets on the home
page, and on a catalogue service's page the "Ambil antrean" action and each place's queue link."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import holds_any_role, is_staff_member
from tanggap.core.registry import (
    Link,
    Provider,
    Section,
    WorkArea,
    home_sections,
    place_details,
    service_actions,
    work_areas,
)
from tanggap.queueing import selectors
from tanggap.queueing.device_tickets import remembered_tickets
from tanggap.queueing.permissions import CONFIG_ROLES, COUNTER_ROLES

# Who sees the work areas on the dashboard: the roles that run counters or configure queues somewhere.
COUNTER_HOLDERS = {Role.REGION_ADMIN, *COUNTER_ROLES}
CONFIG_HOLDERS = {Role.REGION_ADMIN, *CONFIG_ROLES}


def _book_action(*, request, service, places) -> list[Link]:
    """ "Ambil antrean": straight to the booking page where one place queues the service, else the list of
    places that do."""
    queue_service_ids = list(
        selectors.booking_places_for(service.pk).values_list("pk", flat=True)[:2]
    )
    if not queue_service_ids:
        return []
    if len(queue_service_ids) == 1:
        url = reverse("queueing:book_slots", args=[queue_service_ids[0]])
    else:
        url = f"{reverse('queueing:locations')}?{urlencode({'layanan': service.pk})}"
    return [Link(label=gettext("Ambil antrean"), url=url, primary=True)]


def _place_queue_links(*, service, places) -> dict[int, list[Link]]:
    """Beside each place with a queue: book this service there, or the place's queue page."""
    links = {}
    for place_id, bookable in selectors.queues_at_places(p.pk for p in places).items():
        if service.pk in bookable:
            url = reverse("queueing:book_slots", args=[bookable[service.pk]])
            links[place_id] = [Link(label=gettext("Ambil antrean di sini"), url=url)]
        elif bookable:
            url = reverse("queueing:location", args=[place_id])
            links[place_id] = [Link(label=gettext("Halaman antrean lokasi ini"), url=url)]
    return links


def _home_tickets(request) -> dict:
    """The tickets this browser booked or looked up, and the look-up by code."""
    return {"tickets": remembered_tickets(request)}


def register() -> None:
    service_actions.register(Provider(key="queueing.book", provide=_book_action, order=10))
    place_details.register(Provider(key="queueing.queue", provide=_place_queue_links, order=10))
    home_sections.register(
        Section(
            key="queueing.tickets",
            template="queueing/_home_tickets.html",
            context=_home_tickets,
            order=20,
        )
    )
    work_areas.register(
        WorkArea(
            key="queueing.counters",
            title=_("Layar loket"),
            description=_("Panggil, layani, lewati, dan alihkan antrean"),
            url_name="queueing:counter_picker",
            allow=lambda user: holds_any_role(user, COUNTER_HOLDERS),
            order=40,
        )
    )
    work_areas.register(
        WorkArea(
            key="queueing.config",
            title=_("Atur antrean"),
            description=_("Jam layanan, slot, layanan antrean, loket, dan kiosk"),
            url_name="queueing:config_list",
            allow=lambda user: holds_any_role(user, CONFIG_HOLDERS),
            order=41,
        )
    )
    work_areas.register(
        WorkArea(
            key="queueing.reports",
            title=_("Laporan antrean dan perencana loket"),
            description=_("Waktu tunggu, waktu layanan, dan kebutuhan loket"),
            url_name="queueing:reports_index",
            allow=is_staff_member,
            order=42,
        )
    )
