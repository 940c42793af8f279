"""Names to identities: which of the organisation's experts a text names, which outlet a spelling
or a site means. (Which records are one appearance is data/dedupe.py.)

Experts are recognised in any spelling a page uses: `Thomas GOMART`, `Thomas Gomart`, without
accents (`Kastoueva-Jean`), hyphens as spaces (`Eyl Mazzega`), an initial (`T. Gomart`) when only
one person of the roster fits, and a surname alone written the site's way (`MOISI`) when only one
person of the roster has it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from data.links import domain, is_carrier, on_site, parent_sites, unwrap
from data.names import latin_skeleton
from data.organisation import Organisation, OutletRef, alias_key

# ---------- experts


@dataclass
class Roster:
    """The organisation's people, indexed by every spelling that may name them."""

    full: dict[str, str] = field(default_factory=dict)  # alias key -> roster name
    initials: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    surnames: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    org_names: tuple[str, ...] = ()

    @classmethod
    def from_organisation(cls, org: Organisation) -> Roster:
        roster = cls(org_names=org.all_aliases())
        for expert in org.experts:
            roster.add(expert.name, expert.aliases)
        return roster

    def add(self, name: str, aliases: tuple[str, ...] = ()) -> None:
        for form in (name, *aliases):
            key = alias_key(form)
            if not key:
                continue
            self.full[key] = name
            self.full[key.replace(" ", "")] = name  # 'ElieTenenbaum' as typed
            words = form.split()  # cut between words, not inside 'Kastouéva-Jean'
            for cut in range(1, len(words)):
                first, surname = alias_key(words[0]), alias_key(" ".join(words[cut:]))
                self.initials[f"{first[0]} {surname}"].add(name)
                self.surnames[surname].add(name)

    def canonical(self, written: str) -> str | None:
        """The roster name a whole string spells, or None."""
        key = alias_key(written)
        if key in self.full:
            return self.full[key]
        skeleton = alias_key(latin_skeleton(written))  # all in look-alikes: 'ТНОМАЅ GОМАRТ'
        if skeleton in self.full:
            return self.full[skeleton]
        found = self.initials.get(key) or set()
        if len(found) == 1:
            return next(iter(found))
        if len(key) >= 10:  # one letter off in a long name: 'Philippe Moreau Defarge'
            best = process.extractOne(key, self.full.keys(), scorer=fuzz.ratio, score_cutoff=94)
            if best:
                return self.full[best[0]]
        return None

    def find(self, text: str) -> list[str]:
        """Roster names the text mentions, in order of first mention."""
        if not text:
            return []
        folded = f" {alias_key(text)} "
        hits: dict[str, int] = {}
        for key, name in self.full.items():
            at = folded.find(f" {key} ")
            if at >= 0 and (name not in hits or at < hits[name]):
                hits[name] = at
        for match in _INITIAL_NAME.finditer(text):
            key = alias_key(match.group(0))
            people = self.initials.get(key, set())
            if len(people) == 1:
                name = next(iter(people))
                hits.setdefault(name, folded.find(f" {key} "))
        for match in _UPPER_WORD.finditer(text):
            people = self.surnames.get(alias_key(match.group(0)), set())
            if len(people) == 1:
                name = next(iter(people))
                hits.setdefault(name, folded.find(f" {alias_key(match.group(0))} "))
        return sorted(hits, key=hits.get)


_INITIAL_NAME = re.compile(r"\b[A-ZÀ-Ý]\.\s?[A-ZÀ-Ý][\w'-]+")
_UPPER_WORD = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'-]{3,}\b")

# ---------- outlets


def _compact(name: str) -> str:
    """'LeFigaro.fr', 'Le Figaro' and 'le-figaro' all give 'lefigaro'."""
    key = alias_key(name)
    for suffix in (" fr", " com", " co uk", " net", " org"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key.replace(" ", "")


@dataclass
class OutletIndex:
    """Outlet spellings and sites to one canonical outlet each; unknown spellings are kept as
    written.

    A record's outlet is, in this order (`of_record`): the outlet whose own site the record gives
    (Article.outlet_domain, e.g. a Media Cloud row's media_url), else the one whose site the
    record's link is on (a subdomain counts), else the name as written. A link to a site that
    carries others' pieces (data/links.py CARRIERS: aggregators, archives, social networks) or to
    the organisation's own site never names an outlet.
    """

    by_key: dict[str, OutletRef] = field(default_factory=dict)  # written only by add()
    by_site: dict[str, OutletRef] = field(default_factory=dict)  # 'lemonde.fr' -> Le Monde
    own_sites: tuple[str, ...] = ()  # the organisation's
    # what each spelling resolved to: a page asks about the same words many times
    _resolved: dict[str, OutletRef | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_organisation(cls, org: Organisation) -> OutletIndex:
        index = cls(own_sites=org.domains)
        for outlet in org.outlets:
            index.add(outlet)
        return index

    def add(self, outlet: OutletRef) -> None:
        self._resolved.clear()
        for form in (outlet.name, *outlet.aliases):
            self.by_key.setdefault(_compact(form), outlet)
        for site in outlet.domains:
            self.by_site.setdefault(site, outlet)

    def on_site(self, host: str | None) -> OutletRef | None:
        """The known outlet whose site the host is, or is a subdomain of (the longest wins)."""
        for site in parent_sites(host or ""):
            if known := self.by_site.get(site):
                return known
        return None

    def sites(self, outlet_domain: str | None, url: str | None) -> list[str]:
        """The sites that may name a record's outlet, in order: the outlet's own site when the
        record gives it, then its link's unless that is a carrier's; never the organisation's."""
        found = []
        given = domain(outlet_domain)
        if given and not self.is_own(given):
            found.append(given)
        linked = domain(unwrap(url)) if url else None
        if linked and not is_carrier(linked) and not self.is_own(linked):
            found.append(linked)
        return found

    def is_own(self, host: str) -> bool:
        return any(on_site(host, site) for site in self.own_sites)

    def of_record(self, written: str | None, sites: list[str]) -> OutletRef | None:
        """The known outlet a record means: by its sites (`sites`) first, then by the name
        written."""
        for site in sites:
            if known := self.on_site(site):
                return known
        return self.resolve(written)

    def resolve(self, written: str | None) -> OutletRef | None:
        """The known outlet a spelling means, or None when it is new."""
        if not written or not written.strip():
            return None
        if written in self._resolved:
            return self._resolved[written]
        if len(self._resolved) > 10_000:  # a page of many names: held within bounds
            self._resolved.clear()
        known = self._resolved[written] = self._resolve(written)
        return known

    def _resolve(self, written: str) -> OutletRef | None:
        key = _compact(written)
        if key in self.by_key:
            return self.by_key[key]
        skeleton = _compact(latin_skeleton(written))  # all in look-alikes of another script
        if skeleton in self.by_key:
            return self.by_key[skeleton]
        if key.startswith(("le", "la", "the")):  # 'Figaro' written for 'Le Figaro'
            for article in ("le", "la", "the"):
                if key.startswith(article) and key[len(article) :] in self.by_key:
                    return self.by_key[key[len(article) :]]
        for article in ("le", "la", "les", "the", "l"):
            if article + key in self.by_key:
                return self.by_key[article + key]
        if len(key) >= 8:  # a typo in a long name, never in a short one ('RFI' vs 'RFE')
            best = process.extractOne(key, self.by_key.keys(), scorer=fuzz.ratio, score_cutoff=92)
            if best:
                return self.by_key[best[0]]
        return None

    def canonical_name(self, written: str | None) -> str | None:
        known = self.resolve(written)
        return known.name if known else (written.strip() if written else None)

    def from_logo(self, logo: str | None) -> OutletRef | None:
        """A list's logo ('logo_le_figaro.png', 'Logo France 24') names a known outlet, or not."""
        if not logo:
            return None
        words = re.sub(r"\.(png|jpe?g|gif|svg|webp)$", "", logo, flags=re.I)
        words = re.sub(r"[_\-]+", " ", words)
        words = re.sub(r"\b(new (?=logo)|logos?|petit|small|nb|couleur)\b", " ", words, flags=re.I)
        return self.resolve(words) if words.strip() else None

    def forms(self, leaving_out: tuple[str, ...] = ()) -> list[str]:
        """Every spelling of every known outlet (3 letters or more), for searching a text.

        `leaving_out`: names whose outlet is not searched for (the organisation's own podcast is
        named in every page, as the organisation).
        """
        skip = {alias_key(name) for name in leaving_out}
        outlets = {o.name: o for o in self.by_key.values() if alias_key(o.name) not in skip}
        return [
            form
            for outlet in outlets.values()
            for form in dict.fromkeys((outlet.name, *outlet.aliases))
            if len(form) >= 3
        ]
