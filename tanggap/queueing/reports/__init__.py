"""The queue's reports for a location's head: the dashboard (analytics.py, charts.py), its CSV/XLSX
exports (exports.py), the staffing planner's page (observed.py, staffing.py), their forms, views and urls."""
