"""Inovasi daerah's records (DOMAIN.md §4). The rules come first as pure modules beside this one:
`index.py` (the Indeks Inovasi Daerah and its band), `criteria.py` (the five criteria and evidence
validation), `assignment.py` (jury assignment), `aggregation.py` (jury scores)."""
