"""What a browser remembers for a citizen without an account: the public codes of records it created or
opened (queue tickets, say), kept in the session, newest first. Only codes are kept, never personal data;
a shared phone can forget one."""

from __future__ import annotations

MAX_REMEMBERED = 20


def remembered_codes(request, key: str) -> list[str]:
    """The codes this browser remembers under `key`, newest first."""
    codes = request.session.get(key, [])
    return [code for code in codes if isinstance(code, str)] if isinstance(codes, list) else []


def remember_code(request, key: str, code: str, *, limit: int = MAX_REMEMBERED) -> None:
    """Remember `code` under `key` (moved to the front when known already; the oldest beyond `limit` go)."""
    codes = [c for c in remembered_codes(request, key) if c != code]
    request.session[key] = [code, *codes][:limit]


def forget_code(request, key: str, code: str) -> None:
    """This browser no longer remembers `code` under `key`."""
    codes = remembered_codes(request, key)
    if code in codes:
        request.session[key] = [c for c in codes if c != code]
