"""Queue pages: the citizen's booking and ticket, the kiosk, the counter screen, the display board, and
each location's queue configuration."""
