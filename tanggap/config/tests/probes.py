"""Hostile input for every route (issue 9): what the robustness walks send, and their tally.

Each probe class is one kind of input a careless or hostile client sends: a NUL character, a number too
large for any column, digits that are not ASCII, a very long string, right-to-left and invisible marks,
injection-shaped text, deeply nested JSON and bodies in a content type the route does not take. A walk
sends every class to every path parameter, query parameter and form or JSON field a route has, and a
route passes when no answer is a 5xx.
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import quote, urlencode

# Values for path segments, query strings, form fields and JSON fields.
TEXT_PROBES = {
    "nul": "abc\x00def",
    "huge_number": "99999999999999999999999999",
    "unicode_digits": "²³٣٤५৬",
    "long_string": "A" * 12_000,
    "rtl_and_invisible": "\u202eلاپوران\u200f\u200b\ufeff",
    "injection": "' OR 1=1--<script>alert(1)</script>/../../etc/passwd%s{{7*7}}",
    "negative_and_float": "-1.5e308",
}
# Values for JSON fields that are not strings.
JSON_PROBES = {
    "huge_number": 10**30,
    "wrong_type": {"a": [1, {"b": None}]},
    "negative_and_float": -1.5e308,
}
DEEP_JSON = "[" * 20_000 + "]" * 20_000
WRONG_BODIES = {
    "xml": ("application/xml", "<?xml version='1.0'?><a><b>&lt;</b></a>"),
    "text": ("text/plain", "just text\x01"),
    "broken_multipart": (
        "multipart/form-data; boundary=zz",
        "--zz\r\nContent-Disposition: form-data",
    ),
    "broken_json": ("application/json", '{"a": '),
}
# Query names every list and filter reads somewhere; the page's own GET forms add theirs.
QUERY_NAMES = (
    "q",
    "page",
    "limit",
    "offset",
    "region",
    "unit",
    "wilayah",
    "status",
    "tanggal",
    "tahun",
    "bulan",
    "from",
    "to",
    "format",
    "jenis",
    "kecamatan",
    "layanan",
    "lokasi",
    "kembali",
    "next",
)


class Tally:
    """Requests sent and 5xx answers, per probe class; `failures` lists each 5xx for the message."""

    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        self.failures: list[str] = []

    def record(self, probe: str, method: str, url: str, response) -> None:
        self.sent[probe] += 1
        if response.status_code >= 500:
            self.failed[probe] += 1
            self.failures.append(f"{probe}: {method} {url[:160]!r} -> {response.status_code}")

    def summary(self, title: str) -> str:
        lines = [f"{title}: {sum(self.sent.values())} requests, {sum(self.failed.values())} 5xx"]
        for probe in sorted(self.sent):
            lines.append(f"  {probe:<20} {self.sent[probe]:>6} sent {self.failed[probe]:>4} 5xx")
        return "\n".join(lines)


def with_path_probe(route, values: dict, param: str, probe: str) -> str:
    """The route's URL with one path parameter replaced by the probe's value."""
    changed = dict(values)
    changed[param] = quote(TEXT_PROBES[probe], safe="")
    return route.url(changed)


def with_query(url: str, names, value: str) -> str:
    joiner = "&" if "?" in url else "?"
    return url + joiner + urlencode({name: value for name in names})


def probe_route(client, route, values: dict, tally: Tally, *, forms_of, body_fields=()) -> None:
    """Send every probe class to one route as the client's user."""
    url = route.url(values)
    page = client.get(url)
    tally.record("plain", "GET", url, page)
    query_names = set(QUERY_NAMES)
    post_forms: list[tuple[str, list[str]]] = []
    if not route.is_api and page.status_code == 200 and "html" in page.get("Content-Type", ""):
        for form in forms_of(page.content.decode(errors="replace")):
            if form["method"] == "get":
                query_names.update(form["fields"])
            elif form["fields"]:
                action = form["action"] if form["action"].startswith("/") else url
                post_forms.append((action, form["fields"]))
    for param in route.params:
        for probe in TEXT_PROBES:
            bad = with_path_probe(route, values, param, probe)
            tally.record(probe, "GET", bad, client.get(bad))
    for probe, value in TEXT_PROBES.items():
        bad = with_query(url, sorted(query_names), value)
        tally.record(probe, "GET", bad, client.get(bad))
    for action, fields in post_forms[:4]:
        for probe, value in TEXT_PROBES.items():
            tally.record(probe, "POST", action, client.post(action, dict.fromkeys(fields, value)))
    if route.is_api:
        fields = list(body_fields) or ["code", "secret", "name", "description", "unit", "region"]
        for probe, value in {**TEXT_PROBES, **JSON_PROBES}.items():
            body = json.dumps(dict.fromkeys(fields, value))
            tally.record(
                probe, "POST", url, client.post(url, body, content_type="application/json")
            )
        tally.record(
            "deep_json", "POST", url, client.post(url, DEEP_JSON, content_type="application/json")
        )
    for content_type, body in WRONG_BODIES.values():
        tally.record(
            "wrong_content_type", "POST", url, client.post(url, body, content_type=content_type)
        )
    for probe, value in TEXT_PROBES.items():
        if probe == "long_string":
            continue
        tally.record(probe, "POST", url, client.post(url, {"x": value, "q": value}))
