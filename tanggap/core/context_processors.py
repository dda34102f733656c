"""Template context every page needs."""

from django.conf import settings


def tanggap(request):
    """The site's base URL."""
    return {"SITE_URL": settings.SITE_URL}
