"""What the runs keep beside the store: `<store>.sources/` next to `<store>.duckdb`.

    cache/        the last copy of each page with its ETag / Last-Modified (a 304 reuses it)
    runs/N/       one folder per run: run.json (each source's outcome, the files read, the
                  import written) and pages/*.gz (every page as fetched, compressed), so
                  `python -m data.sync --reparse N` reads them again without a request
    sync.lock     held by the run in progress: a second run is refused, not queued

The store itself holds what a run added (an import like any other, removable the same way); a
source that failed adds nothing there, so its fault is recorded here.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import gzip
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from data.sources.fetch import HttpCache


class SyncBusy(RuntimeError):
    """Another run holds the lock."""


def folder_for(db_file: Path) -> Path:
    return db_file.with_name(f"{db_file.stem}.sources")


@dataclass
class KeptFile:
    """A page a run read: its name as the import knows it, where it came from, where it is kept."""

    name: str  # "ifri-en page 3.html": the source file of the appearances read from it
    url: str  # the address asked for
    final_url: str  # after redirects: the base of its relative links
    content_type: str
    status: int  # 200, or 304 (the kept copy reused)
    file: str  # relative to the run's folder
    entry_url: str | None = None  # for an item page: the list entry it gives details of

    @classmethod
    def from_json(cls, data: dict) -> KeptFile:
        return cls(**data)


@dataclass
class SourceRun:
    """One source in one run: what was read, what it added, what went wrong."""

    name: str
    kind: str  # listing | feed
    url: str
    status: str = "ok"  # ok | failed
    error: str | None = None
    pages: int = 0  # fetched (list pages, item pages, the feed)
    reused: int = 0  # answered 304: the kept copy was read
    found: int = 0  # appearances read
    new: int = 0
    duplicates: int = 0
    rejected: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    since: str | None = None  # a first run: the date it read back to (ISO), kept for a reparse
    files: list[KeptFile] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return self.status != "ok" or bool(self.rejected)

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["files"] = [f.__dict__ for f in self.files]
        return data

    @classmethod
    def from_json(cls, data: dict) -> SourceRun:
        data = dict(data)
        files = [KeptFile.from_json(f) for f in data.pop("files", [])]
        return cls(**data, files=files)


@dataclass
class RunRecord:
    run: int
    started: str
    finished: str | None = None
    origin: str = "sync"  # sync | sync-reparse
    reparse_of: int | None = None
    import_run: int | None = None  # the ingest run that holds what it added, if any
    requests: int = 0
    sources: list[SourceRun] = field(default_factory=list)

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["sources"] = [s.to_json() for s in self.sources]
        return data

    @classmethod
    def from_json(cls, data: dict) -> RunRecord:
        data = dict(data)
        sources = [SourceRun.from_json(s) for s in data.pop("sources", [])]
        return cls(**data, sources=sources)


class Kept:
    """The folder beside one store."""

    def __init__(self, db_file: Path) -> None:
        self.root = folder_for(db_file)
        self.cache = HttpCache(self.root / "cache")
        self.runs_dir = self.root / "runs"

    @contextmanager
    def lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "sync.lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                since = handle.read().strip()
                raise SyncBusy(
                    "Another run of the sources is in progress"
                    + (f" (started {since})" if since else "")
                    + ": this one was not started. Try again when it has finished."
                ) from None
            handle.truncate(0)
            handle.write(dt.datetime.now().isoformat(timespec="seconds"))
            handle.flush()
            try:
                yield
            finally:
                handle.truncate(0)
                fcntl.flock(handle, fcntl.LOCK_UN)

    def run_ids(self) -> list[int]:
        if not self.runs_dir.is_dir():
            return []
        return sorted(int(p.name) for p in self.runs_dir.iterdir() if p.name.isdigit())

    def new_run(self) -> tuple[RunRecord, Path]:
        """A fresh run folder (call under the lock)."""
        number = max(self.run_ids(), default=0) + 1
        folder = self.runs_dir / str(number)
        (folder / "pages").mkdir(parents=True)
        return RunRecord(number, dt.datetime.now().isoformat(timespec="seconds")), folder

    def run_folder(self, number: int) -> Path:
        return self.runs_dir / str(number)

    def keep(self, folder: Path, body: bytes) -> str:
        """Store one page's bytes in the run folder; returns its name relative to the folder."""
        pages = folder / "pages"
        name = f"pages/{len(list(pages.iterdir())) + 1:05d}.gz"
        (folder / name).write_bytes(gzip.compress(body))
        return name

    def read_kept(self, number: int, file: KeptFile) -> bytes:
        return gzip.decompress((self.run_folder(number) / file.file).read_bytes())

    def save(self, folder: Path, record: RunRecord) -> None:
        tmp = folder / "run.json.tmp"
        tmp.write_text(json.dumps(record.to_json(), ensure_ascii=False, indent=1))
        os.replace(tmp, folder / "run.json")

    def record(self, number: int) -> RunRecord | None:
        try:
            return RunRecord.from_json(
                json.loads((self.run_folder(number) / "run.json").read_text())
            )
        except (OSError, ValueError):
            return None  # a run killed before it was recorded

    def records(self) -> list[RunRecord]:
        found = (self.record(n) for n in self.run_ids())
        return [r for r in found if r is not None]

    def last_by_source(self) -> dict[str, tuple[RunRecord, SourceRun]]:
        """Each source's latest outcome."""
        latest: dict[str, tuple[RunRecord, SourceRun]] = {}
        for record in self.records():
            for source in record.sources:
                latest[source.name] = (record, source)
        return latest
