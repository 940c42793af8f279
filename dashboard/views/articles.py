"""Articles: every appearance that matches the filters, with links to the source, searchable,
sortable, paged, and downloadable in full."""

import math

import streamlit as st

import queries
from dashboard import downloads, labels, panels, sidebar, state

PAGE_SIZE = 50
LARGE_EXPORT = 20_000  # rows: above this the page states the size before offering the file
BYTES_PER_ROW = 300  # measured order of magnitude of one CSV row of the article list
SORTS = {"date": "Date", "outlet": "Outlet", "title": "Title"}
SEARCH_KEY = "articles_search"
TEXT_KEY = sidebar.widget_key("text")


def _search_changed() -> None:
    # The box is the sidebar's text filter under another name: one filter, two places to type it.
    st.session_state[TEXT_KEY] = st.session_state[SEARCH_KEY]
    st.session_state[sidebar.NOTICES] = []


view = state.current_view()
panels.page_header(view, "Articles")

st.session_state[SEARCH_KEY] = st.session_state.get(TEXT_KEY, "")
search, sort_by, order = st.columns([4, 2, 2])
search.text_input(
    "Search titles and summaries", key=SEARCH_KEY, max_chars=200, on_change=_search_changed
)
sort = sort_by.selectbox("Sort by", list(SORTS), format_func=SORTS.get, key="articles_sort")
descending = order.radio(
    "Order",
    (True, False),
    format_func=lambda d: "Newest / Z first" if d else "Oldest / A first",
    key="articles_descending",
)

if panels.no_appearances(view):
    st.stop()
total = int(view.run("article_count")["total"].iloc[0])

pages = math.ceil(total / PAGE_SIZE)
page_column, _ = st.columns([1, 4])
page = page_column.number_input(
    f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1, key="articles_page"
)
rows = view.run(
    "article_list",
    sort=sort,
    descending=descending,
    limit=PAGE_SIZE,
    offset=(page - 1) * PAGE_SIZE,
)
first = (page - 1) * PAGE_SIZE + 1
filters_shown = labels.as_markdown_text(panels.subtitle(view))
st.caption(
    f"Appearances {first:,}–{first + len(rows) - 1:,} of {total:,} · {filters_shown}. "
    "Undated appearances are listed only when no date range is chosen."
)
panels.article_table(rows, key="articles_table", all_rows=True)

st.subheader("Download the full list")
if total > LARGE_EXPORT:
    st.warning(
        f"The full list has {total:,} appearances (a CSV of about "
        f"{total * BYTES_PER_ROW / 1_000_000:,.0f} MB). It is prepared when you click, which can "
        "take a little while.",
        icon="📦",
    )
else:
    st.caption(f"All {total:,} appearances, not only this page.")


def full_list():
    # Runs when the button is clicked, on its own thread: straight to the store, not the cache.
    everything = queries.run(
        view.con,
        "article_list",
        view.filters,
        sort=sort,
        descending=descending,
        limit=total,
        offset=0,
    )
    return everything.drop(columns=["total"], errors="ignore")


csv_column, xlsx_column, _ = st.columns([1, 1, 3])
csv_column.download_button(
    f"CSV ({total:,} rows)",
    data=lambda: downloads.csv_bytes(full_list()),
    file_name=downloads.file_name("appearances", view.filters, "csv"),
    mime="text/csv",
    on_click="ignore",
    key="articles_csv",
    icon=":material/download:",
)
xlsx_column.download_button(
    f"Excel ({total:,} rows)",
    data=lambda: downloads.xlsx_bytes(full_list(), "appearances"),
    file_name=downloads.file_name("appearances", view.filters, "xlsx"),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    key="articles_xlsx",
    icon=":material/download:",
)
