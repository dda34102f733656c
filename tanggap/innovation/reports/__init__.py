"""Exports of Inovasi daerah: the registry and competition results as CSV/XLSX."""
