"""Prototypes of changes outside bench/ measured before they are adopted:
`bulk_writer.py`, an index writer for bulk ingest (`python -m bench.ingest --proposed`)."""
