"""The forms of the performance pages (one module per page family)."""
