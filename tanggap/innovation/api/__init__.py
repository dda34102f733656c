"""REST API of Inovasi daerah under /api/innovation/: registry, assessment, competitions, library."""
