"""REST API of attendance and leave under /api/attendance/ (routes in tanggap.attendance.api_urls).

checkins.py: an official's own check-in or check-out (for a future native app) and the events the user
may read. leave.py: the leave types, the own annual balance and ledger, the leave requests and their
decision and cancellation. serializers.py: what both read and answer. Every endpoint needs a signed-in
user; writes go through tanggap.attendance.services, reads through tanggap.attendance.selectors.
"""
