"""What an import would do: which appearances read are new, which repeat one already stored or
read earlier in the import (data/dedupe.py's rule), and which outlet and expert names are new
and to be confirmed.

Pure: Articles, the organisation and what the store already holds (`StoreNames`,
`StoreMatches`, read by data/ingest/stored.py) in; an ImportPlan out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from data import dedupe
from data.ingest.reading import Reject
from data.model import Article
from data.organisation import Organisation, alias_key, slugify
from data.parsers import Context
from data.parsers.sheet_report import SheetReport

NO_OUTLET = "Outlet not stated"  # the outlet of an appearance whose source names none
IN_STORE = "the store"  # what a duplicate of a stored appearance repeats


@dataclass
class Planned:
    """One extracted appearance, resolved against the organisation and the store."""

    article: Article
    outlet: str  # canonical name, or as written when new
    outlet_known: bool
    key: str  # articles.dedupe_key
    duplicate_of: str | None = None  # IN_STORE or the source already seen in this import
    order: int = 0  # position among the appearances read

    @property
    def byline(self) -> dedupe.Byline | None:
        return dedupe.byline(self.outlet, self.article.date, self.article.expert_names)


@dataclass
class ImportPlan:
    org: Organisation
    sources: list[str]
    new: list[Planned] = field(default_factory=list)
    duplicates: list[Planned] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)
    new_experts: list[str] = field(default_factory=list)  # to confirm: not in the roster
    new_outlets: list[str] = field(default_factory=list)  # to confirm: not in the outlet list
    # (dedupe key in the store, the copy with a headline): a byline-only row gains its headline
    headlines: list[tuple[str, Planned]] = field(default_factory=list)
    reports: list[SheetReport] = field(default_factory=list)  # how each spreadsheet was read

    @property
    def notes(self) -> list[str]:
        """One line per spreadsheet: its layout, its social posts, what its dates are."""
        return [report.summary() for report in self.reports]

    @property
    def extracted(self) -> list[Planned]:
        """Every appearance read, in file order, duplicates included."""
        return sorted(self.new + self.duplicates, key=lambda p: p.order)

    @property
    def warnings(self) -> list[str]:
        """One line per file read with low confidence: the file, what looks wrong, and how many
        of its appearances are flagged for review."""
        doubts: dict[str, tuple[str, int]] = {}
        for planned in self.extracted:
            article = planned.article
            if article.uncertain:
                reason, n = doubts.get(article.source, (article.uncertain, 0))
                doubts[article.source] = (reason, n + 1)
        return [
            f"{source}: read with low confidence ({reason}); "
            f"{n} appearance{'' if n == 1 else 's'} flagged for review"
            for source, (reason, n) in doubts.items()
        ]


@dataclass
class StoreNames:
    """The outlet and expert spellings the store knows (the reference and past imports)."""

    outlets: dict[str, str] = field(default_factory=dict)  # alias key -> name
    experts: dict[str, str] = field(default_factory=dict)


@dataclass
class StoreMatches:
    """The stored appearances an import's records may repeat."""

    keys: set[str] = field(default_factory=set)  # dedupe keys the store holds already
    # stored appearances with a byline near a record's (dedupe.near_bylines) -> (their title,
    # dedupe key, language)
    bylines: dict[dedupe.Byline, tuple[str | None, str, str | None]] = field(default_factory=dict)


def resolve(article: Article, ctx: Context, names: StoreNames) -> Planned:
    """The article's outlet as the organisation or the store names it (by its site first,
    data/resolve.py OutletIndex), and its dedupe key. A record naming no outlet but giving a site
    has the site as its outlet, to confirm."""
    sites = ctx.outlets.sites(article.outlet_domain, article.url)
    known = ctx.outlets.of_record(article.outlet, sites) or (
        None if article.outlet else ctx.outlets.from_logo(article.logo)
    )
    written = article.outlet or next(iter(sites), None)
    if known:
        outlet, outlet_known = known.name, True
    elif written:
        stored = names.outlets.get(alias_key(written))
        outlet, outlet_known = (stored, True) if stored else (written.strip(), False)
    else:
        outlet, outlet_known = NO_OUTLET, True
    key = dedupe.dedupe_key(
        article.url,
        slugify(outlet, "outlet"),
        article.date,
        article.title,
        article.expert_names,
        article.summary,
    )
    return Planned(article, outlet, outlet_known, key)


@dataclass
class _Seen:
    """An appearance already met (in the store or earlier in this import), by its byline."""

    source: str
    headline: str | None
    key: str
    language: str | None
    page: str | None  # dedupe.outlet_page of its link
    planned: Planned | None = None  # None when it is in the store


def plan(
    org: Organisation,
    sources: list[str],
    resolved: list[Planned],
    rejected: list[Reject],
    names: StoreNames,
    matches: StoreMatches,
) -> ImportPlan:
    """Each resolved appearance new or a duplicate, in the order read; the new names listed."""
    result = ImportPlan(org=org, sources=sources, rejected=rejected)
    seen_keys = dict.fromkeys(matches.keys, IN_STORE)
    seen_bylines = {
        line: _Seen(IN_STORE, dedupe.headline(title), key, lang, dedupe.outlet_page(key, org))
        for line, (title, key, lang) in matches.bylines.items()
    }
    for order, planned in enumerate(resolved):
        planned.order = order
        source = planned.article.source
        line = planned.byline
        headline = dedupe.headline(planned.article.title)
        language = planned.article.language
        page = dedupe.outlet_page(planned.key, org)
        earlier = _earlier(seen_bylines, planned, line, headline, (language, page))
        if planned.key in seen_keys:
            planned.duplicate_of = seen_keys[planned.key]
        elif earlier:
            planned.duplicate_of = earlier.source
            if dedupe.gains_headline(earlier.headline, headline):
                if earlier.planned is None:
                    result.headlines.append((earlier.key, planned))
                else:  # keep this copy instead of the earlier, headline-less one
                    result.new.remove(earlier.planned)
                    earlier.planned.duplicate_of = source
                    result.duplicates.append(earlier.planned)
                    planned.duplicate_of = None
        if planned.duplicate_of:
            result.duplicates.append(planned)
            continue
        seen_keys[planned.key] = source
        if line:
            seen_bylines[line] = _Seen(source, headline, planned.key, language, page, planned)
        result.new.append(planned)
    result.new_outlets, result.new_experts = _new_names(result.new, names)
    return result


def _earlier(
    seen: dict[dedupe.Byline, _Seen],
    planned: Planned,
    line: dedupe.Byline | None,
    headline: str | None,
    copy: tuple[str | None, str | None],
) -> _Seen | None:
    """The appearance met before that this record repeats across keys: one with its byline
    (`line`, data/dedupe.py rule 4), else one in another language a day apart at most (rule 5)."""
    if line is None:
        return None
    same = seen.get(line)
    if same and dedupe.same_piece(same.headline, headline):
        return same
    if planned.outlet == NO_OUTLET:
        return None
    for near in dedupe.near_bylines(line):
        other = seen.get(near)
        if other and dedupe.in_two_languages((other.language, other.page), copy):
            return other
    return None


def _new_names(new: list[Planned], names: StoreNames) -> tuple[list[str], list[str]]:
    """The outlets and experts neither the organisation nor the store knows, to confirm."""
    outlets: dict[str, str] = {}
    experts: dict[str, str] = {}
    for planned in new:
        if not planned.outlet_known and planned.outlet != NO_OUTLET:
            outlets.setdefault(alias_key(planned.outlet), planned.outlet)
        for mention in planned.article.experts:
            if not mention.in_roster and alias_key(mention.name) not in names.experts:
                experts.setdefault(alias_key(mention.name), mention.name)
    return sorted(outlets.values()), sorted(experts.values())


def as_json(planned: Planned) -> dict:
    """One appearance as the dry run prints it (`python -m data.ingest --dry-run --json`):
    `outlet` as the source names it (else the outlet its logo or link resolved to),
    `outlet_stored` the outlet it is counted under."""
    a = planned.article
    stored = None if planned.outlet == NO_OUTLET else planned.outlet
    return {
        "source": a.source,
        "title": a.title,
        "outlet": a.outlet or stored,
        "outlet_stored": stored,
        "date": a.date.isoformat() if a.date else None,
        "experts": a.expert_names,
        "tags": a.tags,
        "language": a.language,
        "url": a.url,
        "kind": a.kind,
        "duplicate": planned.duplicate_of is not None,
        "uncertain": a.uncertain,
    }
