"""Charts a manager can put before a board, read from the Plotly figures the browser draws: no two
series of a chart share a colour and a name keeps its colour across a page's charts; a click on
the previous period's line lists the previous period; titles are never cut off; a part period is
drawn so it cannot be mistaken for a fall, and "Last 12 months" are whole months; a period before
the data compares with nothing; the first chart does not wait for a code box nobody opened; a
ranking's names are drawn whole.
Screenshots go to tests/browser/screenshots/."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import charts
from data import periods
from queries.filters import Filters
from tests.queries import reference

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent / "screenshots"
CHART = '[data-testid="stPlotlyChart"] .main-svg'
YEAR = "from=2025-01-01&to=2025-12-31"
# What the browser holds of every chart: its title's box against the chart's, and each trace.
READ_FIGURES = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
  const box = gd.getBoundingClientRect();
  const title = gd.querySelector('.gtitle');
  const drawn = title ? title.getBoundingClientRect() : null;
  return {
    title: gd.layout.title ? gd.layout.title.text : '',
    width: box.width,
    titleLeft: drawn ? drawn.left - box.left : 0,
    titleRight: drawn ? drawn.right - box.left : 0,
    annotations: (gd.layout.annotations || []).map(a => a.text),
    traces: gd.data.map(t => ({
      name: t.name || '', type: t.type, orientation: t.orientation || 'v',
      marker: t.marker ? t.marker.color : null, line: t.line ? t.line.color : null,
      customdata: t.customdata ? Array.from(t.customdata, c => Array.from(c)) : [],
    })),
  };
})"""


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


def opened(page, url: str) -> list[dict]:
    """The page at `url` once drawn; the figures it shows."""
    page.goto(url)
    page.wait_for_selector(CHART)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(800)  # the last charts of the run paint
    assert page.locator('[data-testid="stException"]').count() == 0
    return page.evaluate(READ_FIGURES)


def shot(page, name: str, height: int = 2600) -> None:
    """A screenshot of the whole page (Streamlit scrolls inside its own frame: a tall window)."""
    SHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    page.wait_for_timeout(1200)  # the charts redraw at the new size
    page.screenshot(path=SHOTS / name, full_page=True)
    page.set_viewport_size(size)


def colours_of(trace: dict) -> list[str]:
    """The colours a trace draws: one, or one per bar."""
    shown = trace["line"] if trace["type"] == "scatter" else trace["marker"]
    return list(shown) if isinstance(shown, list) else [shown]


def names_and_colours(figure: dict) -> list[tuple[str, str]]:
    """(slug, colour) of every name the figure colours: a ranking's bars, or a timeline's lines
    and stacks (their slug is customdata[1])."""
    found = []
    for trace in figure["traces"]:
        data = trace["customdata"]
        if trace["orientation"] == "h" and isinstance(trace["marker"], list):
            found += [(row[0], colour) for row, colour in zip(data, trace["marker"], strict=True)]
        elif len(figure["traces"]) > 1 and data and len(data[0]) > 1:
            if data[0][1] != charts.PREVIOUS_MARK:
                found.append((data[0][1], colours_of(trace)[0]))
    return found


def assert_series_apart(figure: dict) -> None:
    traces = figure["traces"]
    if len(traces) > 1:  # each series its own colours, shared with no other series
        sets = [set(colours_of(t)) for t in traces]
        for n, colours in enumerate(sets):
            others = set().union(*(s for m, s in enumerate(sets) if m != n))
            assert not colours & others, (figure["title"], traces[n]["name"])
    for trace in traces:  # a ranking: one bar per name, each its own colour
        if trace["orientation"] == "h" and isinstance(trace["marker"], list):
            assert len(set(trace["marker"])) == len(trace["marker"]), figure["title"]


@pytest.mark.parametrize(
    "path",
    [
        f"?{YEAR}",
        f"coverage?{YEAR}&by=outlet",
        f"coverage?{YEAR}&by=expert",
        f"coverage?{YEAR}&by=tag",
        f"coverage?{YEAR}&by=media_type",
        f"outlets?{YEAR}",
        f"experts?{YEAR}",
        f"topics?{YEAR}",
    ],
)
def test_no_two_series_share_a_colour_and_a_name_keeps_its_colour(server, page, path):
    figures = opened(page, f"{server}/{path}")
    several = [f for f in figures if len(f["traces"]) > 1 or names_and_colours(f)]
    assert several, "the page draws charts of several series"
    seen: dict[str, tuple[str, str]] = {}
    for figure in figures:
        assert_series_apart(figure)
        for slug, colour in names_and_colours(figure):
            if slug in seen:
                assert seen[slug][0] == colour, (slug, seen[slug][1], figure["title"])
            seen[slug] = (colour, figure["title"])
    if path.startswith("topics"):  # the ranking's topics and the topics' lines
        shot(page, "topics-colours.png")


def test_the_timelines_and_rankings_of_a_view_agree_on_colours_across_pages(server, page):
    """Le Monde (or whichever outlet leads) is one colour on the Overview and on Coverage."""
    overview = names_and_colours(opened(page, f"{server}/?{YEAR}")[1])  # top outlets
    coverage = names_and_colours(opened(page, f"{server}/coverage?{YEAR}&by=outlet")[0])
    shared = dict(overview).keys() & dict(coverage).keys()
    assert len(shared) >= 5
    assert all(dict(overview)[slug] == dict(coverage)[slug] for slug in shared)


def test_clicking_the_previous_periods_line_lists_the_previous_periods_appearances(
    server, page, demo_frames
):
    start, end = dt.date(2025, 12, 1), dt.date(2026, 11, 30)
    before = Filters(date_from=start, date_to=end).previous_period()
    figures = opened(page, f"{server}/?from={start}&to={end}&grain=month")
    # a card without change says so, with no arrow; a card with one has its arrow
    deltas = page.locator('[data-testid="stMetricDelta"]')
    unchanged = deltas.filter(has_text="no change")
    changed = deltas.filter(has_text=re.compile(r"^[+−][\d,]+ \("))
    assert unchanged.count() >= 1 and changed.count() >= 1  # the demo's view has both
    assert all(unchanged.nth(i).locator("svg").count() == 0 for i in range(unchanged.count()))
    assert all(changed.nth(i).locator("svg").count() == 1 for i in range(changed.count()))
    bars, line = figures[0]["traces"]
    assert line["customdata"][0] == [before.date_from.isoformat(), charts.PREVIOUS_MARK]

    def month_counts(filters: Filters) -> list[int]:
        rows = reference.matched(demo_frames, filters)
        months = pd_months(rows["published"])
        return [int((months == m).sum()) for m in month_starts(filters.date_from, 12)]

    now, earlier = month_counts(Filters(date_from=start, date_to=end)), month_counts(before)
    # the point that stands highest above its bar: a click there hits the line, not the bar
    n = max(range(12), key=lambda i: earlier[i] - now[i])
    assert earlier[n] > now[n], "the demo has a month whose previous period was larger"
    point = page.locator(f"{CHART} .scatterlayer .points path").nth(n)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    month = month_starts(before.date_from, 12)[n]
    said = f"{periods.period_label(month, 'month')} (previous period): {earlier[n]:,} appearances"
    page.get_by_text(said, exact=True).wait_for()
    page.wait_for_selector('[data-testid="stDataFrame"]')
    shot(page, "overview-previous-period-drill.png")


def pd_months(published):
    return pd.to_datetime(published).dt.to_period("M").dt.start_time.dt.date


def month_starts(first: dt.date, count: int) -> list[dt.date]:
    return [dt.date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
            for n in range(count)]  # fmt: skip


def test_long_titles_are_never_cut_off(server, page, demo_frames):
    longest = demo_frames.experts.assign(length=demo_frames.experts["name"].str.len())
    five = longest.sort_values("length", ascending=False)["slug"].head(5)
    # the longest name also on one expert's own charts, two to a row
    url = f"{server}/experts?{YEAR}&compare={','.join(five)}&expert={five.iloc[0]}"
    figures = opened(page, url)
    compared = [f for f in figures if "Appearances per month:" in f["title"]]
    assert compared and "<br>" in compared[0]["title"]  # five long names: wrapped
    for figure in figures:
        assert 0 <= figure["titleLeft"] and figure["titleRight"] <= figure["width"], figure["title"]
    shot(page, "experts-five-compared.png")


def test_a_part_period_is_lighter_and_labelled_and_presets_are_whole_months(server, page):
    figures = opened(page, f"{server}/?from=2025-01-01&to=2025-06-15&grain=month")
    bars = figures[0]["traces"][0]
    assert bars["marker"] == [charts.PRIMARY] * 5 + [charts.PART]
    assert "1–15 Jun" in figures[0]["annotations"]
    caption = "Lighter bars or points hold only part of their month: 1–15 Jun."
    page.get_by_text(re.compile(re.escape(caption))).wait_for()
    shot(page, "overview-part-period.png")

    today = dt.date.today()
    first, last = periods.preset_range("Last 12 months", today)
    assert (first.day, (last + dt.timedelta(days=1)).day) == (1, 1)
    figures = opened(page, f"{server}/?from={first}&to={last}&grain=month")
    assert figures[0]["traces"][0]["marker"] == [charts.PRIMARY] * 12  # no part month at the end
    sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stWidgetLabel"]')
    period = sidebar.filter(has_text="Period")
    period.locator("xpath=..").locator('input[role="combobox"]').first.click()
    assert page.get_by_role("option", name="This month so far", exact=True).count() == 1
    page.get_by_role("option", name="Last 12 months", exact=True).click()
    page.wait_for_url(re.compile(rf"from={first}&to={last}"))


def test_a_period_whose_previous_period_is_before_the_data_compares_with_nothing(server, page):
    opened(page, f"{server}/?from=2020-06-01&to=2021-05-31")
    cards = page.locator('[data-testid="stMetric"]')
    assert cards.filter(has_text="Appearances").count() == 1
    assert page.locator('[data-testid="stMetricDelta"]').count() == 0  # no "+18,996", no arrow
    assert "begins before the data" in page.inner_text('[data-testid="stMain"]')
    shot(page, "overview-before-the-data.png", 900)


def test_the_first_chart_waits_for_no_code_box_and_the_query_shows_once_opened(server, page):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    opened(page, f"{server}/?{YEAR}")
    assert not [u for u in asked if "SyntaxHighlighter" in u]
    page.get_by_text("The query behind this chart").first.click()
    page.wait_for_selector('[data-testid="stCode"]')
    assert "FROM" in page.locator('[data-testid="stCode"]').first.inner_text().upper()


# Each horizontal bar chart's names (its y-axis labels) against the chart's left edge, in px.
READ_NAMES = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .filter(gd => gd.data.some(t => t.orientation === 'h'))
  .map(gd => {
    const left = gd.getBoundingClientRect().left;
    const names = Array.from(gd.querySelectorAll('.yaxislayer-above .ytick text'));
    return {
      title: gd.layout.title ? gd.layout.title.text : '',
      names: names.map(n => n.textContent),
      lefts: names.map(n => n.getBoundingClientRect().left - left),
    };
  })"""


def assert_names_whole(charts_read: list[dict]) -> None:
    """Every name starts inside its chart, and the room left for names is not a waste: the
    longest starts within 100 px of the chart's edge."""
    for chart in charts_read:
        assert chart["names"], chart["title"]
        assert min(chart["lefts"]) >= 0, (chart["title"], chart["names"], chart["lefts"])
        assert min(chart["lefts"]) < 100, (chart["title"], chart["lefts"])


@pytest.mark.parametrize("path", [f"?{YEAR}", f"outlets?{YEAR}", f"experts?{YEAR}"])
def test_the_names_of_a_ranking_are_drawn_whole(server, page, path):
    opened(page, f"{server}/{path}")
    assert_names_whole(page.evaluate(READ_NAMES))


def test_long_wide_and_chinese_names_are_drawn_whole_in_a_ranking(page):
    """The ranking's figure drawn by Plotly's own script, in a chart half a page wide, with names
    harder than the demo's: long, all capitals, wide letters, Chinese, accents."""
    import plotly.offline

    names = [
        "Frankfurter Allgemeine Sonntagszeitung",
        "WWMM WORLD MEDIA MONITOR",
        "人民日报海外版",
        "Süddeutsche Zeitung",
        "Ö1",
    ]
    frame = pd.DataFrame(
        {"name": names, "slug": [f"n{i}" for i in range(5)], "appearances": [90, 70, 50, 30, 10]}
    )
    figure = charts.ranking(frame, "name", "slug", "Top 5 outlets", "1 Jan – 31 Dec 2025")
    figure.update_layout(width=560)
    page.set_content('<div id="chart"></div>')
    page.add_script_tag(content=plotly.offline.get_plotlyjs())
    page.evaluate(
        "(figure) => Plotly.newPlot('chart', figure.data, figure.layout)",
        json.loads(figure.to_json()),
    )
    read = page.evaluate(READ_NAMES)
    assert [set(chart["names"]) for chart in read] == [set(names)]
    assert_names_whole(read)
