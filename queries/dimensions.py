"""The filter dimensions, defined once: what a manager can filter by and break a view down by.

Each entry says everything the layers need: its Filters field and URL key, its SQL, its labels,
how a value is named, whether it can break down a timeline or split the outlet mix, and which
column a rollup must keep to answer it. Filters (queries/filters.py), the queries' choices and
SQL fragments (queries/__init__.py), the sidebar, the pages' choice lists and the report read
this list; adding a dimension of the appearances or of their outlets is one entry here.

SQL conventions: `column` is an expression on `a`, the appearance (articles' columns), and `o`,
its outlet (outlets' columns); the value it gives is what a link holds (a slug or a code, as
text). A filter's values are bound as `$f_<field>`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from data import vocabulary

ARTICLES, OUTLETS, BRIDGE = "articles", "outlets", "bridge"  # where a dimension's value lives


@dataclass(frozen=True)
class Dimension:
    code: str  # its name as a breakdown or mix dimension (?by=media_type), and in SQL choices
    field: str  # its Filters field, and `dimension` in dimension_values
    url_key: str  # its key in a link
    singular: str  # "Media type": a breakdown's name, a filter in a one-line summary
    plural: str  # "Media types": the sidebar's label
    on: str  # ARTICLES, OUTLETS or BRIDGE (a table linking appearances to experts or tags)
    column: str = "NULL"  # the value on `a` and `o` (none for a bridge: its own SQL has it)
    label: str | None = None  # the display name in SQL, where a table names the value
    names: Callable[[str | None], str] | None = None  # else: a code's display name
    codes: Mapping[str, str] | None = None  # every code, where the vocabulary closes the list
    upper_case: bool = False  # codes stored upper case (ISO countries); the rest lower case
    breakdown: bool = False  # can break down the timeline (coverage_by_period_breakdown)
    mix: bool = False  # can split the appearances in outlet_mix
    sidebar: bool = True  # offered as a multiselect (kinds has a default instead, in the link)
    join: str | None = None  # a bridge's filter: a join, for Filters.relation()

    @property
    def rollup_key(self) -> str | None:
        """The column a rollup must keep to answer this filter; None: no rollup can (a bridge
        picks appearances one by one)."""
        if self.on == OUTLETS:
            return "outlet_id"
        if self.on == ARTICLES:
            return self.column.removeprefix("a.")
        return None

    @property
    def coded(self) -> bool:
        """Values are codes named by `names` (not slugs named by a table)."""
        return self.label is None and self.on != BRIDGE

    def where(self) -> str:
        """SQL on `a` selecting the appearances whose value is one of $f_<field> (not for a
        bridge: its filter is `join`)."""
        if self.on == ARTICLES:
            # list_contains on a column of articles: a third of the time of IN (SELECT unnest(...))
            return f"list_contains($f_{self.field}, {self.column})"
        return (
            f"a.outlet_id IN (SELECT o.outlet_id FROM outlets o WHERE {self.column} IN"  # noqa: S608 - fixed fragments
            f" (SELECT unnest($f_{self.field})))"
        )

    def name_of(self, value: str | None, names: Mapping[str, str] | None = None) -> str:
        """A value's display name: by the naming function, else from `names` (slug -> name)."""
        if self.names is not None:
            return self.names(value)
        return (names or {}).get(value, value) if value else vocabulary.UNKNOWN


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "outlet", "outlets", "outlets", "Outlet", "Outlets", OUTLETS, "o.slug", label="o.name",
        breakdown=True,
    ),
    Dimension(
        "expert", "experts", "experts", "Expert", "Experts", BRIDGE, breakdown=True,
        # an inner join on distinct article ids lets DuckDB build its hash table on the few
        # matching ids; an IN predicate made it build on the millions of articles (DuckDB 2.0,
        # measured: 3x the time at 10,000,000 appearances)
        join="JOIN (SELECT DISTINCT ae.article_id FROM article_experts ae JOIN experts e"
        " USING (expert_id) WHERE list_contains($f_experts, e.slug)) AS by_expert"
        " USING (article_id)",
    ),
    Dimension(
        "programme", "programmes", "programmes", "Programme", "Programmes", BRIDGE,
        breakdown=True,
        # the experts' research centres (experts.programme_slug, migration 008): an appearance
        # is a programme's when one of its experts belongs to it
        join="JOIN (SELECT DISTINCT ae.article_id FROM article_experts ae JOIN experts e"
        " USING (expert_id) WHERE list_contains($f_programmes, e.programme_slug))"
        " AS by_programme USING (article_id)",
    ),
    Dimension(
        "tag", "tags", "tags", "Topic", "Topics", BRIDGE, breakdown=True,
        join="JOIN (SELECT DISTINCT atag.article_id FROM article_tags atag JOIN tags t"
        " USING (tag_id) WHERE list_contains($f_tags, t.slug)) AS by_tag USING (article_id)",
    ),
    Dimension(
        "media_type", "media_types", "media", "Media type", "Media types", OUTLETS,
        "o.media_type", names=vocabulary.media_type_name, codes=vocabulary.MEDIA_TYPES,
        breakdown=True, mix=True,
    ),
    Dimension(
        "tier", "tiers", "tiers", "Outlet tier", "Outlet tiers", OUTLETS,
        "CAST(o.tier AS VARCHAR)", names=vocabulary.tier_name, codes=vocabulary.TIERS,
        breakdown=True, mix=True,
    ),
    Dimension(
        "country", "countries", "countries", "Outlet country", "Outlet countries", OUTLETS,
        "o.country", names=vocabulary.country_name, upper_case=True, breakdown=True, mix=True,
    ),
    Dimension(
        "language", "languages", "languages", "Language", "Languages", ARTICLES, "a.language",
        names=vocabulary.language_name, breakdown=True, mix=True,
    ),
    Dimension(
        "kind", "kinds", "kinds", "Kind", "Kinds", ARTICLES, "a.kind",
        names=vocabulary.kind_name, codes=vocabulary.KINDS, sidebar=False,
    ),
)  # fmt: skip
BY_FIELD: dict[str, Dimension] = {d.field: d for d in DIMENSIONS}
BY_CODE: dict[str, Dimension] = {d.code: d for d in DIMENSIONS}
BREAKDOWNS = tuple(d.code for d in DIMENSIONS if d.breakdown)
MIX_DIMENSIONS = tuple(d.code for d in DIMENSIONS if d.mix)
SIDEBAR = tuple(d for d in DIMENSIONS if d.sidebar)

# ---------- the fragments a .sql file receives (fixed strings of this module, never user text)

# `{{ dimension.value }}`, `{{ dimension.label }}`: the value or display name of the dimension a
# choice parameter names, on `a` and `o` (NULL for a bridge, whose branch of the SQL is its own);
# `{{ breakdown.outlet_value }}` (`_label`) and `{{ breakdown.appearance_value }}`: the same, but
# NULL unless it is a dimension of the outlets (of the appearances), for a branch of the SQL
# that has only that table in scope; `{{ breakdown.on }}`: where it lives, as a literal
# ('articles', 'outlets' or 'bridge'), which DuckDB folds (a branch it rules out costs nothing)
_CHOSEN = re.compile(
    r"\{\{ ([a-z_]+)\.(value|label|on|outlet_value|outlet_label|appearance_value) \}\}"
)
_SCOPE = {"outlet": OUTLETS, "appearance": ARTICLES}
# `{{ coded_columns }}`: every coded dimension's value on `a` and `o`, as a column named for its
# field (dimension_values unpivots them)
_CODED = "{{ coded_columns }}"


def chosen_by(sql: str) -> set[str]:
    """The choice parameters whose dimension a .sql file reads through a marker."""
    return {match[1] for match in _CHOSEN.finditer(sql)}


def fill(sql: str, params: Mapping[str, object]) -> str:
    """The SQL with its dimension markers replaced by the registry's fragments.

    `params` must hold each named choice parameter, already checked to be a dimension's code.
    """

    def chosen(match: re.Match) -> str:
        dimension, attribute = BY_CODE[str(params[match[1]])], match[2]
        if attribute == "on":
            return f"'{dimension.on}'"
        scope, _, attribute = attribute.rpartition("_")
        if scope and _SCOPE[scope] != dimension.on:
            return "NULL"
        return dimension.column if attribute == "value" else (dimension.label or dimension.column)

    sql = _CHOSEN.sub(chosen, sql)
    if _CODED in sql:
        columns = ", ".join(f"{d.column} AS {d.field}" for d in DIMENSIONS if d.coded)
        sql = sql.replace(_CODED, columns)
    return sql
