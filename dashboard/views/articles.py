"""Articles: every appearance that matches the filters, with links to the source, searchable,
sortable, paged, and downloadable in full."""

import math
import zlib

import streamlit as st

import queries
from dashboard import downloads, labels, panels, sidebar, state

PAGE_SIZE = 50
LARGE_EXPORT = 20_000  # rows: above this the page states the size before offering the file
BYTES_PER_ROW = 300  # measured order of magnitude of one CSV row of the article list
SORTS = {"date": "Date", "outlet": "Outlet", "title": "Title"}
ORDERS = {"desc": "Newest / Z first", "asc": "Oldest / A first"}
PAGE_PARAM = "page"
LISTED = "_articles_listed"  # the filters and sort the page number was chosen for


def linked_page(pages: int, listed: str) -> int:
    """The page number a link holds as ?page=, once the list it was chosen for is shown; a new
    filter or sort starts again at page 1."""
    if st.session_state.get(LISTED, listed) != listed:
        st.query_params.pop(PAGE_PARAM, None)
    st.session_state[LISTED] = listed
    raw = st.query_params.get(PAGE_PARAM)
    if raw is None:
        return 1
    if raw.isdigit() and 1 <= int(raw) <= pages:
        return int(raw)
    del st.query_params[PAGE_PARAM]
    sidebar.add_notice(f"Ignored page={raw[:40]!r}: this list has pages 1 to {pages:,}.")
    return 1


def _remember_page(key: str) -> None:
    chosen = st.session_state[key]
    if chosen == 1:
        st.query_params.pop(PAGE_PARAM, None)
    else:
        st.query_params[PAGE_PARAM] = str(chosen)


view = state.current_view()
panels.page_header(view, "Articles")

sort_by, order, page_column, _ = st.columns([2, 2, 1, 3])
with sort_by:
    sort = panels.remembered(
        st.selectbox,
        "Sort by",
        list(SORTS),
        param="sort",
        default="date",
        key="articles_sort",
        format_func=SORTS.get,
    )
with order:
    descending = (
        panels.remembered(
            st.radio,
            "Order",
            list(ORDERS),
            param="order",
            default="desc",
            key="articles_order",
            format_func=ORDERS.get,
        )
        == "desc"
    )
st.caption("To search titles and summaries, use the search box in the sidebar.")

if panels.no_appearances(view):
    st.stop()
total = int(view.run("article_count")["total"].iloc[0])

pages = math.ceil(total / PAGE_SIZE)
listed = repr((view.filters, sort, descending))
start = linked_page(pages, listed)
page_key = f"articles_page_{zlib.crc32(listed.encode())}_{start}"
page = page_column.number_input(
    f"Page (of {pages:,})",
    min_value=1,
    max_value=pages,
    value=start,
    step=1,
    key=page_key,
    on_change=_remember_page,
    args=(page_key,),
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
    return labels.article_export(everything)


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
