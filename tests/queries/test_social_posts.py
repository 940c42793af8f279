"""Social posts a monitoring export lists among articles are stored as kind 'social': no count,
ranking or KPI includes them unless the filters ask for them."""

import datetime as dt
from pathlib import Path

import pytest

import queries
from data.ingest import apply_import, plan_import
from data.organisation import load_organisation
from data.store import open_read_only
from queries.filters import Filters
from tests.exports import delimited

ROOT = Path(__file__).resolve().parents[2]
ROWS = [  # date, source, title, url; the last two are posts
    ["2025-05-01", "Le Monde", "Un article", "https://www.lemonde.fr/a"],
    ["2025-05-02", "Le Monde", "Un autre", "https://www.lemonde.fr/b"],
    ["2025-05-03", "RFI", "Un troisième", "https://www.rfi.fr/c"],
    ["2025-05-04", "Twitter", "", "https://twitter.com/ifri_org/status/1"],
    ["2025-05-05", "Le Monde", "Le Monde partage", "https://x.com/lemonde/status/2"],
]
POSTS = [r for r in ROWS if "/status/" in r[3]]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    db = tmp_path_factory.mktemp("social") / "media.duckdb"
    org = load_organisation(ROOT / "examples" / "ifri")
    data = delimited(["Date", "Source", "Title", "URL"], ROWS)
    plan = plan_import([("export.csv", data)], None, org, today=dt.date(2026, 1, 1))
    assert "2 social posts" in plan.notes[0]
    apply_import(plan, db)
    con = open_read_only(db)
    yield con
    con.close()


def total(con, filters: Filters) -> int:
    return int(queries.run(con, "article_count", filters)["total"].iloc[0])


def test_posts_are_left_out_of_every_count_by_default(con):
    assert total(con, Filters()) == len(ROWS) - len(POSTS)
    outlets = queries.run(con, "top_outlets", Filters(), limit=None)
    assert dict(zip(outlets["outlet"], outlets["appearances"], strict=True)) == {
        "Le Monde": 2,
        "RFI": 1,
    }


def test_a_filter_brings_them_in(con):
    assert total(con, Filters(kinds=("appearance", "social"))) == len(ROWS)
    assert total(con, Filters(kinds=("social",))) == len(POSTS)
    outlets = queries.run(con, "top_outlets", Filters(kinds=("social",)), limit=None)
    assert outlets["outlet"].tolist() == ["X (Twitter)"]  # posts count by their platform
    params = Filters(kinds=("appearance", "social")).to_query_params()
    assert Filters.from_query_params(params)[0].kinds == ("appearance", "social")
