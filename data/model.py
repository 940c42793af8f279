"""The Article record every parser returns, and the checks it must pass before it is stored.

One Article is one media appearance of the organisation's people (or, with kind 'event' or
'video', one of the organisation's own events or videos, and with kind 'social' a post on a
social network, each kept apart from media coverage).
Parsers fill in what the source states and nothing more: a missing title, outlet or date stays
None, never a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from data.links import unwrap
from data.names import clean
from data.organisation import alias_key
from data.vocabulary import KINDS, ROLES

EARLIEST_DATE = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class ExpertMention:
    """A person of the organisation as the page names them, and how they appear."""

    name: str  # as the roster spells it, or as the page does for someone not in the roster
    role: str = "quoted"
    in_roster: bool = True


@dataclass
class Article:
    title: str | None
    outlet: str | None  # the newspaper, network or podcast as written; None if the page is silent
    date: dt.date | None
    experts: list[ExpertMention] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None  # ISO 639-1 of the appearance
    url: str | None = None
    kind: str = "appearance"
    summary: str | None = None
    logo: str | None = None  # a logo's file name or alt text, when that is all a list shows
    reach: int | None = None
    media_type: str | None = None  # of the outlet, when the source says (spreadsheets)
    country: str | None = None  # of the outlet, ISO 3166-1 alpha-2
    outlet_domain: str | None = None  # the outlet's own site, when a source gives it
    source: str = ""  # file the record came from
    source_format: str = ""  # article_page | print_page | listing_page | spreadsheet ...
    row_number: int | None = None  # spreadsheet row (1 = header)
    # why the reading of its source is in doubt (a list in an unknown layout...), for review
    uncertain: str | None = None

    @property
    def expert_names(self) -> list[str]:
        return [e.name for e in self.experts]


class InvalidArticle(ValueError):
    """A record that cannot be stored; the message names the problem in a manager's words."""


def validate(article: Article, today: dt.date | None = None) -> Article:
    """Return the article if it can be stored, else raise InvalidArticle saying why."""
    today = today or dt.date.today()
    _clean_names(article)
    if not (article.title or article.experts or article.outlet):
        raise InvalidArticle("no title, outlet or expert: nothing says what this appearance is")
    if article.date is not None:
        if article.date > today:
            raise InvalidArticle(f"date {article.date.isoformat()} is in the future")
        if article.date < EARLIEST_DATE:
            raise InvalidArticle(f"date {article.date.isoformat()} is before 1900")
    if article.kind not in KINDS:
        raise InvalidArticle(f"kind {article.kind!r} is not one of {', '.join(KINDS)}")
    for mention in article.experts:
        if mention.role not in ROLES:
            raise InvalidArticle(f"role {mention.role!r} is not one of {', '.join(ROLES)}")
    if article.reach is not None and article.reach < 0:
        raise InvalidArticle(f"reach {article.reach} is negative")
    if article.url and not article.url.lower().startswith(("http://", "https://")):
        raise InvalidArticle(f"url {article.url!r} is not a web address")
    if article.url:  # the page itself, not a redirect through an alert or a mail client
        article.url = unwrap(article.url)
    return article


def _clean_names(article: Article) -> None:
    """Every name in the one form it is matched and stored in (data/names.py), each expert
    once; a name of nothing but invisible characters is refused, not stored as an expert no one
    can see."""

    def visible(name: str, what: str) -> str:
        cleaned = clean(name)
        if name.strip() and not cleaned:
            raise InvalidArticle(f"{what} name {ascii(name)} has no visible character")
        return cleaned

    if article.outlet is not None:
        article.outlet = visible(article.outlet, "outlet") or None
    mentions = {}  # one per person: two spellings of a name in one row are one mention
    for mention in article.experts:
        cleaned = replace(mention, name=visible(mention.name, "expert"))
        mentions.setdefault(alias_key(cleaned.name), cleaned)
    article.experts = list(mentions.values())
    article.tags = [visible(t, "topic") for t in article.tags]
