"""What the Import page shows before anything is written: the plan of an import, as tables.

Pure (no Streamlit): uploaded files in, an ImportPlan and pandas tables out.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import labels
from dashboard.labels import plural
from data.ingest import ImportPlan, Planned, Reject, RunSummary, plan_import
from data.organisation import (
    REFERENCE_DIR,
    Organisation,
    OrganisationError,
    load_organisation,
    organisation_folder,
)
from data.parsers.sheet_report import SheetReport
from data.removal import Removal

log = logging.getLogger("presswatch.import")
ROOT = Path(__file__).resolve().parents[1]

Files = Sequence[tuple[str, bytes]]


def organisation_choices() -> dict[str, Path]:
    """The organisation folders an editor may import against, by the name the page shows.

    Only configured folders: the one in use ($PRESSWATCH_ORG, first), the demo organisation and
    the examples shipped with the project. The page takes no path from the browser, so it never
    reads, nor says whether there is, any other folder on the server.
    """
    folders = [organisation_folder(), REFERENCE_DIR]
    folders += sorted(p.parent for p in (ROOT / "examples").glob("*/organisation.toml"))
    choices: dict[str, Path] = {}
    for folder in folders:
        folder = folder.resolve()
        shown = folder.relative_to(ROOT).as_posix() if folder.is_relative_to(ROOT) else str(folder)
        choices.setdefault(shown, folder)
    return choices


def organisation(choice: str) -> Organisation:
    """The organisation of one of `organisation_choices()`; OrganisationError says what is wrong."""
    folder = organisation_choices().get(choice)
    if folder is None:
        raise OrganisationError(f"{choice} is not one of the configured organisation folders.")
    return load_organisation(folder)


def fingerprint(files: Files) -> tuple[tuple[str, str], ...]:
    """(name, content hash) per file: the same upload gives the same plan without re-reading."""
    return tuple((name, hashlib.sha256(data).hexdigest()) for name, data in files)


def plan_files(
    files: Files,
    con: duckdb.DuckDBPyConnection | None,
    org: Organisation,
    mapping: dict[str, str] | None = None,
) -> ImportPlan:
    """The plan of importing these files; a file that cannot be read is rejected, never raised.

    Files are planned together so an appearance listed in two of them counts once. Should the
    reading fail on something unforeseen, each file is planned alone to find which one it is,
    and that file alone is rejected with the reason.
    """
    empty = [name for name, data in files if not data.strip()]
    readable = [(name, data) for name, data in files if data.strip()]
    try:
        plan = plan_import(readable, con, org, mapping)
    except Exception:  # a parser fault must not cost the editor the whole upload
        log.exception("planning an import of %d files failed", len(readable))
        unreadable = [
            name for name, data in readable if _fails_alone(name, data, con, org, mapping)
        ]
        plan = plan_import([f for f in readable if f[0] not in unreadable], con, org, mapping)
        plan.rejected += [
            Reject(name, None, "this file could not be read (an unexpected layout)")
            for name in unreadable
        ]
    plan.sources = [name for name, _ in files]
    plan.rejected = [Reject(name, None, "the file is empty") for name in empty] + plan.rejected
    return plan


def _fails_alone(name: str, data: bytes, con, org: Organisation, mapping) -> bool:
    try:
        plan_import([(name, data)], con, org, mapping)
    except Exception:
        return True
    return False


def whole_file_rejects(plan: ImportPlan) -> list[Reject]:
    """The files refused outright (not one row of a spreadsheet)."""
    return [r for r in plan.rejected if r.row_number is None]


# ---------- tables (text only: st.dataframe shows titles and names as written)


def _experts(planned: Planned) -> str:
    return ", ".join(f"{m.name} ({m.role})" for m in planned.article.experts)


def appearances_table(rows: list[Planned], with_duplicate_of: bool = False) -> pd.DataFrame:
    """One row per appearance: what a manager will see of it once it is imported."""
    table = pd.DataFrame(
        {
            "Date": [p.article.date for p in rows],
            "Outlet": [p.outlet for p in rows],
            "Title": [p.article.title or "(no title)" for p in rows],
            "Experts": [_experts(p) for p in rows],
            "Topics": [", ".join(p.article.tags) for p in rows],
            "Language": [labels.language_name(p.article.language) for p in rows],
            "Kind": [labels.vocabulary.kind_name(p.article.kind) for p in rows],
            "File": [_where(p) for p in rows],
        }
    )
    if any(p.article.uncertain for p in rows):  # read with low confidence: why
        table["To review"] = [p.article.uncertain or "" for p in rows]
    if with_duplicate_of:
        table.insert(0, "Duplicate of", [p.duplicate_of or "" for p in rows])
    return table.astype({"Date": "object"})


def _where(planned: Planned) -> str:
    row = planned.article.row_number
    return f"{planned.article.source}, row {row}" if row else planned.article.source


def reading_table(report: SheetReport) -> pd.DataFrame:
    """One row per field of a spreadsheet: the column it is read from and the sample row's value."""
    columns = [" / ".join(f.columns) + (f" ({f.how})" if f.how else "") for f in report.fields]
    return pd.DataFrame(
        {
            "Field": [f.field.replace("_", " ") for f in report.fields],
            "Column": columns,
            f"Row {report.sample_row or ''}".strip(): [f.sample for f in report.fields],
            "Read as": [f.value for f in report.fields],
        }
    )


def reading_notes(report: SheetReport) -> list[str]:
    """How the file is written, its dates, its social posts and the columns left out."""
    notes = [f"{report.form}; header on row {report.header_row}, {plural(report.rows, 'row')}."]
    notes += [f"Dates: {column.describe()}." for column in report.dates]
    if report.date_means:
        notes.append(f"Each row's date is {report.date_means}.")
    if report.n_social:
        notes.append(
            f"{plural(report.n_social, 'social post')}: kept apart, not counted as coverage."
        )
    if report.left_out:
        notes.append(f"Not read: {', '.join(report.left_out)}.")
    return notes


def rejects_table(rejects: list[Reject]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "File": [r.source for r in rejects],
            "Row": [str(r.row_number) if r.row_number else "whole file" for r in rejects],
            "Reason": [r.reason for r in rejects],
        }
    )


def stored_rejects(frame: pd.DataFrame) -> list[Reject]:
    """The rows of the import_rejects query as Rejects (a NULL row number is a whole file)."""
    return [
        Reject(source, None if pd.isna(row) else int(row), reason)
        for source, row, reason in frame[["source_file", "row_number", "reason"]].itertuples(
            index=False
        )
    ]


def names_table(names: list[str], column: str) -> pd.DataFrame:
    return pd.DataFrame({column: names})


def run_label(run: pd.Series) -> str:
    """How one import reads in a chooser: 'Import 3 · 27 Nov 2026 10:04 · Import page'."""
    origin = labels.origin_name(run["origin"])
    return f"Import {run['run_id']} · {run['started_at']:%-d %b %Y %H:%M} · {origin}"


# ---------- messages (Markdown: names from files are escaped)


def import_message(summary: RunSummary) -> str:
    message = (
        f"**Import {summary.run_id}** added {plural(summary.n_new, 'appearance')} "
        f"({plural(summary.n_duplicate, 'duplicate')} skipped, {summary.n_rejected:,} rejected). "
        "Every page of the dashboard now includes them."
    )
    to_confirm = summary.new_outlets + summary.new_experts
    if to_confirm:
        names = "; ".join(labels.as_markdown_text(name) for name in to_confirm)
        message += f" Added unconfirmed, to check and add to the organisation's lists: {names}."
    if summary.warnings:
        files = "; ".join(labels.as_markdown_text(warning) for warning in summary.warnings)
        message += f" Read with low confidence, flagged for review: {files}."
    return message


def uncertain_message(warnings: list[str]) -> str | None:
    """What the page says, before confirming and after, of files read with low confidence."""
    if not warnings:
        return None
    lines = [f"- {labels.as_markdown_text(warning)}" for warning in warnings]
    return (
        f"{plural(len(warnings), 'file')} read with low confidence: check the flagged "
        "appearances below before importing (they go in flagged for review).\n" + "\n".join(lines)
    )


def removal_message(done: Removal, kept: Path) -> str:
    gone = plural(done.n_appearances, "appearance")
    return (
        f"**Import {done.run_id} removed**: {gone} {'is' if done.n_appearances == 1 else 'are'} "
        "gone from every page of the dashboard. The database as it was is kept at "
        f"`{kept}`; an administrator can put it back with "
        f"`python -m data.backup --restore {kept}`."
    )
