"""News archive: ingest articles, pin down who said what and when, search them."""
