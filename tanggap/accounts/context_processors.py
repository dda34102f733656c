"""Template context about the signed-in user that every page needs."""

from tanggap.accounts.permissions import is_staff_member


def staff_menu(request):
    """Whether the staff menu shows."""
    user = getattr(request, "user", None)
    return {"is_staff_member": is_staff_member(user) if user is not None else False}
