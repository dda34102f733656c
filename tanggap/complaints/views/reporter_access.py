"""The reporter's access kept in the browser's session: which reports this browser proved it holds the
secret of, and the secret itself held for the one page that shows it after filing."""

from __future__ import annotations

from tanggap.complaints.permissions import is_reporter_account

ACCESS_KEY = "complaints_reporter_access"
NEW_SECRET_KEY = "complaints_new_secret"
MAX_REMEMBERED = 20


def grant_reporter_access(request, complaint) -> None:
    """Remember in the session that this browser proved it holds the report's secret."""
    codes = [c for c in request.session.get(ACCESS_KEY, []) if c != complaint.tracking_code]
    if not codes:
        # A new privilege: a fresh session id, so a planted session cookie gains nothing.
        request.session.cycle_key()
    request.session[ACCESS_KEY] = [complaint.tracking_code, *codes][:MAX_REMEMBERED]


def forget_reporter_access(request, complaint) -> None:
    """This browser no longer remembers the report (a shared phone): the secret is needed again."""
    codes = [c for c in request.session.get(ACCESS_KEY, []) if c != complaint.tracking_code]
    request.session[ACCESS_KEY] = codes


def has_reporter_access(request, complaint) -> bool:
    """The session entered the secret, or the signed-in user filed the report."""
    if complaint.tracking_code in request.session.get(ACCESS_KEY, []):
        return True
    return is_reporter_account(request.user, complaint)


def remembered_codes(request) -> list[str]:
    """The tracking codes this browser holds the secret of, newest first."""
    return list(request.session.get(ACCESS_KEY, []))


def keep_new_secret(request, complaint, secret: str) -> None:
    """Hold the secret for the one confirmation page that shows it."""
    request.session[NEW_SECRET_KEY] = {"code": complaint.tracking_code, "secret": secret}


def pop_new_secret(request, complaint) -> str | None:
    """The secret, once, if this session just filed this report."""
    held = request.session.get(NEW_SECRET_KEY)
    if not held or held.get("code") != complaint.tracking_code:
        return None
    del request.session[NEW_SECRET_KEY]
    return held.get("secret")
