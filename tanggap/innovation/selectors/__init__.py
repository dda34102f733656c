"""Reads of Inovasi daerah, already scoped to the user, one module per area (ideas, registry, assessment,
rounds, jury, library)."""
