"""The store's rules (data/integrity.py): the demo keeps every one, each one catches the write
that breaks it, and a write that breaks one is refused, naming it, with the store left as it was.
Every write in the tests runs these checks before it commits (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import pytest

from data.integrity import IntegrityError, rules, violations
from data.rollups import KEYS
from data.store import CHECK_WRITES, write_batch

SMALL_STORE = """
INSERT INTO ingest_runs (run_id, started_at, origin, sources, n_new)
    VALUES (1, TIMESTAMP '2025-03-20 10:00:00', 'cli', 'clippings.csv', 2);
INSERT INTO outlets (outlet_id, slug, name) VALUES (1, 'le-monde', 'Le Monde');
INSERT INTO outlet_aliases VALUES ('le monde', 1);
INSERT INTO experts (expert_id, slug, name) VALUES (1, 'ada-brun', 'Ada Brun');
INSERT INTO expert_aliases VALUES ('ada brun', 1);
INSERT INTO tags (tag_id, slug, name) VALUES (1, 'energy', 'Energy');
INSERT INTO articles (article_id, title, outlet_id, published, language, ingest_run_id, dedupe_key)
    VALUES (1, 'Une analyse', 1, DATE '2025-03-14', 'fr', 1, 'k1'),
           (2, 'Sans date', 1, NULL, 'fr', 1, 'k2');
INSERT INTO article_experts VALUES (1, 1, 'interview'), (2, 1, 'quoted');
INSERT INTO article_tags VALUES (1, 1);
"""

# For each rule kept in a .sql file: writes that break it and the offending rows it must name.
BAD_WRITES = {
    "article_outlet_exists": [
        (
            "INSERT INTO articles (article_id, outlet_id, ingest_run_id, dedupe_key)"
            " VALUES (3, 7, 1, 'k3')",
            [(3, 7)],
        ),
    ],
    "article_import_exists": [
        ("UPDATE articles SET ingest_run_id = 9 WHERE article_id = 2", [(2, 9)]),
    ],
    "article_expert_links_exist": [
        ("INSERT INTO article_experts VALUES (2, 8, 'quoted')", [(2, 8, "quoted")]),
        ("INSERT INTO article_experts VALUES (6, 1, 'quoted')", [(6, 1, "quoted")]),
    ],
    "article_tag_links_exist": [
        ("DELETE FROM tags WHERE tag_id = 1", [(1, 1)]),
        ("INSERT INTO article_tags VALUES (6, 1)", [(6, 1)]),
    ],
    "aliases_point_somewhere": [
        ("INSERT INTO outlet_aliases VALUES ('lemonde fr', 4)", [("outlet", "lemonde fr", 4)]),
        ("INSERT INTO expert_aliases VALUES ('a brun', 5)", [("expert", "a brun", 5)]),
    ],
    "key_dates_well_formed": [
        (
            "INSERT INTO key_dates VALUES (1, DATE '2025-03-12', '   ', NULL, now())",
            [(1, dt.date(2025, 3, 12), "   ")],
        ),
        (
            "INSERT INTO key_dates VALUES (1, DATE '1899-12-31', 'Founding', NULL, now())",
            [(1, dt.date(1899, 12, 31), "Founding")],
        ),
        (
            "INSERT INTO key_dates VALUES (1, DATE '2025-03-12', 'Summit', NULL, now()),"
            " (2, DATE '2025-03-12', 'summit ', NULL, now())",
            [(1, dt.date(2025, 3, 12), "Summit"), (2, dt.date(2025, 3, 12), "summit ")],
        ),
        (
            "INSERT INTO key_dates VALUES (1, DATE '2025-03-12', repeat('x', 81), NULL, now())",
            [(1, dt.date(2025, 3, 12), "x" * 81)],
        ),
    ],
    "saved_views_well_formed": [
        (
            "INSERT INTO saved_views VALUES"
            " (1, 'Board', 'outlets', 'from=2025-01-01', NULL, now()),"
            " (2, ' board', '', 'to=2025-12-31', NULL, now())",
            [(1, "Board", "outlets", "from=2025-01-01"), (2, " board", "", "to=2025-12-31")],
        ),
        (  # a link that would leave the dashboard
            "INSERT INTO saved_views VALUES (1, 'Away', '//example.org', '', NULL, now())",
            [(1, "Away", "//example.org", "")],
        ),
        (
            "INSERT INTO saved_views VALUES (1, 'Odd', 'outlets', 'a=1#top', NULL, now())",
            [(1, "Odd", "outlets", "a=1#top")],
        ),
    ],
    "dates_in_range": [
        (
            "UPDATE articles SET published = DATE '2999-01-01' WHERE article_id = 2",
            [(2, dt.date(2999, 1, 1))],
        ),
        (
            "UPDATE articles SET published = DATE '1899-12-31' WHERE article_id = 1",
            [(1, dt.date(1899, 12, 31))],
        ),
    ],
    "known_kinds_and_roles": [
        (
            "UPDATE articles SET kind = 'podcast' WHERE article_id = 2",
            [("kind", 2, None, "podcast")],
        ),
        (
            "UPDATE article_experts SET role = 'guest' WHERE article_id = 2",
            [("role", 2, 1, "guest")],
        ),
    ],
    "removals_name_one_import": [
        (  # a removal recorded as a note only
            "INSERT INTO ingest_runs (run_id, started_at, origin, sources)"
            " VALUES (2, now(), 'removal', 'removed import 9: 0 rows')",
            [(2, "removal", None)],
        ),
        (  # a removal of an import that never was
            "INSERT INTO ingest_runs (run_id, started_at, origin, removes_run_id)"
            " VALUES (2, now(), 'removal', 9)",
            [(2, "removal", 9)],
        ),
        (  # an import that says it removes one
            "INSERT INTO ingest_runs (run_id, started_at, origin, removes_run_id)"
            " VALUES (2, now(), 'cli', 3), (3, now(), 'cli', NULL)",
            [(2, "cli", 3)],
        ),
        (  # a removal of a removal
            "INSERT INTO ingest_runs (run_id, started_at, origin, removes_run_id)"
            " VALUES (2, now(), 'cli', NULL), (3, now(), 'removal', 2), (4, now(), 'removal', 3)",
            [(4, "removal", 3)],
        ),
        (  # one import removed twice
            "DELETE FROM article_tags; DELETE FROM article_experts; DELETE FROM articles;"
            " INSERT INTO ingest_runs (run_id, started_at, origin, removes_run_id)"
            " VALUES (2, now(), 'removal', 1), (3, now(), 'removal', 1)",
            [(2, "removal", 1), (3, "removal", 1)],
        ),
    ],
    "edits_undone_once": [
        (  # undone by an undo that is not there
            "INSERT INTO edits (edit_id, who, made_at, record_kind, record_key, field, after,"
            " undone_by) VALUES (1, 'ed', now(), 'appearance', 'k1', 'checked', '\"undated\"', 9)",
            [(1, "checked", "k1", 9)],
        ),
        (  # an undo naming an edit that was not undone by it
            "INSERT INTO edits (edit_id, who, made_at, record_kind, record_key, field)"
            " VALUES (1, 'ed', now(), 'edit', '7', 'undo')",
            [(1, "undo", "7", None)],
        ),
    ],
    "edits_in_force_applied": [
        (  # an edit in force that the store does not hold (it kept no reading to apply it on)
            "INSERT INTO edits (edit_id, who, made_at, record_kind, record_key, field, after)"
            " VALUES (1, 'ed', now(), 'appearance', 'k1', 'title', '\"Another title\"')",
            [(1, "title", "Another title")],
        ),
    ],
    "excluded_say_why": [
        ("UPDATE articles SET excluded = true WHERE article_id = 2", [(2, True, None)]),
        (
            "UPDATE articles SET exclusion_reason = 'off topic' WHERE article_id = 1",
            [(1, False, "off topic")],
        ),
    ],
    "removed_imports_hold_no_rows": [
        (
            "INSERT INTO ingest_runs (run_id, started_at, origin, removes_run_id, n_removed)"
            " VALUES (2, now(), 'removal', 1, 2)",
            [(1, 1), (2, 1)],
        ),
    ],
}
CASES = [
    pytest.param(rule, sql, expected, id=f"{rule}-{n}")
    for rule, writes in BAD_WRITES.items()
    for n, (sql, expected) in enumerate(writes)
]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Two appearances of one import: one dated with an expert and a topic, one undated."""
    path = tmp_path / "small.duckdb"
    with write_batch(path) as con:
        con.execute(SMALL_STORE)
    return path


def test_the_demo_store_keeps_every_rule(demo_con):
    tables = ("articles", "article_experts", "article_tags", "outlet_aliases", "expert_aliases")
    for table in tables:
        assert demo_con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0  # noqa: S608
    assert violations(demo_con) == []


def test_every_rule_is_shown_to_catch_a_write_that_breaks_it(store):
    con = duckdb.connect(str(store), read_only=True)
    try:
        names = {rule.name for rule in rules(con)}
    finally:
        con.close()
    assert names == set(BAD_WRITES) | {f"rollup_{name}" for name in KEYS}


@pytest.mark.parametrize("rule, sql, expected", CASES)
def test_a_write_that_breaks_a_rule_is_refused_naming_it_and_the_store_is_unchanged(
    store, rule, sql, expected
):
    before = digest(store)
    with pytest.raises(IntegrityError) as refused:
        with write_batch(store) as con:
            con.execute(sql)
    (broken,) = refused.value.violations
    assert broken.rule.name == rule
    assert broken.rows == expected
    assert f"[{rule}]" in str(refused.value) and broken.rule.says in str(refused.value)
    assert digest(store) == before


def test_the_error_says_the_rule_in_words_and_quotes_the_rows(store):
    with pytest.raises(IntegrityError) as refused:
        with write_batch(store) as con:
            con.execute(BAD_WRITES["article_outlet_exists"][0][0])
    assert str(refused.value) == (
        "The store breaks its rules:\n"
        "- Every article's outlet exists [article_outlet_exists]:"
        " first offending rows (article_id=3, outlet_id=7)"
    )


def test_without_the_switch_every_write_still_keeps_the_rules_but_the_rollups(store, monkeypatch):
    # what an editor's import runs: every rule but the rollup recount
    monkeypatch.delenv(CHECK_WRITES)
    before = digest(store)
    with pytest.raises(IntegrityError) as refused:
        with write_batch(store) as con:
            con.execute(BAD_WRITES["article_outlet_exists"][0][0])
    assert [v.rule.name for v in refused.value.violations] == ["article_outlet_exists"]
    assert digest(store) == before
    con = duckdb.connect(str(store), read_only=True)
    try:
        checked = {rule.name for rule in rules(con, recount_rollups=False)}
    finally:
        con.close()
    assert checked and not any(name.startswith("rollup_") for name in checked)


@pytest.mark.parametrize("name", sorted(KEYS))
@pytest.mark.parametrize(
    "change, difference",
    [
        (
            "DELETE FROM {t} WHERE rowid = (SELECT min(rowid) FROM {t})",
            "in the recount, not the table",
        ),
        ("INSERT INTO {t} SELECT * FROM {t} LIMIT 1", "in the table, not the recount"),
    ],
    ids=["a row missing", "a row counted twice"],
)
def test_a_rollup_that_differs_from_its_recount_is_caught(store, name, change, difference):
    # write_batch rebuilds the rollups before it checks, so the table is changed behind its back
    con = duckdb.connect(str(store))
    try:
        con.execute(change.format(t=name))
        found = violations(con)
    finally:
        con.close()
    (broken,) = found
    assert broken.rule.name == f"rollup_{name}"
    assert broken.columns[0] == "difference"
    assert [row[0] for row in broken.rows] == [difference]
