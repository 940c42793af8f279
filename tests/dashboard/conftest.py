"""Open the dashboard in Streamlit's AppTest on the demo store, at a page and a URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import long_lived

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def no_freezing(monkeypatch):
    """The dashboard freezes its process's objects after its first page (dashboard/long_lived.py):
    in the test process that would keep every earlier test's garbage, so here it does not."""
    monkeypatch.setattr(long_lived, "freeze_once", lambda: None)


@pytest.fixture
def open_app(demo_db, monkeypatch):
    """open_app(page="views/outlets.py", outlets="le-monde", ...) -> the AppTest after its run."""
    monkeypatch.setenv("PRESSWATCH_DB", str(demo_db))
    return draw


def draw(page: str | None = None, **params: str) -> AppTest:
    """The app at a page and a URL, on the store $PRESSWATCH_DB names, after a run without error."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"access": {"mode": "none"}}
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def metric(at: AppTest, label: str) -> int:
    """A KPI card's value as a number ("3,869" -> 3869), on a page that drew without an error."""
    assert not at.error, [e.value for e in at.error]
    (card,) = [m for m in at.metric if m.label == label]
    return int(card.value.replace(",", ""))


def with_queries_open(at: AppTest) -> AppTest:
    """The page again with the query panel of every chart opened (each is drawn once opened)."""
    panels = [e for e in at.expander if e.label == "The query behind this chart"]
    assert panels and not any(e.code for e in panels)
    for chart in at.get("plotly_chart"):
        key = chart.proto.id.split("-", 2)[2]  # "$$ID-<hash>-<the chart's key>"
        at.session_state[f"{key}-query"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def share_link(at: AppTest) -> str:
    """The link "Share this view" shows, once opened (its box is drawn only then)."""
    at.session_state["share_view"] = True
    (link,) = [c.value for c in at.run().sidebar.get("code")]
    return link


def figures(at: AppTest) -> list[dict]:
    """The Plotly figures on the page, as the JSON the browser receives."""
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
