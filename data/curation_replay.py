"""Editors' corrections applied over what the sources say, again in every write.

An edit (table `edits`) names its record by a key that outlives a re-import: an appearance by
its dedupe key as first read (a later reading of the same page or row finds it again, whatever
an editor changed since), an outlet, expert or topic by its slug. The value a source gave for a
field an edit or a merge changed is kept in `readings`. Every write (data.store.write_batch)
then calls `replay`, in its transaction, before the rollups are rebuilt:

1. merges: an outlet, expert or topic merged into another (and not brought back) is gone again,
   its appearances, links and aliases moved to the one kept, even when an import or the
   reference list has just brought it back; the appearances it had are read first;
2. outlets', experts' and topics' fields: the latest edit in force, else the value read;
3. appearances' fields: the latest edit in force, else the value read, outlets, experts and
   topics named through the merges in force. A row read anew (its import removed, then
   imported again) is read again first.

So the store always equals the sources' readings with the edits in force applied in order: a
corrected date is not overwritten by the parser's next reading of the same page, an undone
edit gives the reading back, and a removed import takes its appearances away while their edits
stay in the history (and apply again if the appearance is imported again).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from data.organisation import slugify

SQL_DIR = Path(__file__).resolve().parent / "curation_sql"

# An appearance's fields an editor can change; the values as appearance_values.sql gives them.
APPEARANCE_FIELDS = (
    "title", "outlet", "published", "url", "kind", "language", "excluded", "experts", "topics",
)  # fmt: skip
SCALAR_COLUMNS = {  # field -> the articles column it sets and its type (fixed names)
    "title": ("title", "VARCHAR"),
    "published": ("published", "DATE"),
    "url": ("url", "VARCHAR"),
    "kind": ("kind", "VARCHAR"),
    "language": ("language", "VARCHAR"),
}
# An outlet's, expert's or topic's fields: profile is a JSON object of columns.
ENTITY_FIELDS = {"outlet": ("profile",), "expert": ("profile",), "topic": ("name",)}
PROFILE_COLUMNS = {
    "outlet": ("media_type", "country", "language", "tier", "confirmed"),
    "expert": ("role", "programme", "confirmed"),
}
MERGED_INTO = "merged_into"
ENTITY_TABLES = {  # kind -> (table, id column) (fixed names)
    "outlet": ("outlets", "outlet_id"),
    "expert": ("experts", "expert_id"),
    "topic": ("tags", "tag_id"),
}
LINK_FIELDS = {"outlet": "outlet", "expert": "experts", "topic": "topics"}  # what a merge moves


def sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


# ---------- values as JSON text


def encode(value: Any) -> str:
    """A field's value as stored in edits and readings: compact JSON, dates in ISO form."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"{value!r} is not a field value")


def decode(field: str, text: str | None) -> Any:
    """A value of `field` from its JSON text (dates back to dates, pairs to tuples)."""
    value = None if text is None else json.loads(text)
    if field == "published" and value is not None:
        return dt.date.fromisoformat(value)
    if field == "experts":
        return tuple(sorted((slug, role) for slug, role in value or ()))
    if field == "topics":
        return tuple(value or ())
    return value


def appearance_values(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, dict]:
    """dedupe key -> its article_id and each field's value, for the keys stored."""
    if not keys:
        return {}
    result = con.execute(sql("appearance_values"), {"keys": keys})
    columns = [c[0] for c in result.description]
    found = {}
    for row in result.fetchall():
        values = dict(zip(columns, row, strict=True))
        values["experts"] = tuple(sorted((slug, role) for slug, role in values["experts"]))
        values["topics"] = tuple(values["topics"])
        found[values["dedupe_key"]] = values
    return found


def capture(con: duckdb.DuckDBPyConnection, field: str, keys: list[str]) -> None:
    """Keep the value the sources gave for `field` of these appearances, unless kept already."""
    current = appearance_values(con, keys)
    rows = [
        ("appearance", key, field, encode(values[field]), values["article_id"])
        for key, values in current.items()
    ]
    _insert_readings(con, rows)


def capture_entity(con: duckdb.DuckDBPyConnection, kind: str, slug: str, field: str) -> None:
    """Keep an outlet's, expert's or topic's value for `field` as it is, unless kept already."""
    current = entity_values(con)
    if (kind, slug, field) in current:
        _insert_readings(con, [(kind, slug, field, current[kind, slug, field], None)])


def _insert_readings(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    if not rows:
        return
    frame = pd.DataFrame(
        rows, columns=["record_kind", "record_key", "field", "value", "article_id"]
    )
    con.register("new_readings", frame.astype({"article_id": "Int64"}))
    try:
        con.execute("INSERT OR IGNORE INTO readings SELECT * FROM new_readings")
    finally:
        con.unregister("new_readings")


def entity_values(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str, str], str]:
    """(kind, slug, field) -> JSON text of every outlet's, expert's and topic's fields."""
    return {(k, s, f): v for k, s, f, v in con.execute(sql("entity_values")).fetchall()}


# ---------- the edits in force


@dataclass(frozen=True)
class Active:
    edit_id: int
    record_kind: str
    record_key: str
    field: str
    after: str | None


def active_edits(con: duckdb.DuckDBPyConnection) -> list[Active]:
    return [Active(*row) for row in con.execute(sql("active_edits")).fetchall()]


def merge_targets(edits: list[Active]) -> dict[str, dict[str, str]]:
    """kind -> {slug merged away: the slug finally kept}, following chains (a into b, b into c:
    a into c). Edits are made so that no chain loops; one that would stops where it started."""
    direct: dict[str, dict[str, str]] = defaultdict(dict)
    for edit in edits:
        if edit.field == MERGED_INTO:
            direct[edit.record_kind][edit.record_key] = json.loads(edit.after)
    final: dict[str, dict[str, str]] = {}
    for kind, into in direct.items():
        final[kind] = {}
        for gone in into:
            seen, kept = {gone}, into[gone]
            while kept in into and kept not in seen:
                seen.add(kept)
                kept = into[kept]
            if kept != gone:  # a loop merges nothing
                final[kind][gone] = kept
    return final


def latest(edits: list[Active]) -> dict[tuple[str, str, str], str | None]:
    """(kind, key, field) -> the value of the latest edit in force (edits are oldest first)."""
    return {(e.record_kind, e.record_key, e.field): e.after for e in edits}


# ---------- replay


def replay(con: duckdb.DuckDBPyConnection) -> None:
    """Apply the edits in force over the store's readings (inside the caller's transaction)."""
    if not con.execute("SELECT EXISTS (FROM edits) OR EXISTS (FROM readings)").fetchone()[0]:
        return
    _read_again(con)
    edits = active_edits(con)
    merges = merge_targets(edits)
    for kind in ENTITY_TABLES:
        _apply_merges(con, kind, merges.get(kind, {}))
    _apply_entity_fields(con, edits)
    _apply_appearance_fields(con, edits, merges)


def _entity_id(con: duckdb.DuckDBPyConnection, kind: str, slug: str) -> int | None:
    table, column = ENTITY_TABLES[kind]
    row = con.execute(f"SELECT {column} FROM {table} WHERE slug = ?", [slug]).fetchone()  # noqa: S608 - fixed names
    return row[0] if row else None


def _apply_merges(con: duckdb.DuckDBPyConnection, kind: str, into: dict[str, str]) -> None:
    """Each outlet, expert or topic merged away that is in the store (again) goes into the one
    kept: its appearances are read, then moved, with its aliases. A merge whose kept record is
    gone (its last appearances removed) waits until it is back."""
    for gone, kept in into.items():
        gone_id, kept_id = _entity_id(con, kind, gone), _entity_id(con, kind, kept)
        if gone_id is None or kept_id is None:
            continue
        params = {"gone": gone_id, "kept": kept_id}
        found = con.execute(sql(f"{kind}_appearances"), {"gone": gone_id}).fetchall()
        keys = [key for (key,) in found]
        capture(con, LINK_FIELDS[kind], keys)
        for statement in con.extract_statements(sql(f"merge_{kind}")):
            con.execute(statement, {k: params[k] for k in statement.named_parameters})


def _apply_entity_fields(con: duckdb.DuckDBPyConnection, edits: list[Active]) -> None:
    wanted = {
        (kind, key, field): value
        for kind, key, field, value in con.execute(
            "SELECT record_kind, record_key, field, value FROM readings"
            " WHERE record_kind <> 'appearance'"
        ).fetchall()
    }
    wanted.update(
        {k: v for k, v in latest(edits).items() if k[0] in ENTITY_FIELDS and k[2] != MERGED_INTO}
    )
    current = entity_values(con)
    for (kind, slug, field), value in wanted.items():
        if (kind, slug, field) not in current or _same_json(current[kind, slug, field], value):
            continue
        table, _ = ENTITY_TABLES[kind]
        if field == "name":
            con.execute("UPDATE tags SET name = ? WHERE slug = ?", [json.loads(value), slug])
            continue
        profile = json.loads(value)
        columns = PROFILE_COLUMNS[kind]
        assignments = ", ".join(f"{c} = ?" for c in columns)
        con.execute(
            f"UPDATE {table} SET {assignments} WHERE slug = ?",  # noqa: S608 - fixed names
            [profile.get(c) for c in columns] + [slug],
        )


def _same_json(a: str | None, b: str | None) -> bool:
    return (None if a is None else json.loads(a)) == (None if b is None else json.loads(b))


def resolve(field: str, value: Any, merges: dict[str, dict[str, str]]) -> Any:
    """A field's value with every outlet, expert or topic merged away named by the one kept
    (an expert named twice keeps the first role, by slug order of the names written)."""
    if field == "outlet" and value is not None:
        return merges.get("outlet", {}).get(value, value)
    if field == "experts":
        into = merges.get("expert", {})
        roles: dict[str, str] = {}
        for slug, role in value:
            roles.setdefault(into.get(slug, slug), role)
        return tuple(sorted(roles.items()))
    if field == "topics":
        into = merges.get("topic", {})
        slugs: dict[str, str] = {}
        for name in value:
            slug = slugify(name, "topic")
            slugs.setdefault(into.get(slug, slug), name)
        return tuple(slugs.items())
    return value


def _comparable(field: str, value: Any) -> Any:
    """What two values of a field must share to be the same: topics by slug, not spelling."""
    if field == "topics":
        return frozenset(slug for slug, _ in value)
    return value


def wanted_values(
    readings: dict[tuple[str, str], str | None],
    edits: list[Active],
    merges: dict[str, dict[str, str]],
) -> dict[tuple[str, str], Any]:
    """(dedupe key, field) -> the value the store must hold: the latest edit in force, else the
    reading, through the merges in force. Pure."""
    chosen = dict(readings)
    for (kind, key, field), value in latest(edits).items():
        if kind == "appearance" and field in APPEARANCE_FIELDS:
            chosen[key, field] = value
    return {
        (key, field): resolve(field, decode(field, text), merges)
        for (key, field), text in chosen.items()
    }


def _read_again(con: duckdb.DuckDBPyConnection) -> None:
    """An appearance stored as a new row since its fields were read (its import removed, then
    imported again) is read again, before any merge or edit touches it."""
    stored = con.execute(
        "SELECT record_key, field, article_id FROM readings WHERE record_kind = 'appearance'"
    ).fetchall()
    current = appearance_values(con, sorted({key for key, *_ in stored}))
    reread = [
        (encode(here[field]), here["article_id"], key, field)
        for key, field, article_id in stored
        if (here := current.get(key)) is not None and here["article_id"] != article_id
    ]
    if reread:
        con.executemany(
            "UPDATE readings SET value = ?, article_id = ? WHERE record_kind = 'appearance'"
            " AND record_key = ? AND field = ?",
            reread,
        )


def _apply_appearance_fields(
    con: duckdb.DuckDBPyConnection, edits: list[Active], merges: dict[str, dict[str, str]]
) -> None:
    stored = con.execute(
        "SELECT record_key, field, value FROM readings WHERE record_kind = 'appearance'"
    ).fetchall()
    current = appearance_values(con, sorted({key for key, *_ in stored}))
    readings = {(key, field): value for key, field, value in stored}
    changes: dict[str, list[tuple[str, int, Any]]] = defaultdict(list)
    for (key, field), value in wanted_values(readings, edits, merges).items():
        here = current.get(key)
        if here is None:
            continue  # its import was removed: the edit waits in the history
        now = resolve(field, here[field], {}) if field == "topics" else here[field]
        if _comparable(field, value) != _comparable(field, now):
            changes[field].append((key, here["article_id"], value))
    for field, rows in changes.items():
        _set_field(con, field, rows)


def _set_field(
    con: duckdb.DuckDBPyConnection, field: str, rows: list[tuple[str, int, Any]]
) -> None:
    """Set one field of these appearances, set-based."""
    ids = [article_id for _, article_id, _ in rows]
    if field in SCALAR_COLUMNS:
        values = [None if v is None else str(v) for *_, v in rows]  # dates in ISO form
        con.register("changed", pd.DataFrame({"article_id": ids, "value": values}, dtype=object))
        column, kind = SCALAR_COLUMNS[field]
        con.execute(
            f"UPDATE articles SET {column} = CAST(c.value AS {kind}) FROM changed c"  # noqa: S608 - fixed names
            " WHERE articles.article_id = CAST(c.article_id AS INTEGER)"
        )
    elif field == "excluded":
        values = [value for *_, value in rows]
        con.register("changed", pd.DataFrame({"article_id": ids, "value": values}, dtype=object))
        con.execute(
            "UPDATE articles SET excluded = c.value IS NOT NULL,"
            " exclusion_reason = CAST(c.value AS VARCHAR)"
            " FROM changed c WHERE articles.article_id = CAST(c.article_id AS INTEGER)"
        )
    elif field == "outlet":
        frame = pd.DataFrame({"article_id": ids, "slug": [value for *_, value in rows]})
        con.register("changed", frame)
        con.execute(
            "UPDATE articles SET outlet_id = o.outlet_id FROM changed c JOIN outlets o USING (slug)"
            " WHERE articles.article_id = c.article_id"
        )
    elif field == "experts":
        _register_links(con, ids, rows, "role")
        con.execute("DELETE FROM article_experts WHERE article_id IN (SELECT unnest(?))", [ids])
        con.execute(
            "INSERT INTO article_experts (article_id, expert_id, role)"
            " SELECT c.article_id, e.expert_id, c.role FROM changed c JOIN experts e USING (slug)"
        )
    elif field == "topics":
        _register_links(con, ids, rows, "name")
        first = con.execute("SELECT coalesce(max(tag_id), 0) + 1 FROM tags").fetchone()[0]
        con.execute(
            "INSERT INTO tags (tag_id, slug, name)"
            " SELECT ? + row_number() OVER (ORDER BY slug) - 1, slug, any_value(name)"
            " FROM changed WHERE slug NOT IN (SELECT slug FROM tags) GROUP BY slug",
            [first],
        )
        con.execute("DELETE FROM article_tags WHERE article_id IN (SELECT unnest(?))", [ids])
        con.execute(
            "INSERT INTO article_tags (article_id, tag_id)"
            " SELECT DISTINCT c.article_id, t.tag_id FROM changed c JOIN tags t USING (slug)"
        )
    con.unregister("changed")


def _register_links(
    con: duckdb.DuckDBPyConnection, ids: list[int], rows: list[tuple[str, int, Any]], second: str
) -> None:
    """`changed`: one row per appearance x (slug, role or name) pair of its new value."""
    links = [(i, a, b) for i, (*_, value) in zip(ids, rows, strict=True) for a, b in value]
    frame = pd.DataFrame(links, columns=["article_id", "slug", second])
    con.register("changed", frame.astype({"article_id": "int64", "slug": object, second: object}))


# ---------- merged outlets in the dedupe key


def merged_key_variants(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, str]:
    """For keys naming an outlet (title and byline keys: 'title:<outlet slug>|...'), the same key
    under each outlet merged into that one -> the key asked for. An appearance stored under a
    merged outlet keeps the key it was first read with, so a re-import of its page, now read
    under the outlet kept, finds it there."""
    into = merge_targets(active_edits(con)).get("outlet", {})
    if not into:
        return {}
    merged: dict[str, list[str]] = defaultdict(list)
    for gone, kept in into.items():
        merged[kept].append(gone)
    variants = {}
    for key in keys:
        rule, sep, rest = key.partition(":")
        slug, bar, tail = rest.partition("|")
        if rule in ("title", "byline") and sep and bar:
            for gone in merged.get(slug, ()):
                variants[f"{rule}:{gone}|{tail}"] = key
    return variants
