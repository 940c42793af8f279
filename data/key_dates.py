"""Key dates: events an editor marks on every timeline and in the report (a report launch, an
election, a summit), each a day and a label.

    add_key_date(db, dt.date(2025, 3, 12), "Annual report launch", "editor", editor=True)
    list_key_dates(con, date_from, date_to)         # a read-only connection will do
    remove_key_date(db, key_date_id, editor=True)
    python -m data.key_dates add 2025-03-12 "Annual report launch" | list | remove ID

Written through the store's one write path (data.store.write_batch), whose rules
(data/integrity/key_dates_well_formed.sql) they keep; only editors add or remove them. They
are never counted: a key date says when something happened, not what the media wrote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from data.model import EARLIEST_DATE
from data.names import clean
from data.store import StoreError, db_path, open_read_only, write_batch

SQL_DIR = Path(__file__).resolve().parent / "annotations"
LABEL_CHARS = 80  # a marker's label on a chart must stay readable


class EditorsOnly(PermissionError):
    """A viewer asked to change what only editors change; nothing was written."""


class KeyDateError(ValueError):
    """A key date that cannot be added or removed; the message says why. Nothing was written."""


@dataclass(frozen=True)
class KeyDate:
    key_date_id: int
    day: dt.date
    label: str
    added_by: str | None = None


def sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


def last_day(today: dt.date | None = None) -> dt.date:
    """The latest day a key date may have: the end of next year (an election ahead)."""
    return dt.date((today or dt.date.today()).year + 1, 12, 31)


def require_editor(editor: bool, what: str) -> None:
    if not editor:
        raise EditorsOnly(f"Only editors can {what}; sign in as an editor.")


def existing_store(db: str | Path | None) -> Path:
    """The store file, which must exist: a key date or a view is never the start of a store."""
    file = db_path(db)
    if not file.exists():
        open_read_only(file)  # raises the StoreError that says how to create one
    return file


def add_key_date(
    db: str | Path | None, day: dt.date, label: str, who: str | None, *, editor: bool
) -> KeyDate:
    """Add a key date, in one write; refused for a viewer, a blank or long label, a day out of
    range or one that already holds the same label."""
    require_editor(editor, "add key dates")
    label = clean(label or "")
    if not label:
        raise KeyDateError("A key date needs a label (what happened that day).")
    if len(label) > LABEL_CHARS:
        raise KeyDateError(f"A key date's label has at most {LABEL_CHARS} characters.")
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise KeyDateError(f"A key date needs a day, not {day!r}.")
    if not EARLIEST_DATE <= day <= last_day():
        raise KeyDateError(
            f"{day.isoformat()} is out of range: a key date is from {EARLIEST_DATE.isoformat()} "
            f"to {last_day().isoformat()}."
        )
    with write_batch(existing_store(db)) as con:
        if any(k.label.casefold() == label.casefold() for k in list_key_dates(con, day, day)):
            raise KeyDateError(f"{day.isoformat()} already has the key date {label!r}.")
        params = {"day": day, "label": label, "who": who, "at": dt.datetime.now()}
        key_date_id = con.execute(sql("key_date_add"), params).fetchone()[0]
    return KeyDate(key_date_id, day, label, who)


def list_key_dates(
    con: duckdb.DuckDBPyConnection, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[KeyDate]:
    """The key dates from date_from to date_to (both included; None: no bound), by day."""
    rows = con.execute(sql("key_date_list"), {"date_from": date_from, "date_to": date_to})
    return [KeyDate(*row) for row in rows.fetchall()]


def remove_key_date(db: str | Path | None, key_date_id: int, *, editor: bool) -> KeyDate:
    """Remove one key date, in one write; returns it."""
    require_editor(editor, "remove key dates")
    with write_batch(existing_store(db)) as con:
        row = con.execute(sql("key_date_remove"), {"key_date_id": key_date_id}).fetchone()
        if row is None:
            raise KeyDateError(f"There is no key date {key_date_id}.")
    return KeyDate(*row)


# ---------- the command line (whoever runs it holds the store file: an editor)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.key_dates", description=__doc__)
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add a key date: DAY (YYYY-MM-DD) LABEL")
    add.add_argument("day", type=dt.date.fromisoformat)
    add.add_argument("label")
    add.add_argument("--who", default="command line", help="who adds it (default: command line)")
    listed = commands.add_parser("list", help="list the key dates (id, day, label)")
    listed.add_argument("--from", dest="date_from", type=dt.date.fromisoformat)
    listed.add_argument("--to", dest="date_to", type=dt.date.fromisoformat)
    remove = commands.add_parser("remove", help="remove the key date with this id")
    remove.add_argument("key_date_id", type=int)
    args = parser.parse_args(argv)
    try:
        if args.command == "add":
            added = add_key_date(args.db, args.day, args.label, args.who, editor=True)
            print(f"Added key date {added.key_date_id}: {added.day.isoformat()} {added.label}")
        elif args.command == "remove":
            gone = remove_key_date(args.db, args.key_date_id, editor=True)
            print(f"Removed key date {gone.key_date_id}: {gone.day.isoformat()} {gone.label}")
        else:
            con = open_read_only(args.db)
            try:
                for key_date in list_key_dates(con, args.date_from, args.date_to):
                    print(f"{key_date.key_date_id}\t{key_date.day.isoformat()}\t{key_date.label}")
            finally:
                con.close()
    except (KeyDateError, StoreError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
