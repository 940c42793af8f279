"""The sources as the Import page's Sources tab and the About page show them, without Streamlit:
each source's last run, and a "Check now" run in a background thread of the server process.

One check at a time per store, for every session of the server: a second editor pressing Check
now sees the run already going. The run itself (data.sources.run) also refuses a second run
started elsewhere (the command line, a timer) while one is in progress.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from data.organisation import OrganisationError, load_organisation, organisation_folder
from data.sources.config import Sources, SourcesError, load_sources
from data.sources.kept import Kept, SyncBusy
from data.sources.run import SyncReport, run_sync
from data.store import StoreError


@dataclass
class Check:
    """A Check now: running, or done with its report or the reason it could not run."""

    number: int
    folder: Path
    sources: tuple[str, ...]
    started: float = field(default_factory=time.monotonic)
    step: str = "starting"
    done_sources: int = 0
    report: SyncReport | None = None
    error: str | None = None
    finished: bool = False

    @property
    def fraction(self) -> float:
        """Sources finished out of all, with the current one half done."""
        if self.finished:
            return 1.0
        return min(0.99, (self.done_sources + 0.5) / max(1, len(self.sources)))


_checks: dict[Path, Check] = {}
_lock = threading.Lock()


def current_check(store_file: Path) -> Check | None:
    with _lock:
        return _checks.get(store_file)


def start_check(folder: Path, store_file: Path, config: Sources) -> Check:
    """Start a run of the sources in the background, unless one is running for this store."""
    with _lock:
        running = _checks.get(store_file)
        if running is not None and not running.finished:
            return running
        number = running.number + 1 if running else 1
        check = Check(number, folder, tuple(s.name for s in config.sources))
        _checks[store_file] = check
    thread = threading.Thread(
        target=_run, args=(check, store_file), name="presswatch-check-sources", daemon=True
    )
    thread.start()
    return check


def _run(check: Check, store_file: Path) -> None:
    seen: list[str] = []

    def progress(source: str, message: str) -> None:
        if source not in seen:
            seen.append(source)
        check.done_sources = len(seen) - 1
        check.step = f"{source}: {message}"

    try:
        org = load_organisation(check.folder)
        check.report = run_sync(org, store_file, progress=progress)
    except (OrganisationError, SourcesError, SyncBusy, StoreError, ValueError, OSError) as exc:
        check.error = str(exc)
    except Exception as exc:  # a thread's failure must reach the page, not vanish
        check.error = f"the run stopped unexpectedly ({exc.__class__.__name__}: {exc})"
    finally:
        check.finished = True


def sources_table(config: Sources, store_file: Path) -> pd.DataFrame:
    """One row per configured source: its last run, what it added, what went wrong."""
    latest = Kept(store_file).last_by_source()
    rows = []
    for source in config.sources:
        record, run = latest.get(source.name, (None, None))
        rows.append(
            {
                "Source": source.name,
                "Kind": "list" if source.kind == "listing" else "feed",
                "Address": source.first_url,
                "Last run": _when(record.finished or record.started) if record else None,
                "Status": _status(run),
                "Added": run.new if run else None,
                "Pages read": run.pages if run else None,
                "Unchanged": run.reused if run else None,
                "Problem": _problem(run),
            }
        )
    return pd.DataFrame(rows)


def last_read(config: Sources, store_file: Path) -> list[tuple[str, dt.datetime | None, bool]]:
    """(source, when it was last read without a fault or None, whether its last run failed)."""
    records = Kept(store_file).records()
    result = []
    for source in config.sources:
        good, failed = None, False
        for record in records:
            for run in record.sources:
                if run.name == source.name and record.origin == "sync":
                    failed = run.status != "ok"
                    if not failed:
                        good = _when(record.finished or record.started)
        result.append((source.name, good, failed))
    return result


def _when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _status(run) -> str:
    if run is None:
        return "never read"
    if run.status != "ok":
        return "needs attention: failed"
    if run.rejected:
        return "needs attention: rejected items"
    return "ok"


def _problem(run) -> str | None:
    if run is None:
        return None
    if run.error:
        return run.error
    if run.rejected:
        return "; ".join(run.rejected[:3]) + (" …" if len(run.rejected) > 3 else "")
    return "; ".join(run.notes) or None


def last_read_text(store_file: str | Path) -> str:
    """A Markdown list of when each configured source was last read, for the About page; empty
    when the organisation follows none (or its sources.toml cannot be read: the Import page's
    Sources tab says why)."""
    try:
        config = load_sources(organisation_folder())
    except SourcesError:
        return ""
    lines = []
    for name, when, failed in last_read(config, Path(store_file)):
        read = f"last read {when:%-d %B %Y, %H:%M}" if when else "not read yet"
        lines.append(f"- **{name}**: {read}" + (" (the last try failed)" if failed else ""))
    return "\n".join(lines)
