"""Kinerja Terbuka portal generator: load -> validate -> model -> render -> export."""

__version__ = "0.1.0"
