"""Open311 GeoReport v2 for third-party apps, mounted at /open311/v2/ (urls.py).

views.py (the resources), params.py (reading parameters and dates), intake.py (a client app's POST),
rows.py (what the resources answer), render.py (JSON and XML), selectors.py (what Open311 may read:
public reports only), keys.py (client apps' API keys, and the demo key).
"""
