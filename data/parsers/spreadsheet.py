"""Clipping spreadsheets: CSV (any common delimiter and encoding) and XLSX, in any vendor's layout.

The header row is found among the top rows (a title, notes or blank rows may come first) and its
layout recognised from the registry (layouts.toml: Meltwater, Media Cloud, Talkwalker, GDELT,
Google Alerts, Cision, Muck Rack, or the usual English and French headers); anything else is
mapped explicitly, e.g. {"title": "Titre de l'article"} (`--map title="Titre de l'article"`).
One row is one appearance, or a social post (kind 'social', kept apart from press coverage). A
row that cannot be read is rejected with its row number (1 is the file's first row) and the
reason; the other rows still go in. Each value is read once per distinct cell of its column, and
each date column as a whole (data/parsers/dates.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from zoneinfo import ZoneInfo

from data.limits import Deadline, LimitExceeded
from data.model import Article, ExpertMention, InvalidArticle, validate
from data.organisation import alias_key
from data.parsers import cells
from data.parsers.common import Context
from data.parsers.dates import read_column
from data.parsers.layouts import FIELD_NAMES, Layout, header_score, recognise, registry
from data.parsers.sheet_file import FileForm, SpreadsheetError, read_rows
from data.parsers.sheet_report import FieldReading, SheetReport
from data.parsers.text import detect_language

SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".xlsx")
FIELDS = tuple(registry().generic.fields)  # the fields a column may be named for (--map)
HEADER_SCAN = 30  # rows at the top of a file the header row is looked for in
_SOCIAL_KIND = "social"
_QUOTED_FIELDS = ("date", "url", "outlet_domain", "reach")  # never quotes as content


@dataclass(frozen=True)
class RowReject:
    row_number: int  # 1 = the file's first row
    reason: str


@dataclass
class Sheet:
    articles: list[Article]
    rejects: list[RowReject]
    report: SheetReport


def parse_spreadsheet(
    data: bytes, source: str, ctx: Context, mapping: dict[str, str] | None = None
) -> tuple[list[Article], list[RowReject]]:
    """Articles from the good rows, and a reject (row number, reason) for each bad one."""
    sheet = read_spreadsheet(data, source, ctx, mapping)
    return sheet.articles, sheet.rejects


def read_spreadsheet(
    data: bytes, source: str, ctx: Context, mapping: dict[str, str] | None = None
) -> Sheet:
    """The file's appearances, its rejected rows and how it was read. A file over one of the
    limits (data.limits) is refused whole, with the limit named."""
    deadline, form = Deadline(), FileForm()
    try:
        rows = read_rows(data, source, deadline, form)
        return _Reading(rows, source, ctx, mapping, deadline, form).sheet()
    except LimitExceeded as exc:
        raise SpreadsheetError(str(exc)) from None


def find_header(
    rows: Iterator[list[str]], wanted: set[str] = frozenset()
) -> tuple[int, list[str], Iterator[tuple[int, list[str]]]]:
    """(its row number, the header row, the numbered rows after it). The header is the first of
    the top rows that holds two headers a layout reads (or a column --map names), else the one
    holding most, else the first row with anything in it."""
    numbered = enumerate(rows, start=1)
    top = list(itertools.islice(numbered, HEADER_SCAN))
    best: tuple[int, int] | None = None  # (score, position in top)
    first = None
    for at, (_, row) in enumerate(top):
        if not any(c.strip() for c in row):
            continue
        first = at if first is None else first
        score = header_score(row) + sum(1 for c in row if c and alias_key(c) in wanted)
        if score >= 2:
            best = (score, at)
            break
        if score and (best is None or score > best[0]):
            best = (score, at)
    if first is None:
        raise SpreadsheetError("no header row")
    at = best[1] if best else first
    number, header = top[at]
    return number, header, itertools.chain(top[at + 1 :], numbered)


class _Reading:
    """One file read: the header found, its layout, then the rows, each distinct value once."""

    def __init__(self, rows, source, ctx: Context, mapping, deadline: Deadline, form) -> None:
        self.source, self.ctx, self.deadline, self.form = source, ctx, deadline, form
        wanted = {alias_key(c) for c in (mapping or {}).values()}
        self.header_row, self.header, self.rows = find_header(rows, wanted)
        self.layout, self.columns = recognise(self.header)
        if mapping:
            self.columns = _mapped(self.header, self.columns, mapping)
        if not {"title", "outlet", "outlet_domain"} & set(self.columns):
            raise SpreadsheetError(
                "no headline or outlet column recognised in the header "
                f"({', '.join(h for h in self.header if h)}); name them with --map title=... "
                "outlet=..."
            )
        self.mapped = bool(mapping)
        self.zone = ctx.time_zone or ZoneInfo("UTC")

    # ---------- rows -> Articles

    def sheet(self) -> Sheet:
        needed = sorted({i for idxs in self.columns.values() for i in idxs})
        slot = {i: n for n, i in enumerate(needed)}
        take = itemgetter(*needed) if len(needed) > 1 else (lambda row: (row[needed[0]],))
        width = needed[-1] + 1
        records = []  # (row number, the cells of the columns read): no more of a row is kept
        for number, row in self.rows:
            if not any(row):
                continue
            got = (
                take(row)
                if len(row) >= width
                else tuple(row[i] if i < len(row) else "" for i in needed)
            )
            if not any(c.strip() for c in got) and not "".join(row).strip():
                continue
            records.append((number, got))
        if not records:
            raise SpreadsheetError("no rows under the header")
        slots = {f: [slot[i] for i in idxs] for f, idxs in self.columns.items()}
        report = self._report(len(records))
        read = _RowReader(self, slots, records, report)
        articles, rejects = [], []
        sample = None
        for number, got in records:
            self.deadline.check(f"row {number:,}: ")
            try:
                article = read.article(number, got)
            except InvalidArticle as exc:
                rejects.append(RowReject(number, str(exc)))
                continue
            articles.append(article)
            if sample is None:
                sample = (number, got, article)
        if sample is None:
            sample = (records[0][0], records[0][1], None)
        self._sample(report, slots, *sample)
        return Sheet(articles, rejects, report)

    # ---------- how it was read

    def _report(self, rows: int) -> SheetReport:
        used = {i for idxs in self.columns.values() for i in idxs}
        return SheetReport(
            source=self.source,
            layout=self.layout.name,
            form=str(self.form),
            header_row=self.header_row,
            rows=rows,
            left_out=[h.strip() for i, h in enumerate(self.header) if h.strip() and i not in used],
            date_means=self.layout.date_means,
            mapped=self.mapped,
        )

    def _sample(self, report: SheetReport, slots, number: int, got: tuple, article) -> None:
        report.sample_row = number
        for name in FIELD_NAMES:
            if name not in self.columns:
                continue
            raw = next((got[s].strip() for s in slots[name] if got[s].strip()), "")
            report.fields.append(
                FieldReading(
                    name,
                    [self.header[i].strip() for i in self.columns[name]],
                    self.layout.read.get(name, ""),
                    raw,
                    _shown(article, name) if article else "",
                )
            )
        if self.layout.people and article is not None:
            searched = [h for f in self.layout.people for h in _headers(self, f)]
            if searched:
                report.fields.append(
                    FieldReading(
                        "experts",
                        searched,
                        "the roster's names found in them",
                        "",
                        ", ".join(article.expert_names) or "(none)",
                    )
                )


def _headers(reading: _Reading, field: str) -> list[str]:
    return [reading.header[i].strip() for i in reading.columns.get(field, [])]


def _shown(article: Article, name: str) -> str:
    value = {
        "date": article.date.isoformat() if article.date else "(undated)",
        "experts": ", ".join(article.expert_names),
        "role": ", ".join(m.role for m in article.experts),
        "tags": "; ".join(article.tags),
        "source_type": "social post" if article.kind == _SOCIAL_KIND else "press",
    }.get(name)
    if value is None:
        value = getattr(article, name, None)
    return "" if value is None else str(value)


def _mapped(header: list[str], columns: dict[str, list[int]], mapping: dict[str, str]):
    """The recognised columns with those --map names put first (each column read once)."""
    keys = [alias_key(h) for h in header]
    columns = {f: list(idxs) for f, idxs in columns.items()}
    for field, wanted in mapping.items():
        if field not in FIELDS:
            raise SpreadsheetError(f"--map {field}=...: unknown field (one of {', '.join(FIELDS)})")
        if alias_key(wanted) not in keys:
            raise SpreadsheetError(f"--map {field}={wanted}: no column {wanted!r} in the header")
        index = keys.index(alias_key(wanted))
        for idxs in columns.values():
            if index in idxs:
                idxs.remove(index)
        columns[field] = [index]
    return {f: idxs for f, idxs in columns.items() if idxs}


class _RowReader:
    """Turns one row's cells into an Article, reading each distinct cell of a column once."""

    def __init__(self, reading: _Reading, slots, records, report: SheetReport) -> None:
        self.ctx = reading.ctx
        self.layout: Layout = reading.layout
        self.slots = slots
        self.report = report
        self.social = registry().social
        self.caches: dict[str, dict] = {}
        self.days = self._dates(reading, records)
        self.first_line = self.layout.read.get("title") == "first line"
        self.domains = self.layout.read.get("outlet_domain") == "domain"
        self.people = self.layout.people
        self.roster_words = _roster_words(self.ctx) if self.people else frozenset()

    def _dates(self, reading: _Reading, records) -> list[dict[str, object]]:
        """Per date column (by slot), each raw cell -> its day; a column read as a whole."""
        columns = []
        for slot, index in zip(
            self.slots.get("date", []), reading.columns.get("date", []), strict=True
        ):
            raw = {got[slot] for _, got in records}
            clean = {r: cells.unquoted(r.strip()) for r in raw}
            days, report = read_column(
                (c for c in clean.values() if c),
                reading.zone,
                column=reading.header[index].strip(),
                hint=self.layout.dates,
                assume_zone=self.layout.zone,
                vendor=self.layout.name,
                today=self.ctx.today,
            )
            if report.values:
                self.report.dates.append(report)
            columns.append({r: days.get(c) for r, c in clean.items() if c})
        return columns

    def _cached(self, name: str, raw: str, read: Callable[[str], object]):
        cache = self.caches.setdefault(name, {})
        try:
            value = cache[raw]
        except KeyError:
            try:
                value = read(raw.strip())
            except InvalidArticle as exc:
                value = exc
            cache[raw] = value
        if isinstance(value, InvalidArticle):
            raise value
        return value

    def _cell(self, got: tuple, name: str) -> str:
        """The first non-empty cell of the field's columns, as written ('' if none)."""
        for slot in self.slots.get(name, ()):
            if got[slot] and not got[slot].isspace():
                return got[slot]
        return ""

    def article(self, number: int, got: tuple) -> Article:
        cell = self._cell
        date = self._date(got)
        title = summary = ""
        raw_title = cell(got, "title")
        if raw_title:
            if self.first_line:
                title, rest = cells.first_line(raw_title)
                summary = rest
            else:
                title = cells.text(raw_title)
        raw_summary = cell(got, "summary")
        if raw_summary:
            summary = cells.text(raw_summary)
        outlet = self._cached("outlet", cell(got, "outlet"), cells.text)
        url = cells.unquoted(cell(got, "url").strip())
        domain = self._cached("outlet_domain", cell(got, "outlet_domain"), self._domain)
        types = [cell(got, "source_type"), cell(got, "media_type")]
        platform = self._cached(
            "platform",
            f"{outlet}\x00{types[0]}\x00{types[1]}",
            lambda _: self.social.platform(outlet, types, ""),
        )
        if platform is None and url:
            platform = self.social.platform("", (), url)
        if platform is not None:
            self.report.social[platform] += 1
            if not title and not outlet:
                outlet = platform or ""
        if not title and not outlet:
            raise InvalidArticle("no headline and no outlet")
        language = self._cached("language", cell(got, "language"), cells.language)
        article = Article(
            title=title or None,
            outlet=outlet or None,
            date=date,
            experts=self._experts(got, title, summary),
            tags=list(self._cached("tags", cell(got, "tags"), _tags)),
            language=language or detect_language(title),
            url=url or None,
            kind=_SOCIAL_KIND if platform is not None else "appearance",
            summary=summary or None,
            reach=self._cached("reach", cells.unquoted(cell(got, "reach").strip()), cells.reach),
            media_type=self._cached("media_type", cell(got, "media_type"), cells.media_type),
            country=self._cached("country", cell(got, "country"), cells.country),
            outlet_domain=domain,
            source=self.report.source,
            source_format="spreadsheet",
            row_number=number,
        )
        return validate(article, self.ctx.today)

    def _date(self, got: tuple):
        failed = None
        for slot, days in zip(self.slots.get("date", ()), self.days, strict=True):
            raw = got[slot]
            day = days.get(raw)
            if day is not None:
                return day
            if raw.strip() and failed is None:
                failed = raw.strip()
        if failed:
            raise InvalidArticle(f"date {failed!r} is not a full date (day, month, year)")
        return None

    def _domain(self, cell: str) -> str | None:
        cell = cells.unquoted(cell)
        return cells.domain(cell) if self.domains else (cell.lower() or None)

    def _experts(self, got: tuple, title: str, summary: str) -> list[ExpertMention]:
        if not self.people:
            role = self._cell(got, "role").strip().lower() or "quoted"
            found = self._cached(
                "experts",
                f"{self._cell(got, 'experts')}\x00{role}",
                lambda key: _named(key.partition("\x00")[0], self.ctx, role),
            )
            return list(found)
        texts = {"title": title, "summary": summary}
        text = " ".join(texts.get(f, "") for f in self.people)
        if not self.roster_words.intersection(_WORDS.findall(text.casefold())):
            return []
        return [ExpertMention(name, "quoted") for name in self.ctx.roster.find(text)]


_WORDS = re.compile(r"[^\W\d_]{3,}")


def _roster_words(ctx: Context) -> frozenset[str]:
    """The words of every roster spelling, as a text writes them (casefolded, with or without
    accents): a row whose text has none of them names no one of the roster."""
    words = set()
    for key, name in ctx.roster.full.items():
        words.update(w for w in key.split() if len(w) >= 3)
        words.update(_WORDS.findall(name.casefold()))
    words.update(s for s in ctx.roster.surnames if len(s) >= 3)
    return frozenset(words)


def _named(cell: str, ctx: Context, role: str) -> tuple[ExpertMention, ...]:
    names = [n.strip() for n in re.split(r"[;|,/]|\s+(?:and|et|&)\s+", cell) if n.strip()]
    found = []
    for name in names:
        known = ctx.roster.canonical(name)
        found.append(ExpertMention(known or name, role, in_roster=bool(known)))
    return tuple(found)


def _tags(cell: str) -> list[str]:
    return [t.strip() for t in re.split(r"[;|,]", cells.text(cell)) if t.strip()]
