"""Import "in the media" pages and clipping spreadsheets into the store.

Command line:

    python -m data.ingest [--db PATH] [--org DIR] [--dry-run] [--json] [--map FIELD=COLUMN] PATH...

PATHs are files or folders (read recursively: .txt, .md, .html, .htm, .csv, .tsv, .xlsx). Without
--dry-run the whole run is one transaction (`data.store.write_batch`): a failed or killed import
leaves the store exactly as it was. Exit status: 0 all went in, 1 something was rejected (the
summary names each file and row and why), 2 usage error. `--dry-run --json` writes nothing and
prints one JSON object per extracted appearance.

From the Import page:

    >>> plan = plan_import([("in-the-media.html", raw_bytes)], read_only_con, org)
    >>> len(plan.new), len(plan.duplicates), plan.rejected      # what would happen, no writes
    >>> summary = apply_import(plan, db_path)                    # one transaction
    >>> summary.n_new, summary.n_duplicate, summary.n_rejected

Files larger than MAX_FILE_BYTES (20 MB, the Import page's upload cap) are rejected, not read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from data.limits import LimitExceeded
from data.model import Article, InvalidArticle, validate
from data.organisation import (
    Organisation,
    alias_key,
    load_organisation,
    slugify,
    upsert_reference,
)
from data.parsers import PAGE_SUFFIXES, Context, parse_page
from data.parsers.spreadsheet import (
    FIELDS,
    SPREADSHEET_SUFFIXES,
    SpreadsheetError,
    parse_spreadsheet,
)
from data.parsers.text import MAX_FILE_BYTES, decode, looks_binary
from data.resolve import dedupe_key, normalise_title
from data.store import StoreError, db_path, next_id, open_read_only, write_batch

SUFFIXES = PAGE_SUFFIXES + SPREADSHEET_SUFFIXES
NO_OUTLET = "Outlet not stated"
log = logging.getLogger(__name__)  # the outlet of an appearance whose source names none


@dataclass(frozen=True)
class Reject:
    source: str
    row_number: int | None  # spreadsheet row (1 = header); None for a whole file
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}, row {self.row_number}" if self.row_number else self.source
        return f"{where}: {self.reason}"


@dataclass
class Planned:
    """One extracted appearance, resolved against the organisation and the store."""

    article: Article
    outlet: str  # canonical name, or as written when new
    outlet_known: bool
    key: str  # articles.dedupe_key
    duplicate_of: str | None = None  # 'the store' or the source already seen in this import
    order: int = 0  # position among the appearances read


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

    @property
    def extracted(self) -> list[Planned]:
        """Every appearance read, in file order, duplicates included."""
        return sorted(self.new + self.duplicates, key=lambda p: p.order)


@dataclass
class RunSummary:
    run_id: int
    n_new: int
    n_duplicate: int
    n_rejected: int
    rejected: list[Reject]
    new_experts: list[str]
    new_outlets: list[str]

    def __str__(self) -> str:
        run = f"import {self.run_id}" if self.run_id else "nothing imported"
        lines = [
            f"{run}: {self.n_new} new, {self.n_duplicate} duplicates, {self.n_rejected} rejected"
        ]
        lines += [f"  rejected  {reject}" for reject in self.rejected]
        lines += [f"  new expert to confirm: {name}" for name in self.new_experts]
        lines += [f"  new outlet to confirm: {name}" for name in self.new_outlets]
        return "\n".join(lines)


# ---------- reading files


def extract(
    files: Iterable[tuple[str, bytes]], ctx: Context, mapping: dict[str, str] | None = None
) -> tuple[list[Article], list[Reject]]:
    """Every valid Article in the files, and a Reject for each file or row that cannot go in."""
    articles: list[Article] = []
    rejects: list[Reject] = []
    for name, data in files:
        try:
            found, refused = _extract_file(name, data, ctx, mapping)
        except LimitExceeded as exc:  # a page past a reader's limit (data/limits.py)
            found, refused = [], [Reject(name, None, str(exc))]
        except Exception:  # a layout no parser foresaw must not cost the other files
            log.exception("reading %s failed", name)
            found, refused = (
                [],
                [Reject(name, None, "this file could not be read (unexpected layout)")],
            )
        articles += found
        rejects += refused
    return articles, rejects


def _extract_file(
    name: str, data: bytes, ctx: Context, mapping: dict[str, str] | None
) -> tuple[list[Article], list[Reject]]:
    if len(data) > MAX_FILE_BYTES:
        return [], [Reject(name, None, f"file is larger than {MAX_FILE_BYTES // 2**20} MB")]
    suffix = Path(name).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        try:
            rows, bad_rows = parse_spreadsheet(data, name, ctx, mapping)
        except SpreadsheetError as exc:
            return [], [Reject(name, None, str(exc))]
        return rows, [Reject(name, r.row_number, r.reason) for r in bad_rows]
    if suffix not in PAGE_SUFFIXES:
        return [], [Reject(name, None, f"not a page or spreadsheet ({', '.join(SUFFIXES)})")]
    if looks_binary(data):
        return [], [
            Reject(name, None, "not a text page (binary data: an image, a PDF, an archive?)")
        ]
    found = parse_page(decode(data), name, ctx)
    if not found:
        return [], [Reject(name, None, "no media appearance found in this page")]
    articles, rejects = [], []
    for article in found:
        try:
            articles.append(validate(article, ctx.today))
        except InvalidArticle as exc:
            rejects.append(Reject(name, None, f"{article.title or 'untitled item'}: {exc}"))
    return articles, rejects


def read_paths(paths: Iterable[str | Path]) -> list[tuple[str, bytes]]:
    """(name, bytes) of each file, folders walked recursively in name order."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            found = [path]
        for file in found:
            with open(file, "rb") as handle:  # never more than the cap: a larger file is refused
                files.append((str(file), handle.read(MAX_FILE_BYTES + 1)))
    return files


# ---------- planning (no writes)


@dataclass
class _Seen:
    """An appearance already met (in the store or earlier in this import), by its byline."""

    source: str
    title: str | None  # normalised headline; None for a byline-only record
    key: str
    planned: Planned | None = None  # None when it is in the store


def _title_key(title: str | None) -> str | None:
    return normalise_title(title) if title else None


@dataclass
class _StoreView:
    """What the store already holds that an import must respect."""

    keys: set[str] = field(default_factory=set)
    bylines: dict[tuple[str, dt.date, frozenset[str]], _Seen] = field(default_factory=dict)
    outlet_aliases: dict[str, str] = field(default_factory=dict)  # alias key -> name
    expert_aliases: dict[str, str] = field(default_factory=dict)


def _store_names(con: duckdb.DuckDBPyConnection | None) -> _StoreView:
    """The outlet and expert spellings the store knows (from the reference and past imports)."""
    view = _StoreView()
    if con is None:
        return view
    cur = con.cursor()
    view.outlet_aliases = dict(
        cur.execute(
            "SELECT alias_key, name FROM outlet_aliases JOIN outlets USING (outlet_id)"
        ).fetchall()
    )
    view.expert_aliases = dict(
        cur.execute(
            "SELECT alias_key, name FROM expert_aliases JOIN experts USING (expert_id)"
        ).fetchall()
    )
    return view


def _store_matches(
    con: duckdb.DuckDBPyConnection | None, planned: list[Planned], view: _StoreView
) -> None:
    """The stored appearances these records may repeat: same key, or same date (for bylines).
    Only those are read, so planning costs the same against a store of any size."""
    if con is None or not planned:
        return
    cur = con.cursor()
    view.keys = {
        key
        for (key,) in cur.execute(
            "SELECT dedupe_key FROM articles WHERE dedupe_key IN (SELECT unnest(?))",
            [[p.key for p in planned]],
        ).fetchall()
    }
    bylines = {b for b in map(_byline_key, planned) if b}
    if not bylines:
        return
    # the stored appearances with the same outlet, date and experts as a record of this import
    rows = cur.execute(
        "WITH batch AS (SELECT unnest($slug) AS slug, unnest($day) AS day,"
        "                      unnest($people) AS people),"
        " stored AS (SELECT o.slug, a.published AS day, a.title, a.dedupe_key,"
        "                   list_sort(list(e.slug)) AS people"
        "            FROM articles a JOIN outlets o USING (outlet_id)"
        "            SEMI JOIN batch b ON b.slug = o.slug AND b.day = a.published"
        "            JOIN article_experts ae USING (article_id) JOIN experts e USING (expert_id)"
        "            GROUP BY a.article_id, o.slug, a.published, a.title, a.dedupe_key)"
        " SELECT s.slug, s.day, s.title, s.dedupe_key, s.people FROM stored s"
        " SEMI JOIN batch b ON b.slug = s.slug AND b.day = s.day AND b.people = s.people",
        {
            "slug": [b[0] for b in bylines],
            "day": [b[1] for b in bylines],
            "people": [sorted(b[2]) for b in bylines],
        },
    ).fetchall()
    for slug, day, title, key, people in rows:
        view.bylines[(slug, day, frozenset(people))] = _Seen("the store", _title_key(title), key)


def _byline_key(p: Planned) -> tuple[str, dt.date, frozenset[str]] | None:
    """A print page shows the byline without the headline: the same appearance as the article
    page when outlet, date and experts agree."""
    if p.article.date is None or not p.article.experts:
        return None
    people = frozenset(slugify(name) for name in p.article.expert_names)
    return (slugify(p.outlet), p.article.date, people)


def plan_import(
    files: list[tuple[str, bytes]],
    con_read_only: duckdb.DuckDBPyConnection | None,
    org: Organisation,
    mapping: dict[str, str] | None = None,
    today: dt.date | None = None,
) -> ImportPlan:
    """What an import of these files would add, skip as duplicate and reject. Writes nothing."""
    ctx = Context.for_organisation(org, today)
    articles, rejects = extract(files, ctx, mapping)
    view = _store_names(con_read_only)
    resolved = [_resolve(article, ctx, view) for article in articles]
    _store_matches(con_read_only, resolved, view)
    plan = ImportPlan(org=org, sources=[name for name, _ in files], rejected=rejects)
    seen_keys: dict[str, str] = {key: "the store" for key in view.keys}
    seen_bylines: dict[tuple[str, dt.date, frozenset[str]], _Seen] = dict(view.bylines)
    for order, planned in enumerate(resolved):
        article = planned.article
        planned.order = order
        byline = _byline_key(planned)
        earlier = seen_bylines.get(byline) if byline else None
        if planned.key in seen_keys:
            planned.duplicate_of = seen_keys[planned.key]
        elif earlier and _same_piece(earlier, planned):
            planned.duplicate_of = earlier.source
            if earlier.title is None and article.title:  # the headline the first copy lacked
                if earlier.planned is None:
                    plan.headlines.append((earlier.key, planned))
                else:  # keep this copy instead of the earlier, headline-less one
                    plan.new.remove(earlier.planned)
                    earlier.planned.duplicate_of = article.source
                    plan.duplicates.append(earlier.planned)
                    planned.duplicate_of = None
        if planned.duplicate_of:
            plan.duplicates.append(planned)
            continue
        seen_keys[planned.key] = article.source
        if byline:
            seen_bylines[byline] = _Seen(
                article.source, _title_key(article.title), planned.key, planned
            )
        plan.new.append(planned)
    new_experts: dict[str, str] = {}
    new_outlets: dict[str, str] = {}
    for planned in plan.new:
        if not planned.outlet_known and planned.outlet != NO_OUTLET:
            new_outlets.setdefault(alias_key(planned.outlet), planned.outlet)
        for mention in planned.article.experts:
            if not mention.in_roster and alias_key(mention.name) not in view.expert_aliases:
                new_experts.setdefault(alias_key(mention.name), mention.name)
    plan.new_experts = sorted(new_experts.values())
    plan.new_outlets = sorted(new_outlets.values())
    return plan


def _same_piece(earlier: _Seen, planned: Planned) -> bool:
    """Same outlet, date and experts: one appearance, unless two different headlines say these
    are two pieces."""
    title = _title_key(planned.article.title)
    return earlier.title is None or title is None or earlier.title == title


def _resolve(article: Article, ctx: Context, view: _StoreView) -> Planned:
    known = ctx.outlets.resolve(article.outlet) or (
        None if article.outlet else ctx.outlets.from_logo(article.logo)
    )
    if known:
        outlet, outlet_known = known.name, True
    elif article.outlet:
        stored = view.outlet_aliases.get(alias_key(article.outlet))
        outlet, outlet_known = (stored, True) if stored else (article.outlet.strip(), False)
    else:
        outlet, outlet_known = NO_OUTLET, True
    key = dedupe_key(
        article.url,
        slugify(outlet),
        article.date,
        article.title,
        article.expert_names,
        article.summary,
    )
    return Planned(article, outlet, outlet_known, key)


# ---------- applying (one transaction)


def apply_import(
    plan: ImportPlan, db_path: str | Path | None = None, origin: str = "import-page"
) -> RunSummary:
    """Write the plan's new appearances, and the run and its rejects, in one transaction.

    A plan with nothing to add or count (every file refused) writes nothing at all: a refused
    import leaves the store byte for byte as it was. Its summary has run_id 0.
    """
    if not plan.new and not plan.duplicates:
        return RunSummary(0, 0, 0, len(plan.rejected), plan.rejected, [], [])
    started = dt.datetime.now()
    with write_batch(db_path) as con:
        upsert_reference(con, plan.org)
        run_id = next_id(con, "ingest_runs", "run_id")
        con.execute(
            "INSERT INTO ingest_runs (run_id, started_at, origin, sources) VALUES (?, ?, ?, ?)",
            [run_id, started, origin, "\n".join(plan.sources)],
        )
        # the store may have changed since the plan was made
        stored = {
            key
            for (key,) in con.execute(
                "SELECT dedupe_key FROM articles WHERE dedupe_key IN (SELECT unnest(?))",
                [[p.key for p in plan.new]],
            ).fetchall()
        }
        fresh = [p for p in plan.new if p.key not in stored]
        _insert_articles(con, fresh, run_id)
        for stored_key, copy in plan.headlines:
            con.execute(
                "UPDATE articles SET title = $title, url = coalesce(url, $url), dedupe_key = $key"
                " WHERE dedupe_key = $stored AND title IS NULL"
                " AND $key NOT IN (SELECT dedupe_key FROM articles)",
                {
                    "title": copy.article.title,
                    "url": copy.article.url,
                    "key": copy.key,
                    "stored": stored_key,
                },
            )
        for r in plan.rejected:
            con.execute(
                "INSERT INTO ingest_rejects VALUES (?, ?, ?, ?)",
                [run_id, r.source, r.row_number, r.reason],
            )
        n_duplicate = len(plan.duplicates) + len(stored)
        con.execute(
            "UPDATE ingest_runs SET finished_at = ?, n_new = ?, n_duplicate = ?, n_rejected = ?"
            " WHERE run_id = ?",
            [dt.datetime.now(), len(fresh), n_duplicate, len(plan.rejected), run_id],
        )
    return RunSummary(
        run_id,
        len(fresh),
        n_duplicate,
        len(plan.rejected),
        plan.rejected,
        plan.new_experts,
        plan.new_outlets,
    )


def _insert_articles(con: duckdb.DuckDBPyConnection, fresh: list[Planned], run_id: int) -> None:
    """All rows of one import in three statements: one statement per row is ~100x slower for a
    clipping export of thousands of rows. Each column travels as one bound list, unnested."""
    if not fresh:
        return
    outlet_ids = _outlet_ids(con, fresh)
    expert_ids = _expert_ids(con, [m.name for p in fresh for m in p.article.experts])
    tag_ids = _tag_ids(con, [t for p in fresh for t in p.article.tags])
    first = next_id(con, "articles", "article_id")
    ids = list(range(first, first + len(fresh)))
    a = [p.article for p in fresh]
    con.execute(
        "INSERT INTO articles (article_id, title, outlet_id, published, language, url, summary,"
        " kind, source_file, source_format, ingest_run_id, dedupe_key, reach)"
        " SELECT unnest($id), unnest($title), unnest($outlet), unnest($published),"
        " unnest($language), unnest($url), unnest($summary), unnest($kind), unnest($file),"
        " unnest($format), $run, unnest($key), unnest($reach)",
        {
            "id": ids,
            "title": [x.title for x in a],
            "outlet": [outlet_ids[p.outlet] for p in fresh],
            "published": [x.date for x in a],
            "language": [x.language for x in a],
            "url": [x.url for x in a],
            "summary": [x.summary for x in a],
            "kind": [x.kind for x in a],
            "file": [x.source for x in a],
            "format": [x.source_format for x in a],
            "run": run_id,
            "key": [p.key for p in fresh],
            "reach": [x.reach for x in a],
        },
    )
    people = {
        (article_id, expert_ids[alias_key(m.name)]): m.role
        for article_id, x in zip(ids, a, strict=True)
        for m in reversed(x.experts)  # the first mention's role wins
    }
    if people:
        con.execute(
            "INSERT INTO article_experts SELECT unnest($article), unnest($expert), unnest($role)",
            {
                "article": [k[0] for k in people],
                "expert": [k[1] for k in people],
                "role": list(people.values()),
            },
        )
    topics = {
        (article_id, tag_ids[slugify(t)])
        for article_id, x in zip(ids, a, strict=True)
        for t in x.tags
    }
    if topics:
        con.execute(
            "INSERT INTO article_tags SELECT unnest($article), unnest($tag)",
            {"article": [k[0] for k in topics], "tag": [k[1] for k in topics]},
        )


def _outlet_ids(con: duckdb.DuckDBPyConnection, fresh: list[Planned]) -> dict[str, int]:
    """Outlet name -> id; an outlet the store has never seen is added, unconfirmed."""
    ids: dict[str, int] = {}
    for planned in fresh:
        if planned.outlet in ids:
            continue
        row = con.execute(
            "SELECT outlet_id FROM outlet_aliases WHERE alias_key = ?"
            " UNION ALL SELECT outlet_id FROM outlets WHERE slug = ? LIMIT 1",
            [alias_key(planned.outlet), slugify(planned.outlet)],
        ).fetchone()
        if row is None:
            row = (next_id(con, "outlets", "outlet_id"),)
            con.execute(
                "INSERT INTO outlets (outlet_id, slug, name, media_type, country, language,"
                " confirmed) VALUES (?, ?, ?, ?, ?, NULL, ?)",
                [
                    row[0],
                    slugify(planned.outlet),
                    planned.outlet,
                    planned.article.media_type,
                    planned.article.country,
                    planned.outlet == NO_OUTLET,  # nothing to confirm about a missing outlet
                ],
            )
            con.execute(
                "INSERT OR REPLACE INTO outlet_aliases VALUES (?, ?)",
                [alias_key(planned.outlet), row[0]],
            )
        ids[planned.outlet] = row[0]
    return ids


def _expert_ids(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, int]:
    """Alias key -> id; someone not in the roster is added, unconfirmed."""
    ids: dict[str, int] = {}
    for name in names:
        key = alias_key(name)
        if key in ids:
            continue
        row = con.execute(
            "SELECT expert_id FROM expert_aliases WHERE alias_key = ?"
            " UNION ALL SELECT expert_id FROM experts WHERE slug = ? LIMIT 1",
            [key, slugify(name)],
        ).fetchone()
        if row is None:
            row = (next_id(con, "experts", "expert_id"),)
            con.execute(
                "INSERT INTO experts (expert_id, slug, name, confirmed) VALUES (?, ?, ?, false)",
                [row[0], slugify(name), name],
            )
            con.execute("INSERT OR REPLACE INTO expert_aliases VALUES (?, ?)", [key, row[0]])
        ids[key] = row[0]
    return ids


def _tag_ids(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, int]:
    """Tag slug -> id, new tags added."""
    ids: dict[str, int] = {}
    for name in names:
        slug = slugify(name)
        if slug in ids:
            continue
        row = con.execute("SELECT tag_id FROM tags WHERE slug = ?", [slug]).fetchone()
        if row is None:
            row = (next_id(con, "tags", "tag_id"),)
            con.execute("INSERT INTO tags VALUES (?, ?, ?)", [row[0], slug, name])
        ids[slug] = row[0]
    return ids


# ---------- command line


def as_json(planned: Planned) -> dict:
    a = planned.article
    return {
        "source": a.source,
        "title": a.title,
        "outlet": None if planned.outlet == NO_OUTLET else planned.outlet,
        "date": a.date.isoformat() if a.date else None,
        "experts": a.expert_names,
        "tags": a.tags,
        "language": a.language,
        "url": a.url,
        "kind": a.kind,
        "duplicate": planned.duplicate_of is not None,
    }


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field_name, sep, column = pair.partition("=")
        if not sep or not field_name.strip() or not column.strip():
            raise ValueError(f"--map {pair!r}: write it as FIELD=COLUMN, e.g. title=Titre")
        if field_name.strip() not in FIELDS:
            raise ValueError(f"--map {pair!r}: FIELD is one of {', '.join(FIELDS)}")
        mapping[field_name.strip()] = column.strip()
    return mapping


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.ingest",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    parser.add_argument(
        "--org", help="organisation folder (default: $PRESSWATCH_ORG or data/reference)"
    )
    parser.add_argument("--dry-run", action="store_true", help="read and report, write nothing")
    parser.add_argument("--json", action="store_true", help="one JSON object per appearance")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="spreadsheet column for a field, e.g. --map title=Titre",
    )
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        parser.print_usage(sys.stderr)
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        mapping = _mapping(args.map)
        org = load_organisation(args.org)
    except (ValueError, OSError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    files = read_paths(args.paths)
    con = None
    if db_path(args.db).exists():
        try:
            con = open_read_only(args.db)
        except StoreError:
            con = None  # an older schema: the import migrates it; nothing to compare against
    try:
        plan = plan_import(files, con, org, mapping)
    finally:
        if con is not None:
            con.close()
    if args.dry_run:
        if args.json:
            for planned in plan.extracted:
                print(json.dumps(as_json(planned), ensure_ascii=False))
        else:
            print(
                f"dry run: {len(plan.new)} new, {len(plan.duplicates)} duplicates, "
                f"{len(plan.rejected)} rejected"
            )
        for reject in plan.rejected:
            print(f"rejected  {reject}", file=sys.stderr)
        return 1 if plan.rejected else 0
    summary = apply_import(plan, args.db, origin="cli")
    print(json.dumps(summary.__dict__, default=str) if args.json else str(summary))
    return 1 if summary.n_rejected else 0


if __name__ == "__main__":
    raise SystemExit(main())
