"""The sources an organisation follows, as configuration: `sources.toml` in its folder.

    [fetch]
    contact = "press@example.org"   # required to fetch: named in the User-Agent of every request
    interval_seconds = 5            # at least this long between two requests to one host
    timeout_seconds = 30            # connecting, and between two pieces of an answer
    retries = 3                     # more tries on 429 and 5xx answers, waiting longer each time
    max_pages = 1000                # pages of one listing read in one run at most

    [hosts."www.example.org"]       # optional: one host read more slowly than the rest
    interval_seconds = 10

    [[listing]]                     # a paged list of appearances on the organisation's site
    name = "site-en"
    url = "https://www.example.org/en/in-the-media?page={page}"
    language = "en"
    since = 2024-01-01              # how far back the first run goes
    first_page = 0                  # the number of the list's first page
    item_pages = ['^https://www\\.example\\.org/en/media/']   # entries to follow for details

    [[feed]]                        # an RSS or Atom feed, e.g. one Google Alerts feed per expert
    name = "alerts-jane-doe"
    url = "https://www.google.com/alerts/feeds/..."

Any problem is one SourcesError naming the file, the entry and what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

FILE_NAME = "sources.toml"
PAGE_FIELD = "{page}"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")  # names a kept file and a command-line choice


class SourcesError(ValueError):
    """A sources.toml that cannot be used; the message names the file, the entry and why."""


@dataclass(frozen=True)
class Listing:
    name: str
    url: str  # with {page} where the page number goes
    language: str | None
    since: dt.date | None  # the first run reads back to this date; None: the whole list
    first_page: int = 0
    item_pages: tuple[re.Pattern[str], ...] = ()

    kind = "listing"

    def page_url(self, page: int) -> str:
        return self.url.replace(PAGE_FIELD, str(page))

    @property
    def first_url(self) -> str:
        return self.page_url(self.first_page)

    def follows(self, url: str | None) -> bool:
        """Whether an entry linking to `url` may be followed to its item page."""
        return bool(url) and any(p.search(url) for p in self.item_pages)


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    language: str | None = None

    kind = "feed"

    @property
    def first_url(self) -> str:
        return self.url


Source = Listing | Feed


@dataclass(frozen=True)
class FetchSettings:
    contact: str | None = None
    interval_seconds: float = 5.0
    timeout_seconds: float = 30.0
    retries: int = 3
    max_pages: int = 1000
    # longest wait a Retry-After (or the backoff) may ask for before the source is given up
    max_wait_seconds: float = 120.0
    backoff_seconds: float = 2.0  # first wait before a retry; doubled each time
    host_intervals: dict[str, float] = field(default_factory=dict)

    def interval(self, host: str) -> float:
        return self.host_intervals.get(host.lower(), self.interval_seconds)


@dataclass(frozen=True)
class Sources:
    fetch: FetchSettings
    sources: tuple[Source, ...]
    file: Path | None = None

    def named(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        names = ", ".join(s.name for s in self.sources) or "none"
        raise SourcesError(f"{self.file}: no source named {name!r} (configured: {names}).")


NO_SOURCES = Sources(FetchSettings(), ())


def load_sources(folder: str | Path) -> Sources:
    """The sources configured in the organisation folder; none when it has no sources.toml."""
    path = Path(folder) / FILE_NAME
    if not path.exists():
        return Sources(FetchSettings(), (), None)
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path} is not valid TOML: {exc}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path} cannot be read: {exc}.") from None
    unknown = set(config) - {"fetch", "hosts", "listing", "feed"}
    if unknown:
        raise SourcesError(
            f"{path}: unknown section {', '.join(sorted(unknown))} "
            "(sections: [fetch], [hosts.NAME], [[listing]], [[feed]])."
        )
    settings = _fetch_settings(path, config.get("fetch", {}), config.get("hosts", {}))
    sources: list[Source] = []
    for number, entry in enumerate(_tables(path, config, "listing"), start=1):
        sources.append(_listing(path, number, entry))
    for number, entry in enumerate(_tables(path, config, "feed"), start=1):
        sources.append(_feed(path, number, entry))
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise SourcesError(f"{path}: two sources are named {source.name!r}; names are unique.")
        seen.add(source.name)
    return Sources(settings, tuple(sources), path)


def _tables(path: Path, config: dict, key: str) -> list[dict]:
    entries = config.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourcesError(f"{path}: write each {key} as a [[{key}]] table.")
    return entries


def _number(path: Path, where: str, key: str, value: object, minimum: float = 0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise SourcesError(f"{path}: {where}{key} must be a number of at least {minimum}.")
    return float(value)


def _fetch_settings(path: Path, fetch: object, hosts: object) -> FetchSettings:
    if not isinstance(fetch, dict) or not isinstance(hosts, dict):
        raise SourcesError(f'{path}: [fetch] and [hosts."NAME"] must be tables.')
    defaults = FetchSettings()
    contact = fetch.get("contact")
    if contact is not None and (not isinstance(contact, str) or "@" not in contact):
        raise SourcesError(f'{path}: [fetch] contact must be an e-mail address, "name@domain".')
    if contact is not None and re.search(r"[\r\n()]", contact):
        raise SourcesError(f"{path}: [fetch] contact must be one plain address.")
    intervals = {}
    for host, table in hosts.items():
        if not isinstance(table, dict) or "interval_seconds" not in table:
            raise SourcesError(f'{path}: [hosts."{host}"] needs interval_seconds = N.')
        intervals[host.lower()] = _number(
            path, f'[hosts."{host}"] ', "interval_seconds", table["interval_seconds"]
        )
    known = {
        f for f in FetchSettings.__dataclass_fields__ if f not in {"contact", "host_intervals"}
    }
    unknown = set(fetch) - known - {"contact"}
    if unknown:
        raise SourcesError(
            f"{path}: [fetch] has no setting {', '.join(sorted(unknown))} "
            f"(settings: contact, {', '.join(sorted(known))})."
        )
    values = {
        key: _number(path, "[fetch] ", key, fetch[key], 1 if key == "max_pages" else 0)
        for key in known
        if key in fetch
    }
    for whole in ("retries", "max_pages"):
        if whole in values:
            if values[whole] != int(values[whole]):
                raise SourcesError(f"{path}: [fetch] {whole} must be a whole number.")
            values[whole] = int(values[whole])
    return FetchSettings(
        contact=contact.strip() if contact else defaults.contact,
        host_intervals=intervals,
        **values,
    )


def _common(path: Path, kind: str, number: int, entry: dict) -> tuple[str, str, str, str | None]:
    where = f"[[{kind}]] number {number}"
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise SourcesError(
            f"{path}: {where} needs a name of small letters, digits and hyphens, "
            'e.g. name = "site-en".'
        )
    where = f"[[{kind}]] {name!r}"
    url = entry.get("url")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{path}: {where} needs url = an http(s) address.")
    language = entry.get("language")
    if language is not None and (
        not isinstance(language, str) or not re.match(r"^[a-z]{2}$", language)
    ):
        raise SourcesError(f'{path}: {where} language is a two-letter code, e.g. "fr".')
    return where, name, url, language


def _listing(path: Path, number: int, entry: dict) -> Listing:
    where, name, url, language = _common(path, "listing", number, entry)
    unknown = set(entry) - {"name", "url", "language", "since", "first_page", "item_pages"}
    if unknown:
        raise SourcesError(f"{path}: {where} has no setting {', '.join(sorted(unknown))}.")
    if PAGE_FIELD not in url:
        raise SourcesError(
            f"{path}: {where} url must hold {PAGE_FIELD} where the page number goes, "
            "e.g. ...?page={page}."
        )
    since = entry.get("since")
    if since is not None and not (
        isinstance(since, dt.date) and not isinstance(since, dt.datetime)
    ):
        raise SourcesError(f"{path}: {where} since is a date written 2024-01-01 (no quotes).")
    first = entry.get("first_page", 0)
    if isinstance(first, bool) or not isinstance(first, int) or first < 0:
        raise SourcesError(f"{path}: {where} first_page is a whole number, 0 or more.")
    patterns = entry.get("item_pages", [])
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise SourcesError(f"{path}: {where} item_pages is a list of patterns.")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise SourcesError(f"{path}: {where} item_pages {pattern!r}: {exc}.") from None
    return Listing(name, url, language, since, first, tuple(compiled))


def _feed(path: Path, number: int, entry: dict) -> Feed:
    where, name, url, language = _common(path, "feed", number, entry)
    unknown = set(entry) - {"name", "url", "language"}
    if unknown:
        raise SourcesError(f"{path}: {where} has no setting {', '.join(sorted(unknown))}.")
    return Feed(name, url, language)
