"""Documents made from a service page: its QR code (SVG for the page, PNG for print) and the maklumat
pelayanan PDF (WeasyPrint, A4)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tanggap.catalog.models import Service, StandardVersion
from tanggap.core.qr import qr_png_data_uri

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
        "place": service.region.place_name,
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
