"""Saved views in the sidebar: every saved view as a link for everyone, "Save this view" to
name the one on screen (its page, filters and page choices, as its link holds them), and, for
editors, removing one (data/saved_views.py writes them).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import streamlit as st

from dashboard import labels
from dashboard.state import Version
from data.key_dates import EditorsOnly
from data.saved_views import (
    NAME_CHARS,
    SavedView,
    SavedViewError,
    list_views,
    remove_view,
    save_view,
)
from data.store import StoreError

_DONE = "_saved_views_done"  # the message of the last change, shown once


@st.cache_data(max_entries=4, show_spinner=False)
def _listed(version: Version, _con: duckdb.DuckDBPyConnection) -> list[SavedView]:
    del version  # only the cache key: a write makes a new version
    return list_views(_con.cursor())


def link(view: SavedView, page_address: str) -> str:
    """The saved view's full address, from the address of the page on screen (`page_address`,
    without its query) and that page's path in the dashboard ('' for the Overview)."""
    base = (st.context.url or "").split("?")[0].split("#")[0]
    if page_address and base.endswith("/" + page_address):
        base = base[: -len(page_address)]
    elif not base.endswith("/"):
        base += "/"
    return f"{base}{view.page}?{view.query}" if view.query else f"{base}{view.page}"


def sidebar(
    con: duckdb.DuckDBPyConnection,
    version: Version,
    page_address: str,
    params: dict[str, str],
    *,
    editor: bool,
    who: str,
) -> None:
    """The sidebar's saved views; `params` is the link of the view on screen."""
    bar = st.sidebar
    bar.subheader("Saved views")
    message = st.session_state.pop(_DONE, None)
    if message:
        bar.success(message, icon=":material/check_circle:")
    views = _listed(version, con)
    if views:
        bar.markdown(
            "\n".join(
                f"- [{labels.as_markdown_text(v.name)}](<{link(v, page_address)}>)" for v in views
            )
        )
    else:
        bar.caption(
            "No saved view yet: name the view on screen to keep it here, as a link for everyone."
        )
    store_file = Path(version[0])
    with bar.expander("Save this view"):
        name = st.text_input(
            "Name", max_chars=NAME_CHARS, placeholder="Board pack, Le Monde 2026", key="saved_name"
        )
        if st.button("Save", icon=":material/bookmark_add:", key="saved_save"):
            _change(lambda: save_view(store_file, name, page_address, params, who), "Saved")
    if editor and views:
        with bar.expander("Remove a saved view"):
            by_id = {v.view_id: v for v in views}
            chosen = st.selectbox(
                "Saved view", list(by_id), format_func=lambda i: by_id[i].name, key="saved_pick"
            )
            if st.button("Remove", icon=":material/delete:", key="saved_remove"):
                _change(lambda: remove_view(store_file, chosen, editor=editor), "Removed")


def _change(write, done: str) -> None:
    try:
        view = write()
    except (SavedViewError, EditorsOnly, StoreError, duckdb.Error, OSError) as exc:
        st.error(f"Nothing was written: {labels.as_markdown_text(str(exc))}", icon="🛑")
        return
    st.session_state[_DONE] = f"{done} the view “{labels.as_markdown_text(view.name)}”."
    st.rerun()
