"""Removing one import: exactly its rows go, in one transaction, and the history says so."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data import rollups
from data.ingest import apply_import, plan_import
from data.organisation import load_organisation
from data.removal import REBUILD_SHARE, REMOVAL_ORIGIN, RemovalError, remove_import
from data.store import migrations, open_read_only, schema_version, write_batch

CLIPPINGS = (
    "date,outlet,headline,experts,tags,url\n"
    "2026-10-02,Le Monde,Grids under strain,Élodie Marchand-Vasseur,Energy transition,"
    "https://www.lemonde.fr/a/grids-under-strain\n"
    "2026-10-05,Gazette du Littoral,Un port en mutation,Jeanne Nouvelle-Venue,Ports du Nord,"
    "https://gazette.example/port\n"
    "2026-10-06,Gazette du Littoral,Sans auteur connu,,Ports du Nord,\n"
)


@pytest.fixture
def store(demo_db, tmp_path) -> Path:
    """The demo store (import 1) plus a clipping spreadsheet imported on top (import 2)."""
    db = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, db)
    import_clippings(db)
    return db


def import_clippings(db: Path) -> int:
    con = open_read_only(db)
    try:
        plan = plan_import([("clippings.csv", CLIPPINGS.encode())], con, load_organisation())
    finally:
        con.close()
    return apply_import(plan, db, origin="cli").run_id


def table(db: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def rows(frame: pd.DataFrame) -> set[tuple]:
    return set(frame.itertuples(index=False, name=None))


def digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "run_id, rebuilt",
    [(2, False), (1, True)],
    ids=["a small import, deleted row by row", "most of the store, tables rebuilt"],
)
def test_removing_an_import_deletes_exactly_its_rows_and_their_links(store, run_id, rebuilt):
    articles = table(store, "SELECT article_id, ingest_run_id FROM articles")
    experts = table(store, "SELECT article_id, expert_id, role FROM article_experts")
    tags = table(store, "SELECT article_id, tag_id FROM article_tags")
    gone = set(articles.loc[articles["ingest_run_id"] == run_id, "article_id"])
    assert gone and (len(gone) > REBUILD_SHARE * len(articles)) == rebuilt  # both ways tested

    removal = remove_import(run_id, store)

    assert removal.n_appearances + removal.n_own_content == len(gone)
    after = table(store, "SELECT article_id, ingest_run_id FROM articles")
    assert rows(after) == rows(articles[~articles["article_id"].isin(gone)])
    assert rows(table(store, "SELECT article_id, expert_id, role FROM article_experts")) == rows(
        experts[~experts["article_id"].isin(gone)]
    )
    assert rows(table(store, "SELECT article_id, tag_id FROM article_tags")) == rows(
        tags[~tags["article_id"].isin(gone)]
    )


def test_the_tables_keep_their_keys_and_constraints_after_a_large_removal(store):
    definitions = "SELECT table_name, sql FROM duckdb_tables() ORDER BY table_name"
    before = table(store, definitions)
    remove_import(1, store)
    pd.testing.assert_frame_equal(table(store, definitions), before)
    con = duckdb.connect(str(store))
    try:
        article_id, key = con.execute("SELECT article_id, dedupe_key FROM articles").fetchone()
        with pytest.raises(duckdb.ConstraintException):
            con.execute(
                "INSERT INTO articles (article_id, outlet_id, dedupe_key) VALUES (?, 1, 'x')",
                [article_id],
            )
        with pytest.raises(duckdb.ConstraintException):
            con.execute(
                "INSERT INTO articles (article_id, outlet_id, dedupe_key) VALUES (-1, 1, ?)", [key]
            )
    finally:
        con.close()


def test_outlets_experts_and_topics_the_import_brought_go_with_it_the_reference_lists_stay(store):
    outlets_before = set(table(store, "SELECT slug FROM outlets")["slug"])
    assert {"gazette-du-littoral"} <= outlets_before
    remove_import(2, store)

    outlets = table(store, "SELECT slug, confirmed FROM outlets")
    experts = table(store, "SELECT slug, confirmed FROM experts")
    assert "gazette-du-littoral" not in set(outlets["slug"])
    assert outlets_before - set(outlets["slug"]) == {"gazette-du-littoral"}
    assert "jeanne-nouvelle-venue" not in set(experts["slug"])
    assert "elodie-marchand-vasseur" in set(experts["slug"])  # the roster, with demo appearances
    assert "ports-du-nord" not in set(table(store, "SELECT slug FROM tags")["slug"])
    aliases = table(
        store,
        "SELECT count(*) AS n FROM outlet_aliases WHERE outlet_id NOT IN"
        " (SELECT outlet_id FROM outlets)"
        " UNION ALL SELECT count(*) FROM expert_aliases WHERE expert_id NOT IN"
        " (SELECT expert_id FROM experts)",
    )
    assert aliases["n"].tolist() == [0, 0]  # no alias left pointing at nothing


def test_the_removal_is_recorded_and_the_import_keeps_its_own_record(store):
    before = table(store, "SELECT * FROM ingest_runs WHERE run_id = 2")
    removal = remove_import(2, store)
    runs = table(store, "SELECT * FROM ingest_runs ORDER BY run_id")
    record = runs.loc[runs["run_id"] == removal.removal_run_id].iloc[0]
    assert record["origin"] == REMOVAL_ORIGIN
    assert (record["removes_run_id"], record["n_removed"]) == (2, 3)
    assert record["sources"] == "removed import 2: 3 rows"  # the same, for display
    pd.testing.assert_frame_equal(runs.loc[runs["run_id"] == 2].reset_index(drop=True), before)


def test_removing_the_demo_import_clears_the_demo_data_and_keeps_real_coverage(store):
    demo_run = table(store, "SELECT run_id FROM ingest_runs WHERE origin = 'demo'")["run_id"]
    kept = table(store, "SELECT article_id, title FROM articles WHERE ingest_run_id = 2")
    remove_import(int(demo_run.iloc[0]), store)
    left = table(store, "SELECT article_id, title, source_format FROM articles")
    assert not (left["source_format"] == "demo").any()
    assert rows(left[["article_id", "title"]]) == rows(kept)


@pytest.mark.parametrize(
    "run_id, complaint",
    [(99, "There is no import 99"), (3, "records a removal, not an import")],
)
def test_what_cannot_be_removed_is_refused_with_a_reason_and_the_store_is_unchanged(
    store, run_id, complaint
):
    remove_import(2, store)  # entry 3 records this removal
    unchanged = digest(store)
    with pytest.raises(RemovalError, match=complaint):
        remove_import(run_id, store)
    assert digest(store) == unchanged


def test_an_import_cannot_be_removed_twice(store):
    remove_import(2, store)
    unchanged = digest(store)
    with pytest.raises(RemovalError, match="already removed"):
        remove_import(2, store)
    assert digest(store) == unchanged


def test_a_removed_import_can_be_imported_again(store):
    remove_import(2, store)
    run_id = import_clippings(store)
    articles = table(store, "SELECT ingest_run_id FROM articles")
    assert (articles["ingest_run_id"] == run_id).sum() == 3


# ---------- stores from before removals had their column (schema version 3)


def copy_at_version(source: Path, target: Path, version: int) -> Path:
    """A store at an older schema version holding the rows of `source`: the tables as the
    migrations up to `version` made them, each filled with the columns it had then."""
    con = duckdb.connect(str(target))
    try:
        for step, sql in migrations():
            if step <= version:
                con.execute(sql)
        con.execute("INSERT INTO schema_version (version) SELECT range FROM range(1, $v + 1)",
                    {"v": version})  # fmt: skip
        con.execute("ATTACH $source AS source (READ_ONLY)", {"source": str(source)})
        columns = con.execute(
            "SELECT table_name, string_agg(column_name, ', ' ORDER BY column_index)"
            " FROM duckdb_columns() WHERE database_name = current_database()"
            " AND schema_name = 'main' AND table_name <> 'schema_version' GROUP BY table_name"
        ).fetchall()
        for name, names in columns:  # names from the store's own catalogue
            if name in rollups.KEYS:  # derived tables, rebuilt by the migration
                continue
            con.execute(f"INSERT INTO {name} ({names}) SELECT {names} FROM source.{name}")  # noqa: S608
        con.execute("DETACH source")
    finally:
        con.close()
    return target


@pytest.fixture
def removed_twice(store) -> Path:
    """The demo and an import (1, 2), import 2 removed (3), imported again (4), the demo removed
    (5): removals of both kinds, as the current code records them."""
    remove_import(2, store)
    import_clippings(store)
    remove_import(1, store)
    return store


def test_a_version_3_store_gets_the_removal_column_from_its_notes(removed_twice, demo_db, tmp_path):
    old = copy_at_version(removed_twice, tmp_path / "v3.duckdb", 3)
    con = duckdb.connect(str(old), read_only=True)
    try:
        assert schema_version(con) == 3
        notes = con.execute("SELECT * FROM ingest_runs WHERE origin = 'removal'").df()
    finally:
        con.close()
    assert "removes_run_id" not in notes.columns  # only the note said which import went
    assert notes["sources"].str.fullmatch(r"removed import [12]: \d+ rows?").all()

    with write_batch(old):
        pass

    runs = "SELECT * FROM ingest_runs ORDER BY run_id"
    migrated, written = table(old, runs), table(removed_twice, runs)
    pd.testing.assert_frame_equal(migrated, written)  # as if the column had always been there
    removals = migrated[migrated["origin"] == REMOVAL_ORIGIN]
    demo_rows = table(demo_db, "SELECT count(*) AS n FROM articles")["n"].iloc[0]
    assert removals["run_id"].tolist() == [3, 5]
    assert removals["removes_run_id"].tolist() == [2, 1]
    assert removals["n_removed"].tolist() == [3, demo_rows]
    assert migrated.loc[migrated["origin"] != REMOVAL_ORIGIN, "removes_run_id"].isna().all()


def test_a_migrated_store_refuses_to_remove_an_import_twice_and_removes_the_rest(
    removed_twice, tmp_path
):
    old = copy_at_version(removed_twice, tmp_path / "v3.duckdb", 3)
    with write_batch(old):
        pass
    unchanged = digest(old)
    removed_on = dict(
        table(
            old, "SELECT removes_run_id, started_at FROM ingest_runs WHERE origin = 'removal'"
        ).itertuples(index=False, name=None)
    )
    for run_id in (1, 2):
        with pytest.raises(RemovalError) as refused:
            remove_import(run_id, old)
        assert str(refused.value) == (
            f"Import {run_id} was already removed, on {removed_on[run_id]:%-d %b %Y %H:%M}."
        )
    assert digest(old) == unchanged
    removal = remove_import(4, old)
    assert removal.n_appearances == 3
    assert table(old, "SELECT count(*) AS n FROM articles")["n"].tolist() == [0]
