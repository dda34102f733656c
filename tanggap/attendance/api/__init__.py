"""REST API of attendance and leave: none yet (check-in for a future native app follows)."""
