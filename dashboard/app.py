"""Presswatch dashboard: `streamlit run dashboard/app.py`.

The frame every page shares: page config, navigation, the store connection, the sidebar filters,
the demo-data notice, and a guard that turns an unexpected error into a short message.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import duckdb
import streamlit as st

from dashboard import auth, key_dates_panel, long_lived, saved_views_panel, sidebar, state
from data.store import StoreError, db_path, unreadable

log = logging.getLogger("presswatch.dashboard")
VIEWS = Path(__file__).resolve().parent / "views"
MANAGER_PAGES = (
    ("overview.py", "Overview", ":material/dashboard:"),
    ("coverage.py", "Coverage over time", ":material/show_chart:"),
    ("outlets.py", "Outlets", ":material/newspaper:"),
    ("experts.py", "Experts", ":material/record_voice_over:"),
    ("topics.py", "Topics", ":material/sell:"),
    ("articles.py", "Articles", ":material/list:"),
    ("about.py", "About the data", ":material/info:"),
)
EDITOR_PAGES = (
    ("import_data.py", "Import data", ":material/upload_file:"),
    ("review.py", "Review", ":material/fact_check:"),
)


def _pages(specs, titles: dict[str, str] | None = None) -> list[st.Page]:
    return [
        st.Page(
            f"views/{file}",
            title=(titles or {}).get(file, title),
            icon=icon,
            default=(file == "overview.py"),
        )
        for file, title, icon in specs
        if (VIEWS / file).exists()
    ]


def _review_title(version: state.Version) -> str:
    """'Review (12)': the menu entry says how much waits in the review queue."""
    try:
        waiting = sum(len(items) for items in state.review_queue(version).values())
    except duckdb.Error:  # the page itself says what is wrong
        log.exception("the review queue cannot be read")
        return "Review"
    return f"Review ({waiting:,})"


def _store_unavailable(message: str):
    def page() -> None:
        st.title("The coverage database cannot be opened")
        st.error(message, icon="🛑")
        st.markdown(
            "The dashboard shows the data it finds at the path above. An administrator can "
            "point it elsewhere with the `PRESSWATCH_DB` environment variable."
        )

    return page


def run() -> None:
    st.set_page_config(
        page_title="Presswatch",
        page_icon="📰",  # drawn by the browser: a Material icon is fetched from Google's servers
        layout="wide",
        initial_sidebar_state="expanded",
    )
    # Draws the sign-in and stops when access control asks for it; a link keeps its page.
    role = auth.current_role([Path(file).stem for file, _, _ in MANAGER_PAGES + EDITOR_PAGES])
    editors = auth.editor_pages(_pages(EDITOR_PAGES), role)
    try:
        con, version = state.connection()
        bounds = state.data_bounds(version)
        options = state.filter_options(version)
    except (StoreError, duckdb.Error) as exc:  # a file damaged past its first pages
        problem = exc if isinstance(exc, StoreError) else unreadable(db_path(), exc)
        page = st.Page(_store_unavailable(str(problem)), title="Database unavailable", default=True)
        st.navigation({"Coverage": [page], "Editors": editors}).run()
        return

    navigation = {"Coverage": _pages(MANAGER_PAGES)}
    if auth.is_editor(role):
        editors = _pages(EDITOR_PAGES, {"review.py": _review_title(version)})
    if editors:
        navigation["Editors"] = editors
    current = st.navigation(navigation)

    today = dt.date.today()
    first_date = bounds.get("first_date")
    filters = sidebar.sidebar_filters(options, today, first_date)
    marked = key_dates_panel.sidebar_toggle(con, version)
    is_all_time = st.session_state[sidebar.widget_key("preset")] == sidebar.ALL_TIME
    # Drawn once opened (a rerun): the page's first chart waits for no code box it does not show.
    share = st.sidebar.expander("Share this view", key="share_view", on_change="rerun")
    if share.open:
        with share:
            st.caption("Anyone with access who opens this link sees the same filters.")
            st.code(sidebar.share_url(filters, is_all_time), language=None, wrap_lines=True)
    saved_views_panel.sidebar(
        con,
        version,
        current.url_path,
        sidebar.share_params(filters, is_all_time),
        editor=auth.is_editor(role),
        who=auth.signed_in_as(role),
    )

    editor = auth.is_editor(role)
    state.set_view(state.View(con, version, filters, options, bounds, today, editor, marked))
    try:
        current.run()
    except Exception:  # Streamlit's rerun/stop signals are BaseException and pass through
        log.exception("page %s failed", current.title)
        st.error(
            "Something went wrong while drawing this page. The details were written to the "
            "server's log; try another filter or reload the page.",
            icon="🛑",
        )
    long_lived.freeze_once()  # after a page drawn to its end: no frame of it is still held


if __name__ == "__main__":
    run()
