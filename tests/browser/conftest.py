# Fixtures for the browser tests live in kt_browser.py (a distinct module name, so that
# `from conftest import ...` in tests/ keeps meaning tests/conftest.py).
from kt_browser import base_url, browser, page, site  # noqa: F401
