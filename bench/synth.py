"""Synthetic stores for benchmarks: n appearances with a realistic skew, built in DuckDB SQL.

    from bench.synth import synthetic_store
    path = synthetic_store(1_000_000)   # bench/cache/synthetic-1000000.duckdb, built once

Shape: 300 outlets drawn with a Zipf skew (a few national titles carry most of the coverage), 60
experts (1 to 3 per appearance, about 2 on average, also skewed), 40 tags (0 to 2 per appearance),
ten years of dates growing over time, 2% undated, 3% events and videos of the organisation's own.
Pseudo-randomness is `hash(article_id, salt)`, so a store of a given size is the same every time.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from data import rollups
from data.store import LATEST_VERSION, migrate

CACHE_DIR = Path(__file__).resolve().parent / "cache"
N_OUTLETS = 300
N_EXPERTS = 60
N_TAGS = 40
FIRST_DAY = "2016-11-01"
DAYS = 3652  # ten years, through 2026-10-31
BUILD_VERSION = 2  # bump when the shape changes, so cached stores are rebuilt

# A uniform draw in [0, 1) per (row, salt).
_U = "((hash({row}, {salt}) % 1000003) / 1000003.0)"
# A Zipf(1) rank in 1..n: P(rank <= k) = ln(k + 1) / ln(n + 1).
_ZIPF = "least({n}, CAST(floor(exp({u} * ln({n} + 1))) AS INTEGER))"


def u(row: str, salt: int) -> str:
    return _U.format(row=row, salt=salt)


def zipf(row: str, salt: int, n: int) -> str:
    return _ZIPF.format(n=n, u=u(row, salt))


def below(n: int, salt: int | str) -> str:
    """An integer in 0..n-1 drawn for row i."""
    return f"CAST(hash(i, {salt}) % {n} AS INTEGER)"


WORDS = [
    "Europe", "Russia", "China", "energy", "nuclear", "sanctions", "Africa", "Sahel", "NATO",
    "Ukraine", "elections", "trade", "climate", "Iran", "Gulf", "defence", "migration", "India",
    "Japan", "Brexit", "Germany", "debt", "oil", "gas", "cyber", "space", "Turkey", "Israel",
    "Brazil", "summit", "diplomacy", "security", "strategy", "economy", "technology", "Taiwan",
]  # fmt: skip


def _build(con: duckdb.DuckDBPyConnection, n: int) -> None:
    words = "[" + ", ".join(f"'{w}'" for w in WORDS) + "]"
    w = len(WORDS)
    media = "['print', 'online', 'tv', 'radio', 'podcast', 'agency']"
    countries = "['FR', 'GB', 'US', 'DE', 'BE', 'CH', 'ES', 'IT']"
    languages = "['fr', 'en', 'en', 'en', 'fr', 'fr', 'es', 'it']"
    roles = (
        "['quoted', 'quoted', 'quoted', 'interview', 'interview', 'op-ed', 'on-air', 'mentioned']"
    )
    con.execute("BEGIN")
    con.execute(
        f"""
        INSERT INTO ingest_runs (run_id, started_at, finished_at, origin, sources, n_new)
        VALUES (1, TIMESTAMP '2026-11-01 08:00:00', TIMESTAMP '2026-11-01 08:05:00', 'cli',
                'synthetic', {n});
        INSERT INTO outlets (outlet_id, slug, name, media_type, country, language, tier)
        SELECT i, printf('outlet-%03d', i), printf('Outlet %03d', i),
               {media}[1 + {below(6, 11)}],
               {countries}[1 + (i % 8)], {languages}[1 + (i % 8)],
               CASE WHEN i <= 20 THEN 1 END
        FROM range(1, {N_OUTLETS} + 1) t(i);
        INSERT INTO experts (expert_id, slug, name, role, programme)
        SELECT i, printf('expert-%02d', i), printf('Expert %02d', i), 'Research Fellow',
               printf('Programme %d', 1 + i % 8)
        FROM range(1, {N_EXPERTS} + 1) t(i);
        INSERT INTO tags (tag_id, slug, name)
        SELECT i, lower({words}[i]), {words}[i] FROM range(1, {N_TAGS} + 1) t(i)
        WHERE i <= {w};
        INSERT INTO tags (tag_id, slug, name)
        SELECT i, printf('topic-%02d', i), printf('Topic %02d', i)
        FROM range({w} + 1, {N_TAGS} + 1) t(i);
        """  # noqa: S608 - fixed literals, no outside text
    )
    # Dates grow over time: sqrt of a uniform puts more appearances in recent years.
    con.execute(
        f"""
        INSERT INTO articles
            (article_id, title, outlet_id, published, language, url, summary, kind,
             source_file, source_format, ingest_run_id, dedupe_key)
        SELECT i,
               {words}[1 + {below(w, 21)}] || ' and ' || {words}[1 + {below(w, 22)}]
                   || ': what the ' || {words}[1 + {below(w, 23)}] || ' crisis means',
               o,
               CASE WHEN {u("i", 24)} < 0.02 THEN NULL
                    ELSE DATE '{FIRST_DAY}' + CAST(floor(sqrt({u("i", 25)}) * {DAYS}) AS INTEGER)
               END,
               CASE WHEN {u("i", 26)} < 0.9 THEN {languages}[1 + (o % 8)] ELSE 'en' END,
               'https://example.org/a/' || i,
               'Interview about ' || {words}[1 + {below(w, 27)}] || ' and '
                   || {words}[1 + {below(w, 28)}] || '.',
               CASE WHEN {u("i", 29)} < 0.97 THEN 'appearance'
                    WHEN {u("i", 30)} < 0.5 THEN 'event' ELSE 'video' END,
               'synthetic.csv', 'spreadsheet', 1, 'synthetic:' || i
        FROM (SELECT i, {zipf("i", 20, N_OUTLETS)} AS o FROM range(1, {n} + 1) t(i))
        """  # noqa: S608 - fixed literals, no outside text
    )
    # 1 to 3 distinct experts: a skewed first one, then steps of 1..29 around the roster of 60.
    con.execute(
        f"""
        INSERT INTO article_experts (article_id, expert_id, role)
        SELECT i, 1 + (first - 1 + k * step) % {N_EXPERTS},
               {roles}[1 + {below(8, "40 + k")}]
        FROM (
            SELECT i, {zipf("i", 31, N_EXPERTS)} AS first, 1 + {below(29, 32)} AS step,
                   1 + {below(3, 33)} AS how_many
            FROM range(1, {n} + 1) t(i)
        ), range(3) r(k)
        WHERE k < how_many
        """  # noqa: S608 - fixed literals, no outside text
    )
    con.execute(
        f"""
        INSERT INTO article_tags (article_id, tag_id)
        SELECT i, 1 + (first - 1 + k * 7) % {N_TAGS}
        FROM (
            SELECT i, {zipf("i", 51, N_TAGS)} AS first, {below(3, 52)} AS how_many
            FROM range(1, {n} + 1) t(i)
        ), range(2) r(k)
        WHERE k < how_many
        """  # noqa: S608 - fixed literals, no outside text
    )
    rollups.refresh(con)
    con.execute("COMMIT")


def synthetic_store(n: int, folder: Path = CACHE_DIR) -> Path:
    """The path of a synthetic store of n appearances, built on first use and reused after."""
    folder.mkdir(parents=True, exist_ok=True)
    # the schema version too: a store built before a migration has the old tables
    path = folder / f"synthetic-v{BUILD_VERSION}-s{LATEST_VERSION}-{n}.duckdb"
    if path.exists():
        return path
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            migrate(con)
            _build(con, n)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)  # a half-built store is never taken for a finished one
    finally:
        tmp.unlink(missing_ok=True)
    return path


if __name__ == "__main__":
    import sys
    import time

    for size in [int(arg.replace("_", "")) for arg in sys.argv[1:]] or [100_000]:
        start = time.perf_counter()
        built = synthetic_store(size)
        print(f"{built} ({time.perf_counter() - start:.1f} s)")
