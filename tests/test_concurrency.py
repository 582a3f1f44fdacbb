"""A short run of bench/concurrency.py against the real server: 2 uploaders and 4
searchers for 5 seconds. No 5xx, no LockError, nothing lost or stored twice, and
searches answer all along."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def test_uploads_and_searches_at_once_against_the_real_server():
    finished = subprocess.run([sys.executable, "bench/concurrency.py", "--duration", "5", "--uploaders", "2",
                               "--searchers", "4", "--json"], cwd=PROJECT, capture_output=True, text=True,
                              timeout=600)
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert result["statuses"].get("5xx", 0) == 0, result["failures"]
    assert result["failures"] == []
    assert result["lock_errors_in_log"] == 0 and result["tracebacks_in_log"] == 0
    assert result["uploads_acknowledged_added"] > 0 and result["searches"] > 0
    assert result["lost_or_duplicated"] == 0 and result["duplicate_acknowledgements"] == 0
    assert result["store_articles"] == result["seed_articles"] + result["uploads_acknowledged_added"]
    assert result["index_queue"] == 0
    assert result["api_total_minus_store"] == 0  # re-indexed articles are not counted twice
    assert finished.returncode == 0, result
