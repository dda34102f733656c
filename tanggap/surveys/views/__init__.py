"""Survey pages: the citizen's questionnaire (citizen.py) and the counter tablet's kiosk mode (kiosk.py)."""
