"""Names and titles with markup are shown as text: a title full of HTML or Markdown cannot become a
link, an image or a script in the dashboard, only http(s) addresses become links, and cells that
a spreadsheet would run as formulas are exported as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

import queries
from dashboard import downloads
from data.demo import build_demo
from data.store import next_id, open_read_only, write_batch
from queries.filters import Filters
from tests.live_server import launch_chromium, streamlit_server, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
TODAY = dt.date.today()

# Markup an editor's spreadsheet or a scraped page could carry into names and titles.
OUTLET = (
    '<b>Le</b> [Monde](https://evil.example/outlet) **Fort** <img src=x onerror="window.pwned=1">'
)
EXPERT = "[Jean](https://evil.example/expert) <script>window.pwned=2</script> _Dupont_"
TAG = '**Énergie** <a href="https://evil.example/tag">nucléaire</a>'
TITLES = (
    '<img src=x onerror="window.pwned=3"> Le nucléaire en débat',
    "[Read more](https://evil.example/title) about **defence**",
    '=HYPERLINK("https://evil.example/cell","Le Monde")',
    "+33 1 40 61 60 00 : l'interview",
    "@SUM(A1:A9) budget",
)
URLS = ("javascript:window.pwned=4", "https://www.lemonde.fr/ok", "data:text/html,<b>x</b>", None)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """The demo store plus one outlet, expert and topic whose names are markup, quoted most."""
    db = tmp_path_factory.mktemp("hostile") / "media.duckdb"
    build_demo(db, today=TODAY)
    with write_batch(db) as con:
        outlet = next_id(con, "outlets", "outlet_id")
        con.execute(
            "INSERT INTO outlets (outlet_id, slug, name, media_type, country, language)"
            " VALUES (?, 'hostile-outlet', ?, 'print', 'FR', 'fr')",
            [outlet, OUTLET],
        )
        expert = next_id(con, "experts", "expert_id")
        con.execute(
            "INSERT INTO experts (expert_id, slug, name) VALUES (?, 'hostile-expert', ?)",
            [expert, EXPERT],
        )
        tag = next_id(con, "tags", "tag_id")
        con.execute(
            "INSERT INTO tags (tag_id, slug, name) VALUES (?, 'hostile-tag', ?)", [tag, TAG]
        )
        first = next_id(con, "articles", "article_id")
        for i in range(2_000):  # enough to rank first among outlets, experts and topics
            article = first + i
            con.execute(
                "INSERT INTO articles (article_id, title, outlet_id, published, language, url,"
                " dedupe_key) VALUES (?, ?, ?, ?, 'fr', ?, ?)",
                [article, TITLES[i % len(TITLES)], outlet, TODAY - dt.timedelta(days=i % 300),
                 URLS[i % len(URLS)], f"hostile-{i}"],
            )  # fmt: skip
            con.execute("INSERT INTO article_experts VALUES (?, ?, 'quoted')", [article, expert])
            con.execute("INSERT INTO article_tags VALUES (?, ?)", [article, tag])
    return db


# ---------- exports


def hostile_rows(db: Path):
    con = open_read_only(db)
    try:
        return queries.run(
            con, "article_list", Filters(outlets=("hostile-outlet",)), sort="date",
            descending=True, limit=100, offset=0,
        )  # fmt: skip
    finally:
        con.close()


def test_csv_export_of_the_article_list_turns_formula_cells_into_text(hostile_db):
    rows = hostile_rows(hostile_db)
    cells = [c for row in csv.reader(io.StringIO(downloads.csv_bytes(rows).decode("utf-8-sig")))
             for c in row]  # fmt: skip
    for title in TITLES:
        if title[0] in "=+@":
            assert title not in cells, f"{title!r} would run as a formula"
            assert "'" + title in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@") and not c[1:2].isdigit()]


def test_excel_export_of_the_article_list_keeps_formula_cells_as_text(hostile_db):
    rows = hostile_rows(hostile_db)
    book = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(rows, "appearances")))
    cells = [c for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value.startswith(("=", "+", "@"))]
    assert {c.value for c in risky} >= {t for t in TITLES if t[0] in "=+@"}
    assert all(c.data_type == "s" for c in risky), "a cell would be stored as a formula"


# ---------- links in the article table


def test_only_web_addresses_become_links_in_the_article_table(hostile_db, monkeypatch):
    monkeypatch.setenv("PRESSWATCH_DB", str(hostile_db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"access": {"mode": "none"}}
    at.query_params["outlets"] = "hostile-outlet"
    at.run()
    at.switch_page("views/articles.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    links = [link for link in table["Link"] if isinstance(link, str)]
    assert links, "no link at all: the check below would prove nothing"
    assert all(link.startswith(("http://", "https://")) for link in links), set(links)
    assert set(table["Title"]) <= set(TITLES), "titles are shown as stored, as plain cells"


# ---------- what a manager's browser shows


@pytest.fixture(scope="module")
def server(hostile_db, tmp_path_factory):
    with streamlit_server(
        hostile_db, tmp_path_factory.mktemp("server"), secrets='[access]\nmode = "none"\n'
    ) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    with sync_playwright() as playwright:
        chrome = launch_chromium(playwright)
        yield chrome.new_page(viewport={"width": 1400, "height": 2400})
        chrome.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "outlets", "experts", "topics", "articles"])
def test_markup_in_names_and_titles_is_shown_as_text_never_run(server, page, path):
    page.goto(f"{server}/{path}")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg, [data-testid="stDataFrame"]')
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(1500)  # charts and markdown settle after the run ends

    assert page.evaluate("window.pwned") is None, "markup from the store ran as script"
    assert page.locator('img[src="x"]').count() == 0, "markup from the store became an image"
    evil = page.locator('[href*="evil.example"], [*|href*="evil.example"]')
    assert evil.count() == 0, evil.first.evaluate("e => e.outerHTML")
    bold = page.locator('[data-testid="stMarkdownContainer"] strong', has_text="Fort")
    assert bold.count() == 0, "Markdown in a name was rendered"
