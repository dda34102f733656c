"""The IKM reports of the surveys app: a unit's report page with its PDF (official layout) and XLSX, the
region comparison, and the public IKM pages.

views.py: the pages (period and filters from GET parameters, reads through tanggap.surveys.selectors);
charts.py: the NRR and trend charts; files.py: the PDF and XLSX; urls.py: their routes under /survei/.
"""
