"""Editors put right what the parsers got wrong: corrections, each a recorded, reversible edit.

    edit_appearance(db, key, {"published": date, "experts": [("jane-doe", "interview")]}, who)
    exclude(db, key, "not about us", who) / include(db, key, who)
    add_by_hand(db, Article(...), who, org)        # the same checks as an import
    merge(db, "outlet", "le-monde-fr", "le-monde", who)   # the merged name stays an alias
    confirm_expert(db, slug, role, programme, who); set_outlet(db, slug, who, media_type="tv")
    rename_topic(db, slug, "Energy policy", who)
    undo(db, edit_id, who)
    queue(con), queue_counts(con), history(con, ...), export_csv(con)

Every edit is one write through data.store.write_batch (copy, commit, swap): it keeps the value
the sources gave (data/curation_replay.py, `readings`), records who, when, which record, before,
after and why in `edits`, and the write applies the edits in force again, so the rollups and
the store's rules hold as after an import. An appearance is named by its dedupe key, an outlet,
expert or topic by its slug: the keys a re-import finds again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pandas as pd
from rapidfuzz import fuzz

from data import curation_replay as edits_model
from data.curation_replay import (
    APPEARANCE_FIELDS,
    ENTITY_TABLES,
    MERGED_INTO,
    PROFILE_COLUMNS,
    appearance_values,
    capture,
    capture_entity,
    encode,
    entity_values,
)
from data.dedupe import normalise_title
from data.formulas import defuse
from data.model import Article, ExpertMention, InvalidArticle, validate
from data.organisation import Organisation, alias_key, fold
from data.store import next_id, write_batch
from data.vocabulary import COUNTRIES, LANGUAGES, MEDIA_TYPES, TIERS

HAND_ORIGIN = "hand"  # ingest_runs.origin of an appearance added by hand
HAND_SOURCE = "added by hand"  # its source file
ADDED = "added"  # the field of the edit that added an appearance by hand
CHECKED = "checked"  # the field of an edit saying a queue item is right as it is
NOT_DUPLICATE = "not_duplicate"  # the field of an edit saying two appearances are two
UNDO = "undo"
RECORD_KINDS = ("appearance", "outlet", "expert", "topic", "pair", "edit")
QUEUE_KINDS = {
    "unknown_outlet": "Outlets not in the list",
    "unconfirmed_expert": "Experts to confirm",
    "duplicate": "Likely duplicates",
    "undated": "Without a date",
    "no_expert": "Without an expert",
    "uncertain": "Read with doubt",
}


class CurationError(ValueError):
    """An edit that cannot be made; the message says why. The store is unchanged."""


@dataclass(frozen=True)
class Edit:
    edit_id: int
    who: str
    made_at: dt.datetime
    record_kind: str
    record_key: str
    field: str
    before: str | None
    after: str | None
    why: str | None
    undone_by: int | None


# ---------- recording an edit


def _record(
    con: duckdb.DuckDBPyConnection,
    who: str,
    kind: str,
    key: str,
    field_name: str,
    before: Any,
    after: Any,
    why: str | None,
) -> int:
    if not (who or "").strip():
        raise CurationError("Say who makes the edit (a name or an address).")
    edit_id = next_id(con, "edits", "edit_id")
    con.execute(
        "INSERT INTO edits (edit_id, who, made_at, record_kind, record_key, field, before,"
        " after, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            edit_id,
            who.strip(),
            dt.datetime.now(),
            kind,
            key,
            field_name,
            encode(before),
            encode(after),
            (why or "").strip() or None,
        ],
    )
    return edit_id


def _appearance(con: duckdb.DuckDBPyConnection, key: str) -> dict:
    found = appearance_values(con, [key]).get(key)
    if found is None:
        raise CurationError(f"No appearance with the key {key!r} in the store.")
    return found


def appearance_key(con: duckdb.DuckDBPyConnection, ref: str | int) -> str:
    """The dedupe key of an appearance named by its id (as the pages show it) or its key."""
    text = str(ref).strip()
    if text.isdigit():
        row = con.execute(
            "SELECT dedupe_key FROM articles WHERE article_id = ?", [int(text)]
        ).fetchone()
    else:
        row = con.execute("SELECT dedupe_key FROM articles WHERE dedupe_key = ?", [text]).fetchone()
    if row is None:
        raise CurationError(f"No appearance {text!r} in the store (give its id or its key).")
    return row[0]


def find_record(con: duckdb.DuckDBPyConnection, kind: str, text: str) -> str:
    """The slug of the outlet, expert or topic a slug or a spelling names."""
    table, _ = ENTITY_TABLES[kind]
    written = (text or "").strip()
    row = con.execute(f"SELECT slug FROM {table} WHERE slug = ?", [written]).fetchone()  # noqa: S608 - fixed names
    if row is None and kind in ("outlet", "expert"):
        row = con.execute(
            f"SELECT x.slug FROM {kind}_aliases a JOIN {table} x USING ({kind}_id)"  # noqa: S608 - fixed names
            " WHERE a.alias_key = ?",
            [alias_key(written)],
        ).fetchone()
    if row is None and kind == "topic":
        row = con.execute(
            "SELECT slug FROM tags WHERE lower(name) = lower(?)", [written]
        ).fetchone()
    if row is None:
        raise CurationError(f"No {kind} {written!r} in the store.")
    return row[0]


# ---------- appearances


def _checked_value(con: duckdb.DuckDBPyConnection, field_name: str, value: Any) -> Any:
    """The value in the form the store keeps, or CurationError saying what is wrong with it."""
    if field_name in ("title", "url", "language"):
        text = (value or "").strip() if isinstance(value, str | None) else str(value)
        if field_name == "language" and text and text.lower() not in LANGUAGES:
            raise CurationError(f"language {text!r} is not one of {', '.join(LANGUAGES)}")
        return (text.lower() if field_name == "language" else text) or None
    if field_name == "published":
        if value is None or value == "":
            return None
        try:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            raise CurationError(f"date {value!r} is not a date (write YYYY-MM-DD)") from None
    if field_name == "kind":
        return str(value)
    if field_name == "outlet":
        return find_record(con, "outlet", str(value))
    if field_name == "experts":
        chosen = {}
        for name, role in value:
            chosen.setdefault(find_record(con, "expert", name), role)
        return tuple(sorted(chosen.items()))
    if field_name == "topics":
        names = [t.strip() for t in value if t and t.strip()]
        return tuple(dict.fromkeys(names))
    raise CurationError(f"{field_name!r} is not a field an editor can change")


def _as_article(values: dict) -> Article:
    """An appearance's values as the Article data.model.validate checks."""
    return Article(
        title=values["title"],
        outlet=values["outlet"],
        date=values["published"],
        experts=[ExpertMention(slug, role) for slug, role in values["experts"]],
        tags=list(values["topics"]),
        language=values["language"],
        url=values["url"],
        kind=values["kind"],
    )


def edit_appearance(
    db: str | Path | None,
    key: str,
    changes: dict[str, Any],
    who: str,
    why: str | None = None,
    today: dt.date | None = None,
) -> list[int]:
    """Change fields of one appearance (title, outlet, published, url, kind, language, experts
    as (name or slug, role) pairs, topics as names); one edit per field that changes. The
    result passes the checks an import makes (data.model.validate)."""
    unknown = set(changes) - set(APPEARANCE_FIELDS) - {"excluded"}
    if unknown or "excluded" in changes:
        raise CurationError(
            f"Not fields an edit sets: {', '.join(sorted(unknown | ({'excluded'} & set(changes))))}"
            " (exclude and bring back have their own commands)."
        )
    with write_batch(db) as con:
        now = _appearance(con, key)
        wanted = {name: _checked_value(con, name, value) for name, value in changes.items()}
        try:
            validate(_as_article({**now, **wanted}), today)
        except InvalidArticle as exc:
            raise CurationError(f"This edit would leave the appearance invalid: {exc}.") from None
        made = []
        for name, value in wanted.items():
            before = now[name]
            if _same(name, before, value):
                continue
            capture(con, name, [key])
            made.append(_record(con, who, "appearance", key, name, before, value, why))
        if not made:
            raise CurationError("Nothing to change: the appearance already holds these values.")
    return made


def _same(field_name: str, a: Any, b: Any) -> bool:
    if field_name == "topics":
        return {fold(t) for t in a} == {fold(t) for t in b}
    return a == b


def exclude(db: str | Path | None, key: str, reason: str, who: str) -> int:
    """Leave one appearance out of every count, saying why."""
    if not (reason or "").strip():
        raise CurationError("Say why the appearance is excluded (the reason is shown with it).")
    with write_batch(db) as con:
        now = _appearance(con, key)
        if now["excluded"] is not None:
            raise CurationError(f"The appearance is already excluded: {now['excluded']}.")
        capture(con, "excluded", [key])
        return _record(con, who, "appearance", key, "excluded", None, reason.strip(), reason)


def include(db: str | Path | None, key: str, who: str, why: str | None = None) -> int:
    """Bring an excluded appearance back into the counts."""
    with write_batch(db) as con:
        now = _appearance(con, key)
        if now["excluded"] is None:
            raise CurationError("The appearance is not excluded: it is counted already.")
        capture(con, "excluded", [key])
        return _record(con, who, "appearance", key, "excluded", now["excluded"], None, why)


def add_by_hand(
    db: str | Path | None,
    article: Article,
    who: str,
    org: Organisation,
    why: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Add one appearance no source holds (a live interview nobody clipped), with the checks and
    the resolution of an import. It is an import of its own (origin 'hand'), so undoing the
    edit removes it as a removal would."""
    from data.ingest import planning, stored, writing
    from data.parsers import Context

    article = replace(article, source=HAND_SOURCE, source_format=HAND_ORIGIN)
    try:
        validate(article, today)
    except InvalidArticle as exc:
        raise CurationError(f"This appearance cannot be added: {exc}.") from None
    ctx = Context.for_organisation(org, today)
    with write_batch(db) as con:
        names = stored.names(con)
        resolved = [planning.resolve(article, ctx, names)]
        matches = stored.matches(con, resolved)
        plan = planning.plan(org, [HAND_SOURCE], resolved, [], names, matches)
        if not plan.new:
            raise CurationError(
                f"This appearance is in the store already (key {resolved[0].key!r})."
            )
        summary = writing.write_plan(con, plan, HAND_ORIGIN)
        if not summary.n_new:
            raise CurationError("This appearance is in the store already.")
        added = plan.new[0]
        after = {
            "import": summary.run_id,
            "title": article.title,
            "outlet": added.outlet,
            "published": article.date,
        }
        return _record(con, who, "appearance", added.key, ADDED, None, after, why)


def mark_checked(
    db: str | Path | None, key: str, item: str, who: str, why: str | None = None
) -> int:
    """Say a queue item (undated, no_expert, uncertain) is right as it is: it leaves the queue."""
    if item not in ("undated", "no_expert", "uncertain"):
        raise CurationError(f"{item!r} is not a queue item an appearance can be checked for.")
    with write_batch(db) as con:
        _appearance(con, key)
        return _record(con, who, "appearance", key, CHECKED, None, item, why)


def not_duplicates(
    db: str | Path | None, first: str, second: str, who: str, why: str | None = None
) -> int:
    """Say two appearances the queue paired are two: the pair leaves the queue."""
    with write_batch(db) as con:
        _appearance(con, first)
        _appearance(con, second)
        pair = encode(sorted((first, second)))
        return _record(con, who, "pair", pair, NOT_DUPLICATE, None, True, why)


# ---------- outlets, experts, topics


def merge(
    db: str | Path | None, kind: str, gone: str, kept: str, who: str, why: str | None = None
) -> int:
    """Merge an outlet, expert or topic into another: its appearances and spellings go to the
    one kept (the next import resolves its name there); undoing the edit brings it back with
    the appearances it had."""
    if kind not in ENTITY_TABLES:
        raise CurationError(f"{kind!r}: merge outlets, experts or topics.")
    with write_batch(db) as con:
        gone, kept = find_record(con, kind, gone), find_record(con, kind, kept)
        if gone == kept:
            raise CurationError(f"Both names are the same {kind} ({gone}): nothing to merge.")
        before = _snapshot(con, kind, gone)
        return _record(con, who, kind, gone, MERGED_INTO, before, kept, why)


def _snapshot(con: duckdb.DuckDBPyConnection, kind: str, slug: str) -> dict:
    """What a merged record's undo needs to bring it back: its row and its spellings."""
    table, id_column = ENTITY_TABLES[kind]
    result = con.execute(f"SELECT * FROM {table} WHERE slug = ?", [slug])  # noqa: S608 - fixed names
    row = dict(zip([c[0] for c in result.description], result.fetchone(), strict=True))
    if kind in ("outlet", "expert"):
        row["aliases"] = [
            key
            for (key,) in con.execute(
                f"SELECT alias_key FROM {kind}_aliases WHERE {id_column} = ? ORDER BY alias_key",  # noqa: S608 - fixed names
                [row[id_column]],
            ).fetchall()
        ]
    return row


def _bring_back(con: duckdb.DuckDBPyConnection, kind: str, slug: str, snapshot: dict) -> None:
    """Recreate a merged record from its snapshot (its old id when free), spellings included."""
    table, id_column = ENTITY_TABLES[kind]
    if con.execute(f"SELECT 1 FROM {table} WHERE slug = ?", [slug]).fetchone():  # noqa: S608 - fixed names
        return
    taken = con.execute(
        f"SELECT 1 FROM {table} WHERE {id_column} = ?",  # noqa: S608 - fixed names
        [snapshot[id_column]],
    ).fetchone()
    new_id = next_id(con, table, id_column) if taken else snapshot[id_column]
    columns = [c for c in snapshot if c != "aliases"]
    values = [new_id if c == id_column else snapshot[c] for c in columns]
    con.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",  # noqa: S608 - the table's own columns
        values,
    )
    if kind in ("outlet", "expert"):
        con.execute(
            f"UPDATE {kind}_aliases SET {id_column} = ? WHERE alias_key IN (SELECT unnest(?))",  # noqa: S608 - fixed names
            [new_id, snapshot["aliases"]],
        )


def _set_profile(
    db: str | Path | None, kind: str, slug: str, values: dict[str, Any], who: str, why: str | None
) -> int:
    with write_batch(db) as con:
        slug = find_record(con, kind, slug)
        before = json.loads(entity_values(con)[kind, slug, "profile"])
        after = {**before, **values}
        if after == before:
            raise CurationError(f"Nothing to change: the {kind} already holds these values.")
        capture_entity(con, kind, slug, "profile")
        return _record(con, who, kind, slug, "profile", before, after, why)


def confirm_expert(
    db: str | Path | None,
    slug: str,
    who: str,
    role: str | None = None,
    programme: str | None = None,
    why: str | None = None,
) -> int:
    """Confirm a person found in pages into the roster, with their role and programme."""
    return _set_profile(
        db,
        "expert",
        slug,
        {"confirmed": True, "role": _text(role), "programme": _text(programme)},
        who,
        why,
    )


def set_outlet(
    db: str | Path | None, slug: str, who: str, why: str | None = None, **values: Any
) -> int:
    """Set an outlet's media type, country, language, tier, or confirm it into the list."""
    unknown = set(values) - set(PROFILE_COLUMNS["outlet"])
    if unknown:
        raise CurationError(f"Not an outlet's field: {', '.join(sorted(unknown))}.")
    checks = {
        "media_type": MEDIA_TYPES,
        "country": COUNTRIES,
        "language": LANGUAGES,
        "tier": TIERS,
    }
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name == "confirmed":
            clean[name] = bool(value)
            continue
        text = _text(None if value is None else str(value))
        if name == "country" and text:
            text = text.upper()
        elif text:
            text = text.lower()
        if text is not None and text not in checks[name]:
            raise CurationError(f"{name} {value!r} is not one of {', '.join(checks[name])}.")
        clean[name] = int(text) if name == "tier" and text else text
    return _set_profile(db, "outlet", slug, clean, who, why)


def rename_topic(
    db: str | Path | None, slug: str, name: str, who: str, why: str | None = None
) -> int:
    """Give a topic another name; its slug, and so every link to it, stays."""
    if not _text(name):
        raise CurationError("A topic needs a name.")
    with write_batch(db) as con:
        slug = find_record(con, "topic", slug)
        before = json.loads(entity_values(con)["topic", slug, "name"])
        if before == name.strip():
            raise CurationError("Nothing to change: the topic has this name already.")
        capture_entity(con, "topic", slug, "name")
        return _record(con, who, "topic", slug, "name", before, name.strip(), why)


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


# ---------- undo


def get_edit(con: duckdb.DuckDBPyConnection, edit_id: int) -> Edit:
    row = con.execute(
        "SELECT edit_id, who, made_at, record_kind, record_key, field, before, after, why,"
        " undone_by FROM edits WHERE edit_id = ?",
        [edit_id],
    ).fetchone()
    if row is None:
        raise CurationError(f"There is no edit {edit_id}.")
    return Edit(*row)


def undo(db: str | Path | None, edit_id: int, who: str, why: str | None = None) -> int:
    """Take one edit back: the store holds what it would without it (the reading, or the edit
    in force before it); the edit stays in the history, marked as undone."""
    from data.removal import RemovalError, remove_rows

    with write_batch(db) as con:
        edit = get_edit(con, edit_id)
        if edit.field == UNDO:
            raise CurationError(f"Edit {edit_id} is an undo; make the change again instead.")
        if edit.undone_by is not None:
            undone = get_edit(con, edit.undone_by)
            raise CurationError(
                f"Edit {edit_id} was undone already, by {undone.who} on {undone.made_at:%-d %b %Y}."
            )
        if edit.field == MERGED_INTO:
            _bring_back(con, edit.record_kind, edit.record_key, json.loads(edit.before))
        if edit.field == ADDED:
            try:
                remove_rows(con, json.loads(edit.after)["import"])
            except RemovalError:
                pass  # removed from the Import page already: nothing left to take out
        # the undo's values: the edit's, the other way round
        back, forth = (None if v is None else json.loads(v) for v in (edit.after, edit.before))
        undo_id = _record(con, who, "edit", str(edit_id), UNDO, back, forth, why)
        con.execute("UPDATE edits SET undone_by = ? WHERE edit_id = ?", [undo_id, edit_id])
        return undo_id


# ---------- history


def history(
    con: duckdb.DuckDBPyConnection,
    who: str | None = None,
    record_kind: str | None = None,
    field_name: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    text: str | None = None,
) -> pd.DataFrame:
    """The edits, newest first, filtered (None: any)."""
    params = {
        "who": who or None,
        "record_kind": record_kind or None,
        "field": field_name or None,
        "since": since,
        "until": until,
        "text": text or None,
    }
    return con.cursor().execute(edits_model.sql("history"), params).df()


EXPORT_COLUMNS = (
    "edit_id", "who", "made_at", "record_kind", "record_key", "label", "field", "before",
    "after", "why", "undone_by",
)  # fmt: skip


def export_csv(frame: pd.DataFrame) -> str:
    """The history as CSV text (the command line writes it with a BOM, for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for row in frame[list(EXPORT_COLUMNS)].itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else defuse(v) for v in row])
    return out.getvalue()


# ---------- the queue


@dataclass(frozen=True)
class QueueItem:
    kind: str  # a key of QUEUE_KINDS
    key: str  # the record: an outlet's or expert's slug, an appearance's dedupe key, a pair
    label: str
    evidence: tuple[str, ...]  # where it came from: "file, row N: title"
    appearances: int = 1
    detail: dict = field(default_factory=dict)


def _where(source: str | None, row: object, title: str | None) -> str:
    place = source or "unknown source"
    if row is not None and str(row).strip():
        place += f", row {int(row)}"
    return f"{place}: {title or '(no title)'}"


def queue(con: duckdb.DuckDBPyConnection) -> dict[str, list[QueueItem]]:
    """What waits for an editor, by kind (QUEUE_KINDS), each item with its evidence."""
    cur = con.cursor()
    checked = {
        (key, json.loads(after))
        for key, after in cur.execute(
            "SELECT record_key, after FROM edits WHERE field = ? AND undone_by IS NULL", [CHECKED]
        ).fetchall()
    }
    found: dict[str, list[QueueItem]] = {kind: [] for kind in QUEUE_KINDS}
    for kind, name in (
        ("unknown_outlet", "queue_outlets"),
        ("unconfirmed_expert", "queue_experts"),
    ):
        for slug, label, count, evidence in cur.execute(edits_model.sql(name)).fetchall():
            shown = tuple(_where(*e) for e in evidence or ())
            found[kind].append(QueueItem(kind, slug, label, shown, count))
    for row in _rows(cur, "queue_appearances"):
        label = f"{row.title or '(no title)'} ({row.outlet})"
        evidence = (_where(row.source_file, row.source_row, row.title),)
        for kind, flagged in (
            ("undated", row.undated),
            ("no_expert", row.no_expert),
            ("uncertain", row.uncertain is not None),
        ):
            if flagged and (row.dedupe_key, kind) not in checked:
                detail = {"article_id": int(row.article_id)}
                if kind == "uncertain":
                    detail["why"] = row.uncertain
                found[kind].append(QueueItem(kind, row.dedupe_key, label, evidence, 1, detail))
    found["duplicate"] = likely_duplicates(cur)
    return found


def _rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[SimpleNamespace]:
    result = con.execute(edits_model.sql(name), params)
    columns = [c[0] for c in result.description]
    return [SimpleNamespace(**dict(zip(columns, row, strict=True))) for row in result.fetchall()]


def queue_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {kind: len(items) for kind, items in queue(con).items()}


def likely_duplicates(con: duckdb.DuckDBPyConnection) -> list[QueueItem]:
    """Pairs of appearances in one outlet, a day apart at most, that look like one piece."""
    dismissed = {
        key
        for (key,) in con.execute(
            "SELECT record_key FROM edits WHERE field = ? AND undone_by IS NULL", [NOT_DUPLICATE]
        ).fetchall()
    }
    hits = []
    for pair in con.execute(edits_model.sql("queue_pairs")).fetchall():
        first_id, first_title, first_language, first_experts = pair[:4]
        second_id, second_title, second_language, second_experts = pair[4:]
        why = duplicate_reason(
            (first_title, first_experts, first_language),
            (second_title, second_experts, second_language),
        )
        if why is not None:
            hits.append((first_id, second_id, why))
    ids = sorted({i for first, second, _ in hits for i in (first, second)})
    seen = {row.article_id: row for row in _rows(con, "queue_evidence", ids=ids)}
    items = []
    for first_id, second_id, why in hits:
        first, second = seen[first_id], seen[second_id]
        key = encode(sorted((first.dedupe_key, second.dedupe_key)))
        if key in dismissed:
            continue
        items.append(
            QueueItem(
                "duplicate",
                key,
                f"{first.title or '(no title)'} / {second.title or '(no title)'} ({first.outlet})",
                (
                    _where(first.source_file, first.source_row, first.title),
                    _where(second.source_file, second.source_row, second.title),
                ),
                2,
                {
                    "why": why,
                    "first": first.dedupe_key,
                    "second": second.dedupe_key,
                    "first_id": first_id,
                    "second_id": second_id,
                },
            )
        )
    return items


SIMILAR_TITLES = 85  # rapidfuzz token_sort_ratio of the normalised titles, out of 100
RELATED_TITLES = 60  # enough beside a shared expert


@cache
def names_in(title: str | None) -> frozenset[str]:
    """A title's names and numbers (capitalised words past the first, figures): what a
    translation keeps ('Ukraine', 'Macron', '2025'), in folded form."""
    if not title:
        return frozenset()
    words = re.findall(r"[\w'-]+", title)
    kept = {w for w in words[1:] if w[0].isupper() and len(w) >= 3 or w[0].isdigit()}
    return frozenset(fold(w) for w in kept)


def words_of(names: Iterable[str]) -> frozenset[str]:
    """The folded words of people's names: a title naming its expert says nothing of which
    piece it is."""
    return frozenset(fold(w) for name in names for w in re.findall(r"[\w'-]+", name))


_normalised = cache(normalise_title)


def duplicate_reason(
    first: tuple[str | None, Iterable[str], str | None],
    second: tuple[str | None, Iterable[str], str | None],
) -> str | None:
    """Why two appearances of one outlet a day apart at most look like one piece, or None.
    Each side is (title, expert names, language). Pure.

    The names of the experts both have count for nothing: two titles naming their expert say
    nothing of which piece each is."""
    (t1, e1, l1), (t2, e2, l2) = first, second
    shared = sorted(set(e1 or ()) & set(e2 or ()))
    expert_words = words_of(shared)
    similarity = _similarity_without(t1, t2, expert_words)
    if similarity >= SIMILAR_TITLES:
        return f"similar titles ({similarity:.0f} %)"
    names = sorted(names_in(t1) & names_in(t2) - expert_words)
    two_languages = bool(l1 and l2 and l1 != l2)
    if shared and (two_languages or similarity >= RELATED_TITLES or len(names) >= 2):
        how = "in two languages" if two_languages else "with related titles"
        return f"the same experts ({', '.join(shared)}), {how}"
    if two_languages and len(names) >= 2:
        return f"titles in two languages naming {', '.join(names)}"
    return None


def _similarity_without(first: str | None, second: str | None, words: frozenset[str]) -> float:
    """How alike two titles are (rapidfuzz token_sort_ratio of the normalised titles), once the
    given words are left out of both; as they are where nothing else is left of either."""
    if not first or not second:
        return 0
    left_out = {part for word in words for part in _normalised(word).split()}

    def kept(title: str) -> str:
        return " ".join(w for w in _normalised(title).split() if w not in left_out)

    shorter = kept(first), kept(second)
    if not all(shorter):  # a title that is only its expert's name
        shorter = _normalised(first), _normalised(second)
    return fuzz.token_sort_ratio(*shorter)
