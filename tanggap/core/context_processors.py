"""Template context every page needs."""

from django.conf import settings

from tanggap.accounts.permissions import is_staff_member


def tanggap(request):
    """Whether the staff menu shows, and the site's base URL."""
    user = getattr(request, "user", None)
    return {
        "is_staff_member": is_staff_member(user) if user is not None else False,
        "SITE_URL": settings.SITE_URL,
    }
