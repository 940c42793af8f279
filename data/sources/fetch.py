"""Polite HTTP: what a run asks of a site, and how it asks.

Every request names the product and the organisation's contact in its User-Agent, is allowed by
the host's robots.txt (read once per run, its Crawl-delay honoured), waits its turn (one request
per configured interval per host), carries the validators of the copy kept from the last run
(If-None-Match, If-Modified-Since: a 304 reuses that copy), and is bounded: a timeout, a size cap
(data/limits.py FILE_MB), at most MAX_REDIRECTS hops, a few retries with growing waits on 429
and 5xx answers (Retry-After honoured) and on a site that does not answer.

Whatever goes wrong is a FetchError whose message says what happened in a reader's words.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import json
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from data.limits import FILE_MB
from data.sources.config import FetchSettings

PRODUCT = "Presswatch"
VERSION = "0.1.0"
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/atom+xml",
    "application/rss+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)


def user_agent(contact: str) -> str:
    return f"{PRODUCT}/{VERSION} (media-coverage dashboard; contact: {contact})"


class FetchError(Exception):
    """A page that could not be had; the message says what happened, for the person reading it."""

    def __init__(self, message: str, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


@dataclass(frozen=True)
class Page:
    """One page as a run got it."""

    url: str  # the address asked for
    final_url: str  # after redirects
    body: bytes
    content_type: str
    status: int  # 200, or 304 when the kept copy was reused

    @property
    def reused(self) -> bool:
        return self.status == HTTPStatus.NOT_MODIFIED


class HttpCache:
    """The last copy of each page and its validators, kept beside the store (gzip + JSON)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(url.encode()).hexdigest()
        return self.folder / f"{digest}.json", self.folder / f"{digest}.gz"

    def get(self, url: str) -> tuple[dict, bytes] | None:
        meta, body = self._paths(url)
        try:
            return json.loads(meta.read_text()), gzip.decompress(body.read_bytes())
        except (OSError, ValueError, EOFError):
            return None  # no copy, or a damaged one: asked for in full

    def put(self, url: str, response: httpx.Response, body: bytes) -> None:
        meta, data = self._paths(url)
        validators = {
            "url": url,
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
            "content_type": response.headers.get("content-type", ""),
        }
        if not (validators["etag"] or validators["last_modified"]):
            return  # nothing to ask with next time
        self.folder.mkdir(parents=True, exist_ok=True)
        for path, content in ((data, gzip.compress(body)), (meta, json.dumps(validators).encode())):
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(content)
            tmp.replace(path)


@dataclass
class _Host:
    robots: urllib.robotparser.RobotFileParser | None = None
    last_request: float | None = None
    crawl_delay: float = 0.0


@dataclass
class Fetcher:
    """One run's requests: robots.txt, pacing per host, the kept copies. Not thread-safe."""

    settings: FetchSettings
    cache: HttpCache
    transport: httpx.BaseTransport | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    hosts: dict[str, _Host] = field(default_factory=dict)
    requests: int = 0  # made in this run, robots.txt included

    def __post_init__(self) -> None:
        if not self.settings.contact:
            raise ValueError(
                'sources.toml has no contact address: write contact = "you@your-organisation" '
                "under [fetch]; it is sent to the sites in the User-Agent."
            )
        self.agent = user_agent(self.settings.contact)
        self.client = httpx.Client(
            headers={"User-Agent": self.agent},
            timeout=httpx.Timeout(self.settings.timeout_seconds),
            follow_redirects=False,  # each hop is paced and checked against robots.txt
            transport=self.transport,
        )

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, accept: tuple[str, ...] = HTML_TYPES) -> Page:
        """The page at `url` (a kept copy when the site says it has not changed)."""
        seen = [url]
        current = url
        while True:
            self._check_robots(current)
            response, body = self._request(current, conditional=True)
            if response.status_code not in REDIRECTS:
                break
            location = response.headers.get("location")
            if not location:
                raise FetchError(
                    f"{_host(current)} answered {response.status_code} without saying where to go",
                    url,
                    response.status_code,
                )
            current = urljoin(current, location)
            if current in seen or len(seen) > MAX_REDIRECTS:
                hops = " -> ".join([*seen, current])
                what = "redirect loop" if current in seen else "too many redirects"
                raise FetchError(f"{what}: {hops}", url, response.status_code)
            seen.append(current)
        status = response.status_code
        if status == HTTPStatus.NOT_MODIFIED:
            kept = self.cache.get(current)
            if kept is None:  # the copy went missing since the question was asked: ask again
                response, body = self._request(current, conditional=False)
                status = response.status_code
            else:
                meta, body = kept
                return self._checked(Page(url, current, body, meta["content_type"], 304), accept)
        if status != HTTPStatus.OK:
            raise FetchError(_status_text(current, status), url, status)
        self.cache.put(current, response, body)
        page = Page(url, current, body, response.headers.get("content-type", ""), 200)
        return self._checked(page, accept)

    # ----- robots.txt

    def _check_robots(self, url: str) -> None:
        host = self._host(url)
        if host.robots is None:
            host.robots = self._read_robots(url)
            delay = host.robots.crawl_delay(PRODUCT)
            host.crawl_delay = float(delay) if delay else 0.0
        if not host.robots.can_fetch(self.agent, url):
            raise FetchError(
                f"robots.txt of {_host(url)} forbids {urlsplit(url).path or '/'} to {PRODUCT}",
                url,
            )

    def _read_robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        response, body = self._request(robots_url, conditional=False)
        status = response.status_code
        if status in (401, 403):
            parser.disallow_all = True  # the robotparser's own rule for a closed robots.txt
        elif status >= 400 or status in REDIRECTS:
            parser.allow_all = True  # no robots.txt: nothing is forbidden
        else:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser

    # ----- one request, paced and retried

    def _host(self, url: str) -> _Host:
        return self.hosts.setdefault(_host(url), _Host())

    def _wait_turn(self, url: str) -> None:
        host = self._host(url)
        interval = max(self.settings.interval(_host(url)), host.crawl_delay)
        if host.last_request is not None:
            wait = host.last_request + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        host.last_request = self.clock()

    def _request(self, url: str, conditional: bool) -> tuple[httpx.Response, bytes]:
        headers = {}
        if conditional:
            kept = self.cache.get(url)
            if kept is not None:
                meta, _ = kept
                if meta.get("etag"):
                    headers["If-None-Match"] = meta["etag"]
                if meta.get("last_modified"):
                    headers["If-Modified-Since"] = meta["last_modified"]
        tries = self.settings.retries + 1
        wait = self.settings.backoff_seconds
        for attempt in range(1, tries + 1):
            self._wait_turn(url)
            self.requests += 1
            try:
                response, body = self._send(url, headers)
            except FetchError as exc:
                self._host(url).last_request = self.clock()
                if attempt == tries:
                    raise FetchError(f"{exc} ({_tries(tries)})", url) from None
            else:
                # the interval runs from the end of an answer: a slow site is asked less often
                self._host(url).last_request = self.clock()
                if response.status_code != 429 and response.status_code < 500:
                    return response, body
                if attempt == tries:
                    raise FetchError(
                        f"{_status_text(url, response.status_code)} ({_tries(tries)})",
                        url,
                        response.status_code,
                    )
                asked = _retry_after(response.headers.get("retry-after"))
                if asked is not None and asked > self.settings.max_wait_seconds:
                    raise FetchError(
                        f"{_host(url)} asked to wait {asked:.0f} s before trying again "
                        f"({response.status_code}); the next run will try",
                        url,
                        response.status_code,
                    )
                wait = max(wait, asked or 0)
            self.sleep(min(wait, self.settings.max_wait_seconds))
            wait *= 2
        raise AssertionError("unreachable")

    def _send(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        cap = FILE_MB.value
        deadline = self.clock() + 2 * self.settings.timeout_seconds
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        raise FetchError(
                            f"the answer from {_host(url)} is larger than {FILE_MB.text()} "
                            f"(the limit, {FILE_MB.variable})",
                            url,
                        )
                    if self.clock() > deadline:
                        raise FetchError(
                            f"{_host(url)} took more than "
                            f"{2 * self.settings.timeout_seconds:g} s to send the page",
                            url,
                        )
                    chunks.append(chunk)
                return response, b"".join(chunks)
        except httpx.TimeoutException:
            raise FetchError(
                f"no answer from {_host(url)} within {self.settings.timeout_seconds:g} s", url
            ) from None
        except httpx.ConnectError:
            raise FetchError(
                f"could not connect to {_host(url)}: the site is down or unreachable", url
            ) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"the answer from {_host(url)} broke off ({exc})", url) from None

    def _checked(self, page: Page, accept: tuple[str, ...]) -> Page:
        media_type = page.content_type.split(";")[0].strip().lower()
        if media_type not in accept:
            what = "an HTML page" if accept == HTML_TYPES else "a feed"
            raise FetchError(
                f"{page.final_url} is not {what} (Content-Type: {media_type or 'none'})",
                page.url,
            )
        return page


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _tries(n: int) -> str:
    return f"{n} tries" if n > 1 else "1 try"


def _status_text(url: str, status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    if status == 429:
        return f"{_host(url)} asked to slow down (429 {phrase})"
    if status >= 500:
        return f"{_host(url)} failed to answer ({status} {phrase})"
    return f"{url} answered {status} {phrase}"


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After asks for: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
