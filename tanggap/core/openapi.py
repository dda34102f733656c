"""What the OpenAPI schema must say truthfully that drf-spectacular cannot infer.

`ApiErrorSerializer` is the body of every error answer (tanggap.core.api.exception_handler), for
operations to name in their documented 4xx responses. `local_times` is a post-processing hook: a
`TimeField` is a local wall-clock time without an offset ("08:00:00"), which JSON Schema's `time` format
(RFC 3339 full-time, offset required) refuses, so the schema says what the API sends: a pattern.
"""

from __future__ import annotations

from rest_framework import serializers

LOCAL_TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$"


class ApiErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable machine-readable code, e.g. invalid, not_found")
    message = serializers.CharField(help_text="Explanation in the caller's language")
    field = serializers.CharField(required=False, help_text="The input field at fault, if one")
    errors = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        allow_null=True,
        help_text="Field errors: {field: [messages]}",
    )

    class Meta:
        ref_name = "ApiError"


def local_times(result, generator, request, public):
    """Replace `format: time` with the local-time pattern everywhere in the schema."""

    def visit(node):
        if isinstance(node, dict):
            if node.get("format") == "time" and node.get("type") == "string":
                node.pop("format")
                node["pattern"] = LOCAL_TIME_PATTERN
                node.setdefault("example", "08:00:00")
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(result)
    return result
