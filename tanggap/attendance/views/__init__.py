"""Pages of attendance and leave: none yet (the check-in page, the QR screen and the leave pages follow)."""
