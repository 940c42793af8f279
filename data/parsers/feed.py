"""RSS and Atom feeds (Google Alerts and others) as imports: a feed's bytes in, one Article per
entry out (pure, no network). Read with feedparser.

A Google Alerts feed entry, as Google writes it:

    <entry>
      <title type="html">L&#39;&lt;b&gt;Ifri&lt;/b&gt; alerte sur le Sahel - Le Monde</title>
      <link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://www.lemonde.fr/...&amp;ct=ga"/>
      <published>2025-07-02T21:49:00Z</published>
      <content type="html">... &lt;b&gt;Ifri&lt;/b&gt; ...</content>
    </entry>

gives the title without markup or the outlet's " - Le Monde" (data/links.py), the link unwrapped
(by validation), the calendar day the time stamp falls on in the organisation's time zone (UTC
when none is set), and the outlet from the link's site (data/resolve.py) or from the entry's
<source>. Entries are counted before parsing (ENTRIES), and a feed declaring its own XML entities
is refused unread: no real feed needs them, and they can swell a small file into gigabytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
import time

import feedparser

from data.limits import ELEMENTS, ENTRIES, Deadline
from data.links import domain, split_outlet_suffix
from data.model import Article
from data.parsers.common import Context, kind_of, people_in
from data.parsers.text import detect_language, html_to_text

FEED_SUFFIXES = (".xml", ".rss", ".atom")
SUMMARY_CHARS = 500
# Markup read of an entry's title and content: a title is a line, and the summary kept is short.
TITLE_MARKUP, CONTENT_MARKUP = 5_000, 50_000


class FeedError(ValueError):
    """A file that cannot be read as a feed; the message says why."""


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# What may come before the root element: spaces, the XML declaration and other processing
# instructions, comments, a document type (with its internal subset in brackets).
_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>)*", re.S)
_ROOT = re.compile(r"<(?:[\w.-]+:)?(rss|feed|RDF)[\s>/]")
_HEAD = 65_536  # a real feed's root element starts within its first kilobytes


def _head(data: bytes) -> str:
    """The start of the file as text, enough to read its prolog and root element."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) : _HEAD].decode(encoding, errors="replace")
    if data[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without a byte-order mark
        encoding = "utf-16-le" if data[:1] == b"<" else "utf-16-be"
        return data[:_HEAD].decode(encoding, errors="replace")
    return data[:_HEAD].decode("latin-1")  # markup is ASCII in every other encoding a feed uses


def _root(head: str) -> str | None:
    """The root element's name when it is an RSS or Atom one, else None."""
    root = _ROOT.match(head, _PROLOG.match(head).end())
    return root.group(1) if root else None


def _declares_entities(head: str) -> bool:
    """An entity declaration before the first element (in a document type's internal subset)."""
    first = re.search(r"<[A-Za-z]", head)
    return "<!ENTITY" in head[: first.start() if first else len(head)]


def looks_like_feed(data: bytes) -> bool:
    """XML whose root element is <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0)."""
    head = _head(data)
    return _root(head) is not None or _declares_entities(head)  # the latter, to refuse it


def parse_feed(data: bytes, source: str, ctx: Context) -> list[Article]:
    """One Article per entry, in the feed's order; FeedError for a file that is not a feed."""
    deadline = Deadline()
    head = _head(data)
    if _declares_entities(head):
        raise FeedError(
            "this feed declares its own XML entities (<!ENTITY ...>), which no real feed needs "
            "and which can expand a small file without bound; nothing in it was imported"
        )
    if _root(head) is None:
        raise FeedError("not an RSS or Atom feed (no <rss> or <feed> element at its start)")
    # counted before parsing: feedparser holds the whole feed, and spends some 30 µs an element
    elements = data.count(b"<") - data.count(b"</")  # start tags, in any encoding
    if elements > ELEMENTS.value:
        raise ELEMENTS.exceeded(f"more than {ELEMENTS.text()}")
    entries = len(re.findall(rb"<(?:\w+:)?(?:item|entry)[\s>/]", data))
    if entries > ENTRIES.value:
        raise ENTRIES.exceeded(f"more than {ENTRIES.text()}")
    # a stream, never bytes or text: feedparser would take a string for a path or an address;
    # not sanitised: the markup is only ever read as text (html_to_text), never shown
    feed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries and feed.get("bozo"):
        raise FeedError(f"this feed cannot be read: {feed.get('bozo_exception')}")
    language = _language(feed.feed.get("language"))
    articles = []
    for number, entry in enumerate(feed.entries, start=1):
        deadline.check(f"entry {number:,}: ")
        articles.append(_article(entry, source, ctx, language))
    return articles


def _article(entry, source: str, ctx: Context, feed_language: str | None) -> Article:
    link = entry.get("link") or None
    origin = entry.get("source") or {}  # RSS <source url="...">Name</source>, Atom <source>
    outlet = _plain(origin.get("title"), TITLE_MARKUP) or None
    title = _plain(entry.get("title"), TITLE_MARKUP)
    title, suffix = split_outlet_suffix(title, outlet, link, ctx.outlets)
    summary = _plain(_content(entry), CONTENT_MARKUP)[:SUMMARY_CHARS] or None
    text = " ".join(filter(None, [title, summary]))
    if not ctx.outlets.sites(None, link):  # the ending names the organisation's own site
        suffix = None
    return Article(
        title=title or None,
        outlet=outlet or suffix,
        date=_day(entry, ctx),
        experts=people_in(text, ctx),
        # the entry's own, else its words', else the feed's (a search feed mixes languages)
        language=_language(entry.get("title_detail", {}).get("language"))
        or detect_language(text)
        or feed_language,
        url=link,
        kind=kind_of(title, summary or "", ctx),
        summary=summary,
        outlet_domain=domain(origin.get("href")) if origin.get("href") else None,
        source=source,
        source_format="feed",
    )


def _plain(markup: str | None, most: int) -> str:
    """Text without tags or entities, on one line, from the first `most` characters of markup:
    'L&#39;<b>Ifri</b>' -> "L'Ifri"."""
    if not markup:
        return ""
    text, _ = html_to_text(markup[:most])
    return " ".join(text.split())


def _content(entry) -> str:
    for part in entry.get("content") or ():
        if part.get("value"):
            return part["value"]
    return entry.get("summary") or ""


def _language(code: str | None) -> str | None:
    """'fr-FR' -> 'fr'; None when the feed does not say."""
    if not code:
        return None
    return code.split("-")[0].strip().lower()[:2] or None


def _day(entry, ctx: Context) -> dt.date | None:
    """The day the entry was published (else updated) as written: a time stamp with a zone falls
    on a day in the organisation's time zone (UTC when none is set); one without, as written."""
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return _calendar_day(entry[key], entry.get(f"{key}_parsed"), ctx)
    return None


def _calendar_day(written: str, parsed: time.struct_time | None, ctx: Context) -> dt.date | None:
    stamp = _stamp(written.strip())
    if stamp is None and parsed:  # a form only feedparser reads; it gives UTC
        stamp = dt.datetime(*parsed[:6], tzinfo=dt.UTC)
    if stamp is None:
        return None
    if stamp.tzinfo is None:
        return stamp.date()
    return stamp.astimezone(ctx.time_zone or dt.UTC).date()


def _stamp(written: str) -> dt.datetime | None:
    """ISO 8601 (Atom) or RFC 822 (RSS) as written, with its zone when it has one."""
    try:
        return dt.datetime.fromisoformat(written)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(written)  # without a zone: naive, as written
    except (TypeError, ValueError, IndexError):
        return None
