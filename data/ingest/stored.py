"""What the store already holds that an import must respect: the outlet and expert spellings it
knows, and the stored appearances an import's records may repeat. Reads only.

Planning reads through a cursor of its own: the Import page shares one read-only connection
between threads, and a bare connection is not thread-safe.
"""

from __future__ import annotations

import duckdb

from data import dedupe
from data.curation_replay import merged_key_variants
from data.ingest import sql
from data.ingest.planning import Planned, StoreMatches, StoreNames


def names(con: duckdb.DuckDBPyConnection | None) -> StoreNames:
    """Every outlet and expert spelling the store knows; none without a store."""
    known = StoreNames()
    if con is None:
        return known
    for kind, key, name in sql.run(con.cursor(), "store_names").fetchall():
        (known.outlets if kind == "outlet" else known.experts)[key] = name
    return known


def keys(con: duckdb.DuckDBPyConnection, wanted: list[str]) -> set[str]:
    """The dedupe keys among `wanted` that the store holds, as `con` sees it (the writer asks
    inside its transaction). A key naming an outlet merged into another is found under either
    (data/curation_replay.py: merged_key_variants)."""
    variants = merged_key_variants(con, wanted)
    found = sql.run(con, "store_keys", keys=wanted + list(variants)).fetchall()
    return {variants.get(key, key) for (key,) in found}


def matches(con: duckdb.DuckDBPyConnection | None, planned: list[Planned]) -> StoreMatches:
    """The stored appearances these records may repeat: same key, or a near byline (the same
    outlet and experts, a day apart at most). Only those are read, so planning costs the same
    against a store of any size."""
    found = StoreMatches()
    if con is None or not planned:
        return found
    cur = con.cursor()
    found.keys = keys(cur, [p.key for p in planned])
    bylines = {line for line in (p.byline for p in planned) if line}
    if not bylines:
        return found
    rows = sql.run(
        cur,
        "store_bylines",
        slug=[line[0] for line in bylines],
        day=[line[1] for line in bylines],
        people=[sorted(line[2]) for line in bylines],
        days=dedupe.LANGUAGE_DAYS,
    ).fetchall()
    for slug, day, title, key, language, people in rows:
        found.bylines[(slug, day, frozenset(people))] = (title, key, language)
    return found
