"""Where a lower layer shows something of a higher one: the higher app registers it here from its
`AppConfig.ready()`, so core (and any lower app) never imports it.

- `work_areas`: the cards on the staff dashboard, each with the rule saying who sees it.
- `home_sections` / `dashboard_sections`: blocks of the public home page and of the staff dashboard, each a
  template and a function giving its context for the request (None hides the block).
- `my_work_sections`: blocks of an official's "Kerja Saya" page (attendance's) that higher apps add, such as
  performance's "Kinerja saya"; same Section shape, the context function gets the request.
- `service_actions` / `place_details`: what higher apps offer on a catalogue service's page (book a queue
  slot, report a problem, the unit's IKM) and beside each of its places (the place's queue page); each
  provider answers for the whole page at once, so a page of 25 places costs the same few queries.
- `hooks`: named extension points, e.g. "ticket_done_links" — a function a domain page calls to collect what
  higher apps add (an invitation link, say), without knowing who answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class WorkArea:
    """A card on the staff dashboard: a page of some app and who may see it."""

    key: str
    title: Any  # a lazy translation
    description: Any
    url_name: str
    allow: Callable[[Any], bool]
    order: int = 100


@dataclass(frozen=True)
class Section:
    """A block of a shared page: `template` rendered with `context(request)`; None hides it."""

    key: str
    template: str
    context: Callable[[Any], dict | None]
    order: int = 100


class Registry:
    """An ordered set of items keyed by `key`; registering the same key again replaces it."""

    def __init__(self) -> None:
        self._items: dict[str, Any] = {}

    def register(self, item) -> None:
        self._items[item.key] = item

    def __iter__(self):
        return iter(sorted(self._items.values(), key=lambda item: (item.order, item.key)))


@dataclass(frozen=True)
class Link:
    """A link a higher app offers on a lower app's page; `primary` ones are the page's main actions."""

    label: Any  # a translated string
    url: str
    note: Any = ""
    primary: bool = False


@dataclass(frozen=True)
class Provider:
    """A higher app's answer to a question a lower page asks (see `service_actions`, `place_details`)."""

    key: str
    provide: Callable[..., Any]
    order: int = 100


work_areas = Registry()
home_sections = Registry()
dashboard_sections = Registry()
my_work_sections = Registry()
# provide(*, request, service) -> list[Link]: the actions of a catalogue service's page.
service_actions = Registry()
# provide(*, service, places) -> {place id: list[Link]}: what each place of a service's page adds.
place_details = Registry()


def areas_for(user) -> list[WorkArea]:
    """The dashboard cards this user may see."""
    return [area for area in work_areas if area.allow(user)]


def render_sections(registry: Registry, request) -> list[SafeString]:
    """Each registered section rendered for this request (hidden ones left out)."""
    html = []
    for section in registry:
        context = section.context(request)
        if context is not None:
            html.append(mark_safe(render_to_string(section.template, context, request=request)))  # noqa: S308
    return html


def collect_links(registry: Registry, **kwargs) -> list[Link]:
    """Every provider's links for this page, in the providers' order."""
    return [link for provider in registry for link in (provider.provide(**kwargs) or [])]


def collect_place_links(registry: Registry, **kwargs) -> dict[int, list[Link]]:
    """Every provider's links per place id, in the providers' order."""
    found: dict[int, list[Link]] = {}
    for provider in registry:
        for place_id, links in (provider.provide(**kwargs) or {}).items():
            found.setdefault(place_id, []).extend(links)
    return found


class Hooks:
    """Named extension points: higher apps connect functions; lower apps call them and collect answers."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[Callable[..., Any]]] = {}

    def connect(self, name: str, handler: Callable[..., Any]) -> None:
        handlers = self._handlers.setdefault(name, [])
        if handler not in handlers:
            handlers.append(handler)

    def collect(self, name: str, **kwargs) -> list[Any]:
        """Every connected handler's answer (None answers left out), in the order they connected."""
        answers = (handler(**kwargs) for handler in self._handlers.get(name, []))
        return [answer for answer in answers if answer is not None]

    def first(self, name: str, **kwargs) -> Any:
        """The first non-None answer, or None when nobody answers."""
        answers = self.collect(name, **kwargs)
        return answers[0] if answers else None


hooks = Hooks()
