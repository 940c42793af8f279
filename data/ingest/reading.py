"""Files in, Articles out: folders walked, the size cap applied, the parser a file's suffix calls
for chosen, and every file or row that cannot go in given a Reject that says why."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from data.limits import LimitExceeded
from data.model import Article, InvalidArticle, validate
from data.parsers import PAGE_SUFFIXES, Context, parse_page
from data.parsers.feed import FEED_SUFFIXES, FeedError, looks_like_feed, parse_feed
from data.parsers.sheet_report import SheetReport
from data.parsers.spreadsheet import SPREADSHEET_SUFFIXES, SpreadsheetError, read_spreadsheet
from data.parsers.text import MAX_FILE_BYTES, decode, looks_binary

SUFFIXES = PAGE_SUFFIXES + SPREADSHEET_SUFFIXES + FEED_SUFFIXES
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reject:
    source: str
    row_number: int | None  # spreadsheet row (1 = header); None for a whole file
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}, row {self.row_number}" if self.row_number else self.source
        return f"{where}: {self.reason}"


def read_paths(paths: Iterable[str | Path]) -> list[tuple[str, bytes]]:
    """(name, bytes) of each file, folders walked recursively in name order."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            found = [path]
        for file in found:
            with open(file, "rb") as handle:  # never more than the cap: a larger file is refused
                files.append((str(file), handle.read(MAX_FILE_BYTES + 1)))
    return files


def extract(
    files: Iterable[tuple[str, bytes]],
    ctx: Context,
    mapping: dict[str, str] | None = None,
    reports: list[SheetReport] | None = None,
) -> tuple[list[Article], list[Reject]]:
    """Every valid Article in the files, and a Reject for each file or row that cannot go in;
    how each spreadsheet was read is added to `reports`, when given."""
    articles: list[Article] = []
    rejects: list[Reject] = []
    reports = [] if reports is None else reports
    for name, data in files:
        try:
            found, refused = _extract_file(name, data, ctx, mapping, reports)
        except LimitExceeded as exc:  # a page past a reader's limit (data/limits.py)
            found, refused = [], [Reject(name, None, str(exc))]
        except Exception:  # a layout no parser foresaw must not cost the other files
            log.exception("reading %s failed", name)
            found, refused = (
                [],
                [Reject(name, None, "this file could not be read (unexpected layout)")],
            )
        articles += found
        rejects += refused
    return articles, rejects


def _extract_file(
    name: str,
    data: bytes,
    ctx: Context,
    mapping: dict[str, str] | None,
    reports: list[SheetReport],
) -> tuple[list[Article], list[Reject]]:
    if len(data) > MAX_FILE_BYTES:
        return [], [Reject(name, None, f"file is larger than {MAX_FILE_BYTES // 2**20} MB")]
    suffix = Path(name).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        try:
            sheet = read_spreadsheet(data, name, ctx, mapping)
        except SpreadsheetError as exc:
            return [], [Reject(name, None, str(exc))]
        reports.append(sheet.report)
        return sheet.articles, [Reject(name, r.row_number, r.reason) for r in sheet.rejects]
    if suffix in FEED_SUFFIXES or (suffix in PAGE_SUFFIXES and looks_like_feed(data)):
        try:
            found = parse_feed(data, name, ctx)
        except FeedError as exc:
            return [], [Reject(name, None, str(exc))]
        if not found:
            return [], [Reject(name, None, "this feed has no entry")]
        return _valid(name, found, ctx)
    if suffix not in PAGE_SUFFIXES:
        return [], [
            Reject(name, None, f"not a page or spreadsheet, nor a feed ({', '.join(SUFFIXES)})")
        ]
    if looks_binary(data):
        return [], [
            Reject(name, None, "not a text page (binary data: an image, a PDF, an archive?)")
        ]
    found = parse_page(decode(data), name, ctx)
    if not found:
        return [], [Reject(name, None, "no media appearance found in this page")]
    return _valid(name, found, ctx)


def _valid(name: str, found: list[Article], ctx: Context) -> tuple[list[Article], list[Reject]]:
    """The items of a page or a feed that can be stored, and a Reject for each that cannot."""
    articles, rejects = [], []
    for article in found:
        try:
            articles.append(validate(article, ctx.today))
        except InvalidArticle as exc:
            rejects.append(Reject(name, None, f"{article.title or 'untitled item'}: {exc}"))
    return articles, rejects
