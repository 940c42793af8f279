"""Saved views: a view of the dashboard a manager named (a page, its filters and its own
choices, as its link holds them), listed in the sidebar for everyone.

    save_view(db, "Le Monde in 2026", "outlets", {"from": "2026-01-01", "outlets": "le-monde"}, who)
    list_views(con)                                 # a read-only connection will do
    remove_view(db, view_id, editor=True)           # editors only

Written through the store's one write path (data.store.write_batch), whose rules
(data/integrity/saved_views_well_formed.sql) they keep. Anyone who may see the dashboard may
save a view; only editors remove one.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from data.key_dates import existing_store, require_editor, sql
from data.names import clean
from data.store import write_batch

NAME_CHARS = 80
QUERY_CHARS = 2000  # a link's query string; the longest filters a sidebar makes are far shorter
_PAGE = re.compile(r"[a-z0-9_-]*")


class SavedViewError(ValueError):
    """A view that cannot be saved or removed; the message says why. Nothing was written."""


@dataclass(frozen=True)
class SavedView:
    view_id: int
    name: str
    page: str  # the page's address ('' = the Overview)
    query: str  # the link's query string, without '?'
    saved_by: str | None = None

    def params(self) -> dict[str, str]:
        """The link's parameters (each key once: the dashboard's links hold each once)."""
        return dict(urllib.parse.parse_qsl(self.query, keep_blank_values=True))


def save_view(
    db: str | Path | None,
    name: str,
    page: str,
    params: Mapping[str, str],
    who: str | None,
) -> SavedView:
    """Save a view under a name no other saved view has (case aside), in one write."""
    name = clean(name or "")
    if not name:
        raise SavedViewError("A saved view needs a name.")
    if len(name) > NAME_CHARS:
        raise SavedViewError(f"A saved view's name has at most {NAME_CHARS} characters.")
    if not _PAGE.fullmatch(page or ""):
        raise SavedViewError(f"{page!r} is not a page of the dashboard.")
    query = urllib.parse.urlencode({str(k): str(v) for k, v in params.items()})
    if len(query) > QUERY_CHARS:
        raise SavedViewError(
            f"This view's link is too long to save ({len(query):,} characters, at most "
            f"{QUERY_CHARS:,}): remove a few filters."
        )
    with write_batch(existing_store(db)) as con:
        if any(v.name.casefold() == name.casefold() for v in list_views(con)):
            raise SavedViewError(f"A saved view is already called {name!r}: choose another name.")
        values = {"name": name, "page": page, "query": query, "who": who, "at": dt.datetime.now()}
        view_id = con.execute(sql("saved_view_add"), values).fetchone()[0]
    return SavedView(view_id, name, page, query, who)


def list_views(con: duckdb.DuckDBPyConnection) -> list[SavedView]:
    """Every saved view, by name."""
    return [SavedView(*row) for row in con.execute(sql("saved_view_list")).fetchall()]


def remove_view(db: str | Path | None, view_id: int, *, editor: bool) -> SavedView:
    """Remove one saved view, in one write; returns it. Editors only."""
    require_editor(editor, "remove saved views")
    with write_batch(existing_store(db)) as con:
        row = con.execute(sql("saved_view_remove"), {"view_id": view_id}).fetchone()
        if row is None:
            raise SavedViewError(f"There is no saved view {view_id}.")
    return SavedView(*row)
