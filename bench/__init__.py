"""Benchmarks (not tests): ingest throughput and query latency, side by side with a peer.

Run from the project root with the project's venv, e.g. `.venv/bin/python -m bench.query`.
Outputs go to bench/out/ (JSON results), caches to bench/.cache/ (both git-ignored);
`bench/report.py` turns the latest results into BENCHMARKS.md.
"""
