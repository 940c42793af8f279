"""About the data: what is counted and what is not, the dedupe rule, where the data came from."""

import pandas as pd
import streamlit as st

import queries
from dashboard import labels, panels, sources_status, state

view = state.current_view()
bounds = view.bounds
panels.page_header(view, "About the data")


def day(value) -> str:
    return f"{value:%-d %B %Y}" if value is not None else "no date yet"


def moment(value) -> str:
    return f"{value:%-d %B %Y, %H:%M}" if value is not None else "none recorded"


st.markdown(
    f"""
### What is counted
- **One appearance** is one piece of media coverage in which the organisation or one of its
  experts appears: a quote, an interview, an op-ed, a radio or TV appearance, a mention.
  The organisation's own events and videos are kept apart and never counted as coverage.
- These are **outputs, not outcomes**: how often and where the organisation is in the media,
  not what readers thought or did afterwards (in the AMEC framework's terms).
- There is **no advertising value equivalent** (AVE) here. The Barcelona Principles reject it as
  a measure of the value of communication.
- An appearance with two experts counts once in the totals and once for each expert in the
  expert rankings, so per-expert numbers can add up to more than the total.

### Duplicates
The same appearance listed twice (on the English and the French page, in a page and a clipping
spreadsheet, a re-import of the same file) counts once. Two entries are the same appearance when:
1. they link to the same page once the link is normalised (scheme, `www.`, tracking parameters,
   fragment and trailing slash ignored); else
2. they have the same outlet, the same date (or are both undated) and the same title once
   normalised (case, accents, punctuation and spaces ignored); else, with no title at all,
3. the same outlet, date and experts.

### Dates
Dates are calendar days; both ends of a date range are included.
Appearances whose source gives no date are kept and counted as **undated**: they appear in the
totals when no date range is chosen, never on a timeline, and never with a made-up date.

- Data from **{day(bounds.get("first_date"))}** through **{day(bounds.get("data_through"))}**
- **{int(bounds.get("appearances") or 0):,}** appearances in all, of which
  **{int(bounds.get("undated") or 0):,}** undated
- Last import: **{moment(bounds.get("last_import"))}**
"""
)
demo = int(bounds.get("demo_appearances") or 0)
if demo:
    if demo >= int(bounds.get("appearances") or 0):
        st.markdown("Every appearance here is **generated demo data**.")
    else:
        st.markdown(f"**{demo:,}** of the appearances are generated demo data.")

st.subheader("Sources")
sources = queries.run(view.con, "appearances_by_source", folder=state.SQL_DIR)
st.dataframe(
    pd.DataFrame(
        {
            "Format": [labels.source_format_name(f) for f in sources["source_format"]],
            "File": [
                "Generated demo data" if f == "demo" else labels.sources_text(None, name)
                for f, name in zip(sources["source_format"], sources["source_file"], strict=True)
            ],
            "Appearances": sources["appearances"],
            "Undated": sources["undated"],
        }
    ),
    hide_index=True,
    width="stretch",
    column_config=panels.counts_config("Appearances", "Undated"),
)

followed = sources_status.last_read_text(view.version[0])
if followed:
    st.markdown("Sources followed by themselves (Import page, Sources tab):\n" + followed)

st.subheader("Imports")
runs = queries.run(view.con, "import_history", folder=state.SQL_DIR, limit=50)
if runs.empty:
    st.caption("No import recorded yet.")
else:
    st.dataframe(
        pd.DataFrame(
            {
                "Import": runs["run_id"],
                "Started": runs["started_at"],
                "Finished": runs["finished_at"],
                "From": [labels.origin_name(o) for o in runs["origin"]],
                "Files": [
                    labels.sources_text(o, f)
                    for o, f in zip(runs["origin"], runs["sources"], strict=True)
                ],
                "Rows added": runs["n_new"],
                "Duplicates skipped": runs["n_duplicate"],
                "Rejected": runs["n_rejected"],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Started": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
            "Finished": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
            **panels.counts_config("Rows added", "Duplicates skipped", "Rejected"),
        },
    )
    st.caption(
        "The 50 most recent imports. 'Rows added' counts appearances and the organisation's own "
        "events and videos, which are kept apart and not counted as coverage: so an import can "
        "add more rows than the appearances above. Rejected rows are listed with their reason "
        "on the Import page."
    )
