"""Links as sources give them: redirect wrappers undone, the site a link is on, an alert title's
" - Outlet" suffix (pure, no network).

Alerts, mail clients and social networks send a reader through their own address first:

    https://www.google.com/url?rct=j&sa=t&url=https://www.lemonde.fr/a.html&ct=ga&usg=...
    https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.lemonde.fr%2Fa.html&h=AT...
    https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.lemonde.fr%2Fa.html&data=...

`unwrap` gives the page behind (https://www.lemonde.fr/a.html), so the stored link goes straight
to it and two copies of one story share a dedupe key. A wrapper whose target cannot be read from
the link itself (t.co, lnkd.in, Google News' newer ids) is kept as it is.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from data.organisation import alias_key

if TYPE_CHECKING:
    from data.resolve import OutletIndex

_WEB = re.compile(r"^https?://[^/\s]+", re.I)


def _query(*names: str) -> Callable[[str, str], str | None]:
    """The target is the first of these query parameters."""

    def target(path: str, query: str) -> str | None:
        params = parse_qs(query)
        return next((params[n][0] for n in names if params.get(n)), None)

    return target


def _bing(path: str, query: str) -> str | None:
    """bing.com/ck/a?...&u=a1<the target in URL-safe base64>"""
    code = (parse_qs(query).get("u") or [""])[0]
    if not code.startswith("a1"):
        return None
    try:
        return base64.urlsafe_b64decode(code[2:] + "=" * (-len(code[2:]) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None


def _google_amp(path: str, query: str) -> str | None:
    """google.com/amp/s/www.site.com/page: 's/' stands for https."""
    rest = path.removeprefix("/amp/")
    return "https://" + rest[2:] if rest.startswith("s/") else "http://" + rest


def _yahoo(path: str, query: str) -> str | None:
    """r.search.yahoo.com/_ylt=.../RU=<the target, percent-encoded>/RK=..."""
    found = re.search(r"/RU=([^/]+)/", path)
    return unquote(found.group(1)) if found else None


def _google_news(path: str, query: str) -> str | None:
    """news.google.com/rss/articles/<id>: older ids carry the target, length-prefixed."""
    code = path.rstrip("/").rsplit("/", 1)[-1]
    try:
        raw = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
    except (binascii.Error, ValueError):
        return None
    at = raw.find(b"http")
    if at < 1 or raw[at - 1] >= 0x80:  # a one-byte length before the address, or not readable
        return None
    try:
        return raw[at : at + raw[at - 1]].decode("ascii")
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class Wrapper:
    host: re.Pattern  # the wrapper's host, matched whole
    path: re.Pattern  # its path, matched from the start
    target: Callable[[str, str], str | None]  # (path, query) -> the address wrapped


WRAPPERS = (
    Wrapper(re.compile(r"(www\.)?google(\.com?)?\.[a-z]{2,3}"), re.compile(r"/url$"),
            _query("url", "q")),
    Wrapper(re.compile(r"(www\.)?google(\.com?)?\.[a-z]{2,3}"), re.compile(r"/amp/."), _google_amp),
    Wrapper(re.compile(r"news\.google\.com"), re.compile(r"(/rss)?/articles/."), _google_news),
    Wrapper(re.compile(r"(www\.)?bing\.com"), re.compile(r"/ck/a"), _bing),
    Wrapper(re.compile(r"(l|lm|www|m)\.facebook\.com"), re.compile(r"/l\.php"), _query("u")),
    Wrapper(re.compile(r"[\w-]+\.safelinks\.protection\.outlook\.com"), re.compile(r"/?"),
            _query("url")),
    Wrapper(re.compile(r"(www\.)?linkedin\.com"), re.compile(r"/(redir/redirect|safety/go)"),
            _query("url")),
    Wrapper(re.compile(r"(www\.)?duckduckgo\.com"), re.compile(r"/l/"), _query("uddg")),
    Wrapper(re.compile(r"r\.search\.yahoo\.com"), re.compile(r"/"), _yahoo),
)  # fmt: skip


def unwrap(url: str) -> str:
    """The page a redirect link leads to, as far as the link itself says; else the link as is.

    'https://www.google.com/url?q=https://www.lemonde.fr/a.html&sa=D' -> 'https://www.lemonde.fr/a.html'
    """
    for _ in range(4):  # a wrapped wrapper (a safelink around a Google link), never a loop
        inner = _unwrap_once(url)
        if inner is None:
            return url
        url = inner
    return url


# the start of a link on a wrapper's host: most links are on none, and are kept unparsed
_MAYBE_WRAPPED = re.compile(
    r"\s*https?://[^/?#]*(google|bing\.com|facebook\.com|outlook\.com|linkedin\.com"
    r"|duckduckgo\.com|yahoo\.com)",
    re.I,
)


def _unwrap_once(url: str) -> str | None:
    if not _MAYBE_WRAPPED.match(url):
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    for wrapper in WRAPPERS:
        if wrapper.host.fullmatch(host) and wrapper.path.match(parts.path):
            target = wrapper.target(parts.path, parts.query)
            if target and _WEB.match(target.strip()):
                return target.strip()
    return None


# ---------- the site a link is on

_LEADING_LABELS = re.compile(r"^(?:(?:www\d*|m|mobile|amp)\.)+")


def domain(url: str | None) -> str | None:
    """The site of a link or a bare host, without `www.`, `m.` or `amp.`; None when there is none.

    'https://m.lemonde.fr/a.html' -> 'lemonde.fr'; 'www.France24.com' -> 'france24.com'
    """
    if not url or not url.strip():
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = (urlsplit(text).hostname or "").rstrip(".")
    except ValueError:  # a malformed port or bracket
        return None
    host = _LEADING_LABELS.sub("", host)
    return host if "." in host else None


def on_site(host: str | None, site: str) -> bool:
    """The host is the site or one of its subdomains ('edition.cnn.com' is on 'cnn.com')."""
    return bool(host) and (host == site or host.endswith("." + site))


# Sites that carry other outlets' pieces: search and news aggregators, archives, social networks,
# shorteners, video and podcast platforms. A link there never says which outlet the piece is from.
CARRIERS = (
    "news.google.com", "msn.com", "yahoo.com", "yahoo.co.jp", "aol.com", "bing.com",
    "archive.org", "archive.ph", "archive.today", "archive.is", "flipboard.com",
    "pressreader.com", "newsnow.co.uk", "ground.news", "feedly.com", "inoreader.com",
    "apple.news", "newsbreak.com", "smartnews.com", "getpocket.com", "muckrack.com",
    "facebook.com", "twitter.com", "x.com", "t.co", "linkedin.com", "lnkd.in", "instagram.com",
    "tiktok.com", "threads.net", "bsky.app", "reddit.com", "youtube.com", "youtu.be",
    "dailymotion.com", "vimeo.com", "podcasts.apple.com", "spotify.com", "deezer.com",
    "soundcloud.com", "bit.ly", "ow.ly", "buff.ly", "tinyurl.com",
    "safelinks.protection.outlook.com",
)  # fmt: skip
_CARRIER_SITES = frozenset(CARRIERS)
_GOOGLE = re.compile(r"(^|\.)google(\.com?)?\.[a-z]{2,3}$")


def parent_sites(host: str) -> list[str]:
    """The host and each site it is on: 'edition.cnn.com' -> ['edition.cnn.com', 'cnn.com']."""
    labels = host.split(".")
    return [".".join(labels[start:]) for start in range(len(labels) - 1)]


def is_carrier(host: str | None) -> bool:
    """A link on this host is a copy or a pointer, not the outlet's own page."""
    if not host:
        return False
    return bool(_GOOGLE.search(host)) or not _CARRIER_SITES.isdisjoint(parent_sites(host))


# ---------- an alert's " - Outlet" suffix

_SUFFIX = re.compile(r"^(?P<title>.*\S)\s+[-|–—]\s+(?P<outlet>(?:(?!\s[-|–—]\s).){2,80})$")
_TLD = re.compile(r"\.(?:com?|org|net|info|news|[a-z]{2})(?:\.[a-z]{2})?$")
# what a site's name may add to its domain's: 'BBC News' for bbc.co.uk, 'CNN International'
_GENERIC = ("news", "online", "info", "international", "english", "live", "tv", "radio", "fr")


def _names_site(suffix: str, host: str) -> bool:
    """The suffix is the site's name: 'Le Monde' or 'LeMonde.fr' for lemonde.fr, 'BBC News' for
    bbc.co.uk, 'Sky News' for news.sky.com."""
    written = alias_key(suffix).replace(" ", "")
    site = _TLD.sub("", host).rsplit(".", 1)[-1].replace("-", "")  # the name part of the host
    if len(site) < 2:
        return False
    return written in (site, alias_key(host).replace(" ", "")) or any(
        written == site + word for word in _GENERIC
    )


def split_outlet_suffix(
    title: str | None,
    outlet: str | None = None,
    url: str | None = None,
    outlets: OutletIndex | None = None,
) -> tuple[str | None, str | None]:
    """(the title without its ' - Outlet' ending, that ending) when the ending names the record's
    outlet or the link's site; else (title, None).

    `outlet`: the outlet the record names apart from the title (a digest's source column);
    `outlets`: an OutletIndex (data/resolve.py), so an alias or the outlet's domain counts too.

        split_outlet_suffix("Sahel : le retrait - Le Monde", url="https://www.lemonde.fr/a")
        -> ("Sahel : le retrait", "Le Monde")
    """
    found = _SUFFIX.match(title or "")
    if not found:
        return title, None
    suffix = found.group("outlet").strip()
    host = domain(unwrap(url)) if url else None
    if _same_outlet(suffix, outlet, host, outlets):
        return found.group("title"), suffix
    return title, None


def _same_outlet(
    suffix: str, outlet: str | None, host: str | None, outlets: OutletIndex | None
) -> bool:
    if outlet and alias_key(suffix) == alias_key(outlet):
        return True
    if host and not is_carrier(host) and _names_site(suffix, host):
        return True
    if outlets is None:
        return False
    known = outlets.resolve(suffix)
    if known is None:
        return False
    if outlet and outlets.resolve(outlet) == known:
        return True
    return bool(host) and any(on_site(host, site) for site in known.domains)
