"""Documents made from a service page: its QR code (SVG for the page, PNG for print) and the maklumat
pelayanan PDF (WeasyPrint, A4)."""

from __future__ import annotations

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from tanggap.catalog.models import Service, StandardVersion

# The standard wording used across Indonesia (UU 25/2009 Pasal 15); a legal text, never translated.
MAKLUMAT_TEXT = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)


def service_absolute_url(service: Service) -> str:
    """The public page's address as printed and encoded in QR codes (SITE_URL + path)."""
    path = reverse("catalog:service", args=[service.region.slug, service.slug])
    return settings.SITE_URL.rstrip("/") + path


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


def qr_png_data_uri(url: str) -> str:
    """A PNG QR code as a data: URI, for the printed maklumat."""
    return segno.make(url, error="m").png_data_uri(scale=6, border=2)


def place_name(region) -> str:
    """The place written above the signature: the region's name without "Kabupaten"/"Kota"."""
    name = region.name
    for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def maklumat_context(service: Service, standard: StandardVersion) -> dict:
    """What the maklumat shows: region, unit, wording, service, decree, place/date, head, QR."""
    unit = service.unit
    url = service_absolute_url(service)
    return {
        "service": service,
        "standard": standard,
        "region": service.region,
        "unit": unit,
        "head": unit.head,
        "maklumat_text": MAKLUMAT_TEXT,
        "place": place_name(service.region),
        "sign_date": standard.decree_date,
        "page_url": url,
        "qr_png": qr_png_data_uri(url),
    }


def maklumat_html(service: Service, standard: StandardVersion) -> str:
    """The HTML the PDF is printed from; always in Bahasa Indonesia (it is a legal document)."""
    with translation.override("id"):
        return render_to_string("catalog/maklumat_pdf.html", maklumat_context(service, standard))


def maklumat_pdf(service: Service, standard: StandardVersion) -> bytes:
    """The maklumat pelayanan as an A4 PDF."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only this view needs it

    return HTML(string=maklumat_html(service, standard), base_url=settings.SITE_URL).write_pdf()
