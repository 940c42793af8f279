"""The Import page's Sources tab: the organisation's configured sources, each with its last
run, what it added and its errors, and Check now (a run in the background; the page stays usable
and shows the outcome when it is done)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import labels
from dashboard import sources_status as status
from data.organisation import organisation_folder
from data.sources.config import SourcesError, load_sources
from data.sources.fetch import user_agent

text = labels.as_markdown_text
_SHOWN = "_sources_check_shown"  # the number of the last check whose outcome this session saw


def show(store_file: Path) -> None:
    st.header("Sources")
    folder = organisation_folder()
    try:
        config = load_sources(folder)
    except SourcesError as exc:
        st.error(f"The sources cannot be used: {text(str(exc))}", icon=":material/error:")
        return
    if not config.sources:
        st.info(
            f"No source is configured: add a `sources.toml` to the organisation folder "
            f'(`{folder}`); the README\'s "Feeding it data" shows how.',
            icon=":material/rss_feed:",
        )
        return
    contact = config.fetch.contact
    st.caption(
        f"Read from `{config.file}`. The sites are sent "
        + (
            f"the User-Agent “{text(user_agent(contact))}”"
            if contact
            else "nothing until a contact is set"
        )
        + f", at most one request every {config.fetch.interval_seconds:g} s per site, and "
        "robots.txt is obeyed. Every page goes through the same reading as an uploaded file."
    )
    check = status.current_check(store_file)
    running = check is not None and not check.finished

    @st.fragment(run_every=1 if running else None)
    def live() -> None:
        current = status.current_check(store_file)
        st.dataframe(
            status.sources_table(config, store_file),
            hide_index=True,
            width="stretch",
            key="sources_table",
            column_config={
                "Last run": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
                "Address": st.column_config.LinkColumn(),
            },
        )
        busy = current is not None and not current.finished
        pressed = st.button(
            "Check now",
            type="primary",
            disabled=busy or not contact,
            key="sources_check_now",
            help="Read every source once, in the background"
            if contact
            else "Set contact under [fetch] in sources.toml first",
        )
        if pressed:
            status.start_check(folder, store_file, config)
            st.rerun(scope="app")
        if current is None:
            return
        if busy:
            st.progress(current.fraction, text=f"Checking the sources… {text(current.step)}")
            return
        outcome(current)
        if st.session_state.get(_SHOWN) != current.number and running:
            st.session_state[_SHOWN] = current.number
            st.rerun(scope="app")  # the new data on the whole page, not only in this block

    live()


def outcome(check: status.Check) -> None:
    if check.error:
        st.error(f"The check could not run: {text(check.error)}", icon=":material/error:")
        return
    report = check.report
    assert report is not None
    added = report.n_new
    lines = "\n".join(f"- {text(line)}" for line in report.lines())
    if report.failed:
        names = ", ".join(s.name for s in report.failed)
        st.warning(
            f"**Check done: {added:,} new; {names} needs attention.**\n\n{lines}",
            icon=":material/warning:",
        )
    else:
        st.success(f"**Check done: {added:,} new.**\n\n{lines}", icon=":material/check_circle:")
