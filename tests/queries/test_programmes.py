"""Programmes (the research centre of each expert, from the roster) work as a filter and a
breakdown: "which programme is covered most, where". A programme's appearances are those one of
its experts is in, each once; its link value is a slug kept beside the name by every write.

Counted again by hand on a small store, and in pandas on the demo (reference.py)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlencode

import duckdb
import pandas as pd
import pytest

import queries
from data.organisation import programme_slug
from data.store import MIGRATIONS_DIR, SCHEMA_FILE, open_read_only, write_batch
from queries.filters import Filters

MARCH = dt.date(2024, 3, 1)


def test_every_programme_of_the_demo_roster_has_the_slug_of_its_name(demo_con):
    rows = demo_con.execute("SELECT DISTINCT programme, programme_slug FROM experts").fetchall()
    assert len(rows) > 5
    for programme, slug in rows:
        assert slug == (programme_slug(programme) if programme else None)
    assert programme_slug("Russia/Eurasia") == "russia-eurasia"
    assert programme_slug("Middle East and North Africa") == "middle-east-and-north-africa"


def test_a_programme_filter_survives_a_link_and_an_unknown_one_is_dropped(demo_con):
    values = queries.run(demo_con, "dimension_values")
    known = {"programmes": set(values.loc[values["dimension"] == "programmes", "value"])}
    assert {"asia", "europe"} <= known["programmes"]
    f = Filters(programmes=("asia", "europe"))
    assert f.to_query_params() == {"programmes": "asia,europe"}
    back, notices = Filters.from_query_params(parse_qs(urlencode(f.to_query_params())), known)
    assert (back, notices) == (f, [])
    f, notices = Filters.from_query_params({"programmes": "asia,atlantis"}, known=known)
    assert f.programmes == ("asia",)
    assert notices == ["Ignored unknown programmes: 'atlantis'."]


def test_a_programme_filter_is_never_answered_by_a_rollup_and_gives_the_same_numbers(demo_con):
    f = Filters(programmes=("asia",))
    sql, _ = queries.render("top_outlets", f)
    assert "FROM expert_months a" not in sql  # a rollup cannot tell one appearance from another
    fast = queries.run(demo_con, "top_experts", f, limit=None)
    counted = queries.run(demo_con, "top_experts", f, limit=None, use_rollups=False)
    pd.testing.assert_frame_equal(fast, counted, check_dtype=False)
    assert len(fast) > 0


# ---------- a small store, counted by hand


def build(path) -> None:
    """Four appearances in March 2024: (1) two Asia experts, (2) an Asia and a Europe expert,
    (3) an expert without a programme, (4) nobody."""
    with write_batch(path) as con:
        con.execute("INSERT INTO outlets (outlet_id, slug, name) VALUES (1, 'lm', 'Le Monde')")
        con.execute(
            "INSERT INTO experts (expert_id, slug, name, programme) VALUES"
            " (1, 'a', 'A', 'Asia'), (2, 'b', 'B', 'Asia'), (3, 'c', 'C', 'Europe'),"
            " (4, 'd', 'D', NULL)"
        )
        con.execute(
            "INSERT INTO articles (article_id, title, outlet_id, published, dedupe_key) VALUES"
            " (1, 't1', 1, DATE '2024-03-04', 'k1'), (2, 't2', 1, DATE '2024-03-05', 'k2'),"
            " (3, 't3', 1, DATE '2024-03-06', 'k3'), (4, 't4', 1, DATE '2024-03-07', 'k4')"
        )
        con.execute(
            "INSERT INTO article_experts (article_id, expert_id) VALUES"
            " (1, 1), (1, 2), (2, 1), (2, 3), (3, 4)"
        )


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.duckdb"
    build(path)
    con = open_read_only(path)
    yield path, con
    con.close()


def test_the_slug_is_written_with_the_programme_by_any_write(small):
    path, con = small
    assert con.execute("SELECT slug, programme_slug FROM experts ORDER BY 1").fetchall() == [
        ("a", "asia"),
        ("b", "asia"),
        ("c", "europe"),
        ("d", None),
    ]
    con.close()
    with write_batch(path) as writer:  # an edit of the programme, as curation would make it
        writer.execute("UPDATE experts SET programme = 'Economics' WHERE slug = 'b'")
        writer.execute("UPDATE experts SET programme = NULL WHERE slug = 'c'")
    reread = duckdb.connect(str(path), read_only=True)
    try:
        slugs = reread.execute("SELECT slug, programme_slug FROM experts ORDER BY 1").fetchall()
    finally:
        reread.close()
    assert slugs == [("a", "asia"), ("b", "economics"), ("c", None), ("d", None)]


def test_the_breakdown_counts_an_appearance_once_per_programme(small):
    _, con = small
    got = queries.run(
        con,
        "coverage_by_period_breakdown",
        Filters(date_from=MARCH, date_to=dt.date(2024, 3, 31)),
        grain="month",
        breakdown="programme",
    )
    counts = dict(zip(got["series_id"], got["appearances"], strict=True))
    # Asia: appearances 1 (two of its experts, once) and 2; Europe: 2; none: 3 and 4
    assert counts == {"asia": 2, "europe": 1, "__none__": 2}
    assert dict(zip(got["series_id"], got["series"], strict=True))["asia"] == "Asia"
    assert got["share"].sum() == pytest.approx(1.0)


def test_the_filter_keeps_the_appearances_one_of_its_experts_is_in(small):
    _, con = small
    listed = queries.run(con, "article_list", Filters(programmes=("asia",)), limit=None)
    assert sorted(listed["article_id"]) == [1, 2]
    listed = queries.run(con, "article_list", Filters(programmes=("europe",)), limit=None)
    assert list(listed["article_id"]) == [2]
    values = queries.run(con, "dimension_values")
    programmes = values[values["dimension"] == "programmes"]
    assert dict(zip(programmes["value"], programmes["appearances"], strict=True)) == {
        "asia": 2,
        "europe": 1,
    }
    assert dict(zip(programmes["value"], programmes["label"], strict=True))["asia"] == "Asia"


def test_a_store_from_before_programme_slugs_gets_them_when_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_FILE.read_text())
    versions = [1]
    for migration in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        if int(migration.name[:3]) < 8:
            con.execute(migration.read_text())
            versions.append(int(migration.name[:3]))
    con.executemany("INSERT INTO schema_version (version) VALUES (?)", [[v] for v in versions])
    con.execute(
        "INSERT INTO experts (expert_id, slug, name, programme) VALUES"
        " (1, 'a', 'A', 'Énergie et climat')"
    )
    con.close()
    with write_batch(path):
        pass
    reread = duckdb.connect(str(path), read_only=True)
    try:
        assert reread.execute("SELECT programme_slug FROM experts").fetchall() == [
            ("energie-et-climat",)
        ]
    finally:
        reread.close()
