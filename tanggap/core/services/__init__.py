"""Core's writes that are not a domain's: the outbox of background work (outbox.py)."""
