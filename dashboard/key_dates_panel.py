"""Key dates in the dashboard: the sidebar's switch that draws them on every timeline (kept in
the link as ?key_dates=off, like a page's own choices), and the Import page's Key dates tab
where editors add and remove them (data/key_dates.py writes them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import labels, panels
from dashboard.state import Version, View
from data.key_dates import (
    EditorsOnly,
    KeyDateError,
    add_key_date,
    last_day,
    list_key_dates,
    remove_key_date,
)
from data.model import EARLIEST_DATE
from data.store import StoreError

PARAM = "key_dates"
SHOWN, HIDDEN = "on", "off"
TOGGLE = "_key_dates_shown"
_DONE = "_key_dates_done"  # the message of the last change, shown once


@st.cache_data(max_entries=4, show_spinner=False)
def _listed(version: Version, _con: duckdb.DuckDBPyConnection) -> tuple[tuple[dt.date, str], ...]:
    del version  # only the cache key: a write makes a new version
    return tuple((k.day, k.label) for k in list_key_dates(_con.cursor()))


def sidebar_toggle(con: duckdb.DuckDBPyConnection, version: Version) -> tuple:
    """Draw the switch; the key dates to draw on the timelines ((day, label) pairs), none when
    it is off. A session starts from its link; after that the switch leads and the link
    follows it."""
    state = st.session_state
    if TOGGLE not in state:
        state[TOGGLE] = panels.linked_choice(PARAM, [SHOWN, HIDDEN], SHOWN) == SHOWN
    st.sidebar.toggle(
        "Key dates on timelines",
        key=TOGGLE,
        help="Events an editor marked (a report launch, an election, a summit), drawn as dashed "
        "lines on every timeline and in the report.",
    )
    if state[TOGGLE]:
        st.query_params.pop(PARAM, None)
        return _listed(version, con)
    st.query_params[PARAM] = HIDDEN
    return ()


# ---------- the Import page's tab (editors only: the page refuses anyone else)


def editor_tab(view: View | None, store_file: Path, who: str) -> None:
    st.header("Key dates")
    st.caption(
        "Events to see beside the coverage: each is drawn as a dashed line, with its label, on "
        "every timeline and in the report (anyone can switch them off in the sidebar). They "
        "are not counted as coverage."
    )
    message = st.session_state.pop(_DONE, None)
    if message:
        st.success(message, icon=":material/check_circle:")
    if view is None:
        st.info("Key dates can be added once the coverage database holds data.")
        return
    with st.form("key_date_add", clear_on_submit=True, border=True):
        left, right = st.columns([1, 3])
        day = left.date_input(
            "Day",
            value=None,
            min_value=EARLIEST_DATE,
            max_value=last_day(view.today),
            format="YYYY-MM-DD",
            key="key_date_day",
        )
        label = right.text_input(
            "What happened", max_chars=80, placeholder="Annual report launch", key="key_date_label"
        )
        added = st.form_submit_button("Add key date", icon=":material/add:")
    if added:
        if day is None:
            st.error("Choose the day of the key date.", icon=":material/error:")
        else:
            _change(lambda: add_key_date(store_file, day, label, who, editor=view.can_edit))
    listed = list_key_dates(view.con.cursor())
    if not listed:
        st.caption("No key dates yet.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "Day": [k.day for k in listed],
                "Key date": [k.label for k in listed],
                "Added by": [k.added_by or "" for k in listed],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={"Day": st.column_config.DateColumn("Day", format="D MMM YYYY")},
    )
    by_id = {k.key_date_id: k for k in listed}
    with st.container(horizontal=True, vertical_alignment="bottom"):
        chosen = st.selectbox(
            "Key date to remove",
            list(by_id),
            format_func=lambda i: f"{by_id[i].day:%-d %b %Y}: {by_id[i].label}",
            key="key_date_remove_choice",
        )
        if st.button("Remove", icon=":material/delete:", key="key_date_remove"):
            _change(lambda: remove_key_date(store_file, chosen, editor=view.can_edit), "Removed")


def _change(write, done: str = "Added") -> None:
    try:
        key_date = write()
    except (KeyDateError, EditorsOnly, StoreError, duckdb.Error, OSError) as exc:
        st.error(f"Nothing was written: {labels.as_markdown_text(str(exc))}", icon="🛑")
        return
    shown = labels.as_markdown_text(key_date.label)
    st.session_state[_DONE] = f"{done} the key date {key_date.day:%-d %b %Y}: {shown}."
    st.rerun()
