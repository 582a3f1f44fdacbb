"""Collecting: pages, feeds and news sitemaps fetched over HTTP, as a careful crawler.

- `settings`: the collector's knobs (per-host interval, timeouts, limits), from the environment.
- `guard`: which addresses may be fetched (the SSRF guard), checked after resolution.
- `politeness`: one request at a time per host, at least an interval apart; a bound on hosts at once.
- `robots`: robots.txt per host (protego), cached.
- `client`: the HTTP client (httpx): conditional GET, size, redirect and content-type checks,
  retries with backoff; every hop goes through the guard, robots and politeness.
- `sources`: what a response is (page, RSS/Atom, JSON Feed, sitemap, sitemap index) and its entries.
- `items`: a fetched page or a full-content entry made ready for the store.
- `state`: feeds, their schedule and health, validators per URL, entries already taken (SQLite).
- `collector`: fetch one URL or poll one feed, end to end.
- `watcher`: poll the feeds that are due, forever or once.
"""
