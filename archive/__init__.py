"""News archive: ingest articles, pin down who said what and when, search them."""

__version__ = "0.1.0"
