"""Every write of attendance and leave: check-ins, leave requests and their decisions, the leave ledger."""
