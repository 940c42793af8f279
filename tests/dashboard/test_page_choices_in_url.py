"""A page's own choices live in the link like the filters: the Outlets page's ranking measure and
mix tab, the Articles page's sort, order and page number. A link opens them; a choice writes
them; a value a page cannot use is dropped with the same notice as a bad filter."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import sidebar
from data.periods import preset_range
from queries.filters import Filters
from tests.dashboard.conftest import APP, figures, share_link
from tests.queries import reference

YEAR = {"from": "2025-01-01", "to": "2025-12-31"}
YEAR_FILTERS = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))


@pytest.fixture
def opened(demo_db, monkeypatch):
    """opened(page, **link) -> the app at that page and link (a key may be `page`)."""
    monkeypatch.setenv("PRESSWATCH_DB", str(demo_db))

    def open_at(view: str, **link: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.secrets = {"access": {"mode": "none"}}
        for key, value in link.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(view).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_at


def notices(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def rank_by(at: AppTest):
    (rank,) = [r for r in at.radio if r.label == "Rank by"]
    return rank


def page_number(at: AppTest):
    (box,) = [n for n in at.number_input if n.label.startswith("Page (of ")]
    return box


def test_a_link_opens_the_outlets_ranking_by_share_and_its_mix_tab(opened, demo_frames):
    at = opened("views/outlets.py", **YEAR, rank="share", mix="country")
    assert rank_by(at).value == "share"
    assert at.session_state["outlets_mix_tab_country"] == "Outlet country"  # the open tab
    ranking = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Top 20"))
    assert ranking["layout"]["xaxis"]["tickformat"] == ".0%"  # shares, not counts
    expected = reference.top_outlets(demo_frames, YEAR_FILTERS, 20)
    names = demo_frames.outlets.set_index("slug")["name"]
    assert list(ranking["data"][0]["y"])[::-1] == list(names[expected["slug"]])
    assert not at.warning


def test_choosing_writes_the_choice_into_the_link_and_the_default_leaves_it(opened):
    at = opened("views/outlets.py", **YEAR)
    rank_by(at).set_value("share").run()
    assert at.query_params["rank"] == "share"
    rank_by(at).set_value("appearances").run()
    assert "rank" not in at.query_params
    link = share_link(at)
    assert "rank=" not in link


def test_a_link_opens_the_articles_sorted_ordered_and_at_its_page(opened, demo_frames):
    at = opened("views/articles.py", **YEAR, sort="title", order="asc", page="3")
    assert [s.value for s in at.selectbox if s.label == "Sort by"] == ["title"]
    assert [r.value for r in at.radio if r.label == "Order"] == ["asc"]
    assert page_number(at).value == 3
    expected = reference.article_list(demo_frames, YEAR_FILTERS, "title", False, 50, 100)
    assert list(at.dataframe[0].value["Title"]) == list(expected["title"])
    link = share_link(at)
    assert "sort=title" in link and "order=asc" in link and "page=3" in link


def test_a_new_page_number_goes_into_the_link_and_a_new_sort_starts_at_page_one(opened):
    at = opened("views/articles.py", **YEAR)
    page_number(at).set_value(4).run()
    assert at.query_params["page"] == "4"
    (sort,) = [s for s in at.selectbox if s.label == "Sort by"]
    sort.set_value("outlet").run()
    assert at.query_params["sort"] == "outlet" and "page" not in at.query_params
    assert page_number(at).value == 1


@pytest.mark.parametrize(
    ("view", "link", "said"),
    [
        ("views/overview.py", {"grain": "fortnight"}, "grain='fortnight'"),
        ("views/coverage.py", {"by": "weather"}, "by='weather'"),
        ("views/outlets.py", {"rank": "loudest"}, "rank='loudest'"),
        ("views/outlets.py", {"mix": "colour"}, "mix='colour'"),
        ("views/outlets.py", {"outlet": "no-such-outlet"}, "outlet='no-such-outlet'"),
        ("views/articles.py", {"sort": "size"}, "sort='size'"),
        ("views/articles.py", {"order": "sideways"}, "order='sideways'"),
        ("views/articles.py", {"page": "9999"}, "page='9999'"),
        ("views/articles.py", {"page": "two"}, "page='two'"),
    ],
)
def test_a_value_a_page_cannot_use_is_dropped_with_a_notice(opened, view, link, said):
    at = opened(view, **YEAR, **link)
    assert f"This link's filters were adjusted: Ignored {said}" in notices(at)
    (key,) = link
    assert key not in at.query_params  # the link now says what the page shows
    at.run()  # the notice stays, once, until the filters change
    assert notices(at).count(said) == 1


def test_custom_range_starts_from_the_dates_the_view_had(opened):
    today = dt.date.today()
    at = opened("views/overview.py")
    at.selectbox(key="filter_preset").set_value("Last 90 days").run()
    at.selectbox(key="filter_preset").set_value(sidebar.CUSTOM).run()
    assert at.date_input(key="filter_range").value == preset_range("Last 90 days", today)
    assert at.query_params["from"] == preset_range("Last 90 days", today)[0].isoformat()
    assert any("click outside" in c.value for c in at.sidebar.caption)  # typed dates: how
