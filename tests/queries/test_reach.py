"""Potential reach is counted once per outlet and period, as Muck Rack does: per outlet the
largest reach its matched appearances give (else the outlet's own audience figure), summed over
the outlets, with how many outlets gave a figure. Counted by hand on a small store."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import queries
from data.store import open_read_only, write_batch
from queries.filters import Filters


@pytest.fixture
def con(tmp_path):
    """Le Monde: three appearances, reach 1,000,000 / 1,200,000 / none; France 24: one, no reach,
    audience 500,000 in outlets; Ouest-France: one, no figure at all; all tier 1 but Ouest-France
    (tier 3)."""
    path = tmp_path / "reach.duckdb"
    with write_batch(path) as writer:
        writer.execute(
            "INSERT INTO outlets (outlet_id, slug, name, tier, audience) VALUES"
            " (1, 'le-monde', 'Le Monde', 1, NULL), (2, 'france-24', 'France 24', 1, 500000),"
            " (3, 'ouest-france', 'Ouest-France', 3, NULL)"
        )
        writer.execute(
            "INSERT INTO articles (article_id, title, outlet_id, published, dedupe_key, reach)"
            " VALUES (1, 'a', 1, DATE '2024-03-04', 'k1', 1000000),"
            " (2, 'b', 1, DATE '2024-04-05', 'k2', 1200000),"
            " (3, 'c', 1, DATE '2024-04-06', 'k3', NULL),"
            " (4, 'd', 2, DATE '2024-04-07', 'k4', NULL),"
            " (5, 'e', 3, DATE '2024-04-08', 'k5', NULL)"
        )
    reader = open_read_only(path)
    yield reader
    reader.close()


def test_reach_is_the_largest_figure_per_outlet_summed_over_outlets(con):
    kpis = queries.run(con, "kpis", Filters()).iloc[0]
    assert kpis["potential_reach"] == 1_200_000 + 500_000  # Le Monde once, at its largest
    assert kpis["reach_outlets"] == 2  # Ouest-France gave no figure
    ranking = queries.run(con, "top_outlets", Filters(), limit=None)
    figures = [None if pd.isna(v) else v for v in ranking["potential_reach"]]
    assert dict(zip(ranking["slug"], figures, strict=True)) == {
        "le-monde": 1_200_000,
        "france-24": 500_000,
        "ouest-france": None,
    }


def test_reach_follows_the_period(con):
    march = Filters(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 3, 31))
    kpis = queries.run(con, "kpis", march).iloc[0]
    assert (kpis["potential_reach"], kpis["reach_outlets"]) == (1_000_000, 1)


def test_no_figure_gives_no_reach_rather_than_zero(con):
    kpis = queries.run(con, "kpis", Filters(outlets=("ouest-france",))).iloc[0]
    assert pd.isna(kpis["potential_reach"])
    assert kpis["reach_outlets"] == 0


def test_the_tier_one_share_counts_appearances_in_tier_one_outlets(con):
    kpis = queries.run(con, "kpis", Filters()).iloc[0]
    assert (kpis["appearances"], kpis["tier_one"], kpis["tiered"]) == (5, 4, 5)
    ranking = queries.run(con, "top_outlets", Filters(), limit=None)
    assert dict(zip(ranking["slug"], ranking["tier"], strict=True)) == {
        "le-monde": "1",
        "france-24": "1",
        "ouest-france": "3",
    }
