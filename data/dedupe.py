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

And two rules across keys:
4. (`same_piece`) two records with the same byline (outlet, date and experts) are one appearance
   unless both have headlines and the headlines differ, since a print page shows the byline while
   the article page shows the headline. Of two such copies the one with the headline is kept
   (`gains_headline`), whichever was read first.
5. (`in_two_languages`) the organisation's English and French lists give one appearance two
   headlines, often a day apart and with no shared link: two records of one outlet (stated) and
   the same experts, dated at most a day apart, whose languages are both known and differ, are
   one appearance, unless each links to a page of the outlet and the pages differ (two editions,
   two pieces). The first read is kept. With less evidence (a language unknown, two days apart,
   an expert more or less, the same language) they stay two, for an editor to merge.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from data.links import on_site, unwrap
from data.organisation import Organisation, alias_key, fold, slugify

# outlet slug, date, the experts' slugs: what two copies of one appearance always share
Byline = tuple[str, dt.date, frozenset[str]]
LANGUAGE_DAYS = 1  # how far apart the dates of one appearance's two language entries may be


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


def near_bylines(line: Byline) -> list[Byline]:
    """The bylines rule 5 looks for: the same outlet and experts, the same day or one apart."""
    slug, day, people = line
    return [
        (slug, day + dt.timedelta(days=shift), people)
        for shift in sorted(range(-LANGUAGE_DAYS, LANGUAGE_DAYS + 1), key=abs)
    ]


def outlet_page(key: str, org: Organisation) -> str | None:
    """A record's link as rule 5 compares it: the normalised link its key holds (rule 1); None
    for none, or for a link to the organisation's own site (its English and French pages of one
    appearance differ)."""
    if not key.startswith("url:"):
        return None
    page = key.removeprefix("url:")
    host = page.split("/", 1)[0]
    return None if any(on_site(host, site) for site in org.domains) else page


def in_two_languages(
    earlier: tuple[str | None, str | None], later: tuple[str | None, str | None]
) -> bool:
    """Two records whose bylines are near (`near_bylines`), by their (language, link to the
    outlet's page, normalised): one appearance in two languages (rule 5)."""
    (lang_a, page_a), (lang_b, page_b) = earlier, later
    if not (lang_a and lang_b) or lang_a == lang_b:
        return False
    return not (page_a and page_b and page_a != page_b)
