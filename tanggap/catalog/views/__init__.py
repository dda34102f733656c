"""Pages of the catalogue under /layanan/: public.py, the public catalogue (search, browse, a service's
standard, its old versions, QR and maklumat); manage.py, the staff pages (kelola/) for services, their
standards, enactment, import and export."""
