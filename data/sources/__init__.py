"""The organisation's own sources, followed by themselves: its site's lists and its feeds.

Its modules:
    config.py   sources.toml: the listings, the feeds, how politely to fetch
    fetch.py    polite HTTP with httpx: User-Agent, robots.txt, pacing, retries, 304s, limits
    kept.py     beside the store: the cache, every run's pages (compressed) and outcome, the lock
    run.py      one run: fetch, read through the import (data/ingest), write once; reparse

From the command line:
    python -m data.sync [--db PATH] [--org DIR] [--source NAME] [--dry-run] [--reparse RUN]
"""
