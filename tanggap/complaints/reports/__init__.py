"""The complaints' report side: the unit and region dashboards with their charts and CSV/XLSX exports,
the routing model's accuracy page, the public transparency page, and the performance figures the API and
the performance cards read.

performance.py (per official and unit, database aggregates), figures.py (the dashboards' and the
transparency page's figures), access.py (who opens which dashboard), charts.py, exports.py, forms.py (the
period), views.py and urls.py (mounted by the complaints URLconf).
"""
