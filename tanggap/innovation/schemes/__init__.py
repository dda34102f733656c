"""Seed index schemes as plain data, one module per year (`iid_2023`)."""
