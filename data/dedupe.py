"""When two records are one media appearance: the dedupe rule, whole (pure, no store).

The same appearance is often read twice: in the English and the French list, as a print page and
as the article page, in a re-import of the same file, or repeated within one list. It is stored
once, on a key two records of one appearance share (`dedupe_key`, `articles.dedupe_key`, UNIQUE):
1. a link to the piece: its normalised URL (a redirect through an alert or a mail client undone,
   data/links.py; scheme, `www.`, tracking parameters, fragment and trailing slash dropped), so
   the two lists, the two pages or the re-import land on one row;
2. else the normalised title (case, accents, punctuation and spaces ignored) within the outlet
   and the date ('undated' when there is none);
3. a record with no title (a byline only) is keyed on outlet, date and its experts.

And one rule across keys (`same_piece`): two records with the same byline (outlet, date and
experts) are one appearance unless both have headlines and the headlines differ, since a print
page shows the byline while the article page shows the headline. Of two such copies the one with
the headline is kept (`gains_headline`), whichever was read first.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from data.links import unwrap
from data.organisation import alias_key, fold, slugify

# outlet slug, date, the experts' slugs: what two copies of one appearance always share
Byline = tuple[str, dt.date, frozenset[str]]


def normalise_url(url: str) -> str:
    """The form two links to the same page share: no redirect, scheme, www, fragment, tracking or
    slash.

    'https://www.lemonde.fr/a/b/?utm_source=x#top' -> 'lemonde.fr/a/b'
    """
    parts = urlsplit(unwrap(url.strip()))
    host = parts.netloc.lower().removeprefix("www.").rstrip(".")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query)
        if not k.lower().startswith(("utm_", "xtor", "at_", "fbclid", "gclid"))
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(("", host, path, urlencode(sorted(query)), "")).lstrip("/")


def normalise_title(title: str) -> str:
    """Case, accents, quotes, punctuation and spaces removed: what a re-typed headline keeps."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(title)).split())


def dedupe_key(
    url: str | None,
    outlet_slug: str,
    date: dt.date | None,
    title: str | None,
    experts: list[str],
    summary: str | None = None,
) -> str:
    """The key two records of one appearance share (rules 1-3 above)."""
    if url:
        return "url:" + normalise_url(url)
    day = date.isoformat() if date else "undated"
    if title:
        return f"title:{outlet_slug}|{day}|{normalise_title(title)}"
    people = ",".join(sorted(alias_key(name) for name in experts))
    return f"byline:{outlet_slug}|{day}|{people}|{normalise_title(summary or '')[:80]}"


def byline(outlet: str, date: dt.date | None, experts: list[str]) -> Byline | None:
    """What the rule across keys compares; None without a date or an expert (nothing to go on)."""
    if date is None or not experts:
        return None
    return (slugify(outlet, "outlet"), date, frozenset(slugify(name, "expert") for name in experts))


def headline(title: str | None) -> str | None:
    """The title as the rule compares it; None for a byline-only record."""
    return normalise_title(title) if title else None


def same_piece(earlier: str | None, later: str | None) -> bool:
    """Two records with one byline, by their headlines: one appearance unless both have a
    headline and they differ."""
    return earlier is None or later is None or earlier == later


def gains_headline(earlier: str | None, later: str | None) -> bool:
    """Of two copies of one appearance, the later is the one to keep: only it has a headline."""
    return earlier is None and later is not None
