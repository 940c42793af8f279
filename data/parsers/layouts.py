"""The registry of spreadsheet layouts (layouts.toml, beside this file, read once): which vendor
export a header row is, which column each field is read from, and which rows are social posts.

    >>> layout, columns = recognise(["Date", "Headline", "URL", ...])
    >>> layout.name, columns["date"]            # 'Meltwater (current export)', [0, 32]

A layout is data, not code: adding a vendor is adding a table to layouts.toml.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from data.organisation import alias_key

REGISTRY = Path(__file__).with_name("layouts.toml")
FIELD_NAMES = (
    "date",
    "outlet",
    "outlet_domain",
    "title",
    "url",
    "experts",
    "role",
    "language",
    "country",
    "media_type",
    "reach",
    "tags",
    "summary",
    "source_type",
)
READERS = ("first line", "domain")  # the ways a layout may ask for a field's cells to be read
ORDERS = ("day first", "month first")


@dataclass(frozen=True)
class Layout:
    name: str
    fields: dict[str, tuple[str, ...]]  # field -> alias keys of its columns, in order
    signature: tuple[str, ...] = ()  # alias keys that must all be in the header
    min_columns: int = 0
    max_columns: int | None = None
    read: dict[str, str] = field(default_factory=dict)  # field -> one of READERS
    people: tuple[str, ...] = ()  # fields searched for roster names; () = the experts column
    dates: str | None = None  # one of ORDERS: the vendor's order when a column fits both
    zone: str | None = None  # of date-times written without a zone
    date_means: str | None = None  # what the date is, when not the piece's own date

    @property
    def generic(self) -> bool:
        return not self.signature

    def fits(self, keys: set[str], width: int) -> bool:
        return (
            bool(self.signature)
            and all(k in keys for k in self.signature)
            and width >= self.min_columns
            and (self.max_columns is None or width <= self.max_columns)
        )


@dataclass(frozen=True)
class Platform:
    name: str
    names: frozenset[str]  # alias keys of what a file calls it
    links: tuple[str, ...]  # patterns of a post's address on it (after the scheme)


@dataclass(frozen=True)
class SocialRule:
    """What makes a row a social post, not press coverage."""

    words: frozenset[str]  # words of a source type that say "social" without naming a platform
    platforms: tuple[Platform, ...]
    links: re.Pattern  # every platform's posts, group pN for platform N

    def posted_on(self, url: str) -> str | None:
        """The platform a link is a post on, or None."""
        found = self.links.match(url)
        return self.platforms[int(found.lastgroup[1:])].name if found else None

    def platform(self, outlet: str, source_types: Sequence[str]) -> str | None:
        """The platform a row's outlet or source type names ('' when they say "social" but name
        no platform), or None when they do not make it a social post."""
        key = alias_key(outlet) if outlet else ""
        for platform in self.platforms:
            if key in platform.names:
                return platform.name
        social = False
        for value in source_types:
            if not value:
                continue
            words = set(_WORD.findall(value.casefold()))
            words.add(alias_key(value))
            for platform in self.platforms:
                if words & platform.names:
                    return platform.name
            social = social or bool(words & self.words)
        return "" if social else None


_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Registry:
    generic: Layout
    layouts: tuple[Layout, ...]  # the vendors', longest signature first
    social: SocialRule

    def synonyms(self) -> set[str]:
        """Every header any layout reads, as alias keys (to find the header row)."""
        found = {k for keys in self.generic.fields.values() for k in keys}
        for layout in self.layouts:
            found.update(k for keys in layout.fields.values() for k in keys)
        return found


class RegistryError(ValueError):
    """layouts.toml says something the parser cannot use (the message names the layout)."""


@cache
def registry() -> Registry:
    """layouts.toml, read and checked once."""
    config = tomllib.loads(REGISTRY.read_text(encoding="utf-8"))
    generic = _layout(config["generic"], generic=True)
    layouts = sorted(
        (_layout(entry) for entry in config.get("layout", [])),
        key=lambda layout: len(layout.signature),
        reverse=True,
    )
    social = config.get("social", {})
    platforms = tuple(
        Platform(
            p["name"],
            frozenset(alias_key(n) for n in p.get("names", [])),
            tuple(p.get("links", [])),
        )
        for p in social.get("platform", [])
    )
    words = frozenset(alias_key(w) for w in social.get("words", []))
    links = "|".join(
        f"(?P<p{n}>{'|'.join(f'(?:{link})' for link in p.links)})"
        for n, p in enumerate(platforms)
        if p.links
    )
    pattern = re.compile(rf"\s*(?:https?://)?(?:{links or '(?!)'})", re.I)
    return Registry(generic, tuple(layouts), SocialRule(words, platforms, pattern))


def _layout(entry: dict, generic: bool = False) -> Layout:
    name = entry.get("name", "?")
    fields = {f: tuple(alias_key(c) for c in cols) for f, cols in entry.get("fields", {}).items()}
    named = (*fields, *entry.get("read", {}), *entry.get("people", ()))
    unknown = [f for f in named if f not in FIELD_NAMES]
    if unknown:
        raise RegistryError(f"layouts.toml, {name}: unknown field {unknown[0]!r}")
    if any(r not in READERS for r in entry.get("read", {}).values()):
        raise RegistryError(f"layouts.toml, {name}: read is one of {', '.join(READERS)}")
    if entry.get("dates") not in (None, *ORDERS):
        raise RegistryError(f"layouts.toml, {name}: dates is one of {', '.join(ORDERS)}")
    signature = tuple(alias_key(c) for c in entry.get("signature", ()))
    if not generic and not signature:
        raise RegistryError(f"layouts.toml, {name}: a layout needs a signature")
    return Layout(
        name=name,
        fields=fields,
        signature=signature,
        min_columns=entry.get("min_columns", 0),
        max_columns=entry.get("max_columns"),
        read=dict(entry.get("read", {})),
        people=tuple(entry.get("people", ())),
        dates=entry.get("dates"),
        zone=entry.get("zone"),
        date_means=entry.get("date_means"),
    )


def recognise(header: Sequence[str]) -> tuple[Layout, dict[str, list[int]]]:
    """The layout of a header row, and field -> the indexes of its columns, in order."""
    keys = [alias_key(h) for h in header]
    width = len(keys)
    while width and not keys[width - 1]:
        width -= 1
    present = set(keys)
    reg = registry()
    layout = next((lay for lay in reg.layouts if lay.fits(present, width)), reg.generic)
    return layout, columns_of(layout, keys)


def columns_of(layout: Layout, keys: Sequence[str]) -> dict[str, list[int]]:
    """field -> the indexes of its columns in the header. A vendor's layout names its columns
    itself (GDELT's URL is the link and the outlet's site); in a generic file a column is read
    for one field, the first that names it ('Source' is the outlet, not also a source type)."""
    position = {}
    for i, key in enumerate(keys):
        position.setdefault(key, i)
    taken: set[int] = set()
    columns: dict[str, list[int]] = {}
    for name, wanted in layout.fields.items():
        found = [position[k] for k in wanted if k in position]
        if layout.generic:
            found = [i for i in found if i not in taken][:1]
        if found:
            columns[name] = found
            taken.update(found)
    return columns


def header_score(row: Sequence[str]) -> int:
    """How many cells of a row are headers some layout reads: the header row has the most of
    the rows at the top of a file (a title, notes or blank rows may come first)."""
    known = _synonyms()
    return sum(1 for cell in row if cell and alias_key(cell) in known)


@cache
def _synonyms() -> frozenset[str]:
    return frozenset(registry().synonyms())
