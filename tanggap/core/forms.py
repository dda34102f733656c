"""What every app's forms share: a service's refusal shown on the form, and running a service from a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tanggap.core.errors import DomainError
from tanggap.core.errors import PermissionDenied as DomainPermissionDenied


def add_domain_error(form, exc: DomainError) -> None:
    """Show a refusal on the field it concerns (or on the form when it names none the form has)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


def run_service(form, service: Callable, /, **kwargs) -> tuple[bool, Any]:
    """Call a service; a refusal becomes an error on the form (a permission refusal goes on up as 403)."""
    try:
        return True, service(**kwargs)
    except DomainPermissionDenied:
        raise
    except DomainError as exc:
        add_domain_error(form, exc)
        return False, None


def run_form(request, form, service: Callable, /, **kwargs) -> tuple[bool, Any]:
    """On a valid POST, call the service with kwargs and the form's cleaned data, as run_service does."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    return run_service(form, service, **kwargs, **form.cleaned_data)
