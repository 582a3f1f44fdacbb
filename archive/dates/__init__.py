"""Dates of articles: reading date strings and choosing among them.

    words        the words of date phrases in every language read ("Posted", "aktualisiert")
    parsing      one date string -> a Timestamp in the source's own offset, or a reason
    arbitration  a file's candidates -> its publication time and its last update

archive.timestamps is the entry point the rest of the archive imports.
"""
