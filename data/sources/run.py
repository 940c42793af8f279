"""One run of the sources: fetch what changed, read it as an uploaded file is read, write once.

For each source in turn:
  - a listing is read page by page from its first page. The first run goes back to the
    listing's `since` date; later runs stop at the first page holding only appearances the
    store already has (so a run with nothing new asks for one page per list, answered 304).
    An entry the list gives without its outlet or date, linking to an item page the listing
    names in `item_pages`, is read on that page.
  - a feed is read whole.
Every page goes through the import's own reading, resolution and dedupe (data/ingest). A source
that fails in any way (the site down, a timeout, a 5xx, a redirect loop, a page that is not HTML,
robots.txt forbidding it, a first page on which nothing can be read any more) adds nothing; the
others are written in one import (origin 'sync'), removable like any import. Every page read is
kept (data/sources/kept.py), so `reparse` can read a run again after a parser fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from data.ingest import apply_import, extract, plan_articles
from data.ingest.planning import IN_STORE, ImportPlan, StoreNames, plan, resolve
from data.ingest.reading import Reject
from data.ingest.stored import matches as stored_matches
from data.ingest.stored import names as stored_names
from data.model import Article
from data.organisation import Organisation
from data.parsers import Context
from data.sources.config import Feed, Listing, Source, Sources, SourcesError, load_sources
from data.sources.fetch import FEED_TYPES, HTML_TYPES, Fetcher, FetchError, Page
from data.sources.kept import Kept, KeptFile, RunRecord, SourceRun
from data.store import StoreError, db_path, open_read_only

ORIGIN = "sync"
REPARSE_ORIGIN = "sync-reparse"
NO_ITEM = "no media appearance found in this page"  # data/ingest/reading.py's reject
END_OF_LIST = (404, 410)  # a page past the last one

# progress(source name, what is happening): a line for the command line, a step for the page
Progress = Callable[[str, str], None]


class SourceFailed(Exception):
    """A source that adds nothing to this run; the message says why."""


@dataclass
class SyncReport:
    record: RunRecord
    dry_run: bool = False
    plan: ImportPlan | None = field(default=None, repr=False)

    @property
    def failed(self) -> list[SourceRun]:
        return [s for s in self.record.sources if s.status != "ok"]

    @property
    def n_new(self) -> int:
        return sum(s.new for s in self.record.sources)

    def lines(self) -> list[str]:
        lines = []
        for s in self.record.sources:
            if s.status != "ok":
                lines.append(
                    f"{s.name}: FAILED: {s.error}. Nothing was imported from it; the store is "
                    "as it was for this source."
                )
                continue
            fetched = f"{s.pages} page{'s' if s.pages != 1 else ''}"
            if s.reused:
                fetched += f" ({s.reused} unchanged)"
            lines.append(
                f"{s.name}: {fetched}, {s.found} appearances read: {s.new} new, "
                f"{s.duplicates} already known, {len(s.rejected)} rejected"
            )
            lines += [f"  rejected  {r}" for r in s.rejected]
            lines += [f"  note  {n}" for n in s.notes]
        r = self.record
        if self.dry_run:
            lines.append(f"dry run: {self.n_new} new, nothing written")
        else:
            written = f"import {r.import_run}" if r.import_run else "nothing new to import"
            what = f"reparse {r.run} of run {r.reparse_of}" if r.reparse_of else f"sync run {r.run}"
            lines.append(f"{what}: {written}; {r.requests} requests")
        return lines


def run_sync(
    org: Organisation,
    db: str | Path | None = None,
    only: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    transport: httpx.BaseTransport | None = None,
    today: dt.date | None = None,
) -> SyncReport:
    """Run the organisation's sources once (or the one named `only`)."""
    config = load_sources(org.folder)
    selected = _selected(config, only)
    file = db_path(db)
    kept = Kept(file)
    with kept.lock():
        fetcher = Fetcher(config.fetch, kept.cache, transport)
        ever_read = _ever_read(kept)
        record, folder = kept.new_run()
        record.origin = ORIGIN
        con = _read_only(file)
        try:
            ctx = Context.for_organisation(org, today)
            reading = _Reading(ctx, con, stored_names(con), org)
            results: list[tuple[SourceRun, list[Article], list[Reject]]] = []
            for source in selected:
                run = SourceRun(source.name, source.kind, source.first_url)
                collected: _Collected = _Collected()
                try:
                    if isinstance(source, Listing):
                        _read_listing(
                            source,
                            fetcher,
                            reading,
                            run,
                            collected,
                            first_run=source.name not in ever_read,
                            had_items=ever_read.get(source.name, 0),
                            max_pages=config.fetch.max_pages,
                            keep=lambda page, name, entry=None, run=run: _keep(
                                kept, folder, run, page, name, entry
                            ),
                            progress=progress,
                        )
                    else:
                        _read_feed(
                            source,
                            fetcher,
                            reading,
                            run,
                            collected,
                            lambda page, name, run=run: _keep(kept, folder, run, page, name),
                        )
                except (SourceFailed, FetchError) as exc:
                    run.status, run.error = "failed", str(exc)
                    collected = _Collected()
                    if progress:
                        progress(source.name, f"failed: {exc}")
                results.append((run, collected.articles, collected.rejects))
            report = _write(org, file, con, ctx, record, results, dry_run, ORIGIN)
        finally:
            if con is not None:
                con.close()
            fetcher.close()
        record.requests = fetcher.requests
        record.finished = dt.datetime.now().isoformat(timespec="seconds")
        if dry_run:
            _discard(folder)
        else:
            kept.save(folder, record)
        return report


def reparse(
    org: Organisation, run_number: int, db: str | Path | None = None, dry_run: bool = False,
    today: dt.date | None = None,
) -> SyncReport:  # fmt: skip
    """Read the pages kept by run `run_number` again, with today's parsers; no request is made.
    What they now give that the store lacks is written as a new import (origin 'sync-reparse')."""
    file = db_path(db)
    kept = Kept(file)
    with kept.lock():
        earlier = kept.record(run_number)
        if earlier is None:
            known = ", ".join(map(str, kept.run_ids())) or "none"
            raise SourcesError(f"There is no kept run {run_number} (kept runs: {known}).")
        record, folder = kept.new_run()
        record.origin, record.reparse_of = REPARSE_ORIGIN, run_number
        con = _read_only(file)
        try:
            ctx = Context.for_organisation(org, today)
            reading = _Reading(ctx, con, stored_names(con), org)
            listings = {s.name: s for s in load_sources(org.folder).sources}
            results = []
            for before in earlier.sources:
                run = SourceRun(before.name, before.kind, before.url)
                collected = _Collected()
                if before.status != "ok":
                    run.status, run.error = "failed", f"run {run_number} failed: {before.error}"
                    results.append((run, [], []))
                    continue
                listing = listings.get(before.name)
                items = {
                    f.entry_url: (f, kept.read_kept(run_number, f))
                    for f in before.files
                    if f.entry_url
                }
                run.files = list(before.files)
                run.pages = len(before.files)
                for f in before.files:
                    if f.entry_url:
                        continue
                    body = kept.read_kept(run_number, f)
                    if before.kind == "feed":
                        _read_feed_file(f.name, body, reading, collected)
                        continue
                    articles, rejects = reading.page(f.name, body, f.final_url, listing)
                    for article in articles:
                        if article.url in items and _lacks_details(article):
                            item, item_body = items[article.url]
                            _fill_in(article, reading.item(item.name, item_body, item.final_url))
                    if before.since:
                        run.since = before.since
                        articles = _since(articles, dt.date.fromisoformat(before.since))
                    collected.add(articles, rejects)
                results.append((run, collected.articles, collected.rejects))
            report = _write(org, file, con, ctx, record, results, dry_run, REPARSE_ORIGIN)
        finally:
            if con is not None:
                con.close()
        record.finished = dt.datetime.now().isoformat(timespec="seconds")
        if dry_run:
            _discard(folder)
        else:
            kept.save(folder, record)
        return report


# ----- reading pages as the import does


@dataclass
class _Collected:
    articles: list[Article] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)

    def add(self, articles: list[Article], rejects: list[Reject]) -> None:
        self.articles += articles
        self.rejects += rejects


@dataclass
class _Reading:
    ctx: Context
    con: object
    names: StoreNames
    org: Organisation

    def page(
        self, name: str, body: bytes, base: str, source: Source | None
    ) -> tuple[list[Article], list[Reject]]:
        """The appearances of one list page, links made absolute, the list's language where an
        entry's own cannot be told; 'nothing found' is for the caller to judge."""
        articles, rejects = extract([(name, absolute_links(body, base))], self.ctx)
        rejects = [r for r in rejects if r.reason != NO_ITEM]
        language = getattr(source, "language", None)
        for article in articles:
            article.language = article.language or language
        return articles, rejects

    def item(self, name: str, body: bytes, base: str) -> Article | None:
        articles, _ = extract([(name, absolute_links(body, base))], self.ctx)
        return articles[0] if len(articles) == 1 else None

    def known(self, articles: list[Article]) -> list[bool]:
        """Whether each appearance is one the store already holds (the import's dedupe rule)."""
        resolved = [resolve(a, self.ctx, self.names) for a in articles]
        found = stored_matches(self.con, resolved)  # type: ignore[arg-type]
        plan(self.org, [], resolved, [], self.names, found)
        return [p.duplicate_of == IN_STORE for p in resolved]


LINK = re.compile(rb"""(<a\b[^>]*?\shref\s*=\s*)(["'])(.*?)\2""", re.I | re.S)


def absolute_links(body: bytes, base: str) -> bytes:
    """The page with every link's address made absolute against the page's own (a list's
    entries link to `/fr/...`; an appearance's link must be a whole web address)."""

    def absolute(match: re.Match[bytes]) -> bytes:
        href = match.group(3).decode("utf-8", "surrogateescape").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            return match.group(0)
        whole = urljoin(base, href).encode("utf-8", "surrogateescape")
        return match.group(1) + match.group(2) + whole + match.group(2)

    return LINK.sub(absolute, body)


def _since(articles: list[Article], since: dt.date) -> list[Article]:
    """A first run's appearances: none dated before the listing's `since`."""
    return [a for a in articles if a.date is None or a.date >= since]


def _lacks_details(article: Article) -> bool:
    return article.outlet is None or article.date is None


def _fill_in(entry: Article, item: Article | None) -> None:
    """What the item page says that the list entry left out; the entry keeps its own link and
    title, so it is the same appearance whether or not its page was read."""
    if item is None:
        return
    entry.outlet = entry.outlet or item.outlet
    entry.date = entry.date or item.date
    entry.title = entry.title or item.title
    entry.experts = entry.experts or item.experts
    entry.tags = entry.tags or item.tags
    entry.summary = entry.summary or item.summary
    entry.logo = entry.logo or item.logo


def _read_listing(
    listing: Listing,
    fetcher: Fetcher,
    reading: _Reading,
    run: SourceRun,
    collected: _Collected,
    first_run: bool,
    had_items: int,
    max_pages: int,
    keep: Callable[..., KeptFile],
    progress: Progress | None,
) -> None:
    seen: set[str] = set()  # entries read earlier in this run: a list repeating its last page
    for number in range(listing.first_page, listing.first_page + max_pages):
        url = listing.page_url(number)
        first = number == listing.first_page
        try:
            page = fetcher.get(url, HTML_TYPES)
        except FetchError as exc:
            if not first and exc.status in END_OF_LIST:
                break
            raise
        name = f"{listing.name} page {number}.html"
        kept = keep(page, name)
        run.pages += 1
        run.reused += page.reused
        articles, rejects = reading.page(name, page.body, kept.final_url, listing)
        if not articles:
            if not first:
                break  # past the last page
            if had_items:
                raise SourceFailed(
                    f"the first page of the list ({url}) shows no appearance the parsers can "
                    f"read, although earlier runs read {had_items} there: the site's layout may "
                    "have changed"
                )
            raise SourceFailed(
                f"no appearance could be read on the first page of the list ({url}): is the "
                "address right, and is it the list itself?"
            )
        identities = [f"{a.url}|{a.title}|{a.date}" for a in articles]
        if all(i in seen for i in identities):
            break  # the site serves its last page again past the end
        seen.update(identities)
        known = reading.known(articles)
        fresh = [a for a, k in zip(articles, known, strict=True) if not k]
        for entry in fresh:
            if _lacks_details(entry) and listing.follows(entry.url):
                item = fetcher.get(entry.url, HTML_TYPES)
                slug = urlsplit(entry.url).path.rstrip("/").rsplit("/", 1)[-1][:60] or "item"
                item_file = keep(item, f"{listing.name} item {slug}.html", entry.url)
                run.pages += 1
                run.reused += item.reused
                _fill_in(entry, reading.item(item_file.name, item.body, item_file.final_url))
        dated = [a.date for a in articles if a.date]
        if first_run and listing.since:
            run.since = listing.since.isoformat()
            articles = _since(articles, listing.since)
        collected.add(articles, rejects)
        if progress:
            status = "unchanged" if page.reused else "read"
            progress(
                listing.name,
                f"page {number} {status}: {len(identities)} appearances, {len(fresh)} new",
            )
        if first_run:
            if listing.since and dated and max(dated) < listing.since:
                break  # back to the configured date
        elif not fresh:
            break  # all known: the rest was read by earlier runs
    else:
        run.notes.append(f"stopped after {max_pages} pages (max_pages in sources.toml)")


def _read_feed(
    feed: Feed,
    fetcher: Fetcher,
    reading: _Reading,
    run: SourceRun,
    collected: _Collected,
    keep: Callable[..., KeptFile],
) -> None:
    page = fetcher.get(feed.url, FEED_TYPES)
    media_type = page.content_type.split(";")[0].strip().lower()
    suffix = ".atom" if "atom" in media_type else ".rss" if "rss" in media_type else ".xml"
    kept = keep(page, f"{feed.name}{suffix}")
    run.pages += 1
    run.reused += page.reused
    _read_feed_file(kept.name, page.body, reading, collected)


def _read_feed_file(name: str, body: bytes, reading: _Reading, collected: _Collected) -> None:
    articles, rejects = extract([(name, body)], reading.ctx)
    collected.add(articles, rejects)


# ----- the run's one write


def _write(
    org: Organisation,
    file: Path,
    con: object,
    ctx: Context,
    record: RunRecord,
    results: list[tuple[SourceRun, list[Article], list[Reject]]],
    dry_run: bool,
    origin: str,
) -> SyncReport:
    articles = [a for _, found, _ in results for a in found]
    rejects = [r for _, _, refused in results for r in refused]
    urls = [f.url for run, _, _ in results if run.status == "ok" for f in run.files]
    import_plan = plan_articles(articles, rejects, urls, con, org, ctx)  # type: ignore[arg-type]
    by_file = {f.name: run for run, _, _ in results for f in run.files}
    for run, found, refused in results:
        run.found = len(found)
        run.rejected = [str(r) for r in refused]
    for planned in import_plan.new:
        by_file[planned.article.source].new += 1
    for planned in import_plan.duplicates:
        by_file[planned.article.source].duplicates += 1
    record.sources = [run for run, _, _ in results]
    if not dry_run and (import_plan.new or import_plan.headlines):
        summary = apply_import(import_plan, file, origin=origin)
        record.import_run = summary.run_id or None
    return SyncReport(record, dry_run, import_plan)


def _keep(
    kept: Kept, folder: Path, run: SourceRun, page: Page, name: str, entry_url: str | None = None
) -> KeptFile:
    file = KeptFile(
        name=name,
        url=page.url,
        final_url=page.final_url,
        content_type=page.content_type,
        status=page.status,
        file=kept.keep(folder, page.body),
        entry_url=entry_url,
    )
    run.files.append(file)
    return file


def _discard(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()


def _selected(config: Sources, only: str | None) -> tuple[Source, ...]:
    if only:
        return (config.named(only),)
    if not config.sources:
        where = config.file or "the organisation folder's sources.toml"
        raise SourcesError(f"No source is configured ({where}).")
    return config.sources


def _ever_read(kept: Kept) -> dict[str, int]:
    """Sources some earlier run read without a fault, and the appearances it read."""
    found: dict[str, int] = {}
    for record in kept.records():
        if record.origin != ORIGIN:
            continue
        for source in record.sources:
            if source.status == "ok":
                found[source.name] = max(found.get(source.name, 0), source.found)
    return found


def _read_only(file: Path):
    if not file.exists():
        return None
    try:
        return open_read_only(file)
    except StoreError:
        return None  # an older schema: the write migrates it; nothing to compare against
