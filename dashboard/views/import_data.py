"""Import data (editors only; app.py shows viewers a refusal at this address instead).

Upload "in the media" pages or clipping spreadsheets, see what would be added, then confirm;
the history of imports and what each rejected; removing one import (the demo data is one).
Nothing is written before the editor confirms, and every write is one transaction.
"""

import logging
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

import queries
from dashboard import auth, key_dates_panel, labels, panels, sources_tab, state
from dashboard import import_preview as preview
from dashboard.labels import plural
from data import limits
from data.backup import backup
from data.ingest import MAX_FILE_BYTES, apply_import
from data.organisation import OrganisationError
from data.parsers.spreadsheet import FIELDS
from data.removal import RemovalError, remove_import
from data.store import StoreError, db_path

log = logging.getLogger("presswatch.import")
HISTORY_ROWS = 200
LISTED_FILE_REJECTS = 20  # whole-file refusals spelled out above the table; the table has all
_ROUND = "_import_round"  # bumped after an import: a fresh, empty uploader
_PLAN = "_import_plan"  # (what it was made from, the plan): a rerun does not re-read the files
_DONE = "_import_done"  # the message of the last import or removal, shown once
_PENDING_REMOVAL = "_import_pending_removal"

text = labels.as_markdown_text


def current_view() -> state.View | None:
    """The view app.py prepared, or None when there is no readable store (yet)."""
    try:
        state.connection()  # what app.py checked: it fails the same way when there is no store
        return state.current_view()
    except (StoreError, duckdb.Error, KeyError):
        return None


view = current_view()
store_file = Path(view.version[0]) if view else db_path()
con = view.con if view else None
if view:
    panels.page_header(view, "Import data")
else:
    st.title("Import data")
    if store_file.exists():
        st.warning(
            f"The coverage database at `{store_file}` cannot be read as it is. An import is tried "
            "on a copy and brings a database from an older version up to date; a damaged one "
            "is left as it is, and a backup should be restored instead.",
            icon=":material/database:",
        )
    else:
        st.info(
            f"There is no coverage database at `{store_file}` yet: the first import creates it.",
            icon=":material/database:",
        )


def show_last_action() -> None:
    message = st.session_state.pop(_DONE, None)
    if message:
        st.success(message, icon=":material/check_circle:")


# ---------- upload and preview


def upload_form() -> tuple[list, str, dict[str, str]]:
    st.header("Add coverage")
    uploaded = st.file_uploader(
        "Pages (.txt, .md, .html) or clipping spreadsheets (.csv, .tsv, .xlsx); several at once",
        accept_multiple_files=True,
        max_upload_size=MAX_FILE_BYTES // 2**20,
        # no `type=`: a file of another kind gets its reason in the preview, like any refusal
        key=f"import_files_{st.session_state.get(_ROUND, 0)}",
        help=f"Up to {MAX_FILE_BYTES // 2**20} MB per file. Nothing is written before you confirm.",
    )
    with st.expander("Organisation and spreadsheet columns"):
        folder = st.selectbox(
            "Organisation folder",
            list(preview.organisation_choices()),  # configured folders only, never a typed path
            key="import_org_folder",
            help="The folder with organisation.toml, experts.csv and outlets.csv: who the "
            "organisation's experts are and which outlets are known. The first is the one in "
            "use ($PRESSWATCH_ORG); the others are the demo and the examples.",
        )
        st.caption(
            "Spreadsheet headers in the usual English and French forms are recognised. "
            "For others, type the header of the column that holds each field."
        )
        mapping = {}
        columns = st.columns(3)
        for i, field in enumerate(FIELDS):
            header = columns[i % 3].text_input(
                field.replace("_", " ").capitalize(), key=f"import_map_{field}"
            )
            if header.strip():
                mapping[field] = header.strip()
    return uploaded or [], folder, mapping


def current_plan(files, folder: str, mapping: dict[str, str]):
    """The plan for these files against the current store, made once per change."""
    made_from = (
        view and view.version,
        folder,
        tuple(sorted(mapping.items())),
        preview.fingerprint(files),
    )
    cached = st.session_state.get(_PLAN)
    if cached and cached[0] == made_from:
        return cached[1]
    org = preview.organisation(folder)
    with st.spinner("Reading the files…"), reading_progress():
        plan = preview.plan_files(files, con, org, mapping)
    st.session_state[_PLAN] = (made_from, plan)
    return plan


@contextmanager
def reading_progress():
    """While files are read, a line saying for how long, rewritten twice a second. Writing it is
    also where Streamlit stops the reading of a tab that was closed or a page that moved on."""
    line, started, shown = st.empty(), time.monotonic(), [0.0]
    stop_at = limits.SECONDS.value

    def show() -> None:
        now = time.monotonic()
        if now - shown[0] >= 0.5:
            shown[0] = now
            line.caption(f"Reading for {now - started:,.0f} s (a file is stopped at {stop_at:,} s)")

    with limits.watched(show):
        yield
    line.empty()


def show_plan(plan) -> None:
    new, duplicates, rejected = len(plan.new), len(plan.duplicates), len(plan.rejected)
    st.subheader("What this import would do")
    cards = st.columns(3)
    cards[0].metric("New appearances", f"{new:,}", border=True)
    cards[1].metric("Duplicates", f"{duplicates:,}", border=True)
    cards[2].metric("Rejected", f"{rejected:,}", border=True)

    for report in plan.reports:
        with st.expander(f"{report.source}: read as {report.layout}"):
            st.markdown("\n".join(f"- {text(note)}" for note in preview.reading_notes(report)))
            st.dataframe(preview.reading_table(report), hide_index=True)

    refused = preview.whole_file_rejects(plan)
    if refused:
        lines = [f"- **{text(r.source)}**: {text(r.reason)}" for r in refused[:LISTED_FILE_REJECTS]]
        if len(refused) > LISTED_FILE_REJECTS:
            lines.append(f"- and {len(refused) - LISTED_FILE_REJECTS:,} more, in the table below")
        st.error(
            f"{plural(len(refused), 'file')} cannot be imported:\n" + "\n".join(lines),
            icon=":material/block:",
        )
        if any("--map" in r.reason for r in refused):
            st.caption(
                "To name a spreadsheet's columns, fill in 'Organisation and spreadsheet columns' "
                "above (the --map of the command line)."
            )

    doubts = preview.uncertain_message(plan.warnings)
    if doubts:
        st.warning(doubts, icon=":material/help:")

    if new:
        st.markdown("**New appearances**")
        appearances = preview.appearances_table(plan.new)
        st.dataframe(
            appearances,
            key="import_new",
            hide_index=True,
            column_config={"Date": st.column_config.DateColumn(format="D MMM YYYY")},
        )
        st.caption("An empty date means the source gives none: the appearance is kept, undated.")
    if duplicates:
        st.markdown("**Duplicates** (already in the database or listed twice): not added again")
        st.dataframe(
            preview.appearances_table(plan.duplicates, with_duplicate_of=True),
            key="import_duplicates",
            hide_index=True,
            column_config={"Date": st.column_config.DateColumn(format="D MMM YYYY")},
        )
    if rejected:
        st.markdown("**Rejected** (rows are numbered as in the spreadsheet, its first row 1)")
        st.dataframe(preview.rejects_table(plan.rejected), key="import_rejected", hide_index=True)
    if plan.new_outlets or plan.new_experts:
        st.markdown(
            "**To confirm.** Not in the organisation's lists: they will be added as unconfirmed. "
            "Add them to outlets.csv or experts.csv (or as an alias of a known name) to confirm."
        )
        left, right = st.columns(2)
        if plan.new_outlets:
            left.dataframe(preview.names_table(plan.new_outlets, "New outlet"), hide_index=True)
        if plan.new_experts:
            right.dataframe(preview.names_table(plan.new_experts, "New expert"), hide_index=True)

    if not new:
        st.info("Nothing new to import: the database is left as it is.")
        return
    st.caption("Nothing has been written yet. The import goes in whole, or not at all.")
    if st.button(f"Import {plural(new, 'appearance')}", type="primary", key="import_confirm"):
        try:
            summary = apply_import(plan, store_file, origin="import-page")
        except (StoreError, duckdb.Error, OSError) as exc:
            log.exception("import into %s failed", store_file)
            st.error(
                f"The import did not go in, and the database is unchanged: {text(str(exc))}",
                icon=":material/error:",
            )
            return
        st.session_state[_DONE] = preview.import_message(summary)
        st.session_state[_ROUND] = st.session_state.get(_ROUND, 0) + 1
        st.session_state.pop(_PLAN, None)  # frees the uploaded files' bytes
        st.rerun()  # app.py opens the new version of the store: every page shows the new data


def add_coverage() -> None:
    uploaded, folder, mapping = upload_form()
    if not uploaded:
        return
    files = [(file.name, file.getvalue()) for file in uploaded]
    try:
        plan = current_plan(files, folder, mapping)
    except OrganisationError as exc:
        st.error(
            f"The organisation settings cannot be used: {text(str(exc))}",
            icon=":material/folder_off:",
        )
        return
    show_plan(plan)


# ---------- history


def history(runs: pd.DataFrame) -> None:
    st.header("Past imports")
    if runs.empty:
        st.caption("No import recorded yet.")
        return
    shown = pd.DataFrame(
        {
            "Import": runs["run_id"],
            "Started": runs["started_at"],
            "From": [labels.origin_name(o) for o in runs["origin"]],
            "Rows added": runs["n_new"],
            "Duplicates skipped": runs["n_duplicate"],
            "Rejected": runs["n_rejected"],
            "In the database now": runs["appearances"] + runs["own_content"],
            "Removed": runs["removed_at"],
            "Files": [
                labels.sources_text(origin, files)
                for origin, files in zip(runs["origin"], runs["sources"], strict=True)
            ],
        }
    )
    when = st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")
    counts = ("Rows added", "Duplicates skipped", "Rejected", "In the database now")
    st.dataframe(
        shown,
        key="import_history",
        hide_index=True,
        placeholder="",  # not removed: nothing, not "None"
        column_config={"Started": when, "Removed": when, **panels.counts_config(*counts)},
    )
    st.caption(
        f"The {HISTORY_ROWS} most recent entries. 'Rows added' and 'In the database now' count "
        "appearances and the organisation's own events and videos (kept apart, not counted as "
        "coverage); a removal is an entry of its own, from 'Removal'."
    )
    with_rejects = runs[runs["n_rejected"] > 0]
    if with_rejects.empty:
        return
    chosen = st.selectbox(
        "What an import rejected",
        with_rejects["run_id"].tolist(),
        format_func=lambda run_id: preview.run_label(
            with_rejects.loc[with_rejects["run_id"] == run_id].iloc[0]
        ),
        key="import_rejects_run",
    )
    rejects = queries.run(con, "import_rejects", folder=state.SQL_DIR, run_id=int(chosen))
    st.dataframe(
        preview.rejects_table(preview.stored_rejects(rejects)),
        key="import_rejects",
        hide_index=True,
    )


# ---------- removal


def removal(runs: pd.DataFrame) -> None:
    st.header("Remove an import")
    removable = runs[
        (runs["origin"] != "removal")
        & runs["removed_at"].isna()
        & (runs["appearances"] + runs["own_content"] > 0)
    ]
    demo = removable[removable["origin"] == "demo"]
    if not demo.empty:
        st.info(
            f"**The demo data is one import** (import {demo['run_id'].iloc[0]}, from 'demo'). "
            "Remove it here to clear the demo before, or after, importing your organisation's "
            "own coverage.",
            icon=":material/science:",
        )
    st.caption(
        "Removing an import deletes the appearances it added, with their experts and topics, "
        "in one step; outlets and experts it added unconfirmed go too when nothing else uses "
        "them. The history keeps the import and records the removal."
    )
    if removable.empty:
        st.caption("No import has appearances left to remove.")
        return

    def describe(run_id: int) -> str:
        run = removable.loc[removable["run_id"] == run_id].iloc[0]
        return f"{preview.run_label(run)} · {plural(int(run['appearances']), 'appearance')}"

    chosen = int(
        st.selectbox(
            "Import to remove",
            removable["run_id"].tolist(),
            format_func=describe,
            key="import_remove_run",
        )
    )
    if st.session_state.get(_PENDING_REMOVAL) != chosen:
        if st.button(f"Remove import {chosen}…", key="import_remove"):
            st.session_state[_PENDING_REMOVAL] = chosen
            st.rerun()
        return

    run = removable.loc[removable["run_id"] == chosen].iloc[0]
    appearances, own = int(run["appearances"]), int(run["own_content"])
    extra = f" and {own:,} of the organisation's own events and videos" if own else ""
    st.warning(
        f"Import {chosen} ({text(str(run['origin']))}, {run['started_at']:%-d %b %Y %H:%M}) "
        f"holds **{plural(appearances, 'appearance')}**{extra}: removing it deletes them from "
        "the database. A copy of the database as it is now is kept first, so an administrator "
        "can bring them back.",
        icon=":material/warning:",
    )
    with st.container(horizontal=True):
        confirmed = st.button(
            f"Yes, remove {plural(appearances, 'appearance')}",
            type="primary",
            key="import_remove_confirm",
        )
        cancelled = st.button("Cancel", key="import_remove_cancel")
    if cancelled:
        st.session_state.pop(_PENDING_REMOVAL, None)
        st.rerun()
    if confirmed:
        st.session_state.pop(_PENDING_REMOVAL, None)
        try:
            kept = backup(store_file)
            try:
                done = remove_import(chosen, store_file)
            except BaseException:
                kept.unlink(missing_ok=True)  # nothing removed: no copy to keep
                raise
        except (RemovalError, StoreError, duckdb.Error, OSError) as exc:
            log.exception("removal of import %s from %s failed", chosen, store_file)
            st.error(f"Nothing was removed: {text(str(exc))}", icon=":material/error:")
            return
        st.session_state[_DONE] = preview.removal_message(done, kept)
        st.rerun()


show_last_action()
files_tab, sources_tab_, key_dates_tab = st.tabs(["Files", "Sources", "Key dates"])
with files_tab:
    add_coverage()
    if con is not None:
        runs = queries.run(con, "import_runs", folder=state.SQL_DIR, limit=HISTORY_ROWS)
        history(runs)
        removal(runs)
with sources_tab_:
    sources_tab.show(store_file)
with key_dates_tab:
    key_dates_panel.editor_tab(view, store_file, auth.signed_in_as(auth.Role.EDITOR))
