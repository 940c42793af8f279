"""Filters: the one filter model of the dashboard, its SQL predicate and its URL form.

Every query reads the same predicate, so a chart, a KPI and an export of the same view always
agree. The predicate is assembled from the fixed fragments below; user values only ever travel
as bound parameters.

URL form (ids or slugs and ISO dates, never display names), e.g.
    ?from=2025-01-01&to=2025-12-31&outlets=le-monde,financial-times&q=nucléaire
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, replace

from data import periods
from queries.dimensions import BRIDGE, DIMENSIONS

# Free text matches title or summary as a plain substring (no wildcards), ignoring case and
# accents: "nucleaire" finds "Nucléaire".
TEXT_FRAGMENT = (
    "(contains(strip_accents(lower(coalesce(a.title, ''))), strip_accents(lower($f_text)))"
    " OR contains(strip_accents(lower(coalesce(a.summary, ''))), strip_accents(lower($f_text))))"
)
DEFAULT_KINDS = ("appearance",)  # own events and videos, and social posts, are not coverage
ALL_KINDS = "all"  # URL value for kinds=(): appearances, events, videos and social posts alike
MAX_TEXT = 200
# A URL value: a slug (le-monde) or a code (fr, FR, tv, op-ed). Anything else is dropped.
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


def _a_field_per_dimension(cls: type) -> type:
    """Give the class one field per dimension of queries/dimensions.py (a tuple of slugs or
    codes: outlets, experts, ..., kinds), between the dates and the text, before @dataclass."""
    declared = dict(cls.__annotations__)
    text = declared.pop("text")
    for dimension in DIMENSIONS:
        declared[dimension.field] = "tuple[str, ...]"
        setattr(cls, dimension.field, DEFAULT_KINDS if dimension.field == "kinds" else ())
    cls.__annotations__ = {**declared, "text": text}
    return cls


@dataclass(frozen=True)
@_a_field_per_dimension
class Filters:
    date_from: dt.date | None = None  # inclusive
    date_to: dt.date | None = None  # inclusive
    # + one tuple per dimension, in the registry's order: outlets, experts, tags, media_types,
    # tiers, countries, languages, kinds (default: DEFAULT_KINDS)
    text: str = ""

    def __post_init__(self) -> None:
        # Lists from a widget become tuples, so a Filters stays hashable (a cache key) and equal
        # to the same filters built any other way.
        for dimension in DIMENSIONS:
            name = dimension.field
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    # ---------- SQL

    def relation(self, *, dates: bool = True) -> tuple[str, dict[str, object]]:
        """A subquery of the matching rows of `articles`, and its bound parameters.

        What the .sql files read as `FROM {{ articles }} a`: predicate(), and the expert and tag
        filters as joins (see queries/dimensions.py).
        """
        where, params = self.predicate(dates=dates)
        joins = []
        for dimension in DIMENSIONS:
            values = getattr(self, dimension.field)
            if values and dimension.join:
                joins.append(dimension.join)
                params[f"f_{dimension.field}"] = list(values)
        # an appearance an editor excluded is in no count (data/curation.py)
        where = f"NOT a.excluded AND {where}"
        return f"(SELECT a.* FROM articles a {' '.join(joins)} WHERE {where})", params  # noqa: S608 - fixed fragments only

    def predicate(self, *, dates: bool = True) -> tuple[str, dict[str, object]]:
        """A boolean SQL expression on the columns of the article alias `a`, and its bound
        parameters: every filter but the expert and tag ones (joins: relation()).

        With dates=False the date range is left out (used to count undated appearances, which
        no date range can contain).
        """
        clauses: list[str] = []
        params: dict[str, object] = {}
        if dates and self.date_from:
            clauses.append("a.published >= $f_date_from")
            params["f_date_from"] = self.date_from
        if dates and self.date_to:
            clauses.append("a.published <= $f_date_to")
            params["f_date_to"] = self.date_to
        for dimension in DIMENSIONS:
            values = getattr(self, dimension.field)
            if values and not dimension.join:
                clauses.append(dimension.where())
                params[f"f_{dimension.field}"] = list(values)
        if self.text:
            clauses.append(TEXT_FRAGMENT)
            params["f_text"] = self.text
        return (" AND ".join(clauses) or "true"), params

    def rollup_predicate(self, columns: Collection[str]) -> tuple[str, dict[str, object]] | None:
        """A predicate on a rollup (alias `a`, see data/rollups.py) selecting the same
        appearances as these filters, or None when the rollup cannot answer them.

        A rollup counts appearances, not single ones, so it cannot answer a text search or a
        filter on an expert or topic (they pick appearances one by one); its `month` answers a
        date range of whole calendar months only.
        """
        chosen = [d for d in DIMENSIONS if getattr(self, d.field)]
        if self.text or any(d.on == BRIDGE for d in chosen):
            return None
        needed = {d.rollup_key for d in chosen}
        if self.date_from or self.date_to:
            needed.add("month")
        if not needed <= set(columns):
            return None
        if self.date_from and not periods.starts_month(self.date_from):
            return None
        if self.date_to and not periods.ends_month(self.date_to):
            return None
        where, params = self.predicate(dates=False)  # the other fragments read the same columns
        if self.date_from:
            where += " AND a.month >= $f_date_from"
            params["f_date_from"] = self.date_from
        if self.date_to:  # the month starting on or before the last day
            where += " AND a.month <= $f_date_to"
            params["f_date_to"] = self.date_to
        return where, params

    # ---------- periods

    def previous_period(self) -> Filters | None:
        """These filters over the period just before (data/periods.py: previous_period); None
        without both dates."""
        if not (self.date_from and self.date_to):
            return None
        start, end = periods.previous_period(self.date_from, self.date_to)
        return replace(self, date_from=start, date_to=end)

    def describe_period(self) -> str:
        return periods.describe_period(self.date_from, self.date_to)

    # ---------- URL

    def to_query_params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        if self.date_from:
            params["from"] = self.date_from.isoformat()
        if self.date_to:
            params["to"] = self.date_to.isoformat()
        for dimension in DIMENSIONS:
            values, key = getattr(self, dimension.field), dimension.url_key
            if dimension.field == "kinds":
                if values != DEFAULT_KINDS:
                    params[key] = ",".join(values) or ALL_KINDS
            elif values:
                params[key] = ",".join(values)
        if self.text:
            params["q"] = self.text
        return params

    @classmethod
    def from_query_params(
        cls,
        params: Mapping[str, str | list[str]],
        known: Mapping[str, set[str]] | None = None,
    ) -> tuple[Filters, list[str]]:
        """Read filters from a URL's query string; never raises.

        `known` maps a field name (outlets, experts, ...) to its valid values; values not in it
        are dropped. Every dropped or malformed value is reported in the returned notices.
        """
        notices: list[str] = []
        values: dict[str, object] = {}

        def first(key: str) -> str | None:
            raw = params.get(key)
            if isinstance(raw, list | tuple):
                raw = raw[-1] if raw else None
            return None if raw is None else str(raw)

        for key, field in (("from", "date_from"), ("to", "date_to")):
            raw = first(key)
            if raw:
                parsed = parse_iso_date(raw)
                if parsed is None:
                    notices.append(f"Ignored {key}={raw[:40]!r}: not a date (use YYYY-MM-DD).")
                else:
                    values[field] = parsed
        if (
            "date_from" in values
            and "date_to" in values
            and values["date_from"] > values["date_to"]
        ):
            notices.append("The start date was after the end date; the two were swapped.")
            values["date_from"], values["date_to"] = values["date_to"], values["date_from"]

        for dimension in DIMENSIONS:
            name, key = dimension.field, dimension.url_key
            raw = params.get(key)
            if raw is None:
                continue
            items = raw if isinstance(raw, list | tuple) else [raw]
            wanted = [v.strip() for item in items for v in str(item).split(",") if v.strip()]
            if name == "kinds" and wanted == [ALL_KINDS]:
                values[name] = ()
                continue
            valid_set = (known or {}).get(name)
            kept, dropped = [], []
            for value in wanted:
                ok = _TOKEN.match(value.lower())
                value = value.upper() if dimension.upper_case else value.lower()
                ok = ok and (valid_set is None or value in valid_set)
                (kept if ok else dropped).append(value)
            if dropped:
                shown = ", ".join(repr(v[:40]) for v in dropped[:5])
                more = f" and {len(dropped) - 5} more" if len(dropped) > 5 else ""
                notices.append(f"Ignored unknown {key}: {shown}{more}.")
            if kept:
                values[name] = tuple(dict.fromkeys(kept))

        text = first("q")
        if text:
            # any space (a no-break space from a copied title) reads as a space; control
            # characters are dropped
            spaced = "".join(" " if ch.isspace() else ch for ch in text)
            cleaned = "".join(ch for ch in spaced if ch.isprintable()).strip()
            if len(cleaned) > MAX_TEXT:
                notices.append(f"The search text was cut to {MAX_TEXT} characters.")
            values["text"] = cleaned[:MAX_TEXT]
        return cls(**values), notices

    def is_default(self) -> bool:
        return self == Filters()


FIELD_NAMES = tuple(f.name for f in fields(Filters))


def parse_iso_date(text: str) -> dt.date | None:
    try:
        value = dt.date.fromisoformat(text.strip())
    except (ValueError, TypeError):
        return None
    return value if 1900 <= value.year <= 9999 else None
