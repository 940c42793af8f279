"""The synthetic stores the benchmarks time have the shape bench/synth.py promises."""

from __future__ import annotations

import duckdb

from bench.synth import N_EXPERTS, N_OUTLETS, N_TAGS, synthetic_store
from data.store import LATEST_VERSION, schema_version


def test_a_synthetic_store_has_realistic_skew_and_is_built_once(tmp_path):
    path = synthetic_store(20_000, tmp_path)
    built_at = path.stat().st_mtime_ns
    assert synthetic_store(20_000, tmp_path) == path
    assert path.stat().st_mtime_ns == built_at  # reused, not rebuilt
    assert list(tmp_path.iterdir()) == [path]  # no half-built leftovers

    con = duckdb.connect(str(path), read_only=True)

    def value(sql: str):
        return con.execute(sql).fetchone()[0]

    try:
        assert schema_version(con) == LATEST_VERSION
        n = value("SELECT count(*) FROM articles")
        assert n == 20_000
        assert 0.01 < value("SELECT count(*) - count(published) FROM articles") / n < 0.03
        assert 1.9 < value("SELECT count(*) FROM article_experts") / n < 2.1
        per_outlet = con.execute(
            "SELECT count(*) FROM articles GROUP BY outlet_id ORDER BY 1 DESC"
        ).fetchall()
        assert per_outlet[0][0] > 5 * per_outlet[len(per_outlet) // 2][0]  # a few carry most
        assert len(per_outlet) > N_OUTLETS * 0.8
        assert value("SELECT count(DISTINCT expert_id) FROM article_experts") == N_EXPERTS
        assert value("SELECT count(DISTINCT tag_id) FROM article_tags") == N_TAGS
        assert value("SELECT max(published) FROM articles").isoformat() == "2026-10-31"
    finally:
        con.close()
