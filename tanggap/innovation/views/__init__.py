"""Pages of Inovasi daerah, one module per area: ideas, registry (innovations, evidence, showcase),
assessment (assessment, region report, index), rounds (competition organiser, proposals, results),
jury (jurors, conflicts, assignment, scoring), library (P2B articles, replication requests)."""
