"""The registries through which higher apps add links to a lower app's page (service actions, place
details): every provider answers, in order, and a provider answering nothing adds nothing."""

from __future__ import annotations

from tanggap.core.registry import (
    Link,
    Provider,
    Registry,
    collect_links,
    collect_place_links,
)


def test_links_come_in_the_providers_order():
    registry = Registry()
    registry.register(Provider(key="b", provide=lambda **kw: [Link("B", "/b/")], order=20))
    registry.register(
        Provider(key="a", provide=lambda **kw: [Link("A", "/a/", primary=True)], order=10)
    )
    registry.register(Provider(key="none", provide=lambda **kw: None, order=5))
    assert [link.label for link in collect_links(registry, service=None)] == ["A", "B"]


def test_the_providers_get_the_pages_arguments():
    registry = Registry()
    seen = {}
    registry.register(Provider(key="x", provide=lambda **kw: seen.update(kw) or []))
    collect_links(registry, request="r", service="s")
    assert seen == {"request": "r", "service": "s"}


def test_place_links_are_merged_per_place():
    registry = Registry()
    registry.register(Provider(key="q", provide=lambda **kw: {1: [Link("Antrean", "/q/1/")]}))
    registry.register(
        Provider(
            key="s", provide=lambda **kw: {1: [Link("IKM", "/s/1/")], 2: [Link("IKM", "/s/2/")]}
        )
    )
    registry.register(Provider(key="empty", provide=lambda **kw: {}))
    found = collect_place_links(registry, places=[1, 2])
    assert [link.label for link in found[1]] == ["Antrean", "IKM"]
    assert [link.url for link in found[2]] == ["/s/2/"]
