"""The shared sidebar filters, and their mirror in the URL.

A session starts from its URL (a pasted link shows the same view); after that the widgets lead
and the URL follows them, so the filters survive page switches (which clear the query string) and
reloads. URL form: queries/filters.py, plus `period=all` for "All time" (no dates at all means
the default view, the last 12 months).
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Mapping

import streamlit as st

from data.model import EARLIEST_DATE
from data.organisation import fold
from data.periods import PRESETS, preset_range
from queries.dimensions import DIMENSIONS, SIDEBAR
from queries.filters import DEFAULT_KINDS, Filters

CUSTOM = "Custom range"
DEFAULT_PRESET = "Last 12 months"
ALL_TIME = "All time"
PERIOD_KEY = "period"
URL_KEYS = {"from", "to", "q", PERIOD_KEY, *(d.url_key for d in DIMENSIONS)}
MULTISELECTS = tuple(d.field for d in SIDEBAR)  # one per dimension, in the registry's order
NOTICES = "_filter_notices"
NOTICE_BOX = "_filter_notice_box"  # where this run's page shows them (page_header)
ADOPT_URL = "_filter_adopt_url"
INITIALISED = "_filter_initialised"
CUSTOM_RANGE = "_filter_custom_range"
SHOWN_RANGE = "_filter_shown_range"  # the dates the view had on its last run
KINDS = "_filter_kinds"


def widget_key(field: str) -> str:
    return f"filter_{field}"


def adopt_url_on_next_run() -> None:
    """Make the next run read its filters from the URL (e.g. after st.switch_page with a drill)."""
    st.session_state[ADOPT_URL] = True


def sidebar_filters(
    options: Mapping[str, Mapping[str, str]], today: dt.date, first_date: dt.date | None
) -> Filters:
    """Draw the filters in the sidebar and return the Filters they describe."""
    state = st.session_state
    state.pop(NOTICE_BOX, None)  # the last run's page: this run's draws its own
    if not state.get(INITIALISED) or state.pop(ADOPT_URL, False):
        _adopt_url(options, today, first_date)
        state[INITIALISED] = True
    _drop_vanished_values(options)

    bar = st.sidebar
    bar.header("Filters")
    bar.selectbox(
        "Period",
        (*PRESETS, CUSTOM),
        key=widget_key("preset"),
        on_change=_preset_changed,
        args=(today, first_date),
    )
    if state[widget_key("preset")] == CUSTOM:
        bar.date_input(
            "From – to (both days included)",
            key=widget_key("range"),
            min_value=EARLIEST_DATE,
            max_value=last_pickable(today),
            format="YYYY-MM-DD",
            on_change=_changed,
        )
        # The date field hands a typed date over only when it loses focus (Streamlit 1.67).
        bar.caption("Typed dates apply once you click outside the dates.")
    filters = current_filters(today)
    state[SHOWN_RANGE] = (filters.date_from, filters.date_to)
    if state[widget_key("preset")] != CUSTOM:
        period = filters.describe_period()  # "all time" has no days to include
        both = " (both days included)" if filters.date_from and filters.date_to else ""
        bar.caption(period[:1].upper() + period[1:] + both)

    for dimension in SIDEBAR:
        values = options.get(dimension.field, {})

        def shown(value: str, dimension=dimension, values=values) -> str:
            return dimension.name_of(value, values)

        bar.multiselect(
            dimension.plural,
            sorted(values, key=lambda value, shown=shown: fold(shown(value))),
            key=widget_key(dimension.field),
            format_func=shown,
            placeholder="All",
            on_change=_changed,
        )
    bar.text_input(
        "Search titles and summaries", key=widget_key("text"), max_chars=200, on_change=_changed
    )
    bar.button("Reset filters", on_click=_reset, width="stretch")

    _write_url(filters, state[widget_key("preset")] == ALL_TIME)
    return filters


def current_filters(today: dt.date) -> Filters:
    """The Filters described by the widgets' state."""
    state = st.session_state
    preset = state[widget_key("preset")]
    if preset == CUSTOM:
        chosen = state.get(widget_key("range")) or ()
        if len(chosen) == 2:  # a half-picked range keeps the last complete one
            state[CUSTOM_RANGE] = tuple(chosen)
        date_from, date_to = state.get(CUSTOM_RANGE, (None, None))
    else:
        date_from, date_to = preset_range(preset, today)
    return Filters(
        date_from=date_from,
        date_to=date_to,
        kinds=state.get(KINDS, DEFAULT_KINDS),
        text=state[widget_key("text")].strip(),
        **{field: tuple(state[widget_key(field)]) for field in MULTISELECTS},
    )


def share_url(filters: Filters, all_time: bool) -> str:
    """The full link to this page with these filters and the page's own choices."""
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{urllib.parse.urlencode(share_params(filters, all_time))}"


def share_params(filters: Filters, all_time: bool) -> dict[str, str]:
    """The link's parameters: these filters and the page's own choices."""
    page_choices = {k: v for k, v in st.query_params.to_dict().items() if k not in URL_KEYS}
    return {**url_params(filters, all_time), **page_choices}


def url_params(filters: Filters, all_time: bool) -> dict[str, str]:
    params = filters.to_query_params()
    if all_time:
        params[PERIOD_KEY] = "all"
    return params


def show_notices() -> None:
    """What the URL held that could not be used (until the filters are next changed), in a
    place the page's own choices add to (add_notice) as they read the link."""
    box = st.session_state[NOTICE_BOX] = st.container()
    for notice in st.session_state.get(NOTICES, []):
        _warn(box, notice)


def add_notice(notice: str) -> None:
    """A value of the link a page's own choice could not use: said with the filters' notices."""
    state = st.session_state
    state[NOTICES] = [*state.get(NOTICES, []), notice]
    box = state.get(NOTICE_BOX)
    if box is not None:
        _warn(box, notice)


def _warn(box, notice: str) -> None:
    box.warning(f"This link's filters were adjusted: {notice}", icon="⚠️")


# ---------- the URL


def _adopt_url(
    options: Mapping[str, Mapping[str, str]], today: dt.date, first_date: dt.date | None
) -> None:
    params = st.query_params
    raw = {key: params.get_all(key) for key in params}
    known = {field: set(values) for field, values in options.items()}
    filters, notices = Filters.from_query_params(raw, known=known)
    period = params.get(PERIOD_KEY)
    if period not in (None, "all"):
        notices.append(f"Ignored period={period[:40]!r}: the only value is 'all'.")

    state = st.session_state
    if filters.date_from or filters.date_to:
        date_from = _pickable(filters.date_from or first_date or filters.date_to, today, notices)
        date_to = _pickable(filters.date_to or today, today, notices)
        state[widget_key("preset")] = _matching_preset(date_from, date_to, today)
        state[CUSTOM_RANGE] = (date_from, date_to)
        state[widget_key("range")] = (date_from, date_to)
    else:
        state[widget_key("preset")] = ALL_TIME if period == "all" else DEFAULT_PRESET
    for field in MULTISELECTS:
        state[widget_key(field)] = list(getattr(filters, field))
    state[widget_key("text")] = filters.text
    state[KINDS] = filters.kinds
    state[NOTICES] = notices


def last_pickable(today: dt.date) -> dt.date:
    """The last day the date picker offers: the end of next year."""
    return dt.date(today.year + 1, 12, 31)


def _pickable(day: dt.date, today: dt.date, notices: list[str]) -> dt.date:
    """A linked date moved into what the date picker accepts (it refuses any other), saying so."""
    moved = min(max(day, EARLIEST_DATE), last_pickable(today))
    if moved != day:
        notices.append(f"The date {day.isoformat()} is outside what the dashboard shows; "
                       f"{moved.isoformat()} is used instead.")  # fmt: skip
    return moved


def _write_url(filters: Filters, all_time: bool) -> None:
    wanted = url_params(filters, all_time)
    params = st.query_params
    for key in URL_KEYS:
        if key in wanted:
            if params.get_all(key) != [wanted[key]]:
                params[key] = wanted[key]
        elif key in params:
            del params[key]


def _matching_preset(date_from: dt.date, date_to: dt.date, today: dt.date) -> str:
    for preset in PRESETS:
        if preset != ALL_TIME and preset_range(preset, today) == (date_from, date_to):
            return preset
    return CUSTOM


# ---------- widget callbacks (they run before the rerun that draws the result)


def _changed() -> None:
    st.session_state[NOTICES] = []


def _preset_changed(today: dt.date, first_date: dt.date | None) -> None:
    _changed()
    state = st.session_state
    if state[widget_key("preset")] == CUSTOM:  # it starts from the dates the view had
        shown = state.get(SHOWN_RANGE)
        if not shown or None in shown:  # all time: the data's whole span
            shown = (first_date or preset_range(DEFAULT_PRESET, today)[0], today)
        state[widget_key("range")] = shown
        state[CUSTOM_RANGE] = shown


def _reset() -> None:
    state = st.session_state
    state[widget_key("preset")] = DEFAULT_PRESET
    for field in MULTISELECTS:
        state[widget_key(field)] = []
    state[widget_key("text")] = ""
    state[KINDS] = DEFAULT_KINDS
    state[NOTICES] = []


def _drop_vanished_values(options: Mapping[str, Mapping[str, str]]) -> None:
    """A value the store no longer holds (data replaced) leaves the selection quietly."""
    for field in MULTISELECTS:
        key = widget_key(field)
        known = options.get(field, {})
        chosen = st.session_state.get(key, [])
        if any(value not in known for value in chosen):
            st.session_state[key] = [value for value in chosen if value in known]
