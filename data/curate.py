"""Put right what the parsers got wrong, from the command line (the editors' page does the same).

    python -m data.curate [--db PATH] [--who NAME] COMMAND ...

    queue [--kind KIND]                    what waits: unknown outlets, experts to confirm,
                                           likely duplicates, undated, no expert, read with doubt
    show APPEARANCE                        an appearance's values (its id or its key)
    edit APPEARANCE [--title T] [--outlet O] [--date YYYY-MM-DD|none] [--url U] [--kind K]
         [--language L] [--expert NAME[=ROLE] ...] [--topic NAME ...] [--why W]
    exclude APPEARANCE --why REASON        leave it out of every count
    include APPEARANCE                     bring it back
    add --title T --outlet O [--date D] [--expert NAME[=ROLE] ...] [--topic ...] [--url U]
    merge outlet|expert|topic GONE KEPT    the merged name stays an alias of the one kept
    confirm EXPERT [--role R] [--programme P]
    outlet OUTLET [--media-type M] [--country C] [--language L] [--tier N] [--confirm]
    rename-topic TOPIC NAME
    checked APPEARANCE undated|no_expert|uncertain     right as it is: out of the queue
    not-duplicate APPEARANCE APPEARANCE
    undo EDIT
    history [--who W] [--record-kind K] [--field F] [--since D] [--until D] [--text T]
    export [-o FILE]                       the history as CSV (UTF-8 with BOM, for Excel)
    apply FILE.csv                         a spreadsheet of corrections, one per row:
                                           action,record,value,why (see README)

Each edit is one write (copy, commit, swap), recorded with who, when, before, after and why.
Exit status 0 when every edit was made, 1 when one was refused (the message says why; the store
is unchanged by it), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from data import curation
from data.curation import CurationError
from data.model import Article, ExpertMention
from data.organisation import OrganisationError, load_organisation
from data.store import StoreError, db_path, open_read_only


def _mention(text: str) -> tuple[str, str]:
    name, _, role = text.partition("=")
    return name.strip(), (role.strip() or "quoted")


def _date(text: str | None) -> dt.date | None | str:
    if text is None or text.lower() in ("", "none", "undated"):
        return None
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m data.curate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the commands, one a line
    )
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    parser.add_argument("--who", default=None, help="who makes the edits (default: your login)")
    sub = parser.add_subparsers(dest="command", required=True)

    q = sub.add_parser("queue", help="what waits for an editor")
    q.add_argument("--kind", choices=list(curation.QUEUE_KINDS))
    sub.add_parser("show", help="an appearance's values").add_argument("appearance")

    def appearance_fields(p: argparse.ArgumentParser) -> None:
        p.add_argument("--title")
        p.add_argument("--outlet")
        p.add_argument("--date")
        p.add_argument("--url")
        p.add_argument("--kind")
        p.add_argument("--language")
        p.add_argument("--expert", action="append", metavar="NAME[=ROLE]")
        p.add_argument("--topic", action="append", metavar="NAME")
        p.add_argument("--why")

    e = sub.add_parser("edit", help="change an appearance's fields")
    e.add_argument("appearance")
    appearance_fields(e)
    x = sub.add_parser("exclude", help="leave an appearance out of every count")
    x.add_argument("appearance")
    x.add_argument("--why", required=True)
    i = sub.add_parser("include", help="bring an excluded appearance back")
    i.add_argument("appearance")
    i.add_argument("--why")
    a = sub.add_parser("add", help="add an appearance by hand")
    appearance_fields(a)
    a.add_argument("--org", help="organisation folder (default: $PRESSWATCH_ORG or data/reference)")
    m = sub.add_parser("merge", help="merge an outlet, expert or topic into another")
    m.add_argument("kind", choices=["outlet", "expert", "topic"])
    m.add_argument("gone")
    m.add_argument("kept")
    m.add_argument("--why")
    c = sub.add_parser("confirm", help="confirm an expert into the roster")
    c.add_argument("expert")
    c.add_argument("--role")
    c.add_argument("--programme")
    c.add_argument("--why")
    o = sub.add_parser("outlet", help="set an outlet's media type, country, language, tier")
    o.add_argument("outlet")
    o.add_argument("--media-type")
    o.add_argument("--country")
    o.add_argument("--language")
    o.add_argument("--tier")
    o.add_argument("--confirm", action="store_true", help="confirm it into the outlet list")
    o.add_argument("--why")
    r = sub.add_parser("rename-topic", help="give a topic another name")
    r.add_argument("topic")
    r.add_argument("name")
    r.add_argument("--why")
    k = sub.add_parser("checked", help="a queue item is right as it is")
    k.add_argument("appearance")
    k.add_argument("item", choices=["undated", "no_expert", "uncertain"])
    k.add_argument("--why")
    n = sub.add_parser("not-duplicate", help="two appearances the queue paired are two")
    n.add_argument("first")
    n.add_argument("second")
    n.add_argument("--why")
    u = sub.add_parser("undo", help="take an edit back")
    u.add_argument("edit", type=int)
    u.add_argument("--why")
    h = sub.add_parser("history", help="the edits, newest first")
    h.add_argument("--who", dest="by")
    h.add_argument("--record-kind", choices=curation.RECORD_KINDS)
    h.add_argument("--field")
    h.add_argument("--since", type=dt.date.fromisoformat)
    h.add_argument("--until", type=dt.date.fromisoformat)
    h.add_argument("--text")
    ex = sub.add_parser("export", help="the history as CSV")
    ex.add_argument("-o", "--output", help="file to write (default: standard output)")
    ap = sub.add_parser("apply", help="a spreadsheet of corrections")
    ap.add_argument("file")
    return parser


def _changes(args: argparse.Namespace) -> dict:
    changes = {}
    for name, value in (
        ("title", args.title),
        ("outlet", args.outlet),
        ("url", args.url),
        ("kind", args.kind),
        ("language", args.language),
    ):
        if value is not None:
            changes[name] = value
    if args.date is not None:
        changes["published"] = _date(args.date)
    if args.expert is not None:
        changes["experts"] = [_mention(text) for text in args.expert]
    if args.topic is not None:
        changes["topics"] = args.topic
    return changes


def _read(db: Path, work: Callable) -> object:
    con = open_read_only(db)
    try:
        return work(con)
    finally:
        con.close()


def _key(db: Path, ref: str) -> str:
    return _read(db, lambda con: curation.appearance_key(con, ref))


def run(args: argparse.Namespace, out: io.TextIOBase) -> int:
    db, who = db_path(args.db), args.who or getpass.getuser()
    command = args.command
    if command == "queue":
        items = _read(db, curation.queue)
        for kind, label in curation.QUEUE_KINDS.items():
            if args.kind and kind != args.kind:
                continue
            print(f"{label}: {len(items[kind])}", file=out)
            for item in items[kind]:
                print(f"  {item.label}  [{_shown_key(item)}]", file=out)
                for line in item.evidence:
                    print(f"      {line}", file=out)
                if "why" in item.detail:
                    print(f"      why: {item.detail['why']}", file=out)
        return 0
    if command == "show":
        key = _key(db, args.appearance)
        values = _read(db, lambda con: curation.appearance_values(con, [key])[key])
        print(json.dumps(values, ensure_ascii=False, indent=2, default=str), file=out)
        return 0
    if command == "history":
        frame = _read(
            db,
            lambda con: curation.history(
                con, args.by, args.record_kind, args.field, args.since, args.until, args.text
            ),
        )
        for row in frame.itertuples(index=False):
            undone = f"  (undone by {row.undone_by})" if pd.notna(row.undone_by) else ""
            print(
                f"{row.edit_id:>5}  {row.made_at:%Y-%m-%d %H:%M}  {row.who}  {row.record_kind}"
                f" {row.label or row.record_key}  {row.field}: {row.before} -> {row.after}"
                f"{'  why: ' + row.why if pd.notna(row.why) else ''}{undone}",
                file=out,
            )
        return 0
    if command == "export":
        text = curation.export_csv(_read(db, curation.history))
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8-sig", newline="")
        else:
            out.write(text)
        return 0
    if command == "apply":
        return apply_file(Path(args.file), db, who, out)
    made = _edit(args, db, who)
    print(
        f"edit {made}" if isinstance(made, int) else f"edits {', '.join(map(str, made))}", file=out
    )
    return 0


def _shown_key(item: curation.QueueItem) -> str:
    if item.kind == "duplicate":
        return f"{item.detail['first_id']} {item.detail['second_id']}"
    return str(item.detail.get("article_id", item.key))


def _edit(args: argparse.Namespace, db: Path, who: str) -> int | list[int]:
    command = args.command
    if command == "edit":
        changes = _changes(args)
        if not changes:
            raise CurationError("Say what to change (--title, --date, --outlet, ...).")
        return curation.edit_appearance(db, _key(db, args.appearance), changes, who, args.why)
    if command == "exclude":
        return curation.exclude(db, _key(db, args.appearance), args.why, who)
    if command == "include":
        return curation.include(db, _key(db, args.appearance), who, args.why)
    if command == "add":
        article = Article(
            title=args.title,
            outlet=args.outlet,
            date=dt.date.fromisoformat(args.date) if _date(args.date) else None,
            experts=[ExpertMention(*_mention(text)) for text in args.expert or ()],
            tags=list(args.topic or ()),
            language=args.language,
            url=args.url,
            kind=args.kind or "appearance",
        )
        return curation.add_by_hand(db, article, who, load_organisation(args.org), args.why)
    if command == "merge":
        return curation.merge(db, args.kind, args.gone, args.kept, who, args.why)
    if command == "confirm":
        return curation.confirm_expert(db, args.expert, who, args.role, args.programme, args.why)
    if command == "outlet":
        values = {
            name: value
            for name, value in (
                ("media_type", args.media_type),
                ("country", args.country),
                ("language", args.language),
                ("tier", args.tier),
            )
            if value is not None
        }
        if args.confirm:
            values["confirmed"] = True
        return curation.set_outlet(db, args.outlet, who, args.why, **values)
    if command == "rename-topic":
        return curation.rename_topic(db, args.topic, args.name, who, args.why)
    if command == "checked":
        return curation.mark_checked(db, _key(db, args.appearance), args.item, who, args.why)
    if command == "not-duplicate":
        first, second = _key(db, args.first), _key(db, args.second)
        return curation.not_duplicates(db, first, second, who, args.why)
    if command == "undo":
        return curation.undo(db, args.edit, who, args.why)
    raise AssertionError(command)


# ---------- a spreadsheet of corrections

APPLY_COLUMNS = ("action", "record", "value", "why")
FIELD_ACTIONS = {  # action -> the appearance field it sets from `value`
    "title": "title",
    "date": "published",
    "outlet": "outlet",
    "url": "url",
    "kind": "kind",
    "language": "language",
}


def apply_row(db: Path, who: str, row: dict[str, str]) -> int | list[int]:
    """One row of a corrections spreadsheet as one edit."""
    action = (row.get("action") or "").strip().lower()
    record, value, why = (row.get(c) or "" for c in ("record", "value", "why"))
    if action in FIELD_ACTIONS:
        field = FIELD_ACTIONS[action]
        wanted = _date(value) if field == "published" else value
        return curation.edit_appearance(db, _key(db, record), {field: wanted}, who, why or None)
    if action == "experts":  # value: "Name=role; Name"
        mentions = [_mention(part) for part in value.split(";") if part.strip()]
        return curation.edit_appearance(db, _key(db, record), {"experts": mentions}, who, why)
    if action == "topics":
        topics = [part.strip() for part in value.split(";") if part.strip()]
        return curation.edit_appearance(db, _key(db, record), {"topics": topics}, who, why)
    if action == "exclude":
        return curation.exclude(db, _key(db, record), why or value, who)
    if action == "include":
        return curation.include(db, _key(db, record), who, why or None)
    if action in ("merge-outlet", "merge-expert", "merge-topic"):
        return curation.merge(db, action.removeprefix("merge-"), record, value, who, why or None)
    if action == "confirm":  # value: "role|programme"
        role, _, programme = value.partition("|")
        return curation.confirm_expert(db, record, who, role, programme, why or None)
    if action == "undo":
        if not record.strip().isdigit():
            raise CurationError(f"undo: {record!r} is not an edit number.")
        return curation.undo(db, int(record), who, why or None)
    raise CurationError(
        f"{action!r} is not an action: use {', '.join([*FIELD_ACTIONS, 'experts', 'topics'])},"
        " exclude, include, merge-outlet, merge-expert, merge-topic, confirm or undo."
    )


def apply_file(file: Path, db: Path, who: str, out: io.TextIOBase) -> int:
    """Every row of a corrections spreadsheet, each its own edit: a refused row is reported
    with its number and why, and the others are made."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"{file} cannot be read: {exc}.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not {"action", "record"} <= set(reader.fieldnames):
        raise CurationError(f"{file}: the first row must be the header {','.join(APPLY_COLUMNS)}.")
    refused = 0
    for number, row in enumerate(reader, start=2):
        try:
            made = apply_row(db, who, row)
        except (CurationError, StoreError) as exc:
            refused += 1
            print(f"{file}, row {number}: refused: {exc}", file=out)
            continue
        print(f"{file}, row {number}: edit {made}", file=out)
    return 1 if refused else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return run(args, sys.stdout)
    except (CurationError, StoreError, OrganisationError) as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # a date that is not one
        print(f"refused: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
