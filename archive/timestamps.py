"""Publication times: parse the date strings readers found, then decide.

The entry point the rest of the archive imports; the work is in archive.dates
(its words, the parsing of one string, the arbitration between candidates).
"""
from __future__ import annotations

from archive.dates.arbitration import NO_DATE_REASON, NO_UPDATE_REASON, resolve_published, resolve_updated
from archive.dates.parsing import COMMON_LANGUAGES, looks_like_update, parse_timestamp, zone_from

__all__ = ["COMMON_LANGUAGES", "NO_DATE_REASON", "NO_UPDATE_REASON", "looks_like_update", "parse_timestamp",
           "resolve_published", "resolve_updated", "zone_from"]
