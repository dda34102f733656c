"""Staff pages of the org app under /organisasi/: thin views over org selectors and services."""
