"""Open311 answers in the spec's two shapes: JSON (lists as bare arrays) and XML (named roots).

Views build plain dicts and lists; this module turns them into bytes. XML list children get the
singular names the spec uses (attributes/attribute, values/value, endpoints/endpoint, formats/format).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from django.http import HttpResponse

JSON = "json"
XML = "xml"
CONTENT_TYPES = {
    JSON: "application/json; charset=utf-8",
    XML: "text/xml; charset=utf-8",
}
LIST_ITEM_TAGS = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
# Characters XML 1.0 cannot carry, even escaped (a pasted control character must not break a feed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, child_value in value.items():
            child = ET.SubElement(element, key)
            if isinstance(child_value, list | tuple):
                tag = LIST_ITEM_TAGS.get(key, "item")
                for item in child_value:
                    _fill(ET.SubElement(child, tag), item)
            else:
                _fill(child, child_value)
    else:
        element.text = _text(value)


def to_xml(data: Any, *, root: str, item: str | None = None) -> bytes:
    """`data` under the root element; a list becomes one `item` element per entry."""
    element = ET.Element(root)
    if isinstance(data, list):
        for entry in data:
            _fill(ET.SubElement(element, item or "item"), entry)
    else:
        _fill(element, data)
    return ET.tostring(element, encoding="UTF-8", xml_declaration=True)


def to_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def respond(fmt: str, data: Any, *, root: str, item: str | None = None, status: int = 200):
    """The answer in the requested format."""
    body = to_json(data) if fmt == JSON else to_xml(data, root=root, item=item)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def error_response(fmt: str, status: int, description: str, **headers) -> HttpResponse:
    """The spec's error list: one {code, description}, the code being the HTTP status."""
    body = [{"code": status, "description": str(description)}]
    response = respond(fmt, body, root="errors", item="error", status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response
