"""The monthly rollups (data/rollups.py) always hold the counts of the appearances they sum up:
after the demo is built, after an import, after a removal and after a migration."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd

from data.removal import remove_import
from data.rollups import KEYS
from data.store import MIGRATIONS_DIR, SCHEMA_FILE, write_batch
from data.vocabulary import ROLES
from tests.data.test_removal import import_clippings, table


def counted_in_pandas(db: Path) -> dict[str, set[tuple]]:
    """Every rollup computed from the base tables in pandas, as sets of rows."""
    articles = table(db, "SELECT article_id, published, outlet_id, language, kind FROM articles")
    articles["month"] = pd.to_datetime(articles["published"]).dt.to_period("M").dt.start_time
    experts = table(db, "SELECT article_id, expert_id, role FROM article_experts")
    tags = table(db, "SELECT article_id, tag_id FROM article_tags")

    with_experts = articles.merge(experts, on="article_id", how="left")
    for role in ROLES:  # one column per role, named by its code
        with_experts[role] = (with_experts["role"] == role).astype(int)
    with_experts["appearances"] = 1
    with_tags = articles.merge(tags, on="article_id", how="left")
    with_tags["appearances"] = 1
    both = articles.merge(tags, on="article_id").merge(experts, on="article_id")
    both["appearances"] = 1
    sources = {"expert_months": with_experts, "tag_months": with_tags, "tag_expert_months": both}

    counted = {}
    for name, keys in KEYS.items():
        frame = sources[name]
        measures = ["appearances", *ROLES] if name == "expert_months" else ["appearances"]
        summed = frame.groupby(list(keys), dropna=False)[measures].sum().reset_index()
        counted[name] = as_rows(summed[[*keys, *measures]])
    return counted


def stored(db: Path) -> dict[str, set[tuple]]:
    columns = {name: ", ".join(f'"{c}"' for c in counted_columns(name)) for name in KEYS}
    return {
        name: as_rows(table(db, f"SELECT {columns[name]} FROM {name}"))  # noqa: S608
        for name in KEYS
    }


def counted_columns(name: str) -> list[str]:
    measures = ["appearances", *ROLES] if name == "expert_months" else ["appearances"]
    return [*KEYS[name], *measures]


def as_rows(frame: pd.DataFrame) -> set[tuple]:
    """Rows with missing values as None and dates as dates, comparable across both sources."""

    def clean(value):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return None
        if isinstance(value, pd.Timestamp):
            return value.date()
        return int(value) if not isinstance(value, str) and float(value).is_integer() else value

    return {tuple(clean(v) for v in row) for row in frame.itertuples(index=False, name=None)}


def assert_rollups_current(db: Path) -> dict[str, set[tuple]]:
    got, want = stored(db), counted_in_pandas(db)
    for name in KEYS:
        assert got[name] == want[name], name
    return got


def test_the_demo_store_rollups_count_its_appearances(demo_db):
    rollups = assert_rollups_current(demo_db)
    assert all(rollups.values())  # nothing vacuous: every rollup has rows
    assert any(row[0] is None for row in rollups["expert_months"])  # undated appearances


def test_an_import_and_its_removal_keep_the_rollups_current(demo_db, tmp_path):
    db = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, db)
    before = assert_rollups_current(db)

    run_id = import_clippings(db)
    after_import = assert_rollups_current(db)
    assert after_import != before

    remove_import(run_id, db)
    assert assert_rollups_current(db) == before


def test_removing_most_of_the_store_keeps_the_rollups_current(demo_db, tmp_path):
    db = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, db)
    import_clippings(db)
    remove_import(1, db)  # the demo import: most rows, the tables are rebuilt
    rollups = assert_rollups_current(db)
    assert 0 < sum(row[5] for row in rollups["expert_months"]) < 10


def test_a_version_2_store_gets_its_rollups_when_migrated(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(SCHEMA_FILE.read_text())
    con.execute((MIGRATIONS_DIR / "002_article_reach.sql").read_text())
    con.execute("INSERT INTO schema_version (version) VALUES (1), (2)")
    con.execute("INSERT INTO outlets (outlet_id, slug, name) VALUES (1, 'le-monde', 'Le Monde')")
    con.execute("INSERT INTO experts (expert_id, slug, name) VALUES (1, 'a-b', 'A B')")
    con.execute("INSERT INTO tags (tag_id, slug, name) VALUES (1, 'energy', 'Energy')")
    con.execute(
        "INSERT INTO articles (article_id, title, outlet_id, published, language, dedupe_key)"
        " VALUES (1, 'Une analyse', 1, DATE '2024-03-14', 'fr', 'k1'),"
        " (2, 'Sans date', 1, NULL, 'fr', 'k2')"
    )
    con.execute("INSERT INTO article_experts VALUES (1, 1, 'interview'), (2, 1, 'quoted')")
    con.execute("INSERT INTO article_tags VALUES (1, 1)")
    con.close()

    with write_batch(db):
        pass

    rollups = assert_rollups_current(db)
    march = pd.Timestamp("2024-03-01").date()
    assert rollups["expert_months"] == {
        (march, 1, "fr", "appearance", 1, 1, 0, 1, 0, 0, 0),
        (None, 1, "fr", "appearance", 1, 1, 1, 0, 0, 0, 0),
    }
    assert rollups["tag_expert_months"] == {(march, "fr", "appearance", 1, 1, 1)}
