"""Stand-in for CKAN core (see tests/ckan_stub/README.md)."""
