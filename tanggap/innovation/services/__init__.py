"""Writes of Inovasi daerah, one module per workflow: ideas.py, registry.py (innovations, evidence,
replications), assessment.py (assessment and index snapshots), rounds.py (competition set-up, proposals,
results), jury.py (jurors, conflicts, assignment, scores), library.py (articles, replication requests).
codes.py numbers records per region and year."""
