"""An import that replaces the store file shows on the next rerun, without restarting the server."""

from __future__ import annotations

import datetime as dt
import shutil

from streamlit.testing.v1 import AppTest

from data.store import next_id, write_batch
from tests.dashboard.conftest import APP, metric


def test_an_import_shows_on_the_next_rerun(demo_db, tmp_path, monkeypatch):
    store = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, store)
    monkeypatch.setenv("PRESSWATCH_DB", str(store))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"access": {"mode": "none"}}
    at.query_params.update({"from": "2026-01-01", "to": "2026-01-31"})
    at.run()
    before = metric(at, "Appearances")

    with write_batch(store) as con:  # what an import does: a new file swapped in atomically
        article = next_id(con, "articles", "article_id")
        outlet = con.execute("SELECT min(outlet_id) FROM outlets").fetchone()[0]
        con.execute(
            "INSERT INTO articles (article_id, title, outlet_id, published, dedupe_key)"
            " VALUES (?, 'Une nouvelle apparition', ?, ?, 'fresh-data-test')",
            [article, outlet, dt.date(2026, 1, 15)],
        )

    at.run()
    assert metric(at, "Appearances") == before + 1
