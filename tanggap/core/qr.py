"""QR codes for every page and printout: inline SVG for pages (strict CSP), PNG data URIs for print."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, title: str) -> SafeString:
    """An inline SVG QR code (no style attributes, so the strict CSP allows it)."""
    qr = segno.make(url, error="m")
    # segno escapes the title; the rest of the markup is generated, so it is safe to inline.
    svg = qr.svg_inline(
        scale=4,
        border=2,
        title=title,
        svgclass="qr-code",
        lineclass=None,
        omitsize=True,
        light="#fff",
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def qr_png_data_uri(url: str, *, scale: int = 6) -> str:
    """A PNG QR code as a data: URI, for printed documents (maklumat, 58 mm ticket)."""
    return segno.make(url, error="m").png_data_uri(scale=scale, border=2)
