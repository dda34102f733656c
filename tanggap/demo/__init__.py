"""Demo data: Kabupaten Blitar and Kota Blitar with fictional people, loaded by `manage.py load_demo`."""
